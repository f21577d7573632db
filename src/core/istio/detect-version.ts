import type { Family, Ruleset } from '../model/ruleset.ts'
import { cluesFromLog } from './detect-from-log.ts'
import { cluesFromRuleset } from './detect-from-ruleset.ts'
import { listProfiles, resolveProfile } from './profiles.ts'
import type { VersionClue } from './version-clues.ts'
import { allVersions, compareVersions, formatVersion, formatVersionRange, type IstioVersion } from './versions.ts'

export interface VersionEvidence {
  message: string
  strength: 'certain' | 'likely'
  /** The versions this clue alone allows. */
  allows: string
  /** 1-based line in the pasted text, when known. */
  line?: number
  /** False when the clue contradicts the stronger ones and was set aside. */
  used: boolean
}

export interface VersionDetection {
  /** `1.9.0–1.9.9`, `1.25+`, or null when nothing in the paste tells. */
  range: string | null
  from: string | null
  to: string | null
  /** Named profiles inside the range, newest first (else the range's newest release): what a selector should offer. */
  profiles: string[]
  evidence: VersionEvidence[]
  /** Some certain clues disagree with each other (a paste mixing versions, or an edited dump). */
  conflict: boolean
}

function describeSet(versions: readonly IstioVersion[]): string {
  if (versions.length === 0) return 'none'
  const first = versions[0] as IstioVersion
  const last = versions[versions.length - 1] as IstioVersion
  return formatVersionRange(first, last)
}

/**
 * The Istio version range a paste most likely comes from, with the evidence: version strings and the shape of the
 * Environment/Variables blocks of a log (`text`), and the shape of its rules (`rulesets`, e.g. `-p tcp` on the OUTPUT
 * jump, `! --dport 15008` in the owner rules, the port-22 RETURN, the DNS chain layout).
 */
export function detectIstioVersion(input: { text?: string; rulesets?: Partial<Record<Family, Ruleset>> }): VersionDetection {
  const clues: VersionClue[] = [...(input.text ? cluesFromLog(input.text) : []), ...(input.rulesets ? cluesFromRuleset(input.rulesets) : [])]
  const versions = allVersions()
  let candidates = versions
  let conflict = false
  const used = new Set<VersionClue>()
  for (const strength of ['certain', 'likely'] as const) {
    for (const c of clues.filter((x) => x.strength === strength)) {
      const narrowed = candidates.filter(c.test)
      if (narrowed.length === 0) {
        if (strength === 'certain') conflict = true
        continue
      }
      candidates = narrowed
      used.add(c)
    }
  }
  const evidence = clues.map((c) => {
    const e: VersionEvidence = { message: c.message, strength: c.strength, allows: describeSet(versions.filter(c.test)), used: used.has(c) }
    if (c.line !== undefined) e.line = c.line
    return e
  })
  if (used.size === 0) return { range: null, from: null, to: null, profiles: [], evidence, conflict }
  const from = candidates[0] as IstioVersion
  const to = candidates[candidates.length - 1] as IstioVersion
  const inRange = (name: string): boolean => {
    const p = resolveProfile(name).value
    return p !== null && candidates.some((v) => compareVersions(v, p.version) === 0)
  }
  const named = listProfiles()
    .map((p) => p.name)
    .filter(inRange)
    .toReversed()
  // A range between named profiles (1.12.0–1.12.1) still offers its newest release.
  const profiles = named.length > 0 ? named : [formatVersion(to)]
  return { range: formatVersionRange(from, to), from: formatVersion(from), to: formatVersion(to), profiles, evidence, conflict }
}
