import { main } from './main.ts'
import { nodeIO } from './cli-io.ts'

main(process.argv.slice(2), nodeIO()).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 70
  },
)
