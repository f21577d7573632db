import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (src/bench/ is two levels down). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The app's examples, read as files: the bench measures the very texts the app ships. */
export const EXAMPLES_DIR = join(ROOT, 'src', 'examples')

/** Port of the bench's own `vite preview`; 4173 and 4175 belong to the e2e runs of the team. */
export const PREVIEW_PORT = 4180
