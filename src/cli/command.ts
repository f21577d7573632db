import type { CliIO } from './cli-io.ts'

export interface Command {
  name: string
  /** One line for `cli --help`. */
  summary: string
  /** The full `cli <name> --help` text. */
  usage: string
  /** Returns the exit status: 0 understood, 1 errors in the input, 2 usage errors. */
  run(argv: string[], io: CliIO): Promise<number>
}
