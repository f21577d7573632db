import { compareVersions, type IstioVersion } from './versions.ts'

/**
 * The behaviour switches of istio-iptables between 1.5 and today. C-1 … C-48 are spec Part E's numbering;
 * L-1 … L-9 are the changes after 1.24 that spec Part C lists (1.25 onward, "latest").
 * A profile is nothing but the set of switches (with their level) active at one version.
 */
export interface SwitchDef {
  id: string
  /** One line: what the switch changes, in the tool's vocabulary. */
  title: string
  /** istio/istio pull requests. */
  prs: readonly number[]
  /**
   * Level n is reached at any version listed in `levels[n-1]`. A version listed in the same minor decides alone
   * (a back-port reached that minor at that patch); otherwise a version of an earlier minor suffices.
   */
  levels: readonly (readonly string[])[]
  /** Rows of spec Part C (1.9.4 → master) that this switch accounts for. */
  partC?: readonly number[]
  /** False for switches that change only logs, flags or execution, never the rules. */
  rules: boolean
}

const S = (
  id: string,
  title: string,
  prs: readonly number[],
  levels: readonly (readonly string[])[],
  rules = true,
  partC?: readonly number[],
): SwitchDef => (partC ? { id, title, prs, levels, rules, partC } : { id, title, prs, levels, rules })

