import type { BaseMatch, Family } from '../../model/ruleset.ts'
import type { Bi } from '../types.ts'

/** Clauses of ipt_entry itself: addresses, interfaces, fragments. The protocol is the sentence's subject instead. */
export function describeBase(m: BaseMatch, family: Family): Bi {
  const v = m.value
  switch (m.option) {
    case '-s':
      return m.negated
        ? { en: `from anything but ${address(v, family)}`, zh: `源地址不是 ${address(v, family)}` }
        : { en: `from ${address(v, family)}`, zh: `源地址为 ${address(v, family)}` }
    case '-d':
      return m.negated
        ? { en: `to anything but ${address(v, family)}`, zh: `目的地址不是 ${address(v, family)}` }
        : { en: `to ${address(v, family)}`, zh: `目的地址为 ${address(v, family)}` }
    case '-i': {
      const i = iface(v)
      return m.negated ? { en: `not arriving on ${i.en}`, zh: `不是从${i.zh}进入` } : { en: `arriving on ${i.en}`, zh: `从${i.zh}进入` }
    }
    case '-o': {
      const i = iface(v)
      return m.negated ? { en: `not leaving through ${i.en}`, zh: `不是经${i.zh}发出` } : { en: `leaving through ${i.en}`, zh: `经${i.zh}发出` }
    }
    case '-f':
      return m.negated
        ? { en: 'that are unfragmented or first fragments', zh: '不是分片，或是首个分片' }
        : { en: 'that are second or later fragments', zh: '属于分片包的第二片及以后' }
    case '-p':
      return { en: `of protocol ${v}`, zh: `协议为 ${v}` }
  }
}

/** `localhost` and host names read as the addresses iptables would have resolved them to. */
function address(value: string, family: Family): string {
  const v = value.trim()
  if (v === 'localhost') return family === 6 ? 'localhost (::1)' : 'localhost (127.0.0.1)'
  if (v === 'ip6-localhost' || v === 'ip6-loopback') return `${v} (::1)`
  if (v === 'anywhere' || v === '0.0.0.0/0' || v === '::/0') return family === 6 ? '::/0' : '0.0.0.0/0'
  return v
}

function iface(name: string): Bi {
  if (name.endsWith('+')) {
    const prefix = name.slice(0, -1)
    if (prefix === '') return { en: 'any interface', zh: '任一接口' }
    return { en: `any interface whose name starts with “${prefix}”`, zh: `名字以“${prefix}”开头的任一接口` }
  }
  return { en: name, zh: ` ${name} ` }
}

/** The sentence's subject: which packets the rule is about. */
export function describeProtocol(value: string | null, negated: boolean): Bi {
  if (value === null) return { en: 'packets', zh: '数据包' }
  const v = value.toLowerCase()
  const name = v === '6' ? 'TCP' : v === '17' ? 'UDP' : v === '1' ? 'ICMP' : v === '58' ? 'ICMPv6' : /^\d+$/.test(v) ? null : v === 'ipv6-icmp' ? 'ICMPv6' : v.toUpperCase()
  if (v === 'all' || v === '0') return { en: 'packets', zh: '数据包' }
  if (name === null) return negated ? { en: `packets of any protocol but ${v}`, zh: `协议号不是 ${v} 的数据包` } : { en: `protocol ${v} packets`, zh: `协议号为 ${v} 的数据包` }
  return negated ? { en: `packets that are not ${name}`, zh: `非 ${name} 数据包` } : { en: `${name} packets`, zh: `${name} 包` }
}
