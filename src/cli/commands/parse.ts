import { parseArgs } from 'node:util'
import { hasErrors } from '../../core/model/diagnostic.ts'
import type { Family } from '../../core/model/ruleset.ts'
import { CODES, parseInput } from '../../core/parse/index.ts'
import { printSave } from '../../core/print/print-save.ts'
import { formatDiagnostic, UsageError, type CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: npm run --silent cli -- parse [FILE|-] [--format save|json] [--family 4|6] [--sections] [--counters]

Reads any paste of iptables state or Istio configuration — iptables-save / ip6tables-save (with or without -c),
iptables-restore input, iptables -S, command lists, iptables -L listings, istio-init / istio-cni / journald logs,
env files, Environment/Variables blocks, istio-iptables command lines and args — damaged or not, and prints what it
understood. FILE defaults to standard input.

  --format save   (default) the resulting state per family, exactly as the kernel's iptables-save would print it
                  after restoring it; with both families, each is preceded by a "# IPv4"/"# IPv6" comment line
  --format json   the model: sections, rulesets, Istio configuration sources and diagnostics
  --family 4|6    only this family
  --sections      list what was found where instead: one line per section, "START-END form [vF] [table] label",
                  then one line per Istio configuration source
  --counters      with --format save: keep packet and byte counters (iptables-save -c)

Diagnostics go to standard error as LINE:COL: severity CODE message.
Exit status: 0 understood (warnings allowed), 1 errors reported or nothing recognised, 2 usage error.
`

export const parseCommand: Command = {
  name: 'parse',
  summary: 'read a paste (dump, listing, log, commands, Istio config) and print the resulting ruleset',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        family: { type: 'string' },
        sections: { type: 'boolean' },
        counters: { type: 'boolean' },
      },
    })
    if (positionals.length > 1) throw new UsageError(`one input at most, got ${positionals.length}`)
    const format = values.format ?? 'save'
    if (format !== 'save' && format !== 'json') throw new UsageError(`--format must be save or json, got "${format}"`)
    const familyText = values.family
    if (familyText !== undefined && familyText !== '4' && familyText !== '6') throw new UsageError(`--family must be 4 or 6, got "${familyText}"`)
    const only: Family | null = familyText === undefined ? null : (Number(familyText) as Family)

    const text = await io.readInput(positionals[0] ?? '-')
    const { value, diagnostics } = parseInput(text)
    for (const d of diagnostics) io.err(formatDiagnostic(d))
    const families = ([4, 6] as const).filter((f) => value.rulesets[f] && (only === null || f === only))

    if (values.sections) {
      for (const s of value.sections) {
        io.out(`${s.startLine}-${s.endLine} ${s.form}${s.family ? ` v${s.family}` : ''}${s.table ? ` ${s.table}` : ''}${s.label ? ` ${s.label}` : ''}${s.complete === false ? ' (incomplete)' : ''}\n`)
      }
      for (const c of value.configSources) io.out(`${c.startLine}-${c.endLine} config ${c.kind}${c.label ? ` ${c.label}` : ''}: ${c.entries.length} entries\n`)
    } else if (format === 'json') {
      const rulesets = Object.fromEntries(families.map((f) => [f, value.rulesets[f]]))
      // Each section's own snapshot is left out: the resulting rulesets say it once.
      const sections = value.sections.map(({ ruleset: _ruleset, ...rest }) => rest)
      io.out(JSON.stringify({ sections, rulesets, configSources: value.configSources, diagnostics }, null, 2) + '\n')
    } else {
      for (const f of families) {
        const ruleset = value.rulesets[f]
        if (!ruleset) continue
        if (families.length > 1) io.out(`# IPv${f}\n`)
        io.out(printSave(ruleset, { counters: values.counters === true }))
      }
    }
    const nothing = diagnostics.some((d) => d.code === CODES.nothingRecognised)
    return hasErrors(diagnostics) || nothing ? 1 : 0
  },
}