export const SWITCHES: readonly SwitchDef[] = [
  S('C-1', 'ISTIO_IN_REDIRECT always redirects to the inbound capture port (15006)', [22686], [['1.6.0']]),
  S('C-2', 'an unset PROXY_UID no longer adds uid 0 (",0")', [26081], [['1.8.0']]),
  S('C-3', 'inbound tunnel port (-e, 15008) RETURN in ISTIO_INBOUND', [25392], [['1.7.0']]),
  S('C-4', 'outbound port include (-q, ISTIO_OUTBOUND_PORTS)', [23941], [['1.7.0']]),
  S('C-5', 'a loopback include CIDR drops the "-o lo ! --uid-owner/--gid-owner RETURN" rules', [24143], [['1.7.0']]),
  S('C-6', 'kubevirt PREROUTING RETURN inserts move to the start and apply to IPv6 too', [25781], [['1.8.0']]),
  S('C-7', 'TPROXY --on-port is the inbound capture port', [28457], [['1.9.0']]),
  S('C-8', 'TPROXY tail: mangle OUTPUT MARK (1.6), then CONNMARK save/restore and the mark RETURN (1.9)', [23446, 28457], [['1.6.0'], ['1.9.0']]),
  S('C-9', 'DNS capture: DNS_CAPTURE (1.6), DNAT/SNAT to Envoy or agent (1.7), agent 15053 (1.8), --redirect-dns per nameserver (1.9)', [22369, 24919, 25035, 25964, 27081, 26933, 27389, 29908, 30413, 30647], [['1.6.0'], ['1.7.0'], ['1.8.0'], ['1.9.0']]),
  S('C-10', 'IPv6 gets the outbound port include rules', [33439, 33440, 33221], [['1.9.6', '1.10.2', '1.11.0']], true, [2]),
  S('C-11', 'DNS conntrack zones (raw table CT --zone) behind ISTIO_META_DNS_CONNTRACK_ZONE=true', [33767], [['1.10.3']], true, [7]),
  S('C-12', 'DNS conntrack zones always on', [33572], [['1.11.0']], true, [7]),
  S('C-13', '--capture-all-dns: DNS redirect and zones without server addresses', [32416], [['1.11.0']], true, [9]),
  S('C-14', 'exclude interfaces (--istio-exclude-interfaces, ISTIO_EXCLUDE_INTERFACES); shorthand -c from 1.15', [35259, 34832, 35003], [['1.11.3'], ['1.15.0']], true, [16]),
  S('C-15', 'TPROXY: mark 1338 on Envoy→app loopback traffic and ISTIO_INBOUND RETURN inserts 2 and 3', [31165], [['1.11.0']], true, [14]),
  S('C-16', 'one rule plan for both families: IPv6 gets DNS, TPROXY and the loopback check', [34272, 34274, 35359], [['1.12.0']], true, [1]),
  S('C-17', 'TPROXY routes and ::6 set up by netlink after the rules, no ip commands', [35360], [['1.12.0']], true, [15]),
  S('C-18', 'trace logging (--iptables-trace-logging): NFLOG twin rules', [34189], [['1.12.0']]),
  S('C-19', 'drop INVALID packets (--drop-invalid, INVALID_DROP)', [36724, 36566], [['1.12.2']], true, [17]),
  S('C-20', 'no automatic --dport 22 RETURN for "*" inbound capture', [36312], [['1.13.0']], true, [3]),
  S('C-21', 'owner-group filters (ISTIO_OUTBOUND_OWNER_GROUPS[_EXCLUDE])', [37057], [['1.14.0']], true, [18]),
  S('C-22', 'IPv6 detection skips link-local addresses', [37164], [['1.14.0']], false, [29]),
  S('C-23', 'CIDRs printed as given (host bits kept, netip)', [41332], [['1.16.0']], true, [19]),
  S('C-24', 'resolv.conf servers parsed and printed canonically, unparsable ones dropped', [41422, 41398], [['1.16.0']], true, [30]),
  S('C-25', 'iptables-restore reads stdin; --output-paths removed', [46939, 43945], [['1.17.6']], false, [22]),
  S('C-26', 'dual-stack IPv6 detection: ISTIO_AGENT_DUAL_STACK (1.17), --dual-stack (1.18.5), ISTIO_DUAL_STACK (1.19)', [41618, 47109, 47108], [['1.17.0'], ['1.18.5'], ['1.19.0'], ['1.19.1']], false, [29]),
  S('C-27', 'owner ISTIO_IN_REDIRECT rules skip the tunnel port (! --dport 15008, multiport with DNS)', [43414], [['1.18.0']], true, [10]),
  S('C-28', 'flag/env binding: ENVOY_PORT ignored, empty env applied, ISTIO_META_DNS_CAPTURE/INVALID_DROP/ISTIO_DUAL_STACK override', [48159, 48158, 47644], [['1.19.5', '1.20.1', '1.21.0']], false, [27, 28]),
  S('C-29', 'DNS reply conntrack rule matches -s <server>', [46937], [['1.20.0']], true, [7]),
  S('C-30', 'loopback destination CIDR from ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR', [48045], [['1.21.0']], true, [11]),
  S('C-31', 'iptables binary: --wait=30 and --iptables-version (1.18.6), per-family legacy/nft detection (1.22)', [47391, 49279, 49703], [['1.18.6'], ['1.22.0']], false),
  S('C-32', 'no trailing "-A ISTIO_OUTPUT -j RETURN" after an include-CIDR list', [51352], [['1.23.0']], true, [12]),
  S('C-33', 'DNS UDP rules move into ISTIO_OUTPUT (nat and raw) behind "OUTPUT -p udp -j ISTIO_OUTPUT"', [50915], [['1.23.0']], true, [4, 5]),
  S('C-34', 'restore tables sorted by name', [51492], [['1.23.0']], true, [20]),
  S('C-35', 'command mode (-f) removed; restore only', [53066], [['1.24.0']], false, [23]),
  S('C-36', 'INVALID packets go to a new ISTIO_DROP chain', [53066], [['1.24.0']], true, [17]),
  S('C-37', 'NFLOG prefix unquoted', [53066], [['1.24.0']]),
  S('C-38', 'restore -N also for jump targets; ACCEPT, RETURN and DROP count as built-in', [53476], [['1.24.0']], true, [21]),
  S('C-39', 'idempotent apply: state probe, -C checks, --reconcile, --cleanup-only, --force-apply', [50328, 52899], [['1.24.0']], false, [24]),
  S('C-40', 'VM start script cleans with istio-iptables --cleanup-only', [52918], [['1.24.0']], false, [25]),
  S('C-41', 'log: Environment gains ISTIO_OUTBOUND_PORTS; Variables gain PROXY_TUNNEL_PORT, OUTBOUND_PORTS_INCLUDE', [23941, 25392], [['1.7.0']], false),
  S('C-42', 'log: Variables gain DNS_SERVERS', [29908], [['1.9.0']], false),
  S('C-43', 'log: Environment gains ISTIO_META_DNS_CAPTURE (and ISTIO_META_DNS_CONNTRACK_ZONE); Variables gain DNS_CAPTURE', [30502, 33767], [['1.10.0']], false),
  S('C-44', 'log: structured "Istio iptables environment/variables" blocks', [33808, 33825], [['1.11.0']], false, [33]),
  S('C-45', 'clean tool also deletes the DNS UDP rules', [30714], [['1.10.0']], false, [25]),
  S('C-46', 'flags --network-namespace, --cni-mode, --output-paths', [33806], [['1.11.0']], false),
  S('C-47', 'log: Variables gain owner groups, DUAL_STACK, IPTABLES_VERSION, RECONCILE/CLEANUP_ONLY/FORCE_APPLY', [], [['1.14.0']], false),
  S('C-48', 'Run() returns errors instead of panicking', [], [['1.19.0']], false),
  S('L-1', 'nat OUTPUT jump to ISTIO_OUTPUT matches all protocols', [53998], [['1.25.0']], true, [4]),
  S('L-2', 'DNS rules in ISTIO_OUTPUT_DNS chains (nat and raw), replies zoned via raw PREROUTING → ISTIO_INBOUND', [53998], [['1.25.0']], true, [5, 6, 7]),
  S('L-3', 'DNS capture switched off when no DNS server is known', [53998], [['1.25.0']], true, [8]),
  S('L-4', 'excluded outbound ports RETURN for UDP too', [53998], [['1.25.0']], true, [13]),
  S('L-5', 'trace logging (NFLOG) removed', [], [['1.25.0']]),
  S('L-6', 'KubeVirtInterfaces renamed RerouteVirtualInterfaces (same -k and env)', [53933], [['1.25.0']], false, [31]),
  S('L-7', 'istio-clean-iptables removed; clean-up is the undo of the current plan (--cleanup-only)', [53965], [['1.25.0']], false, [25]),
  S('L-8', 'unparsable CIDR is fatal; --native-nftables backend', [56487], [['1.28.0']], true, [19, 32]),
  S('L-9', 'ip6tables-restore skipped when IPv6 is off', [57200], [['1.28.0']], false, [26]),
]

