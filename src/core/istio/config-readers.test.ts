import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { textLines } from './config-input.ts'
import { readEnvLines, readIstioIptablesArgs, readVariablesBlock } from './config-readers.ts'
import { FLAGS } from './flag-table.ts'
import { readConfigText } from './read-config-text.ts'

const inputs = new URL('../../fixtures/istio/inputs/', import.meta.url)
const input = (prefix: string): string => {
  const names = ['006-istio-1.5-initcontainers-yaml-istio-iptables-cmdline-missing-space.txt', '016-istio-1.12-istio-init-log-timestamped-running-command-iptables-save.txt', '018-istio-1.10-root-prompt-pilot-agent-istio-iptables-cmdline-env-vars-truncated.txt', '050-istio-cni-sidecar-mode-plugin-log-tab-fields-banner-truncated.txt', '067-istio-vm-cluster-env-istioctl-workload-entry-generated-quoted.txt']
  return readFileSync(new URL(names.find((n) => n.startsWith(prefix)) as string, inputs), 'utf8')
}

const env = (text: string) => readEnvLines(textLines(text))
const args = (text: string) => readIstioIptablesArgs(textLines(text))
const pairs = (entries: readonly { key: string; value: string }[]) => entries.map((e) => [e.key, e.value])

describe('readEnvLines', () => {
  it('reads sidecar.env/cluster.env syntax: export, quotes, comments, JSON values, empty values', () => {
    const text = [
      '# Environment variables used to configure istio startup',
      '# ISTIO_INBOUND_PORTS=80,8080',
      'export ISTIO_SERVICE_CIDR=*',
      "ISTIO_METAJSON_LABELS='{\"app\":\"x\"}'",
      'ISTIO_INBOUND_PORTS="8080,9090"  # the app ports',
      'ISTIO_LOCAL_EXCLUDE_PORTS=',
      "PROXY_CONFIG='line one",
      "line two'",
      'QUOTED="a \\"b\\" \\$c"',
      "MIXED='it'\\''s'",
      '   ',
    ].join('\n')
    const { value, diagnostics } = env(text)
    expect(diagnostics).toEqual([])
    expect(pairs(value)).toEqual([
      ['ISTIO_SERVICE_CIDR', '*'],
      ['ISTIO_METAJSON_LABELS', '{"app":"x"}'],
      ['ISTIO_INBOUND_PORTS', '8080,9090'],
      ['ISTIO_LOCAL_EXCLUDE_PORTS', ''],
      ['PROXY_CONFIG', 'line one\nline two'],
      ['QUOTED', 'a "b" $c'],
      ['MIXED', "it's"],
    ])
    expect(value[0]).toMatchObject({ line: 3, column: 8 })
  })

  it('reads Kubernetes env lists and kubectl describe lines', () => {
    const text = ['env:', '- name: ISTIO_META_DNS_CAPTURE', '  value: "true"', '- name: POD_NAME', '  valueFrom:', '      ISTIO_INBOUND_PORTS:  80,443'].join('\n')
    expect(pairs(env(text).value)).toEqual([
      ['ISTIO_META_DNS_CAPTURE', 'true'],
      ['ISTIO_INBOUND_PORTS', '80,443'],
    ])
  })

  it('keeps a value with unquoted spaces verbatim, with a warning', () => {
    const { value, diagnostics } = env('ISTIO_AGENT_FLAGS=--log_output_level default:debug')
    expect(pairs(value)).toEqual([['ISTIO_AGENT_FLAGS', '--log_output_level default:debug']])
    expect(diagnostics.map((d) => d.code)).toEqual(['CFG002'])
  })

  it('reads the real cluster.env of input 067, JSON label value included', () => {
    const { value, diagnostics } = env(input('067'))
    expect(diagnostics).toEqual([])
    expect(value).toHaveLength(16)
    expect(value.find((e) => e.key === 'ISTIO_METAJSON_LABELS')?.value).toBe(
      '{"app":"demo-cluster-app","service.istio.io/canonical-name":"demo-cluster-app","service.istio.io/canonical-revision":"latest"}',
    )
    expect(value.find((e) => e.key === 'ISTIO_META_CLUSTER_ID')?.value).toBe('')
    expect(value.find((e) => e.key === 'ISTIO_SERVICE_CIDR')?.value).toBe('*')
  })
})

