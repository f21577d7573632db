import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { caseEnvFile, caseHostSets, caseProfile, loadCorpus, setValueText, type CorpusFiles } from '../../fixtures/istio/corpus-case.ts'
import { runCliInMemory } from '../run-in-memory.ts'

function cli(argv: string[], files: Record<string, string> = {}) {
  return runCliInMemory(argv, files)
}

/** stdout as the list of lines a corpus expectation holds. */
function lines(stdout: string): string[] {
  return stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n')
}

const corpusDir = new URL('../../fixtures/istio/corpus/', import.meta.url)
const corpusFiles: CorpusFiles = {
  folders: () => readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name),
  files: (folder) => readdirSync(new URL(`${folder}/`, corpusDir)),
  read: (path) => readFileSync(new URL(path, corpusDir), 'utf8'),
}

const cases = loadCorpus(corpusFiles).filter((c) => c.wholeRun)

/** Each asserted family of each whole-run case, with the output form its era's test records. */
const runs = cases.flatMap((c) =>
  ([4, 6] as const)
    .filter((family) => (family === 4 ? c.asserted.v4 : c.asserted.v6))
    .map((family) => ({ c, family, expected: (family === 4 ? c.expectedV4 : c.expectedV6) ?? [], format: c.folder === 'latest' || c.folder === 'v1.24' ? 'restore' : 'commands' })),
)

describe('generate reproduces every whole-run corpus case through the CLI', () => {
  for (const { c, family, expected, format } of runs) {
    const common = ['--profile', caseProfile(c), '--family', String(family), '--format', format]
    it(`${c.file} IPv${family} --format ${format}, host-fact --set only`, async () => {
      const sets = caseHostSets(c).flatMap((s) => ['--set', s])
      const r = await cli(['generate', '--env', 'case.env', '--flags', c.flags, ...sets, ...common], { 'case.env': caseEnvFile(c) })
      expect(r.stderr.split('\n').filter((l) => / error /.test(l))).toEqual([])
      expect(r.code).toBe(0)
      expect(lines(r.stdout)).toEqual(expected)
    })
    it(`${c.file} IPv${family} --format ${format}, every config field --set`, async () => {
      const sets = Object.entries(c.config).flatMap(([k, v]) => ['--set', `${k}=${setValueText(v)}`])
      const r = await cli(['generate', '--env', 'case.env', '--flags', c.flags, ...sets, ...common], { 'case.env': caseEnvFile(c) })
      expect(r.code).toBe(0)
      expect(lines(r.stdout)).toEqual(expected)
    })
  }
})

