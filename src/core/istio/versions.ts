/**
 * Istio release numbers as the generator cares about them: 1.5.0 … 1.24.x one by one, and everything from 1.25 on,
 * whose istio-iptables output is identical (spec Part B), as `latest`.
 */
export interface IstioVersion {
  major: 1
  minor: number
  patch: number
}

/** The last patch tag of every minor the corpus covers (spec Part E); a minor's profile behaves like this tag. */
export const LAST_PATCH: Readonly<Record<number, number>> = {
  5: 10,
  6: 14,
  7: 8,
  8: 6,
  9: 9,
  10: 6,
  11: 8,
  12: 9,
  13: 9,
  14: 6,
  15: 7,
  16: 7,
  17: 8,
  18: 7,
  19: 10,
  20: 8,
  21: 6,
  22: 8,
  23: 6,
  24: 6,
}

export const FIRST_MINOR = 5
export const LAST_LISTED_MINOR = 24
/** `latest` stands for current master; its generator has been unchanged since 1.28 and its goldens since 1.25. */
export const LATEST_VERSION: IstioVersion = { major: 1, minor: 99, patch: 0 }

export function isLatest(v: IstioVersion): boolean {
  return v.minor > LAST_LISTED_MINOR
}

export function compareVersions(a: IstioVersion, b: IstioVersion): number {
  return a.minor !== b.minor ? a.minor - b.minor : a.patch - b.patch
}

export function formatVersion(v: IstioVersion): string {
  if (v.minor === LATEST_VERSION.minor) return 'latest'
  return `${v.major}.${v.minor}.${v.patch}`
}

/** `1.9`, `1.9.4`, `v1.9.4`, `1.9.4-distroless`; the patch is null when not given. */
export function parseVersionText(text: string): { minor: number; patch: number | null } | null {
  const m = /^v?1\.(\d{1,3})(?:\.(\d{1,3}))?(?:[-+][0-9A-Za-z.-]*)?$/.exec(text.trim())
  if (!m) return null
  return { minor: Number(m[1]), patch: m[2] === undefined ? null : Number(m[2]) }
}

/** Every patch release from 1.5.0 to the last 1.24 patch, then `latest`: the points version detection narrows down. */
export function allVersions(): IstioVersion[] {
  const out: IstioVersion[] = []
  for (let minor = FIRST_MINOR; minor <= LAST_LISTED_MINOR; minor++) {
    const last = LAST_PATCH[minor] ?? 0
    for (let patch = 0; patch <= last; patch++) out.push({ major: 1, minor, patch })
  }
  out.push(LATEST_VERSION)
  return out
}

/** `1.9.4`, `1.9.0–1.9.9`, `1.25+` — how a set of candidate versions reads to a person. */
export function formatVersionRange(from: IstioVersion, to: IstioVersion): string {
  if (isLatest(from)) return '1.25+'
  const a = formatVersion(from)
  if (compareVersions(from, to) === 0) return a
  return isLatest(to) ? `${a}–1.25+` : `${a}–${formatVersion(to)}`
}
