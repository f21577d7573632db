import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import {
  addressMatches,
  addressValue,
  applyXmark,
  baseClause,
  connmarkAction,
  flagSet,
  fullyKnown,
  idRange,
  interfaceMatches,
  markMatches,
  modulesNamed,
  natRange,
  optionNamed,
  portList,
  portRange,
  probability,
  tcpFlags,
  toPortsRange,
  tproxySpec,
  valueMask,
} from './rule-values.ts'
import type { Rule } from './ruleset.ts'

function rule(spec: string, table = 'filter', family: 4 | 6 = 4): Rule {
  const { value } = parseInput(`*${table}\n-A X ${spec}\nCOMMIT\n`)
  const r = value.rulesets[family]?.tables[0]?.chains.find((c) => c.name === 'X')?.rules[0]
  if (!r) throw new Error(`no rule from ${spec}`)
  return r
}

describe('argument decoders', () => {
  it('reads ports, port lists and --to-ports ranges', () => {
    expect(portRange('80')).toEqual({ from: 80, to: 80 })
    expect(portRange('1024:65535')).toEqual({ from: 1024, to: 65535 })
    expect(portRange('70000')).toBeNull()
    expect(portList('80,443,8000:8080')).toEqual([
      { from: 80, to: 80 },
      { from: 443, to: 443 },
      { from: 8000, to: 8080 },
    ])
    expect(toPortsRange('15001-15002')).toEqual({ from: 15001, to: 15002 })
  })

  it('reads uid/gid ranges and leaves names undecided', () => {
    expect(idRange('1337')).toEqual({ from: 1337, to: 1337 })
    expect(idRange('1000-2000')).toEqual({ from: 1000, to: 2000 })
    expect(idRange('istio-proxy')).toBeNull()
  })

  it('reads marks with masks and applies them as the kernel does', () => {
    expect(valueMask('0x539')).toEqual({ value: 0x539, mask: 0xffffffff })
    expect(valueMask('0x40000/0xff0000')).toEqual({ value: 0x40000, mask: 0xff0000 })
    expect(markMatches(0x1539, { value: 0x539, mask: 0xfff })).toBe(true)
    expect(markMatches(0x1539, { value: 0x539, mask: 0xffffffff })).toBe(false)
    expect(applyXmark(0xff, { value: 0x539, mask: 0xffffffff })).toBe(0x539)
    expect(applyXmark(0xf0, { value: 0x0, mask: 0xffffffef })).toBe(0x10)
  })

  it('reads flag lists, tcp flags and probabilities', () => {
    expect([...flagSet('RELATED,ESTABLISHED')]).toEqual(['RELATED', 'ESTABLISHED'])
    expect(tcpFlags('FIN,SYN,RST,ACK', 'SYN')).toEqual({ mask: 0x17, comp: 0x02 })
    expect(tcpFlags('BOGUS', 'SYN')).toBeNull()
    expect(probability('0.33333333349')).toBeCloseTo(1 / 3, 9)
  })

  it('reads addresses, masks and host names', () => {
    const net = addressValue('10.0.2.0/255.0.255.0', 4)
    expect(net).toEqual({ kind: 'network', family: 4, address: 0x0a000200n, mask: 0xff00ff00n, prefix: null })
    const host = addressValue('127.0.0.1/32', 4)
    expect(host?.kind === 'network' && addressMatches(host, 0x7f000001n)).toBe(true)
    const v6 = addressValue('fd00::/32', 6)
    expect(v6?.kind === 'network' && addressMatches(v6, 0xfd000000000000000000000000000001n)).toBe(true)
    expect(addressValue('::ffff:1.2.3.4/128', 6)).toMatchObject({ address: 0xffff01020304n, prefix: 128 })
    expect(addressValue('kube-dns.kube-system.svc', 4)).toEqual({ kind: 'name', name: 'kube-dns.kube-system.svc' })
  })

  it('matches interface wildcards', () => {
    expect(interfaceMatches('eth+', 'eth0')).toBe(true)
    expect(interfaceMatches('eth+', 'lo')).toBe(false)
    expect(interfaceMatches('lo', 'lo')).toBe(true)
  })

  it('reads NAT ranges of both families', () => {
    expect(natRange('10.0.0.1-10.0.0.5:80-90', 4)).toEqual({ addresses: { from: '10.0.0.1', to: '10.0.0.5' }, ports: { from: 80, to: 90 } })
    expect(natRange(':80', 4)).toEqual({ addresses: null, ports: { from: 80, to: 80 } })
    expect(natRange('[2001:db8::1]:8080-8090', 6)).toEqual({ addresses: { from: '2001:db8::1', to: '2001:db8::1' }, ports: { from: 8080, to: 8090 } })
  })
})

describe('rule access', () => {
  it('finds base clauses, modules and options of a parsed rule', () => {
    const r = rule('! -d 127.0.0.1 -o lo -p tcp ! --dport 53 -m owner --uid-owner 1337 -j RETURN', 'nat')
    expect(baseClause(r, '-d')).toEqual({ kind: 'base', option: '-d', negated: true, value: '127.0.0.1/32' })
    const [tcp] = modulesNamed(r, 'tcp')
    expect(tcp && optionNamed(tcp, '--dport')).toEqual({ name: '--dport', negated: true, args: ['53'], known: true })
    expect(fullyKnown(r)).toBe(true)
    expect(fullyKnown(rule('-m limit --limit 5/min -j ACCEPT'))).toBe(false)
  })

  it('decodes TPROXY and CONNMARK targets', () => {
    const t = rule('-p tcp -j TPROXY --on-port 15006 --tproxy-mark 1337', 'mangle').target
    expect(t && tproxySpec(t)).toEqual({ port: 15006, ip: '0.0.0.0', mark: { value: 1337, mask: 0xffffffff } })
    const save = rule('-j CONNMARK --save-mark', 'mangle').target
    expect(save && connmarkAction(save)).toEqual({ mode: 'save', nfmask: 0xffffffff, ctmask: 0xffffffff })
    const and = rule('-j CONNMARK --and-mark 0x0', 'mangle').target
    expect(and && connmarkAction(and)).toEqual({ mode: 'set', xmark: { value: 0, mask: 0xffffffff } })
  })
})
