import type { ModuleMatch } from '../../model/ruleset.ts'
import type { Owner, Pkt } from '../engine/packet.ts'
import { clause, optionText, undecidable, type ClauseHead } from './clause.ts'
import { NO, YES, type Clause } from './compiled.ts'
import { parseIdRange } from './decode.ts'

/**
 * xt_owner, option by option (the kernel's combined test is the conjunction of these):
 * no socket → an option matches only when negated; a kernel socket without a file (RST and ICMP replies) satisfies
 * `--socket-exists` and the negated uid/gid options only; otherwise the file's fsuid/fsgid (and, with
 * `--suppl-groups`, the supplementary groups) are compared.
 */
export function compileOwner(m: ModuleMatch): Clause[] {
  const suppl = m.options.some((o) => o.name === '--suppl-groups')
  const out: Clause[] = []
  for (const o of m.options) {
    if (o.name === '--suppl-groups') continue
    const head: ClauseHead = { text: optionText('owner', o.name, o.negated, o.args), module: 'owner', option: o.name, negated: o.negated, expected: o.args[0] ?? '' }
    const inv = o.negated
    if (o.name === '--socket-exists') {
      out.push(clause(head, (p: Pkt) => ((p.owner !== null) !== inv ? YES : NO), (p: Pkt) => describeOwner(p.owner)))
      continue
    }
    if (o.name !== '--uid-owner' && o.name !== '--gid-owner') {
      out.push(undecidable(head, `owner option ${o.name} is not simulated`))
      continue
    }
    const r = parseIdRange(o.args[0] ?? '')
    if (!r) {
      out.push(undecidable(head, `"${o.args[0] ?? ''}" is a user or group name; the pod's /etc/passwd is unknown`))
      continue
    }
    const { from, to } = r
    const isGid = o.name === '--gid-owner'
    const test = (p: Pkt): 0 | 1 => {
      const w = p.owner
      if (w === null || w.kind === 'kernel') return inv ? YES : NO
      let hit: boolean
      if (!isGid) hit = w.uid >= from && w.uid <= to
      else {
        hit = w.gid >= from && w.gid <= to
        if (!hit && suppl) hit = w.groups.some((g) => g >= from && g <= to)
      }
      return hit !== inv ? YES : NO
    }
    out.push(clause(head, test, (p: Pkt) => describeOwner(p.owner)))
  }
  return out
}

function describeOwner(o: Owner | null): string {
  if (o === null) return 'no socket'
  if (o.kind === 'kernel') return 'kernel socket (no file)'
  return `uid ${o.uid} gid ${o.gid}${o.groups.length ? ` groups ${o.groups.join(',')}` : ''}`
}
