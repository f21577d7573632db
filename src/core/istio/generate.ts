import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import { parseCidr } from '../net/ip.ts'
import { splitCidrs, type NetworkRange } from './cidr-split.ts'
import type { IstioConfig } from './config-model.ts'
import { runDual } from './generate-dual.ts'
import { runLegacy } from './generate-legacy.ts'
import { has, type Profile } from './profiles.ts'
import { RuleBuilder, type RuleRecord } from './rule-builder.ts'
import { splitList } from './split.ts'

/** The rule lists istio-iptables of one version builds for one config, before rendering. */
export interface GeneratedRules {
  profile: Profile
  config: IstioConfig
  v4: RuleRecord[]
  v6: RuleRecord[]
  /** `ip …` commands run during generation (1.5–1.11), or netlink set-up done after the rules (1.12+). */
  hostCommands: string[]
  /** False when the tool refuses this config; the lists are then empty. */
  ok: boolean
}

export interface SplitRanges {
  e4: NetworkRange
  e6: NetworkRange
  i4: NetworkRange
  i6: NetworkRange
}

/** Config checks the tool makes before writing any rule (Validate() and the start of run()). */
function validate(cfg: IstioConfig, p: Profile, split: SplitRanges, diagnostics: Diagnostic[]): boolean {
  if (split.e4.isWildcard) {
    const message = has(p, 'C-48') ? 'invalid value for OUTBOUND_IP_RANGES_EXCLUDE' : 'Invalid value for OUTBOUND_IP_RANGES_EXCLUDE'
    diagnostics.push(diagnostic('CFG070', 'error', message, 1))
  }
  if (has(p, 'C-21') && cfg.OwnerGroupsInclude !== '*') {
    const groups = splitList(cfg.OwnerGroupsInclude).length
    if (groups > 64) {
      diagnostics.push(diagnostic('CFG072', 'error', `number of owner groups whose outgoing traffic should be redirected to Envoy cannot exceed maximum 64 (${groups} given)`, 1))
    }
  }
  if (has(p, 'C-30')) {
    const cidr = parseCidr(cfg.HostIPv4LoopbackCidr)
    const ok = cidr !== null && cfg.HostIPv4LoopbackCidr.includes('/') && cidr.address.version === 4 && cidr.address.value >> 24n === 127n && cidr.prefix >= 8 && cidr.prefix <= 32
    if (!ok) diagnostics.push(diagnostic('CFG073', 'error', `invalid IPv4 loopback CIDR ${cfg.HostIPv4LoopbackCidr}: must be a 127.0.0.0/8 prefix with a mask between 8 and 32`, 1))
  }
  if (has(p, 'L-8') && !['', 'legacy', 'nft'].includes(cfg.ForceIptablesBinary)) {
    diagnostics.push(diagnostic('CFG074', 'error', `invalid value for FORCE_IPTABLES_BINARY: ${cfg.ForceIptablesBinary} (must be legacy or nft)`, 1))
  }
  return !diagnostics.some((d) => d.severity === 'error')
}

/** Splits OutboundIPRangesExclude/Include the way this version does. */
export function splitRanges(cfg: IstioConfig, p: Profile, diagnostics: Diagnostic[] = []): SplitRanges {
  const exclude = splitCidrs(cfg.OutboundIPRangesExclude, p, diagnostics)
  const include = splitCidrs(cfg.OutboundIPRangesInclude, p, diagnostics)
  return { e4: exclude.v4, e6: exclude.v6, i4: include.v4, i6: include.v6 }
}

/**
 * istio-iptables' rule generation for `profile`: the IPv4 and IPv6 rule lists in the tool's order. A config the
 * tool rejects yields an error diagnostic with the tool's own reason and no rules.
 */
export function generateRules(config: IstioConfig, profile: Profile): WithDiagnostics<GeneratedRules> {
  const diagnostics: Diagnostic[] = []
  const split = splitRanges(config, profile, diagnostics)
  const empty: GeneratedRules = { profile, config, v4: [], v6: [], hostCommands: [], ok: false }
  if (!validate(config, profile, split, diagnostics)) return { value: empty, diagnostics }
  let b: RuleBuilder
  if (profile.era === 'legacy') {
    b = new RuleBuilder({ v6Enabled: true })
    runLegacy({ cfg: config, p: profile, b }, split)
  } else {
    const trace = has(profile, 'C-18') && !has(profile, 'L-5') && config.TraceLogging ? { quotedPrefix: !has(profile, 'C-37') } : null
    b = new RuleBuilder({ v6Enabled: config.EnableIPv6, trace })
    let dns = config.RedirectDNS
    if (dns && has(profile, 'L-3') && !config.CaptureAllDNS && config.DNSServersV4.length === 0 && config.DNSServersV6.length === 0) {
      diagnostics.push(diagnostic('GEN002', 'warning', 'REDIRECT_DNS is set, but no DNS servers were found in /etc/resolv.conf: DNS capture disabled', 1))
      dns = false
    }
    runDual({ cfg: config, p: profile, b, dns }, split)
  }
  return { value: { profile, config, v4: b.v4, v6: b.v6, hostCommands: b.hostCommands, ok: true }, diagnostics }
}
