import { readFile } from 'node:fs/promises'

/** The CLI's window on the world; tests pass an in-memory one. */
export interface CliIO {
  out(text: string): void
  err(text: string): void
  /** Reads FILE, or standard input for `-`. */
  readInput(path: string): Promise<string>
}

export class UsageError extends Error {}

export function nodeIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readInput: async (path) => {
      if (path === '-') {
        const chunks: Buffer[] = []
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
        return Buffer.concat(chunks).toString('utf8')
      }
      try {
        return await readFile(path, 'utf8')
      } catch (e) {
        throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
      }
    },
  }
}

export function formatDiagnostic(d: { line: number; column: number; severity: string; code: string; message: string }): string {
  return `${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}\n`
}
