import { parseVersionText, compareVersions, LATEST_VERSION, type IstioVersion } from './versions.ts'

/**
 * One observation about the version that produced a paste. `certain` clues bound the version; `likely` ones narrow
 * it further only where they agree with the certain ones.
 */
export interface VersionClue {
  message: string
  test: (v: IstioVersion) => boolean
  strength: 'certain' | 'likely'
  line?: number
}

function bound(text: string): IstioVersion {
  if (text === 'latest') return LATEST_VERSION
  const parsed = parseVersionText(text)
  return { major: 1, minor: parsed?.minor ?? 0, patch: parsed?.patch ?? 0 }
}

/** Versions from `from` to `to` inclusive (`latest` for the 1.25+ end). */
export function range(from: string, to: string): (v: IstioVersion) => boolean {
  const a = bound(from)
  const b = bound(to)
  return (v) => compareVersions(v, a) >= 0 && compareVersions(v, b) <= 0
}
