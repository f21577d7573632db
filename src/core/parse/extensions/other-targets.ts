import { parseUnsigned } from '../canonical/numbers.ts'
import { fail, has, ok, option, single, type ExtensionSpec } from './types.ts'

/** REJECT, LOG, NFLOG, CT, NOTRACK, CHECKSUM, TCPMSS, TRACE. */

const REJECT_V4: ReadonlyMap<string, string> = new Map([
  ['icmp-net-unreachable', 'icmp-net-unreachable'], ['net-unreach', 'icmp-net-unreachable'],
  ['icmp-host-unreachable', 'icmp-host-unreachable'], ['host-unreach', 'icmp-host-unreachable'],
  ['icmp-proto-unreachable', 'icmp-proto-unreachable'], ['proto-unreach', 'icmp-proto-unreachable'],
  ['icmp-port-unreachable', 'icmp-port-unreachable'], ['port-unreach', 'icmp-port-unreachable'],
  ['icmp-net-prohibited', 'icmp-net-prohibited'], ['net-prohib', 'icmp-net-prohibited'],
  ['icmp-host-prohibited', 'icmp-host-prohibited'], ['host-prohib', 'icmp-host-prohibited'],
  ['tcp-reset', 'tcp-reset'], ['tcp-rst', 'tcp-reset'],
  ['icmp-admin-prohibited', 'icmp-admin-prohibited'], ['admin-prohib', 'icmp-admin-prohibited'],
])

const REJECT_V6: ReadonlyMap<string, string> = new Map([
  ['icmp6-no-route', 'icmp6-no-route'], ['no-route', 'icmp6-no-route'],
  ['icmp6-adm-prohibited', 'icmp6-adm-prohibited'], ['adm-prohibited', 'icmp6-adm-prohibited'],
  ['icmp6-addr-unreachable', 'icmp6-addr-unreachable'], ['addr-unreach', 'icmp6-addr-unreachable'],
  ['icmp6-port-unreachable', 'icmp6-port-unreachable'], ['port-unreach', 'icmp6-port-unreachable'],
  ['icmp6-policy-fail', 'icmp6-policy-fail'], ['policy-fail', 'icmp6-policy-fail'],
  ['icmp6-reject-route', 'icmp6-reject-route'], ['reject-route', 'icmp6-reject-route'],
  ['tcp-reset', 'tcp-reset'], ['tcp-rst', 'tcp-reset'],
])