describe('readIstioIptablesArgs', () => {
  it('reads short and long flags, --flag=value, explicitly empty values and bool flags', () => {
    const { value, diagnostics } = args(`istio-iptables -p 15001 --inbound-capture-port=15006 -u 1337 -i '*' -x "" --redirect-dns -n -f=false -b"80"`)
    expect(diagnostics).toEqual([])
    expect(pairs(value)).toEqual([
      ['-p', '15001'],
      ['--inbound-capture-port', '15006'],
      ['-u', '1337'],
      ['-i', '*'],
      ['-x', ''],
      ['--redirect-dns', 'true'],
      ['-n', 'true'],
      ['-f', 'false'],
      ['-b', '80'],
    ])
    expect(value[2]).toMatchObject({ line: 1, column: 54 })
  })

  it('skips a shell prompt and the pilot-agent program name', () => {
    const { value } = args(input('018').split('\n')[1] as string)
    expect(pairs(value)).toEqual([
      ['-p', '15001'],
      ['-z', '15006'],
      ['-u', '1337,1338'],
      ['-m', 'REDIRECT'],
      ['-i', '*'],
      ['-x', ''],
      ['-b', '*'],
      ['-d', '15090,15021,15020'],
    ])
  })

  it('reads the mangled init-container command of input 006 with a warning for the missing space', () => {
    const { value, diagnostics } = args(input('006'))
    expect(pairs(value)).toEqual([
      ['-p', '15001'],
      ['-z', '15006'],
      ['-u', '1337'],
      ['-m', 'REDIRECT'],
      ['-i', '*'],
      ['-x', ''],
      ['-b', '*'],
      ['-d', '15090,15020'],
    ])
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'CFG010', severity: 'warning', line: 6 })])
    expect(value[2]).toMatchObject({ line: 6, column: 41 })
  })

  it('reads YAML args lists, flow sequences and kubectl describe Args', () => {
    const block = ['args:', '- istio-iptables', '- -p', '- "15001"', '- -x', '- ""', "- '-i'", "- '*'", '- --redirect-dns'].join('\n')
    expect(pairs(args(block).value)).toEqual([
      ['-p', '15001'],
      ['-x', ''],
      ['-i', '*'],
      ['--redirect-dns', 'true'],
    ])
    expect(pairs(args(`        args: ["istio-iptables", "-p", "15001", "-x", "", "-b", '*']`).value)).toEqual([
      ['-p', '15001'],
      ['-x', ''],
      ['-b', '*'],
    ])
    const described = ['    Args:', '      istio-iptables', '      -p', '      15001', '      -x', '', '      -b', '      *', '    State:          Terminated'].join('\n')
    expect(pairs(args(described).value)).toEqual([
      ['-p', '15001'],
      ['-x', ''],
      ['-b', '*'],
    ])
  })

  it('keeps unknown flags for the version check and reports stray words', () => {
    const { value, diagnostics } = args('-p 15001 --no-such-flag x -z')
    expect(pairs(value)).toEqual([
      ['-p', '15001'],
      ['--no-such-flag', 'x'],
    ])
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['CFG012', "flag needs an argument: 'z' in -z"]])
  })
})

describe('readVariablesBlock and readConfigText on real logs', () => {
  it('reads the labels of a Variables block verbatim', () => {
    const { value } = readVariablesBlock(textLines('Variables:\n----------\nPROXY_PORT=15001\nDNS_SERVERS=[10.10.10.6],[]\n'))
    expect(pairs(value)).toEqual([
      ['PROXY_PORT', '15001'],
      ['DNS_SERVERS', '[10.10.10.6],[]'],
    ])
  })

  it('finds the command line, Environment and Variables of input 018', () => {
    const { value } = readConfigText(input('018'), '018')
    expect(value.map((l) => [l.kind, l.entries.length])).toEqual([
      ['env', 10],
      ['flags', 8],
      ['variables', 17],
    ])
  })

  it('strips RFC 3339 and tab-separated log prefixes (inputs 016 and 050)', () => {
    const a = readConfigText(input('016'), '016').value
    expect(a.map((l) => [l.kind, l.entries.length])).toEqual([
      ['env', 11],
      ['variables', 23],
    ])
    const b = readConfigText(input('050'), '050').value
    expect(b.map((l) => [l.kind, l.entries.length])).toEqual([
      ['env', 12],
      ['variables', 26],
    ])
    expect(b[1]?.entries.find((e) => e.key === 'NETWORK_NAMESPACE')?.value).toBe('/var/run/netns/cni-3b1a0a84-a6ef-4287-b022-8169330de0c0')
  })
})

function readAll(text: string): void {
  const lines = textLines(text)
  readEnvLines(lines)
  readIstioIptablesArgs(lines)
  readVariablesBlock(lines)
  readConfigText(text, 'x')
}

const NAME = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/)
const VALUE = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '$', '{', '}', ':', ',', '*', '=', '#', '-', '/', '\t'), maxLength: 24 })

describe('config readers never throw and read back what a shell would', () => {
  it('readEnvLines, readIstioIptablesArgs, readVariablesBlock and readConfigText accept any text', () => {
    expect(() => fc.assert(fc.property(fc.string({ maxLength: 300 }), readAll), { numRuns: 500 })).not.toThrow()
  })

  it('KEY=value lines quoted either way read back to the same values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(NAME, VALUE), { selector: ([k]) => k, maxLength: 8 }), fc.boolean(), (entries, single) => {
        const quote = (v: string): string => (single ? `'${v.replace(/'/g, "'\\''")}'` : `"${v.replace(/(["\\$`])/g, '\\$1')}"`)
        const text = entries.map(([k, v]) => `export ${k}=${quote(v)}`).join('\n')
        expect(pairs(env(text).value)).toEqual(entries)
      }),
    )
  })

  it('flag strings quoted for a shell read back to the same flags and values', () => {
    const valueFlags = FLAGS.filter((f) => !f.bool)
    const flag = fc.tuple(fc.constantFrom(...valueFlags), fc.boolean(), VALUE)
    fc.assert(
      fc.property(fc.array(flag, { maxLength: 8 }), (list) => {
        const text = list.map(([f, short, v]) => `${short && f.short ? `-${f.short}` : `--${f.long}`} '${v.replace(/'/g, "'\\''")}'`).join(' ')
        const expected = list.map(([f, short, v]) => [short && f.short ? `-${f.short}` : `--${f.long}`, v])
        expect(pairs(args(`pilot-agent istio-iptables ${text}`).value)).toEqual(expected)
      }),
    )
  })
})
