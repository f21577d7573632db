import { diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import { switchesAt, type SwitchId } from './switches.ts'
import {
  FIRST_MINOR,
  formatVersion,
  LAST_LISTED_MINOR,
  LAST_PATCH,
  LATEST_VERSION,
  parseVersionText,
  type IstioVersion,
} from './versions.ts'

/**
 * What the generator needs to know about one Istio version: the switches active there. Istio itself had two code
 * structures (the per-family procedures of 1.5–1.11 and the shared rule plan from 1.12), hence `era`.
 */
export interface Profile {
  /** `1.9.4`, `1.13.9`, `latest`. */
  name: string
  version: IstioVersion
  era: 'legacy' | 'dual'
  switches: ReadonlyMap<SwitchId, number>
}

export interface ProfileInfo {
  name: string
  /** One line on what changed in this profile against the one listed before it. */
  changes: string
}

/** Named profiles: each minor (its last patch), the patches where a change was back-ported, and latest. */
const NAMED: readonly ProfileInfo[] = [
  { name: '1.5', changes: 'baseline: no tunnel port, no DNS capture, no -q; ISTIO_IN_REDIRECT to 15006 only for "*" inbound; uid 0 always exempt' },
  { name: '1.6', changes: 'ISTIO_IN_REDIRECT always to 15006 (C-1); UDP DNS capture via DNS_CAPTURE (C-9); TPROXY mangle OUTPUT MARK (C-8)' },
  { name: '1.7', changes: 'tunnel port 15008 RETURN (C-3); -q outbound ports (C-4); loopback include CIDR check (C-5); DNS DNAT/SNAT (C-9)' },
  { name: '1.8', changes: 'kubevirt RETURN inserts first and for IPv6 (C-6); no implicit uid 0 (C-2); DNS to the agent on 15053 (C-9)' },
  { name: '1.9.4', changes: '--redirect-dns per nameserver with port-53 owner exceptions (C-9); TPROXY --on-port 15006 and CONNMARK (C-7, C-8)' },
  { name: '1.9', changes: '1.9.9: IPv6 gets the -q outbound port rules (C-10, from 1.9.6)' },
  { name: '1.10.2', changes: 'log prints the DNS variables (C-43); clean-up deletes the DNS UDP rules (C-45)' },
  { name: '1.10.3', changes: 'opt-in DNS conntrack zones with ISTIO_META_DNS_CONNTRACK_ZONE=true (C-11)' },
  { name: '1.10', changes: '1.10.6: same generator as 1.10.3' },
  { name: '1.11.3', changes: 'DNS conntrack zones always (C-12); --capture-all-dns (C-13); TPROXY mark 1338 (C-15); exclude interfaces (C-14, from 1.11.3)' },
  { name: '1.11', changes: '1.11.8: same generator as 1.11.3; structured log blocks (C-44)' },
  { name: '1.12.2', changes: 'one rule plan for both families (C-16); netlink routes (C-17); NFLOG trace logging (C-18); --drop-invalid (C-19, from 1.12.2)' },
  { name: '1.12', changes: '1.12.9: same generator as 1.12.2' },
  { name: '1.13', changes: 'no automatic --dport 22 RETURN for "*" inbound (C-20)' },
  { name: '1.14', changes: 'owner-group filters ISTIO_OUTBOUND_OWNER_GROUPS[_EXCLUDE] (C-21); IPv6 detection skips link-local (C-22)' },
  { name: '1.15', changes: 'no rule change; -c shorthand for --istio-exclude-interfaces (C-14)' },
  { name: '1.16', changes: 'CIDRs printed as given, host bits kept (C-23); resolv.conf servers canonical (C-24)' },
  { name: '1.17.6', changes: 'ISTIO_AGENT_DUAL_STACK (C-26); iptables-restore reads stdin, --output-paths gone (C-25, from 1.17.6)' },
  { name: '1.17', changes: '1.17.8: same generator as 1.17.6' },
  { name: '1.18.5', changes: 'owner ISTIO_IN_REDIRECT rules skip the tunnel port 15008 (C-27); --dual-stack flag (C-26, from 1.18.5)' },
  { name: '1.18.6', changes: '--iptables-version and the --wait=30 lock (C-31)' },
  { name: '1.18', changes: '1.18.7: same generator as 1.18.6' },
  { name: '1.19.1', changes: 'ISTIO_DUAL_STACK is the --dual-stack default (C-26); Run() returns errors (C-48)' },
  { name: '1.19.5', changes: 'flag.BindEnv binding: ENVOY_PORT ignored, empty env applied, env aliases override (C-28)' },
  { name: '1.19', changes: '1.19.10: same generator as 1.19.5' },
  { name: '1.20.1', changes: 'DNS reply conntrack rule matches -s <server> (C-29); BindEnv binding from 1.20.1 (C-28)' },
  { name: '1.20', changes: '1.20.8: same generator as 1.20.1' },
  { name: '1.21', changes: 'loopback CIDR from ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR (C-30)' },
  { name: '1.22', changes: 'no rule change; iptables-legacy/iptables-nft chosen per family (C-31)' },
  { name: '1.23', changes: 'no trailing ISTIO_OUTPUT RETURN after include CIDRs (C-32); DNS UDP in ISTIO_OUTPUT (C-33); sorted tables (C-34)' },
  { name: '1.24', changes: 'restore only (C-35); ISTIO_DROP chain (C-36); -N for jump targets (C-38); --reconcile/--cleanup-only (C-39)' },
  { name: 'latest', changes: '1.25+: OUTPUT jump for all protocols (L-1); ISTIO_OUTPUT_DNS chains (L-2); DNS off without servers (L-3); UDP port excludes (L-4)' },
]

function makeProfile(name: string, version: IstioVersion): Profile {
  return withSwitches(name, version, switchesAt(version))
}

/** A profile from an explicit switch set: the era follows C-16, the switch that brought the shared rule plan. */
export function withSwitches(name: string, version: IstioVersion, switches: ReadonlyMap<SwitchId, number>): Profile {
  return { name, version, era: (switches.get('C-16') ?? 0) > 0 ? 'dual' : 'legacy', switches }
}

/** The switch level of `id` in `profile` (0 = not active). */
export function level(profile: Profile, id: SwitchId): number {
  return profile.switches.get(id) ?? 0
}

export function has(profile: Profile, id: SwitchId, atLeast = 1): boolean {
  return level(profile, id) >= atLeast
}

/**
 * `latest`, a minor (`1.13` → its last patch 1.13.9), or a patch (`1.11.3`, `v1.9.4`). Versions from 1.25 on are
 * the latest generator (with the 1.28 switches decided by the version).
 */
export function resolveProfile(name: string): WithDiagnostics<Profile | null> {
  const text = name.trim()
  if (text === 'latest' || text === 'master') return { value: makeProfile('latest', LATEST_VERSION), diagnostics: [] }
  const parsed = parseVersionText(text)
  if (!parsed) {
    return { value: null, diagnostics: [diagnostic('CFG101', 'error', `unknown Istio version "${text}": use latest, a minor such as 1.13 or a patch such as 1.11.3`, 1)] }
  }
  if (parsed.minor < FIRST_MINOR) {
    return { value: null, diagnostics: [diagnostic('CFG102', 'error', `Istio 1.${parsed.minor} is not supported: profiles start at 1.5`, 1)] }
  }
  if (parsed.minor > LAST_LISTED_MINOR) {
    const version: IstioVersion = { major: 1, minor: parsed.minor, patch: parsed.patch ?? 0 }
    return { value: makeProfile(formatVersion(version), version), diagnostics: [] }
  }
  const last = LAST_PATCH[parsed.minor] ?? 0
  const diagnostics = []
  let patch = parsed.patch ?? last
  if (patch > last) {
    diagnostics.push(diagnostic('CFG103', 'warning', `Istio 1.${parsed.minor} has no patch ${patch}; using 1.${parsed.minor}.${last}`, 1))
    patch = last
  }
  const version: IstioVersion = { major: 1, minor: parsed.minor, patch }
  return { value: makeProfile(formatVersion(version), version), diagnostics }
}

export interface ListedProfile extends ProfileInfo {
  /** The release whose behaviour the profile has: `1.13` → `1.13.9`. */
  release: string
}

/** The profiles a version selector offers, oldest first, each with one line on what changed. */
export function listProfiles(): ListedProfile[] {
  return NAMED.map((p) => {
    const resolved = resolveProfile(p.name).value
    return { ...p, release: resolved ? resolved.name : p.name }
  })
}
