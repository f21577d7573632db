import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BaseMatch, Chain, ExtensionOption, Family, Match, ModuleMatch, Rule, Ruleset, Table, TableName, Target } from '../model/ruleset.ts'
import { BUILTIN_CHAINS } from '../model/ruleset.ts'
import { formatIPv6Like } from '../parse/canonical/address.ts'
import { probabilityText } from '../parse/canonical/numbers.ts'
import { parseInput } from '../parse/index.ts'
import { orderedChains, orderedTables, printSave } from './print-save.ts'

/**
 * parse(print(x)) = x for rulesets in canonical form, generated at random: every modelled match and target with
 * canonical values (networks, ports, marks, state lists, comments in any characters), chains with policies and
 * counters. Printing without counters loses only the counters; printing with them loses nothing.
 */
const opt = (name: string, args: string[], negated = false): ExtensionOption => ({ name, negated, args, known: true })
const hex = (n: number) => `0x${n.toString(16)}`

const v4Network = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 32 })).map(([a, p]) => {
  const net = p === 32 ? a >>> 0 : (a & ((0xffffffff << (32 - p)) >>> 0)) >>> 0
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${p}`
})
const v6Network = fc.tuple(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.integer({ min: 1, max: 128 })).map(([g, p]) => {
  let v = 0n
  for (const x of g) v = (v << 16n) | BigInt(x)
  const all = (1n << 128n) - 1n
  v &= (all >> BigInt(128 - p)) << BigInt(128 - p)
  return `${formatIPv6Like(v)}/${p}`
})
const iface = fc.tuple(fc.constantFrom('eth', 'lo', 'docker', 'br-', 'veth', 'cali'), fc.nat({ max: 20 }), fc.boolean()).map(([a, n, w]) => (w ? `${a}+` : `${a}${n}`))
const port = fc.integer({ min: 1, max: 65535 })
const portRange = fc.oneof(
  port.map(String),
  fc.tuple(port, port).filter(([a, b]) => a < b).map(([a, b]) => `${a}:${b}`),
)
const mark = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.option(fc.integer({ min: 0, max: 0xfffffffe }), { nil: undefined })).map(([v, m]) =>
  m === undefined ? hex(v >>> 0) : `${hex(v >>> 0)}/${hex(m >>> 0)}`,
)
const subset = (all: readonly string[]) => fc.subarray([...all], { minLength: 1 }).map((s) => s.join(','))
const comment = fc
  .oneof(fc.string({ maxLength: 24 }), fc.constantFrom('中文注释', 'a "quoted" b', "it's", 'back\\slash', '', 'ns/svc:port', 'tab\tx'))
  .filter((s) => !/[\n\r\0]/.test(s))

function ports(proto: 'tcp' | 'udp'): fc.Arbitrary<ModuleMatch> {
  return fc.record({ s: fc.option(portRange), d: fc.option(portRange), ns: fc.boolean(), nd: fc.boolean() }).map(({ s, d, ns, nd }) => {
    const options: ExtensionOption[] = []
    if (s) options.push(opt('--sport', [s], ns))
    if (d) options.push(opt('--dport', [d], nd))
    return { kind: 'module', module: proto, options, known: true }
  })
}

function modulesFor(proto: string | null): fc.Arbitrary<ModuleMatch> {
  const common: fc.Arbitrary<ModuleMatch>[] = [
    fc.record({ uid: fc.option(fc.integer({ min: 0, max: 70000 })), gid: fc.option(fc.integer({ min: 0, max: 70000 })), nu: fc.boolean(), ng: fc.boolean() })
      .filter((o) => o.uid !== null || o.gid !== null)
      .map(({ uid, gid, nu, ng }) => ({
        kind: 'module' as const,
        module: 'owner',
        options: [...(uid === null ? [] : [opt('--uid-owner', [String(uid)], nu)]), ...(gid === null ? [] : [opt('--gid-owner', [String(gid)], ng)])],
        known: true,
      })),
    fc.tuple(fc.constantFrom('mark', 'connmark'), mark, fc.boolean()).map(([module, m, n]) => ({ kind: 'module' as const, module, options: [opt('--mark', [m], n)], known: true })),
    fc.tuple(subset(['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT']), fc.boolean()).map(([s, n]) => ({
      kind: 'module' as const,
      module: 'conntrack',
      options: [opt('--ctstate', [s], n)],
      known: true,
    })),
    fc.tuple(subset(['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED']), fc.boolean()).map(([s, n]) => ({ kind: 'module' as const, module: 'state', options: [opt('--state', [s], n)], known: true })),
    comment.map((c) => ({ kind: 'module' as const, module: 'comment', options: [opt('--comment', [c])], known: true })),
    fc.tuple(subset(['UNICAST', 'LOCAL', 'BROADCAST', 'MULTICAST']), fc.boolean()).map(([t, n]) => ({ kind: 'module' as const, module: 'addrtype', options: [opt('--dst-type', [t], n)], known: true })),
    fc.double({ min: 0, max: 1, noNaN: true }).map((p) => ({
      kind: 'module' as const,
      module: 'statistic',
      options: [opt('--mode', ['random']), opt('--probability', [probabilityText(p) as string])],
      known: true,
    })),
    fc.subarray(['--transparent', '--nowildcard']).map((flags) => ({ kind: 'module' as const, module: 'socket', options: flags.map((f) => opt(f, [])), known: true })),
  ]
  if (proto === 'tcp' || proto === 'udp') {
    common.push(ports(proto))
    common.push(
      fc.tuple(fc.constantFrom('--sports', '--dports'), fc.uniqueArray(port, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([o, ps, n]) => ({
        kind: 'module' as const,
        module: 'multiport',
        options: [opt(o, [ps.join(',')], n)],
        known: true,
      })),
    )
  }
  return fc.oneof(...common)
}

function simple(name: string, options: ExtensionOption[] = []): Target {
  return { kind: 'jump', name, options, known: true }
}

function targetFor(table: TableName, proto: string | null, chains: readonly string[], family: Family): fc.Arbitrary<Target | null> {
  const choices: fc.Arbitrary<Target | null>[] = [fc.constant(null), fc.constantFrom('ACCEPT', 'RETURN').map((n) => simple(n))]
  if (table !== 'nat') choices.push(fc.constant(simple('DROP')))
  if (chains.length) choices.push(fc.tuple(fc.constantFrom(...chains), fc.boolean()).map(([c, g]) => ({ kind: g ? 'goto' : 'jump', name: c, options: [], known: true })))
  choices.push(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(([v, m]) => simple('MARK', [opt('--set-xmark', [`${hex(v >>> 0)}/${hex(m >>> 0)}`])])))
  choices.push(
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9 :_-]{0,20}$/), fc.integer({ min: 0, max: 7 })).map(([p, l]) =>
      simple('LOG', [...(p ? [opt('--log-prefix', [p])] : []), ...(l === 4 ? [] : [opt('--log-level', [String(l)])])]),
    ),
  )
  if (table === 'nat' && (proto === 'tcp' || proto === 'udp')) {
    choices.push(port.map((p) => simple('REDIRECT', [opt('--to-ports', [String(p)])])))
  }
  if (table === 'nat' && (proto === 'tcp' || proto === 'udp') && family === 4) {
    choices.push(
      fc.tuple(fc.integer({ min: 0x0a000001, max: 0x0affffff }), port).map(([a, p]) =>
        simple('DNAT', [opt('--to-destination', [`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}:${p}`])]),
      ),
    )
  }
  if (table === 'mangle' && proto === 'tcp') {
    choices.push(port.map((p) => simple('TPROXY', [opt('--on-port', [String(p)]), opt('--on-ip', [family === 4 ? '0.0.0.0' : '::']), opt('--tproxy-mark', ['0x539/0xffffffff'])])))
  }
  if (table === 'filter') choices.push(fc.constant(simple('REJECT', [opt('--reject-with', [family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable'])])))
  return fc.oneof(...choices)
}

function ruleFor(table: TableName, chain: string, family: Family, chains: readonly string[]): fc.Arbitrary<Rule> {
  const noIn = chain === 'OUTPUT' || chain === 'POSTROUTING'
  const noOut = chain === 'INPUT' || chain === 'PREROUTING'
  return fc
    .record({
      s: fc.option(fc.tuple(family === 4 ? v4Network : v6Network, fc.boolean())),
      // A v6 dump says it is one through its addresses: keep one in every rule so the reader tells the family.
      d: family === 6 ? fc.tuple(v6Network, fc.boolean()).map((x) => x as typeof x | null) : fc.option(fc.tuple(v4Network, fc.boolean())),
      i: noIn ? fc.constant(null) : fc.option(fc.tuple(iface, fc.boolean())),
      o: noOut ? fc.constant(null) : fc.option(fc.tuple(iface, fc.boolean())),
      p: fc.option(fc.constantFrom('tcp', 'udp', family === 4 ? 'icmp' : 'ipv6-icmp', 'gre', 'esp')),
      counters: fc.option(fc.record({ packets: fc.nat(), bytes: fc.nat() })),
    })
    .chain(({ s, d, i, o, p, counters }) =>
      fc.record({ modules: fc.array(modulesFor(p), { maxLength: 2 }), target: targetFor(table, p, chains, family) }).map(({ modules, target }) => {
        const base: BaseMatch[] = []
        const addr = (option: '-s' | '-d', v: typeof s) => {
          if (!v) return
          const [value, negated] = v
          base.push({ kind: 'base', option, negated, value })
        }
        addr('-s', s)
        addr('-d', d)
        if (i) base.push({ kind: 'base', option: '-i', negated: i[1], value: i[0] })
        if (o) base.push({ kind: 'base', option: '-o', negated: o[1], value: o[0] })
        if (p) base.push({ kind: 'base', option: '-p', negated: false, value: p })
        const rule: Rule = { matches: [...base, ...(modules as Match[])], target }
        if (counters) rule.counters = counters
        return rule
      }),
    )
}

const tableNames: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security']

function rulesetArb(family: Family): fc.Arbitrary<Ruleset> {
  return fc
    .uniqueArray(fc.constantFrom(...tableNames), { minLength: 1, maxLength: 3 })
    .chain((names) =>
      fc.tuple(
        ...names.map((name) =>
          fc.uniqueArray(fc.constantFrom('ISTIO_OUTPUT', 'ISTIO_INBOUND', 'KUBE-SVC-ABC', 'a-lower', 'Z9', 'DOCKER-USER'), { maxLength: 2 }).chain((userNames) => {
            const users = userNames.filter((u) => !BUILTIN_CHAINS[name].includes(u))
            const chainNames = [...BUILTIN_CHAINS[name], ...users]
            return fc
              .tuple(
                ...chainNames.map((c) =>
                  fc.record({
                    rules: fc.array(ruleFor(name, c, family, users), { maxLength: 3 }),
                    policy: fc.constantFrom<'ACCEPT' | 'DROP'>('ACCEPT', ...(name === 'nat' ? [] : (['DROP'] as const))),
                    counters: fc.record({ packets: fc.nat(), bytes: fc.nat() }),
                  }),
                ),
              )
              .map(
                (built): Table => ({
                  name,
                  chains: built.map((b, k): Chain => {
                    const c = chainNames[k] as string
                    const builtin = BUILTIN_CHAINS[name].includes(c)
                    const chain: Chain = { name: c, builtin, policy: builtin ? b.policy : null, rules: b.rules }
                    if (builtin) chain.counters = b.counters
                    return chain
                  }),
                }),
              )
          }),
        ),
      ),
    )
    .map((tables) => ({ family, tables }))
}

/** A dump without rules does not say which family it is; the reader calls it IPv4. */
function hasRules(r: Ruleset): boolean {
  return r.tables.some((t) => t.chains.some((c) => c.rules.length > 0))
}

/** What must survive the round trip: the canonical order, policies, rules; counters only when printed. */
function view(r: Ruleset, counters: boolean) {
  return orderedTables(r.tables).map((t) => ({
    name: t.name,
    chains: orderedChains(t).map((c) => ({
      name: c.name,
      policy: c.builtin ? (c.policy ?? 'ACCEPT') : null,
      counters: counters && c.builtin ? (c.counters ?? { packets: 0, bytes: 0 }) : null,
      rules: c.rules.map((rule) => ({ matches: rule.matches, target: rule.target, counters: counters ? (rule.counters ?? { packets: 0, bytes: 0 }) : null })),
    })),
  }))
}

describe('parse(print(x)) = x', () => {
  for (const family of [4, 6] as const) {
    for (const counters of [false, true]) {
      it(`IPv${family}${counters ? ' with counters' : ''}`, () => {
        fc.assert(
          fc.property(rulesetArb(family), (ruleset) => {
            const text = printSave(ruleset, { counters })
            const { value, diagnostics } = parseInput(text)
            expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
            const parsed = hasRules(ruleset) ? value.rulesets[family] : (value.rulesets[4] ?? value.rulesets[6])
            expect(parsed && view(parsed, counters)).toEqual(view(ruleset, counters))
          }),
          { numRuns: family === 4 ? 150 : 80 },
        )
      }, 120_000)
    }
  }
})
