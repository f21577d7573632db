import { parseArgs } from 'node:util'
import { parseSave } from '../../core/parse/parse-save.ts'
import { printSave } from '../../core/print/print-save.ts'
import { hasErrors } from '../../core/model/diagnostic.ts'
import { formatDiagnostic, type CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: cli parse [FILE|-]

Parses iptables state and prints it as canonical iptables-save text.
FILE defaults to standard input.
Diagnostics go to standard error as LINE:COL: severity CODE message.
Exit status: 0 understood (warnings allowed), 1 errors reported, 2 usage error.
`

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse a paste and print the resulting ruleset as iptables-save text',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} })
    if (positionals.length > 1) {
      io.err(usage)
      return 2
    }
    const text = await io.readInput(positionals[0] ?? '-')
    const { value, diagnostics } = parseSave(text)
    for (const d of diagnostics) io.err(formatDiagnostic(d))
    const ruleset = value.rulesets[4]
    if (ruleset) io.out(printSave(ruleset))
    return hasErrors(diagnostics) ? 1 : 0
  },
}
