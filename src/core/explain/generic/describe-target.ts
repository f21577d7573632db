import type { Target, TableName } from '../../model/ruleset.ts'
import type { Bi } from '../types.ts'
import { markText, markTextZh } from './describe-modules.ts'

export interface TargetPlace {
  table: TableName
  chain: string
  builtin: boolean
  /** The chain's policy, for a RETURN in a built-in chain. */
  policy: string | null
  /** Whether the target names a chain of the table: true, false, or null when the caller does not know. */
  targetIsChain: boolean | null
}

export interface TargetWords {
  /** Verb phrase for a plural subject ("are accepted", "jump to X"). */
  text: Bi
  /** What else to know about the action, for the clause-by-clause view (the sentence leaves it out). */
  detail?: Bi
  understood: boolean
  /** Options of the target the explainer could not read, verbatim. */
  unknown: string[]
}

/** What the target does, in words. A rule without target only counts packets. */
export function describeTarget(target: Target | null, place: TargetPlace): TargetWords {
  if (!target) return ok({ en: 'are only counted (the rule has no target)', zh: '只计数，不做任何处理（没有 -j）' })
  const opt = (...names: string[]): string | undefined => target.options.find((o) => names.includes(o.name))?.args.join(' ')
  const has = (name: string): boolean => target.options.some((o) => o.name === name)
  const known = (names: readonly string[]): string[] =>
    target.options.filter((o) => !names.includes(o.name)).map((o) => `${o.negated ? '! ' : ''}${o.name} ${o.args.join(' ')}`.trim())
  const words = (text: Bi, names: readonly string[]): TargetWords => {
    const unknown = known(names)
    return { text, understood: unknown.length === 0, unknown }
  }
  switch (target.name) {
    case 'ACCEPT':
      return ok({ en: `are accepted: the ${place.table} table lets them through`, zh: `被 ACCEPT：${place.table} 表放行` })
    case 'DROP':
      return ok({ en: 'are dropped', zh: '被丢弃（DROP）' })
    case 'RETURN':
      return place.builtin
        ? ok({
            en: `stop here: the ${place.chain} chain’s policy${place.policy ? ` (${place.policy})` : ''} applies`,
            zh: `在此结束：按 ${place.chain} chain 的默认策略${place.policy ? `（${place.policy}）` : ''}处理`,
          })
        : {
            ...ok({ en: 'return to the calling chain', zh: 'RETURN 到调用方 chain' }),
            detail: { en: 'processing goes on at the rule after the jump that led here', zh: '从调用方跳转到这里的那条规则之后继续' },
          }
    case 'REJECT': {
      const w = opt('--reject-with')
      return words({ en: `are rejected${w ? ` with ${w}` : ''}: the sender gets an error back`, zh: `被 REJECT${w ? `（${w}）` : ''}：发送方会收到错误回应` }, ['--reject-with'])
    }
    case 'REDIRECT': {
      const p = opt('--to-ports', '--to-port')
      const where =
        place.chain === 'OUTPUT'
          ? { en: 'the destination becomes 127.0.0.1 (::1 in IPv6)', zh: '目的地址改为 127.0.0.1（IPv6 为 ::1）' }
          : place.chain === 'PREROUTING'
            ? { en: 'the destination becomes the address of the interface they arrived on', zh: '目的地址改为入口接口的地址' }
            : { en: 'the destination becomes 127.0.0.1 (::1) for locally sent packets, or the arriving interface’s address', zh: '本机发出的包目的地址改为 127.0.0.1（::1），外来的包改为入口接口的地址' }
      const port = p ? { en: ` port ${p}`, zh: ` ${p} 端口` } : { en: ' their original port', zh: '原端口' }
      return {
        ...words({ en: `are redirected to local${port.en}`, zh: `被 REDIRECT 到本机${port.zh}` }, ['--to-ports', '--to-port', '--random']),
        detail: { en: `${where.en}; the original destination stays readable with SO_ORIGINAL_DST`, zh: `${where.zh}；原目的地址可用 SO_ORIGINAL_DST 取回` },
      }
    }
    case 'DNAT': {
      const d = opt('--to-destination') ?? '?'
      return words({ en: `have their destination rewritten to ${d}`, zh: `目的地址被 DNAT 改写为 ${d}` }, ['--to-destination', '--random', '--persistent'])
    }
    case 'SNAT': {
      const s = opt('--to-source') ?? '?'
      return words({ en: `have their source rewritten to ${s}`, zh: `源地址被 SNAT 改写为 ${s}` }, ['--to-source', '--random', '--random-fully', '--persistent'])
    }
    case 'MASQUERADE': {
      const p = opt('--to-ports')
      return words(
        { en: `have their source rewritten to the address of the interface they leave through${p ? ` (ports ${p})` : ''}`, zh: `源地址被 MASQUERADE 改写为出口接口的地址${p ? `（端口 ${p}）` : ''}` },
        ['--to-ports', '--random', '--random-fully'],
      )
    }
    case 'TPROXY': {
      const port = opt('--on-port') ?? '?'
      const ip = opt('--on-ip')
      const m = opt('--tproxy-mark')
      return words(
        {
          en: `are handed to the local socket on port ${port}${ip ? ` at ${ip}` : ''} with their destination unchanged${m ? `, and get mark ${markText(m)}` : ''}`,
          zh: `被 TPROXY 交给本机${ip ? ` ${ip}` : ''} ${port} 端口的 socket，目的地址不变${m ? `，并打上 mark ${markTextZh(m)}` : ''}`,
        },
        ['--on-port', '--on-ip', '--tproxy-mark'],
      )
    }
    case 'MARK': {
      const set = opt('--set-mark', '--set-xmark')
      const and = opt('--and-mark')
      const or = opt('--or-mark')
      const xor = opt('--xor-mark')
      const text = set
        ? { en: `get packet mark ${markText(set)}`, zh: `被打上 mark ${markTextZh(set)}` }
        : and
          ? { en: `have their packet mark ANDed with ${and}`, zh: `mark 与 ${and} 按位与` }
          : or
            ? { en: `have their packet mark ORed with ${or}`, zh: `mark 与 ${or} 按位或` }
            : { en: `have their packet mark XORed with ${xor ?? '?'}`, zh: `mark 与 ${xor ?? '?'} 按位异或` }
      return words({ en: `${text.en}, then continue to the next rule`, zh: `${text.zh}，然后继续下一条规则` }, ['--set-mark', '--set-xmark', '--and-mark', '--or-mark', '--xor-mark'])
    }
    case 'CONNMARK': {
      const names = ['--save-mark', '--restore-mark', '--set-mark', '--set-xmark', '--mask', '--nfmask', '--ctmask', '--and-mark', '--or-mark', '--xor-mark']
      if (has('--save-mark')) return words({ en: 'copy their packet mark into the connection mark (CONNMARK --save-mark), then continue', zh: '把包的 mark 保存为所属连接的 connmark（--save-mark），然后继续' }, names)
      if (has('--restore-mark')) return words({ en: 'get their connection’s mark copied back onto the packet (CONNMARK --restore-mark), then continue', zh: '把所属连接的 connmark 恢复到包的 mark 上（--restore-mark），然后继续' }, names)
      const v = opt('--set-mark', '--set-xmark') ?? '?'
      return words({ en: `set their connection’s mark to ${markText(v)}, then continue`, zh: `把所属连接的 connmark 设为 ${markTextZh(v)}，然后继续` }, names)
    }
    case 'CT': {
      const names = ['--zone', '--zone-orig', '--zone-reply', '--notrack', '--helper', '--timeout', '--ctevents', '--expevents']
      if (has('--notrack')) return words({ en: 'are not tracked by conntrack', zh: '不被 conntrack 跟踪（--notrack）' }, names)
      const zone = opt('--zone', '--zone-orig', '--zone-reply')
      if (zone) return words({ en: `are tracked by conntrack in zone ${zone}, then continue`, zh: `由 conntrack 在 zone ${zone} 中跟踪，然后继续` }, names)
      const helper = opt('--helper')
      return words({ en: `are tracked with conntrack helper ${helper ?? '?'}, then continue`, zh: `由 conntrack helper ${helper ?? '?'} 处理，然后继续` }, names)
    }
    case 'NOTRACK':
      return ok({ en: 'are not tracked by conntrack', zh: '不被 conntrack 跟踪' })
    case 'LOG': {
      const p = opt('--log-prefix')
      return words({ en: `are logged to the kernel log${p ? ` with prefix “${p}”` : ''}, then continue`, zh: `写入内核日志${p ? `（前缀“${p}”）` : ''}，然后继续` }, ['--log-prefix', '--log-level', '--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '--log-uid', '--log-macdecode'])
    }
    case 'NFLOG': {
      const g = opt('--nflog-group') ?? '0'
      const p = opt('--nflog-prefix')
      return words(
        { en: `are copied to NFLOG group ${g}${p ? ` with prefix “${p}”` : ''}, then continue to the next rule`, zh: `复制到 NFLOG group ${g}${p ? `（前缀“${p}”）` : ''}，然后继续下一条规则` },
        ['--nflog-group', '--nflog-prefix', '--nflog-range', '--nflog-size', '--nflog-threshold'],
      )
    }
    case 'NFQUEUE':
    case 'QUEUE': {
      const n = opt('--queue-num') ?? '0'
      return words({ en: `are queued to a user-space program (queue ${n})`, zh: `交给用户态程序处理（队列 ${n}）` }, ['--queue-num', '--queue-balance', '--queue-bypass', '--fail-open', '--queue-cpu-fanout'])
    }
    case 'TCPMSS':
      return words(
        has('--clamp-mss-to-pmtu') ? { en: 'have their TCP MSS clamped to the path MTU', zh: 'TCP MSS 被限制为路径 MTU' } : { en: `have their TCP MSS set to ${opt('--set-mss') ?? '?'}`, zh: `TCP MSS 被设为 ${opt('--set-mss') ?? '?'}` },
        ['--clamp-mss-to-pmtu', '--set-mss'],
      )
    case 'CHECKSUM':
      return words({ en: 'get their checksum filled in, then continue', zh: '补全校验和，然后继续' }, ['--checksum-fill'])
    case 'TRACE':
      return ok({ en: 'are traced: every later rule they hit is logged', zh: '开启 TRACE：之后命中的每条规则都会记录日志' })
    default:
      break
  }
  const unknownExtension = place.targetIsChain === false || (place.targetIsChain === null && target.options.length > 0)
  if (unknownExtension)
    return { text: { en: `go to the ${target.name} target, which this explainer does not know`, zh: `交给 ${target.name} target（本工具不认识它）` }, understood: false, unknown: known([]) }
  if (target.kind === 'goto')
    return {
      ...ok({ en: `go to ${target.name}`, zh: `goto 到 ${target.name} chain` }),
      detail: { en: 'a RETURN there goes back past this chain, to the one that called it', zh: '那里的 RETURN 会越过当前 chain，回到更上一层' },
    }
  return {
    ...ok({ en: `jump to ${target.name}`, zh: `跳转到 ${target.name} chain` }),
    detail: { en: 'a RETURN there (or its end) comes back to the next rule here', zh: '那里的 RETURN（或走到 chain 末尾）会回到当前 chain 的下一条规则' },
  }
}

function ok(text: Bi): TargetWords {
  return { text, understood: true, unknown: [] }
}
