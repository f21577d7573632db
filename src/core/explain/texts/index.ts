import type { RoleId } from '../roles.ts'
import { DNS } from './dns.ts'
import { INBOUND } from './inbound.ts'
import { MISC } from './misc.ts'
import { OUTPUT_1_4 } from './output-1-4.ts'
import { OUTPUT_5_9 } from './output-5-9.ts'
import { OUTPUT_EXTRA } from './output-extra.ts'
import type { RoleText } from './text-types.ts'
import { TPROXY } from './tproxy.ts'

/** The curated text of every role. The type makes a role without text a compile error. */
export const ROLE_TEXTS: Readonly<Record<RoleId, RoleText>> = {
  ...OUTPUT_1_4,
  ...OUTPUT_5_9,
  ...OUTPUT_EXTRA,
  ...INBOUND,
  ...DNS,
  ...TPROXY,
  ...MISC,
}
