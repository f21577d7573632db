import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ExtensionOption, Match, Rule, Ruleset } from '../../model/ruleset.ts'
import { parseInput } from '../../parse/index.ts'
import { annotateRuleset } from '../annotate.ts'
import { explainRule, explainRuleset } from '../explain-rule.ts'
import type { Lang } from '../types.ts'

function ruleset(lines: string[], family: 4 | 6 = 4): Ruleset {
  const r = parseInput(lines.join('\n') + '\n').value.rulesets[family]
  if (!r) throw new Error('no ruleset')
  return r
}

/** The generated sentence of every rule of a small dump, in order. */
function sentences(lines: string[], lang: Lang = 'en'): string[] {
  return explainRuleset(ruleset(lines), lang).rules.map((e) => e.sentence)
}

describe('the generic explainer reads any rule', () => {
  it('says what an Istio rule does in one sentence, in both languages', () => {
    const text = ['*nat', ':ISTIO_OUTPUT - [0:0]', ':ISTIO_IN_REDIRECT - [0:0]', '-A ISTIO_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --uid-owner 1337 -j ISTIO_IN_REDIRECT', 'COMMIT']
    expect(sentences(text)).toEqual([
      'TCP packets to anything but 127.0.0.1/32, leaving through lo, sent by a process with uid 1337, jump to ISTIO_IN_REDIRECT.',
    ])
    expect(sentences(text, 'zh')).toEqual(['目的地址不是 127.0.0.1/32、经 lo 发出、由 uid 为 1337 的进程发出的 TCP 包，跳转到 ISTIO_IN_REDIRECT chain。'])
  })

  it('reads kube-proxy rules: comments, statistic, DNAT, MASQUERADE, MARK with masks', () => {
    expect(
      sentences([
        '*nat',
        ':KUBE-SVC-X - [0:0]',
        ':KUBE-SEP-A - [0:0]',
        ':KUBE-MARK-MASQ - [0:0]',
        '-A KUBE-SVC-X -m comment --comment "default/web:http" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A',
        '-A KUBE-SEP-A -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.1.7:8080',
        '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j MASQUERADE --random-fully',
        'COMMIT',
      ]),
    ).toEqual([
      'All packets have their source rewritten to the address of the interface they leave through. (comment: “kubernetes postrouting rules”)',
      'All packets get packet mark 0x4000 (16384) under mask 0x4000, then continue to the next rule.',
      'All TCP packets have their destination rewritten to 10.244.1.7:8080. (comment: “default/web:http”)',
      'Packets picked at random with probability 0.50000000000, jump to KUBE-SEP-A. (comment: “default/web:http”)',
    ])
  })

  it('reads Docker and filter rules: addrtype, interfaces with +, conntrack, REJECT, ports and ranges', () => {
    expect(
      sentences([
        '*filter',
        '-A INPUT -i veth+ -p tcp -m multiport --dports 80,443 -m conntrack --ctstate NEW -j ACCEPT',
        '-A INPUT -p udp -m udp --sport 1000:2000 -j REJECT --reject-with icmp-port-unreachable',
        '-A INPUT ! -s 10.0.0.0/8 -m addrtype --dst-type LOCAL -j DROP',
        '-A OUTPUT -m set --match-set blocked dst -m limit --limit 5/min -j LOG --log-prefix "blocked: "',
        'COMMIT',
      ]),
    ).toEqual([
      'TCP packets arriving on any interface whose name starts with “veth”, to port 80 or 443, whose conntrack state is NEW, are accepted: the filter table lets them through.',
      'UDP packets from a port in 1000–2000, are rejected with icmp-port-unreachable: the sender gets an error back.',
      'Packets from anything but 10.0.0.0/8, whose destination address is of type LOCAL, are dropped.',
      'Packets whose destination is in ipset blocked, at most 5/min, are logged to the kernel log with prefix “blocked: ”, then continue.',
    ])
  })

  it('reads TPROXY, CONNMARK, CT, NFLOG and goto', () => {
    expect(
      sentences([
        '*mangle',
        ':X - [0:0]',
        '-A PREROUTING -p tcp -m socket --transparent -j MARK --set-mark 1',
        '-A PREROUTING -p tcp -j TPROXY --on-port 15006 --on-ip 0.0.0.0 --tproxy-mark 0x539/0xffffffff',
        '-A OUTPUT -p tcp -m connmark --mark 0x539 -j CONNMARK --restore-mark',
        '-A OUTPUT -g X',
        'COMMIT',
        '*raw',
        '-A OUTPUT -p udp -m udp --dport 53 -j CT --zone 2',
        '-A PREROUTING -j NFLOG --nflog-group 1337 --nflog-prefix trace',
        'COMMIT',
      ]),
    ).toEqual([
      // The parser canonicalises `--set-mark 1` the way iptables-save prints it.
      'TCP packets whose socket is transparent (IP_TRANSPARENT), get packet mark 0x1 (1) under mask 0xffffffff, then continue to the next rule.',
      'All TCP packets are handed to the local socket on port 15006 at 0.0.0.0 with their destination unchanged, and get mark 0x539 (1337) under mask 0xffffffff.',
      'TCP packets whose connection mark is 0x539 (1337), get their connection’s mark copied back onto the packet (CONNMARK --restore-mark), then continue.',
      'All packets go to X.',
      'All packets are copied to NFLOG group 1337 with prefix “trace”, then continue to the next rule.',
      'UDP packets to port 53, are tracked by conntrack in zone 2, then continue.',
    ])
  })

  it('says what RETURN means where it stands', () => {
    const [inBuiltin, inUser] = explainRuleset(ruleset(['*filter', ':USER - [0:0]', '-A INPUT -p tcp -j RETURN', '-A USER -j RETURN', 'COMMIT']), 'en').rules
    expect(inBuiltin?.sentence).toBe('All TCP packets stop here: the INPUT chain’s policy (ACCEPT) applies.')
    expect(inUser?.sentence).toBe('All packets return to the calling chain.')
  })

  it('names what it cannot explain and keeps it verbatim', () => {
    const [e] = explainRuleset(ruleset(['*filter', '-A INPUT -m frobnicate --wibble 3 -p tcp --dport 22 -j ACCEPT', 'COMMIT']), 'en').rules
    expect(e?.unexplained).toEqual(['-m frobnicate --wibble 3'])
    expect(e?.clauses.find((c) => !c.understood)?.text).toBe('a clause this explainer does not know: `-m frobnicate --wibble 3`')
    expect(e?.sentence).toContain('to port 22')
  })

  it('names an unknown target with its options', () => {
    const [e] = explainRuleset(ruleset(['*mangle', '-A PREROUTING -j FROB --frob-level 9', 'COMMIT']), 'en').rules
    expect(e?.unexplained.length).toBeGreaterThan(0)
    expect(e?.sentence).toContain('which this explainer does not know')
  })

  it('explains a rule without a target', () => {
    const [e] = explainRuleset(ruleset(['*filter', '-A INPUT -s 10.1.2.3/32', 'COMMIT']), 'zh').rules
    expect(e?.sentence).toBe('源地址为 10.1.2.3/32 的数据包，只计数，不做任何处理（没有 -j）。')
  })
})

