import { describe, expect, it } from 'vitest'
import { canonicalAddress, conntrackAddress } from './canonical/address.ts'
import { parseUnsigned, probabilityText } from './canonical/numbers.ts'
import { parsePortList, parsePortRange } from './canonical/ports.ts'
import { detectCommand } from './command-detect.ts'
import { readIptablesArgs } from './iptables-args.ts'
import { splitRuleWords } from '../text/rule-words.ts'

/** Every expected value here is what the kernel oracle's iptables-save printed for the same input. */
function text(a: string, f: 4 | 6 = 4) {
  const r = canonicalAddress(a, f)
  return r.kind === 'error' ? 'error' : r.text
}

function ct(a: string) {
  return (conntrackAddress(a, 4) as { text: string }).text
}

function args(line: string) {
  return readIptablesArgs(splitRuleWords(line, 'shell').words)
}

describe('canonical addresses', () => {
  it('masks, uses prefix lengths, keeps non-contiguous masks dotted', () => {
    expect(text('10.0.0.1')).toBe('10.0.0.1/32')
    expect(text('10.0.0.1/8')).toBe('10.0.0.0/8')
    expect(text('10.1.2.3/255.255.0.0')).toBe('10.1.0.0/16')
    expect(text('10.1.2.3/255.0.255.0')).toBe('10.0.2.0/255.0.255.0')
    expect(text('10/8')).toBe('10.0.0.0/8')
    expect(text('172.16')).toBe('172.16.0.0/32')
    expect(text('localhost')).toBe('127.0.0.1/32')
    expect(text('loopback/8')).toBe('127.0.0.0/8')
    expect(text('256.1.1.1')).toBe('error')
    expect(canonicalAddress('kube-dns.kube-system', 4)).toEqual({ kind: 'name', text: 'kube-dns.kube-system' })
  })
  it('writes IPv6 as inet_ntop does', () => {
    expect(text('2001:DB8:0:0:0:0:0:1/64', 6)).toBe('2001:db8::/64')
    expect(text('fd00::/ffff:ffff::', 6)).toBe('fd00::/32')
    expect(text('2001:db8::/ffff:0:ffff::', 6)).toBe('2001::/ffff:0:ffff::')
    expect(text('::ffff:1.2.3.4', 6)).toBe('::ffff:1.2.3.4/128')
    expect(text('2001:db8:1:0:0:1:0:1', 6)).toBe('2001:db8:1::1:0:1/128')
  })
  it('keeps conntrack addresses unmasked', () => {
    expect(ct('10.1.2.3/8')).toBe('10.1.2.3/8')
    expect(ct('10.1.2.3/255.255.0.0')).toBe('10.1.2.3/16')
    expect(ct('10.1.2.3/32')).toBe('10.1.2.3')
  })
})

describe('numbers and ports', () => {
  it('prints probabilities the way the kernel stores them', () => {
    expect(probabilityText(0.5)).toBe('0.50000000000')
    expect(probabilityText(0.1)).toBe('0.10000000009')
    expect(probabilityText(0.333)).toBe('0.33300000010')
    expect(probabilityText(1)).toBe('1.00000000000')
    expect(probabilityText(0.33333333349)).toBe('0.33333333349')
    expect(probabilityText(1.5)).toBeNull()
  })
  it('reads numbers as strtoul(…, 0) does', () => {
    expect(parseUnsigned('0x539')).toBe(1337)
    expect(parseUnsigned('02471')).toBe(1337)
    expect(parseUnsigned('1337')).toBe(1337)
    expect(parseUnsigned('0x1g')).toBeNull()
  })
  it('reads ports, ranges and service names', () => {
    expect(parsePortRange('ssh', 'tcp')).toEqual({ ok: true, from: 22, to: 22 })
    expect(parsePortRange(':1023', 'tcp')).toEqual({ ok: true, from: 0, to: 1023 })
    expect(parsePortRange('1024:', 'tcp')).toEqual({ ok: true, from: 1024, to: 65535 })
    expect(parsePortRange('5:3', 'tcp').ok).toBe(false)
    expect(parsePortList('http,https,8000:http-alt', 'tcp')).toEqual({ ok: true, text: '80,443,8000:8080' })
    expect(parsePortList('80:80', 'tcp').ok).toBe(false)
  })
})

describe('command lines', () => {
  it('separates the command from the rule, in any order and clustered', () => {
    expect(args('-nvL INPUT --line-numbers')).toMatchObject({ command: 'L', chain: 'INPUT', numeric: true, verbose: true, lineNumbers: true })
    expect(args('-A OUTPUT -p tcp -t nat -j RETURN')).toMatchObject({ command: 'A', chain: 'OUTPUT', table: 'nat' })
    expect(args('-tnat -I OUTPUT 2 -j RETURN')).toMatchObject({ command: 'I', table: 'nat', number: 2 })
    expect(args('--table=nat --append X --jump Y').ruleWords.map((w) => w.text)).toEqual(['--jump', 'Y'])
    expect(args('-P FORWARD DROP')).toMatchObject({ command: 'P', chain: 'FORWARD', second: 'DROP' })
  })
  it('finds commands behind prompts and wrappers, not in prose', () => {
    expect(detectCommand('[root@master ~]# iptables -L -t nat')?.prompted).toBe(true)
    expect(detectCommand('root@pod:/usr/local/bin# /usr/local/bin/pilot-agent istio-iptables -p 15001')?.program).toBe('istio-iptables')
    expect(detectCommand('+ iptables -t nat -N X')?.program).toBe('iptables')
    expect(detectCommand('$ sudo ip netns exec ns1 ip6tables-save')).toMatchObject({ program: 'iptables-save', family: 6 })
    expect(detectCommand('kubectl exec -it p -c istio-proxy -- sudo iptables -t nat -S')?.program).toBe('iptables')
    expect(detectCommand('Then run iptables-save to see the rules')).toBeNull()
    expect(detectCommand('iptables-save | grep ISTIO')?.args).toEqual([])
  })
})