describe('generate: usage and rejected configurations', () => {
  it('rejects -x "*" with the reason 1.9.4 gives, and the later wording from 1.19', async () => {
    const old = await cli(['generate', '--flags', "-x '*'", '--profile', '1.9.4'])
    expect(old.code).toBe(1)
    expect(old.stderr).toContain('Invalid value for OUTBOUND_IP_RANGES_EXCLUDE')
    expect(old.stdout).toBe('')
    const later = await cli(['generate', '--flags', "-x '*'", '--profile', 'latest'])
    expect(later.code).toBe(1)
    expect(later.stderr).toContain('invalid value for OUTBOUND_IP_RANGES_EXCLUDE')
  })

  it('rejects a flag the version does not know, worded as pflag', async () => {
    const r = await cli(['generate', '--flags', '-c eth1', '--profile', '1.14'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("unknown shorthand flag: 'c' in -c")
    const ok = await cli(['generate', '--flags', '-c eth1', '--profile', '1.15'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('-A PREROUTING -i eth1 -j RETURN')
    const long = await cli(['generate', '--flags', '--capture-all-dns', '--profile', '1.10'])
    expect(long.code).toBe(1)
    expect(long.stderr).toContain('unknown flag: --capture-all-dns')
  })

  it('exits 2 on usage errors', async () => {
    expect((await cli(['generate', '--family', '5'])).code).toBe(2)
    expect((await cli(['generate', '--format', 'xml'])).code).toBe(2)
    expect((await cli(['generate', '--profile', '1.4'])).code).toBe(2)
    expect((await cli(['generate', '--profile', 'banana'])).code).toBe(2)
    expect((await cli(['generate', '--set', 'NoSuchField=1'])).code).toBe(2)
    expect((await cli(['generate', '--env', 'missing.env'])).code).toBe(2)
    expect((await cli(['generate', '--bogus'])).code).toBe(2)
  })

  it('accepts -n (dry run) without changing the rules', async () => {
    const a = await cli(['generate', '--flags', '-p 15001 -u 1337 -i * -b 8080', '--profile', '1.13.9'])
    const b = await cli(['generate', '--flags', '-p 15001 -u 1337 -i * -b 8080 -n', '--profile', '1.13.9'])
    expect(a.code).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    expect(a.stdout).toContain('-A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT')
  })

  it('applies sources in order: a later env file overrides an earlier one, a flag beats both, --set beats all', async () => {
    const files = { 'sidecar.env': 'ISTIO_INBOUND_PORTS=80\nISTIO_SERVICE_CIDR=10.0.0.0/8\n', 'cluster.env': "ISTIO_INBOUND_PORTS='81'\n" }
    const r = await cli(['generate', '--env', 'sidecar.env', '--env', 'cluster.env', '--profile', '1.9.4', '--format', 'commands'], files)
    expect(r.stdout).toContain('--dport 81 -j ISTIO_IN_REDIRECT')
    expect(r.stdout).not.toContain('--dport 80 ')
    const flagged = await cli(['generate', '--flags', '-b 82', '--env', 'sidecar.env', '--profile', '1.9.4', '--format', 'commands'], files)
    expect(flagged.stdout).toContain('--dport 82 -j ISTIO_IN_REDIRECT')
    const set = await cli(['generate', '--env', 'sidecar.env', '--set', 'InboundPortsInclude=83', '--flags', '-b 82', '--profile', '1.9.4', '--format', 'commands'], files)
    expect(set.stdout).toContain('--dport 83 -j ISTIO_IN_REDIRECT')
  })

  it('takes host facts by --set, under either IPv6 field name', async () => {
    const v6 = await cli(['generate', '--flags', '-i *', '--set', 'EnableInboundIPv6=true', '--profile', '1.9.4', '--family', '6', '--format', 'commands'])
    expect(v6.stdout).toContain('ip6tables -t nat -A ISTIO_OUTPUT -o lo -s ::6/128 -j RETURN')
    const v6latest = await cli(['generate', '--flags', '-i *', '--set', 'EnableIPv6=true', '--family', '6'])
    expect(v6latest.stdout).toContain('-A ISTIO_OUTPUT -o lo -s ::6/128 -j RETURN')
    const off = await cli(['generate', '--flags', '-i *', '--profile', '1.9.4', '--family', '6'])
    expect(off).toMatchObject({ code: 0, stdout: '' })
    expect(off.stderr).toContain('IPv6 is off in this configuration, so istio-iptables 1.9.4 installs no ip6tables rules (--set EnableInboundIPv6=true')
    expect(v6latest.stderr).not.toContain('IPv6 is off')
    const uid = await cli(['generate', '--set', 'ProxyUID=997', '--profile', '1.9.4', '--format', 'commands'])
    expect(uid.stdout).toContain('--gid-owner 997 -j RETURN')
    const dns = await cli(['generate', '--flags', '--redirect-dns', '--set', 'DNSServersV4=127.0.0.53', '--profile', '1.9.4', '--format', 'commands'])
    expect(dns.stdout).toContain('-d 127.0.0.53/32 -j REDIRECT --to-port 15053')
  })
})

describe('generate --env reads any config source the paste parser finds', () => {
  const seedLog = readFileSync(new URL('../../fixtures/istio/seeds/001_eba20d1f60c9420a.txt', import.meta.url), 'utf8')
  const seedRules = (JSON.parse(readFileSync(new URL('../../fixtures/istio/corpus/seed-vm-1.9.json', import.meta.url), 'utf8')) as { expectedV4: string[] }).expectedV4

  it('a whole journald log: its Environment and Variables blocks give back the seed rules file', async () => {
    const r = await cli(['generate', '--env', 'seed.log', '--profile', '1.9.4'], { 'seed.log': seedLog })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(seedRules.join('\n') + '\n')
  })

  it('init-container args in pod YAML, then a cluster.env', async () => {
    const yaml = ['initContainers:', '- name: istio-init', '  image: docker.io/istio/proxyv2:1.13.2', '  args:', '  - istio-iptables', '  - -p', '  - "15001"', '  - -u', '  - "1337"', '  - -i', "  - '*'", '  - -b', "  - '*'", '  - -d', '  - 15090,15021,15020'].join('\n')
    const r = await cli(['generate', '--env', 'pod.yaml', '--profile', '1.13', '--format', 'commands'], { 'pod.yaml': yaml })
    expect(r.code).toBe(0)
    expect(lines(r.stdout)).toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 15020 -j RETURN')
    expect(lines(r.stdout)).not.toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 22 -j RETURN')
    const env = await cli(['generate', '--env', 'cluster.env', '--set', 'ProxyUID=997', '--profile', '1.9.4', '--format', 'variables'], { 'cluster.env': "ISTIO_INBOUND_PORTS='8080'\nISTIO_SERVICE_CIDR='*'\n" })
    expect(env.stdout).toContain('ISTIO_INBOUND_PORTS=8080\n')
    expect(env.stdout).toContain('PROXY_GID=997\n')
  })
})