const word = fc.stringMatching(/^[A-Za-z0-9_.:,/!*+-]{0,12}$/)
const option: fc.Arbitrary<ExtensionOption> = fc.record({ name: word.map((w) => `--${w}`), negated: fc.boolean(), args: fc.array(word, { maxLength: 3 }), known: fc.boolean() })
const match: fc.Arbitrary<Match> = fc.oneof(
  fc.record({ kind: fc.constant('base' as const), option: fc.constantFrom('-s' as const, '-d' as const, '-i' as const, '-o' as const, '-p' as const, '-f' as const), negated: fc.boolean(), value: word }),
  fc.record({
    kind: fc.constant('module' as const),
    module: fc.constantFrom('tcp', 'udp', 'owner', 'mark', 'connmark', 'conntrack', 'multiport', 'comment', 'statistic', 'set', 'weird', ''),
    options: fc.array(option, { maxLength: 3 }),
    known: fc.boolean(),
  }),
)
const rule: fc.Arbitrary<Rule> = fc.record({
  matches: fc.array(match, { maxLength: 6 }),
  target: fc.option(
    fc.record({
      kind: fc.constantFrom('jump' as const, 'goto' as const),
      name: fc.constantFrom('ACCEPT', 'DROP', 'RETURN', 'REJECT', 'REDIRECT', 'DNAT', 'SNAT', 'MASQUERADE', 'TPROXY', 'MARK', 'CONNMARK', 'CT', 'LOG', 'NFLOG', 'ISTIO_REDIRECT', 'ISTIO_IN_REDIRECT', 'X'),
      options: fc.array(option, { maxLength: 3 }),
      known: fc.boolean(),
    }),
    { nil: null },
  ),
})

describe('never throws', () => {
  it('on any rule in any chain of an Istio-looking ruleset', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.array(rule, { maxLength: 8 }), fc.constantFrom<Lang>('en', 'zh'), (out, inb, lang) => {
        const rs: Ruleset = {
          family: 4,
          tables: [
            {
              name: 'nat',
              chains: [
                { name: 'OUTPUT', builtin: true, policy: 'ACCEPT', rules: [{ matches: [], target: { kind: 'jump', name: 'ISTIO_OUTPUT', options: [], known: false } }] },
                { name: 'ISTIO_OUTPUT', builtin: false, policy: null, rules: out },
                { name: 'ISTIO_INBOUND', builtin: false, policy: null, rules: inb },
              ],
            },
          ],
        }
        const { annotation, rules } = explainRuleset(rs, lang)
        expect(annotation.rules.length).toBe(1 + out.length + inb.length)
        for (const e of rules) expect(typeof e.sentence).toBe('string')
        for (const r of out) expect(typeof explainRule(r, { family: 4, table: 'nat', chain: 'ISTIO_OUTPUT', role: annotateRuleset(rs).rules[1]?.role ?? null }, lang).summary).toBe('string')
      }),
      { numRuns: 300 },
    )
  })
})
