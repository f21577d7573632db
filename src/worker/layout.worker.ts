import { expose } from 'comlink'
import { layoutApi } from './layout-api.ts'

// elk.bundled installs its own self.onmessage dispatcher when loaded in a worker; comlink listens with
// addEventListener and never sends `cmd` messages, so the two do not interfere.
expose(layoutApi)
