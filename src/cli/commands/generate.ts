import { parseArgs } from 'node:util'
import { hasErrors, type Diagnostic } from '../../core/model/diagnostic.ts'
import { flagsLayer, layersFromSources, setLayer } from '../../core/istio/config-input.ts'
import type { ConfigLayer } from '../../core/istio/config-model.ts'
import { fieldByName, goFieldName } from '../../core/istio/fields.ts'
import { OUTPUT_FORMATS, renderOutput, runIstioIptables, type OutputFormat } from '../../core/istio/istio-generate.ts'
import { resolveProfile } from '../../core/istio/profiles.ts'
import { readConfigText } from '../../core/istio/read-config-text.ts'
import { HOST_FACT_KEYS } from '../../core/istio/resolve-config.ts'
import { parseInput } from '../../core/parse/index.ts'
import { formatDiagnostic, UsageError, type CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: cli generate [--env FILE]… [--flags '…'] [--set FIELD=VALUE]… [--profile <latest|minor|patch>]
                    [--family 4|6] [--format restore|commands|save|clean|variables|sequence]

Prints the rules Istio's istio-iptables of the chosen version writes for a configuration.

  --env FILE        a config source: env file (sidecar.env, cluster.env), a log with Environment/Variables
                    blocks, an istio-iptables command line or istio-init args; - for standard input
  --flags '…'       an istio-iptables argument string, as the tool takes it (-p 15001 -u 1337 -i '*' -x "" -n)
  --set FIELD=VALUE a config field by its Go name (ProxyUID, OutboundIPRangesInclude, …), also the host facts
                    DNSServersV4/DNSServersV6 (comma lists), EnableIPv6 (1.9.4: EnableInboundIPv6), ProxyUserUID,
                    HostAddresses, ResolvConfNameservers
  --profile         latest (1.25+, the default), a minor such as 1.13 (its last patch) or a patch such as 1.11.3
  --family          4 (default) or 6
  --format          restore (default): the rules file; commands: one iptables line per rule; save: the kernel's
                    iptables-save after restoring; clean: the clean-up commands; variables: the log's
                    Environment/Variables blocks; sequence: what Istio's golden test of this version records

Sources apply in the order given; flags beat env vars as in the tool.
Exit status: 0 generated, 1 the tool would reject the configuration (its reason on standard error), 2 usage error.
`

const VALUE_OPTIONS = new Set(['--env', '--flags', '--set', '--profile', '--family', '--format'])

/** `--flags -p 15001` would be refused by parseArgs as ambiguous; an option's next word is its value here. */
function joinValues(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (VALUE_OPTIONS.has(a) && i + 1 < argv.length) {
      out.push(`${a}=${argv[i + 1] as string}`)
      i++
    } else out.push(a)
  }
  return out
}

function report(io: CliIO, diagnostics: readonly Diagnostic[], source: string): void {
  for (const d of diagnostics) io.err(`${source}:${formatDiagnostic(d)}`)
}

export const generateCommand: Command = {
  name: 'generate',
  summary: "generate the rules Istio's istio-iptables installs for a configuration, for any release 1.5 → latest",
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, tokens } = parseArgs({
      args: joinValues(argv),
      tokens: true,
      options: {
        env: { type: 'string', multiple: true },
        flags: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        profile: { type: 'string' },
        family: { type: 'string' },
        format: { type: 'string' },
      },
    })
    const family = values.family === undefined ? undefined : Number(values.family)
    if (family !== undefined && family !== 4 && family !== 6) throw new UsageError(`--family must be 4 or 6, got "${values.family}"`)
    const format = (values.format ?? 'restore') as OutputFormat
    if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${values.format}"`)
    const profileResult = resolveProfile(values.profile ?? 'latest')
    if (!profileResult.value) throw new UsageError(profileResult.diagnostics.map((d) => d.message).join('\n'))
    report(io, profileResult.diagnostics, '--profile')
    const profile = profileResult.value

    const layers: ConfigLayer[] = []
    const diagnostics: { source: string; list: Diagnostic[] }[] = []
    for (const t of tokens) {
      if (t.kind !== 'option' || t.value === undefined) continue
      if (t.name === 'env') {
        const text = await io.readInput(t.value)
        const parsed = parseInput(text)
        const found = layersFromSources(parsed.value.configSources, t.value)
        // Other findings of the paste parser (rules in a log, prose) are not this command's business.
        const configDiagnostics = parsed.diagnostics.filter((d) => d.code.startsWith('CFG'))
        const read = found.length > 0 ? { value: found, diagnostics: configDiagnostics } : readConfigText(text, t.value)
        layers.push(...read.value)
        diagnostics.push({ source: t.value, list: read.diagnostics })
      } else if (t.name === 'flags') {
        const read = flagsLayer(t.value, '--flags')
        layers.push(read.value)
        diagnostics.push({ source: '--flags', list: read.diagnostics })
      } else if (t.name === 'set') {
        const key = t.value.slice(0, Math.max(0, t.value.indexOf('=')))
        if (!t.value.includes('=') || (!fieldByName(key) && !Object.keys(HOST_FACT_KEYS).some((k) => k.toLowerCase() === key.toLowerCase()))) {
          throw new UsageError(`--set needs FIELD=VALUE with a config field name, got "${t.value}"`)
        }
        layers.push(setLayer([t.value], `--set ${key}`).value)
      }
    }
    const run = runIstioIptables(layers, profile)
    for (const d of diagnostics) report(io, d.list, d.source)
    report(io, run.diagnostics, `istio-iptables ${profile.name}`)
    if (hasErrors(run.diagnostics) || diagnostics.some((d) => hasErrors(d.list))) return 1
    const out = renderOutput(run.value, format, family)
    report(io, out.diagnostics, format)
    if (family === 6 && out.value.trim() === '' && (format === 'restore' || format === 'commands' || format === 'save')) {
      // An empty answer looks like a failure; say that this is what the tool does without IPv6.
      const ipv6 = fieldByName('EnableIPv6')
      const field = ipv6 ? goFieldName(ipv6, profile) : 'EnableIPv6'
      io.err(`note: IPv6 is off in this configuration, so istio-iptables ${profile.name} installs no ip6tables rules (--set ${field}=true to turn it on)\n`)
    }
    io.out(out.value)
    return 0
  },
}
