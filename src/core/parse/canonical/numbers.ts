/**
 * Numbers as iptables reads them: strtoul(…, 0), so `0x539`, `1337` and `02471` are the same mark. Values stay
 * plain JS numbers (marks are 32 bits, well inside the safe integer range).
 */
export function parseUnsigned(text: string, max = 0xffffffff): number | null {
  if (text === '' || text.length > 34) return null
  let n: number
  if (text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X')) {
    if (!/^[0-9a-fA-F]+$/.test(text.slice(2))) return null
    n = parseInt(text.slice(2), 16)
  } else if (text.length > 1 && text[0] === '0') {
    if (!/^[0-7]+$/.test(text)) return null
    n = parseInt(text, 8)
  } else {
    if (!isDigits(text)) return null
    n = Number(text)
  }
  return Number.isSafeInteger(n) && n <= max ? n : null
}

/** Plain decimal digits, no sign: what the listing and most save output use. */
export function isDigits(text: string): boolean {
  if (text === '') return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** `0x539`: how iptables-save prints marks and masks (`%#x` without the `0` special case: 0 is `0x0`). */
export function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`
}

/** `value[/mask]` with strtoul numbers; the mask defaults to `defaultMask`. */
export function parseValueMask(text: string, defaultMask = 0xffffffff): { value: number; mask: number } | null {
  const slash = text.indexOf('/')
  const value = parseUnsigned(slash < 0 ? text : text.slice(0, slash))
  if (value === null) return null
  if (slash < 0) return { value, mask: defaultMask }
  const mask = parseUnsigned(text.slice(slash + 1))
  if (mask === null) return null
  return { value, mask }
}

/**
 * The text of a probability as the statistic match stores and prints it: the kernel keeps
 * `lround(p × 2^31)`, iptables-save prints that back divided by 2^31 with `%.11f`. Rounding is done exactly on the
 * binary value (as glibc's printf does), not on a decimal approximation.
 */
export function probabilityText(p: number): string | null {
  if (!Number.isFinite(p) || p < 0 || p > 1) return null
  const stored = BigInt(Math.round(p * 0x80000000))
  // stored / 2^31 has at most 31 fractional binary digits, so stored × 10^31 / 2^31 is an exact integer.
  const scaled = (stored * 10n ** 31n) >> 31n
  const divisor = 10n ** 20n
  let q = scaled / divisor
  const r = scaled % divisor
  const half = divisor / 2n
  if (r > half || (r === half && q % 2n === 1n)) q += 1n
  const digits = q.toString().padStart(12, '0')
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`
}
