import { servicePort } from '../tables/names.ts'
import { isDigits } from './numbers.ts'

/**
 * Ports and port ranges as the tcp/udp/sctp/multiport matches read them (service names through /etc/services for
 * the rule's protocol) and as iptables-save prints them (numbers; a range `a:b`, a single port when a = b).
 */
export type PortResult = { ok: true; from: number; to: number } | { ok: false; message: string }

/** A port number or a service name for `proto` (`tcp` when the rule names no port protocol). */
export function parsePort(text: string, proto: string | null): number | null {
  if (isDigits(text)) {
    if (text.length > 5) return null
    const n = Number(text)
    return n <= 65535 ? n : null
  }
  const p = proto === 'udp' || proto === 'sctp' || proto === 'dccp' || proto === 'udplite' ? proto : 'tcp'
  return servicePort(text, p === 'udplite' ? 'udp' : p)
}

/** `a`, `a:b`, `:b` (from 0) or `a:` (to 65535), as the tcp/udp `--sport`/`--dport` options accept them. */
export function parsePortRange(text: string, proto: string | null): PortResult {
  const colon = text.indexOf(':')
  if (colon < 0) {
    const p = parsePort(text, proto)
    return p === null ? badPort(text) : { ok: true, from: p, to: p }
  }
  const fromText = text.slice(0, colon)
  const toText = text.slice(colon + 1)
  const from = fromText === '' ? 0 : parsePort(fromText, proto)
  const to = toText === '' ? 65535 : parsePort(toText, proto)
  if (from === null) return badPort(fromText)
  if (to === null) return badPort(toText)
  if (from > to) return { ok: false, message: `port range ${text} runs backwards (min > max)` }
  return { ok: true, from, to }
}

function badPort(text: string): PortResult {
  return { ok: false, message: `"${text}" is not a port number (0–65535) or a known service name` }
}

export function portRangeText(from: number, to: number): string {
  return from === to ? String(from) : `${from}:${to}`
}

/** A multiport list: up to 15 ports, a range counting as two; printed with numbers, ranges `a:b`. */
export function parsePortList(text: string, proto: string | null): { ok: true; text: string } | { ok: false; message: string } {
  const parts = text.split(',')
  const out: string[] = []
  let slots = 0
  for (const part of parts) {
    const colon = part.indexOf(':')
    if (colon < 0) {
      const p = parsePort(part, proto)
      if (p === null) return { ok: false, message: `"${part}" is not a port number (0–65535) or a known service name` }
      out.push(String(p))
      slots++
      continue
    }
    const r = parsePortRange(part, proto)
    if (!r.ok) return r
    // multiport refuses a range of one port (iptables: "invalid portrange specified").
    if (r.from >= r.to) return { ok: false, message: `port range ${part}: the first port must be below the second` }
    out.push(`${r.from}:${r.to}`)
    slots += 2
  }
  if (slots > 15) return { ok: false, message: `too many ports in "${text}": multiport takes at most 15 (a range counts as 2)` }
  return { ok: true, text: out.join(',') }
}
