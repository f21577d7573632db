import type { Family } from '../model/ruleset.ts'
import { protocolNumber } from './tables/names.ts'

/**
 * The fixed columns of an `iptables -L` row: `[num] [pkts bytes] [target] prot opt [in out] source destination`.
 * The target column is blank for a rule without `-j`; ip6tables-legacy prints the opt column as blanks. Rows are
 * matched by shape (the opt word `--`/`-f`/`!f` after a protocol anchors them), so a listing collapsed onto one
 * line can be cut into rows again.
 */
export interface Layout {
  num: boolean
  counters: boolean
  inOut: boolean
}

export interface Word {
  text: string
  /** 0-based offsets in the line. */
  start: number
  end: number
}

export interface RowColumns {
  num?: string
  pkts?: string
  bytes?: string
  target: string | null
  prot: string
  opt: string | null
  in?: string
  out?: string
  source: string
  destination: string
  /** Index of the first word after the destination column. */
  next: number
}

export function isCounter(w: string | undefined): boolean {
  return w !== undefined && /^[0-9]+[KMGTP]?$/.test(w)
}

export function isOpt(w: string | undefined): boolean {
  return w === '--' || w === '-f' || w === '!f'
}

const protCache = new Map<string, boolean>()

export function isProt(w: string | undefined): boolean {
  if (w === undefined || w === '') return false
  let v = protCache.get(w)
  if (v === undefined) {
    const t = w.startsWith('!') ? w.slice(1) : w
    v = t === 'all' || (/^[a-z0-9][a-z0-9.-]*$/.test(t) && protocolNumber(t) !== null)
    if (protCache.size < 1024) protCache.set(w, v)
  }
  return v
}

/** Reads the fixed columns of a row starting at word `p`, or null when the words there do not have a row's shape. */
export function readColumns(words: readonly Word[], p: number, layout: Layout, requireOpt: boolean): RowColumns | null {
  let k = p
  const text = (i: number) => words[i]?.text
  const out: Partial<RowColumns> = {}
  if (layout.num) {
    if (!/^[0-9]+$/.test(text(k) ?? '')) return null
    out.num = text(k)
    k++
  }
  if (layout.counters) {
    if (!isCounter(text(k)) || !isCounter(text(k + 1))) return null
    out.pkts = text(k)
    out.bytes = text(k + 1)
    k += 2
  }
  if (isOpt(text(k + 1)) && isProt(text(k))) {
    out.target = null
    out.prot = text(k) as string
    out.opt = text(k + 1) as string
    k += 2
  } else if (isOpt(text(k + 2)) && isProt(text(k + 1))) {
    out.target = text(k) as string
    out.prot = text(k + 1) as string
    out.opt = text(k + 2) as string
    k += 3
  } else if (!requireOpt && isProt(text(k + 1)) && !isProt(text(k))) {
    out.target = text(k) as string
    out.prot = text(k + 1) as string
    out.opt = null
    k += 2
  } else if (!requireOpt && isProt(text(k))) {
    out.target = null
    out.prot = text(k) as string
    out.opt = null
    k += 1
  } else return null
  if (layout.inOut) {
    if (words[k + 1] === undefined) return null
    out.in = text(k)
    out.out = text(k + 1)
    k += 2
  }
  if (words[k + 1] === undefined) return null
  out.source = text(k)
  out.destination = text(k + 1)
  out.next = k + 2
  return out as RowColumns
}

/** `2701` → 2701; `162K` → 162000 (iptables rounds to units of 1000 above 99999). */
export function counterValue(w: string): { value: number; approximate: boolean } {
  const suffix = w[w.length - 1] as string
  const scale = suffix === 'K' ? 1e3 : suffix === 'M' ? 1e6 : suffix === 'G' ? 1e9 : suffix === 'T' ? 1e12 : suffix === 'P' ? 1e15 : 1
  if (scale === 1) return { value: Number(w), approximate: false }
  return { value: Number(w.slice(0, -1)) * scale, approximate: true }
}

/** The family a listing's address columns show: `::/0`, `fd00::/64` and the like only appear in ip6tables. */
export function addressFamily(source: string, destination: string): Family | null {
  const a = source.replace(/^!/, '')
  const b = destination.replace(/^!/, '')
  if (/^[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:\/\S+)?$/.test(a) || /^[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:\/\S+)?$/.test(b)) return 6
  if (/^\d+\.\d+\.\d+\.\d+/.test(a) || /^\d+\.\d+\.\d+\.\d+/.test(b)) return 4
  return null
}
