import { UsageError, type CliIO } from './cli-io.ts'
import { main } from './main.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI as a terminal would, with files and standard input (`-`) served from memory; for tests. */
export async function runCliInMemory(argv: string[], files: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readInput: async (path) => {
      const text = files[path]
      if (text === undefined) throw new UsageError(`cannot read ${path}: ENOENT`)
      return text
    },
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