const reject: ExtensionSpec = {
  name: 'REJECT',
  kind: 'target',
  order: ['--reject-with'],
  options: [
    {
      names: ['--reject-with'],
      arity: 1,
      read(args, _negated, ctx) {
        const table = ctx.family === 4 ? REJECT_V4 : REJECT_V6
        const v = table.get(args[0] ?? '')
        return v ? ok(option('--reject-with', [v])) : fail(`--reject-with: unknown reply "${args[0] ?? ''}" (${[...new Set(table.values())].join(', ')})`)
      },
    },
  ],
  finish(options, ctx) {
    if (has(options, '--reject-with')) {
      if (options.some((o) => o.args[0] === 'tcp-reset') && ctx.protocol !== 'tcp') {
        return { options, error: 'REJECT --reject-with tcp-reset needs -p tcp' }
      }
      return { options }
    }
    return { options: [option('--reject-with', [ctx.family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable'])] }
  },
}

/** The level names `--log-level` accepts (libxt_LOG); `iptables -L` prints some differently (see listing-targets). */
const LOG_LEVELS: ReadonlyMap<string, number> = new Map([
  ['emerg', 0], ['panic', 0], ['alert', 1], ['crit', 2], ['error', 3], ['warning', 4], ['notice', 5], ['info', 6], ['debug', 7],
])

const log: ExtensionSpec = {
  name: 'LOG',
  kind: 'target',
  order: ['--log-prefix', '--log-level', '--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '--log-uid', '--log-macdecode'],
  quoted: ['--log-prefix'],
  options: [
    {
      names: ['--log-level'],
      arity: 1,
      read: single('--log-level', 'a level (0–7, or emerg alert crit error warning notice info debug)', (a) => {
        const n = /^[0-7]$/.test(a) ? Number(a) : LOG_LEVELS.get(a)
        return n === undefined ? null : String(n)
      }),
    },
    {
      names: ['--log-prefix'],
      arity: 1,
      quoted: true,
      read(args) {
        const prefix = args[0] ?? ''
        // The kernel keeps 29 characters (30 with the NUL); iptables cuts the rest without a word.
        if (prefix.length <= 29) return ok(option('--log-prefix', [prefix]))
        return { options: [option('--log-prefix', [prefix.slice(0, 29)])], warning: '--log-prefix: longer than 29 characters; iptables keeps the first 29', warningCode: 'IPT009' }
      },
    },
    { names: ['--log-tcp-sequence'], arity: 0 },
    { names: ['--log-tcp-options'], arity: 0 },
    { names: ['--log-ip-options'], arity: 0 },
    { names: ['--log-uid'], arity: 0 },
    { names: ['--log-macdecode'], arity: 0 },
  ],
  // Level 4 (warning) is the default and iptables-save leaves it out.
  finish: (options) => ({ options: options.filter((o) => !(o.name === '--log-level' && o.args[0] === '4')) }),
}

function count(name: string, max: number) {
  return single(name, `a number (0–${max})`, (a) => {
    const n = parseUnsigned(a, max)
    return n === null ? null : String(n)
  })
}

const nflog: ExtensionSpec = {
  name: 'NFLOG',
  kind: 'target',
  order: ['--nflog-prefix', '--nflog-group', '--nflog-size', '--nflog-threshold'],
  quoted: ['--nflog-prefix'],
  options: [
    { names: ['--nflog-group'], arity: 1, read: count('--nflog-group', 65535) },
    {
      names: ['--nflog-prefix'],
      arity: 1,
      quoted: true,
      read: (args) => ((args[0] ?? '').length > 63 ? fail('--nflog-prefix: longer than 63 characters') : ok(option('--nflog-prefix', [args[0] ?? '']))),
    },
    { names: ['--nflog-size'], arity: 1, read: count('--nflog-size', 0xffffffff) },
    // iptables-nft accepts --nflog-range but does not keep it (iptables-save prints nothing for it).
    { names: ['--nflog-range'], arity: 1, read: () => ({ options: [], warning: '--nflog-range is ignored by iptables-nft; use --nflog-size', warningCode: 'IPT009' }) },
    { names: ['--nflog-threshold'], arity: 1, read: count('--nflog-threshold', 65535) },
  ],
  // Group 0 is the default and iptables-save leaves it out.
  finish: (options) => ({ options: options.filter((o) => !(o.name === '--nflog-group' && o.args[0] === '0')) }),
}

const ct: ExtensionSpec = {
  name: 'CT',
  kind: 'target',
  order: ['--notrack', '--helper', '--timeout', '--ctevents', '--expevents', '--zone-orig', '--zone-reply', '--zone'],
  options: [
    { names: ['--notrack'], arity: 0 },
    { names: ['--helper'], arity: 1 },
    { names: ['--timeout'], arity: 1 },
    { names: ['--ctevents'], arity: 1 },
    { names: ['--expevents'], arity: 1 },
    { names: ['--zone-orig'], arity: 1 },
    { names: ['--zone-reply'], arity: 1 },
    { names: ['--zone'], arity: 1 },
  ],
}

const notrack: ExtensionSpec = { name: 'NOTRACK', kind: 'target', order: [], options: [] }
const trace: ExtensionSpec = { name: 'TRACE', kind: 'target', order: [], options: [] }

const checksum: ExtensionSpec = {
  name: 'CHECKSUM',
  kind: 'target',
  order: ['--checksum-fill'],
  options: [{ names: ['--checksum-fill'], arity: 0 }],
}

const tcpmss: ExtensionSpec = {
  name: 'TCPMSS',
  kind: 'target',
  order: ['--set-mss', '--clamp-mss-to-pmtu'],
  options: [{ names: ['--set-mss'], arity: 1, read: count('--set-mss', 65535) }, { names: ['--clamp-mss-to-pmtu'], arity: 0 }],
  finish(options, ctx) {
    if (options.length !== 1) return { options, error: 'TCPMSS needs exactly one of --set-mss, --clamp-mss-to-pmtu' }
    if (ctx.protocol !== 'tcp') return { options, error: 'TCPMSS needs -p tcp' }
    return { options }
  },
}

export const OTHER_TARGETS: readonly ExtensionSpec[] = [reject, log, nflog, ct, notrack, trace, checksum, tcpmss]
