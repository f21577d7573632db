/**
 * Every rule role istio-iptables can emit (1.5 → latest, REDIRECT and TPROXY, IPv4 and IPv6), with a stable id.
 * Ids are part of the CLI's JSON and the UI's links: never rename one.
 */
export const ROLE_IDS = [
  // nat ISTIO_OUTPUT, the nine rules people number ①–⑨.
  'istio-output-passthrough-127.0.0.6',
  'istio-output-proxy-uid-loopback-redirect',
  'istio-output-non-proxy-uid-loopback-return',
  'istio-output-proxy-uid-return',
  'istio-output-proxy-gid-loopback-redirect',
  'istio-output-non-proxy-gid-loopback-return',
  'istio-output-proxy-gid-return',
  'istio-output-localhost-return',
  'istio-output-redirect',
  'istio-output-include-cidr',
  // nat ISTIO_OUTPUT, the rules configuration adds around them.
  'istio-output-exclude-port',
  'istio-output-include-port',
  'istio-output-exclude-cidr',
  'istio-output-include-cidr-tail-return',
  'istio-output-owner-group-exclude',
  'istio-output-owner-group-include',
  'istio-output-dns-jump',
  'istio-output-loopback-redirect-pre-1.5',
  // Built-in chain jumps and the two REDIRECT chains.
  'istio-jump-inbound',
  'istio-jump-output',
  'istio-jump-output-udp',
  'istio-redirect',
  'istio-in-redirect',
  // ISTIO_INBOUND (nat, REDIRECT mode; the exclusions also in mangle for TPROXY).
  'istio-inbound-tunnel-port-return',
  'istio-inbound-exclude-port',
  'istio-inbound-capture',
  'istio-inbound-capture-port',
  // DNS capture.
  'istio-dns-tcp-redirect',
  'istio-dns-udp-redirect',
  'istio-dns-udp-proxy-return',
  'istio-dns-udp-owner-group-exclude',
  'istio-dns-udp-owner-group-include',
  'istio-dns-udp-dnat',
  'istio-dns-udp-snat',
  'istio-dns-raw-output-jump',
  'istio-dns-raw-inbound-jump',
  'istio-dns-ct-zone-proxy-query',
  'istio-dns-ct-zone-proxy-reply',
  'istio-dns-ct-zone-app-query',
  'istio-dns-ct-zone-server-reply',
  // TPROXY mode (mangle).
  'istio-tproxy-divert-established',
  'istio-tproxy-capture',
  'istio-divert-mark',
  'istio-divert-accept',
  'istio-tproxy-target',
  'istio-tproxy-connmark-save',
  'istio-tproxy-connmark-restore',
  'istio-tproxy-inbound-mark-return',
  'istio-tproxy-inbound-passthrough-127.0.0.6',
  'istio-tproxy-inbound-loopback-return',
  'istio-tproxy-output-mark-return',
  'istio-tproxy-output-mark-1338',
  'istio-tproxy-output-local-mark',
  // Everything else.
  'istio-drop-invalid',
  'istio-drop',
  'istio-exclude-interface',
  'istio-kubevirt-return',
  'istio-kubevirt-redirect',
  'istio-trace-nflog',
] as const

export type RoleId = (typeof ROLE_IDS)[number]

/** ① … ⑨: the position a rule has in the canonical nine-rule ISTIO_OUTPUT, whatever its line number. */
export type Badge = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9

export const BADGE_OF: Readonly<Partial<Record<RoleId, Badge>>> = {
  'istio-output-passthrough-127.0.0.6': 1,
  'istio-output-proxy-uid-loopback-redirect': 2,
  'istio-output-non-proxy-uid-loopback-return': 3,
  'istio-output-proxy-uid-return': 4,
  'istio-output-proxy-gid-loopback-redirect': 5,
  'istio-output-non-proxy-gid-loopback-return': 6,
  'istio-output-proxy-gid-return': 7,
  'istio-output-localhost-return': 8,
  // A CIDR list (`-i 10.0.0.0/8`) replaces the catch-all jump by one jump per range: the same role, narrowed.
  'istio-output-redirect': 9,
  'istio-output-include-cidr': 9,
}

export const BADGE_GLYPHS: Readonly<Record<Badge, string>> = {
  1: '①',
  2: '②',
  3: '③',
  4: '④',
  5: '⑤',
  6: '⑥',
  7: '⑦',
  8: '⑧',
  9: '⑨',
}

export function isRoleId(text: string): text is RoleId {
  return (ROLE_IDS as readonly string[]).includes(text)
}

export function badgeOf(role: RoleId | null): Badge | null {
  return role ? (BADGE_OF[role] ?? null) : null
}
