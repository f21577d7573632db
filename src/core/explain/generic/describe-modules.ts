import type { ExtensionOption } from '../../model/ruleset.ts'
import { markValue } from '../rule-access.ts'
import type { Bi } from '../types.ts'

/** One `-m module` option in words ('' when another option of the module says it all), or null when unknown. */
export function describeOption(module: string, o: ExtensionOption): Bi | null {
  const a = o.args
  const arg = a[0] ?? ''
  const neg = o.negated
  switch (o.name) {
    case '--dport':
    case '--destination-port':
    case '--dports':
    case '--destination-ports':
      return portClause('dst', a, neg)
    case '--sport':
    case '--source-port':
    case '--sports':
    case '--source-ports':
      return portClause('src', a, neg)
    case '--ports':
      return portClause('any', a, neg)
    case '--uid-owner':
      return owner('uid', arg, neg)
    case '--gid-owner':
      return owner('gid', arg, neg)
    case '--socket-exists':
      return neg ? { en: 'not sent from a local socket', zh: '不属于本机 socket' } : { en: 'sent from a local socket', zh: '属于本机 socket' }
    case '--suppl-groups':
      return { en: 'counting supplementary groups for the gid test', zh: '判断 gid 时也看附加组（supplementary groups）' }
    case '--mark':
      return module === 'connmark' ? connmark(arg, neg) : mark(arg, neg)
    case '--ctstate':
    case '--state':
      return states(arg, neg)
    case '--ctstatus':
      return neg ? { en: `whose conntrack status is not ${list(arg)}`, zh: `conntrack status 不是 ${arg}` } : { en: `whose conntrack status is ${list(arg)}`, zh: `conntrack status 为 ${arg}` }
    case '--ctproto':
      return { en: `whose tracked protocol is ${neg ? 'not ' : ''}${arg}`, zh: `conntrack 记录的协议${neg ? '不是' : '为'} ${arg}` }
    case '--ctorigsrc':
    case '--ctorigdst':
    case '--ctreplsrc':
    case '--ctrepldst': {
      const which = { '--ctorigsrc': ['original source', '原方向源地址'], '--ctorigdst': ['original destination', '原方向目的地址'], '--ctreplsrc': ['reply source', '回复方向源地址'], '--ctrepldst': ['reply destination', '回复方向目的地址'] }[o.name] ?? ['', '']
      return { en: `whose connection’s ${which[0]} is ${neg ? 'not ' : ''}${arg}`, zh: `所属连接的${which[1]}${neg ? '不是' : '为'} ${arg}` }
    }
    case '--ctdir':
      return { en: `travelling in the ${arg === 'REPLY' ? 'reply' : 'original'} direction of their connection`, zh: `属于连接的${arg === 'REPLY' ? '回复' : '原始'}方向` }
    case '--src-type':
    case '--dst-type': {
      const side = o.name === '--src-type' ? ['source', '源'] : ['destination', '目的']
      return { en: `whose ${side[0]} address is ${neg ? 'not ' : ''}of type ${arg}`, zh: `${side[1]}地址类型${neg ? '不是' : '为'} ${arg}` }
    }
    case '--limit-iface-in':
      return { en: 'judging address types on the incoming interface only', zh: '地址类型只按入口接口判断' }
    case '--limit-iface-out':
      return { en: 'judging address types on the outgoing interface only', zh: '地址类型只按出口接口判断' }
    case '--mode':
      // The probability or counter options say it all; the mode itself adds no words.
      return arg === 'random' || arg === 'nth' ? { en: '', zh: '' } : null
    case '--probability':
      return { en: `picked at random with probability ${arg}`, zh: `以概率 ${arg} 随机选中` }
    case '--every':
      return { en: `one packet in every ${arg}`, zh: `每 ${arg} 个包选中一个` }
    case '--packet':
      return { en: `starting at packet ${arg}`, zh: `从第 ${arg} 个包开始计数` }
    case '--transparent':
      return { en: 'whose socket is transparent (IP_TRANSPARENT)', zh: 'socket 为透明 socket（IP_TRANSPARENT）' }
    case '--nowildcard':
      return { en: 'ignoring sockets bound to a wildcard address', zh: '不考虑绑定在通配地址上的 socket' }
    case '--restore-skmark':
      return { en: 'copying the socket’s mark to the packet', zh: '把 socket 的 mark 复制到数据包' }
    case '--physdev-in':
      return { en: `${neg ? 'not ' : ''}bridged in on port ${arg}`, zh: `${neg ? '不是' : ''}经网桥端口 ${arg} 进入` }
    case '--physdev-out':
      return { en: `${neg ? 'not ' : ''}bridged out on port ${arg}`, zh: `${neg ? '不是' : ''}经网桥端口 ${arg} 发出` }
    case '--physdev-is-in':
      return { en: `${neg ? 'not ' : ''}entering through a bridge port`, zh: `${neg ? '不是' : ''}从网桥端口进入` }
    case '--physdev-is-out':
      return { en: `${neg ? 'not ' : ''}leaving through a bridge port`, zh: `${neg ? '不是' : ''}从网桥端口发出` }
    case '--physdev-is-bridged':
      return { en: `${neg ? 'not ' : ''}being bridged`, zh: `${neg ? '不是' : ''}经网桥转发` }
    case '--src-range':
      return { en: `from ${neg ? 'outside ' : ''}the range ${arg}`, zh: `源地址${neg ? '不' : ''}在 ${arg} 范围内` }
    case '--dst-range':
      return { en: `to ${neg ? 'outside ' : ''}the range ${arg}`, zh: `目的地址${neg ? '不' : ''}在 ${arg} 范围内` }
    case '--match-set': {
      const flags = (a[1] ?? 'src').split(',').map((f) => (f === 'src' ? ['source', '源'] : ['destination', '目的']))
      const en = flags.map((f) => f[0]).join(' and ')
      const zh = flags.map((f) => f[1]).join('、')
      return { en: `whose ${en} ${neg ? 'is not' : 'is'} in ipset ${arg}`, zh: `${zh}${neg ? '不' : ''}在 ipset ${arg} 中` }
    }
    case '--limit':
      return { en: `at most ${arg}`, zh: `速率不超过 ${arg}` }
    case '--limit-burst':
      return { en: `with bursts of up to ${arg}`, zh: `突发上限 ${arg}` }
    case '--icmp-type':
    case '--icmpv6-type':
      return { en: `of ICMP type ${neg ? 'other than ' : ''}${arg}`, zh: `ICMP 类型${neg ? '不是' : '为'} ${arg}` }
    case '--syn':
      return neg ? { en: 'that are not connection-opening SYNs', zh: '不是建立连接的 SYN 包' } : { en: 'that open a TCP connection (SYN)', zh: '是建立 TCP 连接的 SYN 包' }
    case '--tcp-flags':
      return { en: `with ${a[1] ?? ''} ${neg ? 'not ' : ''}set among TCP flags ${arg}`, zh: `TCP 标志 ${arg} 中${neg ? '不是' : '仅'}置位 ${a[1] ?? ''}` }
    case '--tcp-option':
      return { en: `${neg ? 'without' : 'with'} TCP option ${arg}`, zh: `${neg ? '不带' : '带有'} TCP 选项 ${arg}` }
    case '--comment':
      return { en: `(comment “${arg}”)`, zh: `（注释“${arg}”）` }
    case '--length':
      return { en: `whose length is ${neg ? 'not ' : ''}${range(arg)} bytes`, zh: `长度${neg ? '不' : ''}在 ${range(arg)} 字节` }
    case '--ttl-eq':
    case '--ttl-gt':
    case '--ttl-lt':
    case '--hl-eq':
    case '--hl-gt':
    case '--hl-lt': {
      const op = o.name.slice(-2)
      const en = op === 'eq' ? 'equal to' : op === 'gt' ? 'greater than' : 'less than'
      const zh = op === 'eq' ? '等于' : op === 'gt' ? '大于' : '小于'
      return { en: `whose TTL is ${neg ? 'not ' : ''}${en} ${arg}`, zh: `TTL ${neg ? '不' : ''}${zh} ${arg}` }
    }
    case '--pkt-type':
      return { en: `that are ${neg ? 'not ' : ''}${arg} packets`, zh: `${neg ? '不是' : '是'} ${arg} 类型的包` }
    case '--mac-source':
      return { en: `from MAC address ${neg ? 'other than ' : ''}${arg}`, zh: `源 MAC 地址${neg ? '不是' : '为'} ${arg}` }
    case '--connlimit-above':
      return { en: `when the source has more than ${arg} connections`, zh: `来源的连接数超过 ${arg}` }
    case '--connlimit-upto':
      return { en: `when the source has at most ${arg} connections`, zh: `来源的连接数不超过 ${arg}` }
    case '--dscp':
      return { en: `with DSCP ${neg ? 'other than ' : ''}${arg}`, zh: `DSCP ${neg ? '不是' : '为'} ${arg}` }
    case '--helper':
      return { en: `handled by the conntrack helper “${arg}”`, zh: `由 conntrack helper“${arg}”处理` }
    default:
      return null
  }
}

