import { splitLines } from '../text/lines.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { LOG_PREFIX } from './read-config-text.ts'
import { environmentNames, variableLabels } from './render-variables.ts'
import { range, type VersionClue } from './version-clues.ts'
import { formatVersion, type IstioVersion } from './versions.ts'

const profiles = new Map<string, Profile>()

function profileAt(v: IstioVersion): Profile {
  const key = formatVersion(v)
  let p = profiles.get(key)
  if (!p) {
    p = resolveProfile(key).value as Profile
    profiles.set(key, p)
  }
  return p
}

interface Block {
  names: string[]
  /** The block ended before the text did, so it is complete. */
  complete: boolean
  line: number
}

function readBlock(lines: readonly string[], header: RegExp): Block | null {
  const start = lines.findIndex((l) => header.test(l.trim()))
  if (start < 0) return null
  const names: string[] = []
  let i = start + 1
  for (; i < lines.length; i++) {
    const t = (lines[i] as string).trim()
    if (/^-+$/.test(t)) continue
    const m = /^([A-Z][A-Z0-9_]*)=/.exec(t)
    if (!m) break
    names.push(m[1] as string)
  }
  return { names, complete: i < lines.length, line: start + 1 }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** What a pasted istio-iptables log says about its version: version strings, block shapes, message wording. */
export function cluesFromLog(text: string): VersionClue[] {
  const clues: VersionClue[] = []
  const raw = splitLines(text)
  const lines = raw.map((l) => {
    const m = LOG_PREFIX.exec(l)
    return m ? l.slice(m[0].length) : l
  })
  raw.forEach((l, i) => {
    const meta = /ISTIO_META_ISTIO_VERSION=["']?1\.(\d+)\.(\d+)/.exec(l)
    if (meta) clues.push({ message: `ISTIO_META_ISTIO_VERSION names 1.${meta[1]}.${meta[2]} (istio-start.sh keeps the minor's first tag)`, test: (v) => v.minor === Number(meta[1]), strength: 'certain', line: i + 1 })
    for (const m of l.matchAll(/(?:proxyv2|pilot|istio-init|istioctl)[:@-]v?1\.(\d+)\.(\d+)/g)) {
      const minor = Number(m[1])
      const patch = Number(m[2])
      clues.push({ message: `image or binary 1.${minor}.${patch}`, test: (v) => v.minor === minor, strength: 'certain', line: i + 1 })
      clues.push({ message: `image or binary tag 1.${minor}.${patch}`, test: (v) => v.minor === minor && v.patch === patch, strength: 'likely', line: i + 1 })
    }
    const dir = /\bistio-1\.(\d+)\.(\d+)\b/.exec(l)
    if (dir) clues.push({ message: `an istio-1.${dir[1]}.${dir[2]} directory`, test: (v) => v.minor === Number(dir[1]) && v.patch === Number(dir[2]), strength: 'likely', line: i + 1 })
  })

  const legacyEnv = readBlock(lines, /^Environment:$/)
  const structuredEnv = readBlock(lines, /^Istio iptables environment:$/)
  const env = legacyEnv ?? structuredEnv
  if (env && env.names.length > 0) {
    const names = env.names
    const test = env.complete
      ? (v: IstioVersion) => sameList(environmentNames(profileAt(v)), names)
      : (v: IstioVersion) => sameList(environmentNames(profileAt(v)).slice(0, names.length), names)
    clues.push({ message: `the Environment block lists ${names.length} variables (${names.slice(-2).join(', ')} last)`, test, strength: env.complete ? 'certain' : 'likely', line: env.line })
  }
  if (legacyEnv) clues.push({ message: 'plain "Environment:" block (before the structured log of 1.11)', test: range('1.5.0', '1.10.6'), strength: 'certain', line: legacyEnv.line })
  if (structuredEnv) clues.push({ message: '"Istio iptables environment:" block', test: range('1.11.0', 'latest'), strength: 'certain', line: structuredEnv.line })

  const vars = readBlock(lines, /^(?:Variables:|Istio iptables variables:|Istio config:)$/)
  if (vars && vars.names.length > 0) {
    const names = vars.names
    const test = vars.complete
      ? (v: IstioVersion) => sameList(variableLabels(profileAt(v)), names)
      : (v: IstioVersion) => sameList(variableLabels(profileAt(v)).slice(0, names.length), names)
    const has = (n: string) => (names.includes(n) ? `with ${n}` : `without ${n}`)
    clues.push({ message: `the Variables block lists ${names.length} labels, ${has('DNS_SERVERS')}, ${has('DNS_CAPTURE')}`, test, strength: vars.complete ? 'certain' : 'likely', line: vars.line })
  }

  lines.forEach((l, i) => {
    if (l.startsWith('Writing following contents to rules file:  ')) clues.push({ message: '"Writing following contents to rules file:" with two spaces', test: range('1.5.0', '1.10.6'), strength: 'certain', line: i + 1 })
    else if (/^Writing following contents to rules file: \S/.test(l)) clues.push({ message: '"Writing following contents to rules file:" with one space', test: range('1.11.0', '1.17.5'), strength: 'certain', line: i + 1 })
    else if (/^Running ip6?tables-restore with the following input:/.test(l)) clues.push({ message: '"Running iptables-restore with the following input:"', test: range('1.17.6', '1.21.6'), strength: 'certain', line: i + 1 })
    else if (/^Running iptables restore with: \S+ and the following input:/.test(l)) clues.push({ message: '"Running iptables restore with: <binary> and the following input:"', test: range('1.22.0', 'latest'), strength: 'certain', line: i + 1 })
    else if (/istio-clean-iptables/.test(l)) clues.push({ message: 'istio-clean-iptables is run', test: range('1.5.0', '1.24.6'), strength: 'likely', line: i + 1 })
  })
  return clues
}