export type SwitchId = string

const BY_ID = new Map(SWITCHES.map((s) => [s.id, s]))

export function switchDef(id: SwitchId): SwitchDef | undefined {
  return BY_ID.get(id)
}

function parseThreshold(text: string): IstioVersion {
  const [, minor = '0', patch = '0'] = text.split('.')
  return { major: 1, minor: Number(minor), patch: Number(patch) }
}

/** Version detection asks every switch about every release: the thresholds are parsed once, not per question. */
const parsedThresholds = new WeakMap<readonly string[], IstioVersion[]>()

function reaches(v: IstioVersion, thresholds: readonly string[]): boolean {
  let parsed = parsedThresholds.get(thresholds)
  if (!parsed) {
    parsed = thresholds.map(parseThreshold)
    parsedThresholds.set(thresholds, parsed)
  }
  const sameMinor = parsed.find((t) => t.minor === v.minor)
  if (sameMinor) return compareVersions(v, sameMinor) >= 0
  return parsed.some((t) => t.minor < v.minor)
}

/** The level (0 = off) of one switch at one version. */
export function switchLevelAt(def: SwitchDef, v: IstioVersion): number {
  let level = 0
  def.levels.forEach((thresholds, i) => {
    if (reaches(v, thresholds)) level = i + 1
  })
  return level
}

/** Every switch with a non-zero level at `v`. */
export function switchesAt(v: IstioVersion): ReadonlyMap<SwitchId, number> {
  const out = new Map<SwitchId, number>()
  for (const def of SWITCHES) {
    const level = switchLevelAt(def, v)
    if (level > 0) out.set(def.id, level)
  }
  return out
}