function list(arg: string): string {
  const parts = arg.split(',')
  if (parts.length <= 1) return arg
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`
}

function range(p: string): string {
  return p.replace(':', '–')
}

function portClause(side: 'dst' | 'src' | 'any', args: readonly string[], neg: boolean): Bi {
  const ports = args.flatMap((x) => x.split(',')).filter((p) => p !== '')
  const shown = ports.map(range)
  const one = shown.length === 1 ? shown[0] ?? '' : ''
  const isRange = shown.length === 1 && one.includes('–')
  const en = side === 'dst' ? 'to' : side === 'src' ? 'from' : 'with source or destination'
  const zh = side === 'dst' ? '目的端口' : side === 'src' ? '源端口' : '源或目的端口'
  if (shown.length === 1 && !isRange) return neg ? { en: `${en} any port but ${one}`, zh: `${zh}不是 ${one}` } : { en: `${en} port ${one}`, zh: `${zh}为 ${one}` }
  if (isRange) return neg ? { en: `${en} a port outside ${one}`, zh: `${zh}不在 ${one} 之间` } : { en: `${en} a port in ${one}`, zh: `${zh}在 ${one} 之间` }
  const enList = `${shown.slice(0, -1).join(', ')} ${neg ? 'and' : 'or'} ${shown[shown.length - 1] ?? ''}`
  return neg ? { en: `${en} any port but ${enList}`, zh: `${zh}不是 ${shown.join('、')} 中的任何一个` } : { en: `${en} port ${enList}`, zh: `${zh}为 ${shown.join('、')} 之一` }
}

function owner(kind: 'uid' | 'gid', id: string, neg: boolean): Bi {
  const idText = id.replace('-', '–')
  return neg
    ? { en: `not sent by a process with ${kind} ${idText}`, zh: `不是由 ${kind} 为 ${idText} 的进程发出` }
    : { en: `sent by a process with ${kind} ${idText}`, zh: `由 ${kind} 为 ${idText} 的进程发出` }
}

/** A mark value with its decimal reading when written in hex (`-L` prints 0x539 for 1337). */
export function markText(arg: string): string {
  const [value = '', mask] = arg.split('/')
  const n = markValue(value)
  const shown = /^0x/i.test(value) && n !== null ? `${value} (${n})` : value
  return mask ? `${shown} under mask ${mask}` : shown
}

export function markTextZh(arg: string): string {
  const [value = '', mask] = arg.split('/')
  const n = markValue(value)
  const shown = /^0x/i.test(value) && n !== null ? `${value}（${n}）` : value
  return mask ? `${shown}（掩码 ${mask}）` : shown
}

function mark(arg: string, neg: boolean): Bi {
  return neg
    ? { en: `not carrying packet mark ${markText(arg)}`, zh: `不带 mark ${markTextZh(arg)}` }
    : { en: `carrying packet mark ${markText(arg)}`, zh: `带有 mark ${markTextZh(arg)}` }
}

function connmark(arg: string, neg: boolean): Bi {
  return neg
    ? { en: `whose connection mark is not ${markText(arg)}`, zh: `所属连接的 connmark 不是 ${markTextZh(arg)}` }
    : { en: `whose connection mark is ${markText(arg)}`, zh: `所属连接的 connmark 为 ${markTextZh(arg)}` }
}

function states(arg: string, neg: boolean): Bi {
  const s = arg.split(',')
  const en = s.length > 1 ? `${s.slice(0, -1).join(', ')} or ${s[s.length - 1]}` : arg
  return neg
    ? { en: `whose conntrack state is not ${en}`, zh: `conntrack 状态不是 ${s.join('、')}` }
    : { en: `whose conntrack state is ${en}`, zh: `conntrack 状态为 ${s.join(' 或 ')}` }
}
