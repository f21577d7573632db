import { canonicalHostAddress } from '../canonical/address.ts'
import { hex, parseUnsigned, parseValueMask } from '../canonical/numbers.ts'
import { parsePort } from '../canonical/ports.ts'
import { fail, has, ok, option, type ExtensionSpec, type OptionRead, type OptionSpec } from './types.ts'

/**
 * MARK, CONNMARK and TPROXY. Every way of writing a mark change is stored as the kernel stores it,
 * `--set-xmark value/mask` (new = (old & ~mask) ^ value), which is all iptables-save prints.
 */

function xmark(name: string, value: number, mask: number): OptionRead {
  return ok(option(name, [`${hex(value)}/${hex(mask)}`]))
}

function markChange(kind: 'set-xmark' | 'set-mark' | 'and-mark' | 'or-mark' | 'xor-mark'): OptionSpec {
  return {
    names: [`--${kind}`],
    arity: 1,
    read(args) {
      const text = args[0] ?? ''
      if (kind === 'set-xmark' || kind === 'set-mark') {
        const m = parseValueMask(text)
        if (!m) return fail(`--${kind}: "${text}" is not value[/mask]`)
        // --set-mark v/m clears the mask bits and the value bits, then sets the value.
        return xmark('--set-xmark', m.value, kind === 'set-mark' ? (m.mask | m.value) >>> 0 : m.mask)
      }
      const v = parseUnsigned(text)
      if (v === null) return fail(`--${kind}: "${text}" is not a number`)
      if (kind === 'and-mark') return xmark('--set-xmark', 0, ~v >>> 0)
      if (kind === 'or-mark') return xmark('--set-xmark', v, v)
      return xmark('--set-xmark', v, 0)
    },
  }
}

const MARK_CHANGES = [markChange('set-xmark'), markChange('set-mark'), markChange('and-mark'), markChange('or-mark'), markChange('xor-mark')]

const markTarget: ExtensionSpec = {
  name: 'MARK',
  kind: 'target',
  order: ['--set-xmark'],
  options: MARK_CHANGES,
  finish(options) {
    if (options.length !== 1) return { options, error: 'MARK needs exactly one of --set-xmark, --set-mark, --and-mark, --or-mark, --xor-mark' }
    return { options }
  },
}

function maskOption(name: string): OptionSpec {
  return {
    names: [name],
    arity: 1,
    read(args) {
      const v = parseUnsigned(args[0] ?? '')
      if (v === null) return fail(`${name}: "${args[0] ?? ''}" is not a number`)
      if (name === '--mask') return ok(option('--nfmask', [hex(v)]), option('--ctmask', [hex(v)]))
      return ok(option(name, [hex(v)]))
    },
  }
}

const connmarkTarget: ExtensionSpec = {
  name: 'CONNMARK',
  kind: 'target',
  order: ['--set-xmark', '--save-mark', '--restore-mark', '--nfmask', '--ctmask'],
  options: [
    ...MARK_CHANGES,
    { names: ['--save-mark'], arity: 0 },
    { names: ['--restore-mark'], arity: 0 },
    maskOption('--nfmask'),
    maskOption('--ctmask'),
    maskOption('--mask'),
  ],
  finish(options) {
    const modes = options.filter((o) => o.name === '--set-xmark' || o.name === '--save-mark' || o.name === '--restore-mark')
    if (modes.length !== 1) return { options, error: 'CONNMARK needs exactly one of --set-xmark, --set-mark, --save-mark, --restore-mark' }
    const mode = modes[0]?.name
    const masks = options.filter((o) => o.name === '--nfmask' || o.name === '--ctmask')
    if (mode === '--set-xmark') {
      return masks.length ? { options, error: 'CONNMARK: --nfmask/--ctmask/--mask go with --save-mark or --restore-mark' } : { options }
    }
    // iptables-save always prints both masks of a save/restore, all ones by default; the last one given wins.
    const nf = masks.toReversed().find((o) => o.name === '--nfmask')?.args[0] ?? '0xffffffff'
    const ct = masks.toReversed().find((o) => o.name === '--ctmask')?.args[0] ?? '0xffffffff'
    return { options: [option(mode as string, []), option('--nfmask', [nf]), option('--ctmask', [ct])] }
  },
}

const tproxy: ExtensionSpec = {
  name: 'TPROXY',
  kind: 'target',
  order: ['--on-port', '--on-ip', '--tproxy-mark'],
  options: [
    {
      names: ['--on-port'],
      arity: 1,
      read(args) {
        const p = parsePort(args[0] ?? '', null)
        return p === null ? fail(`--on-port: "${args[0] ?? ''}" is not a port`) : ok(option('--on-port', [String(p)]))
      },
    },
    {
      names: ['--on-ip'],
      arity: 1,
      read(args, _negated, ctx) {
        const a = canonicalHostAddress(args[0] ?? '', ctx.family)
        return a === null ? fail(`--on-ip: "${args[0] ?? ''}" is not an address`) : ok(option('--on-ip', [a]))
      },
    },
    {
      names: ['--tproxy-mark'],
      arity: 1,
      read(args) {
        const m = parseValueMask(args[0] ?? '')
        return m ? xmark('--tproxy-mark', m.value, m.mask) : fail(`--tproxy-mark: "${args[0] ?? ''}" is not value[/mask]`)
      },
    },
  ],
  finish(options, ctx) {
    if (!has(options, '--on-port')) return { options, error: 'TPROXY needs --on-port' }
    const out = [...options]
    if (!has(out, '--on-ip')) out.push(option('--on-ip', [ctx.family === 4 ? '0.0.0.0' : '::']))
    if (!has(out, '--tproxy-mark')) out.push(option('--tproxy-mark', ['0x0/0x0']))
    if (ctx.protocol !== 'tcp' && ctx.protocol !== 'udp') return { options: out, error: 'TPROXY needs -p tcp or -p udp' }
    return { options: out }
  },
}

export const MARK_TARGETS: readonly ExtensionSpec[] = [markTarget, connmarkTarget, tproxy]
