import type { RoleId } from '../roles.ts'

/**
 * Every statement the curated texts make about which traffic reaches which rule, in a form a test can check
 * against the kernel: src/core/explain/evidence/claims.test.ts loads each profile's rules, recognises them, and
 * reads the kernel-oracle's recorded counters for the named packets (src/fixtures/explain/oracle/). A text may
 * only cite a claim listed here.
 */
export type OracleProfileId =
  | 'seed-000-k8s'
  | 'latest-k8s'
  | 'latest-k8s-dns'
  | 'istio-1.9-vm'
  | 'latest-tproxy'
  | 'latest-k8s-ipv6'
  | 'latest-k8s-options'
  | 'latest-k8s-include'
  | 'latest-loopback-include'
  | 'latest-multi-uid'
  | 'latest-exclude-nic'
  | 'latest-kubevirt'

export interface KernelClaim {
  id: string
  /**
   * The simulator preset that replays the case (as its first leg or a later one), by the simulator's preset id;
   * null when no preset does, or when the claim covers many cases (a never-hit check).
   */
  preset: string | null
  /** Rules files the claim was checked on; each holds the packet(s). */
  profiles: readonly OracleProfileId[]
  /** Packet names in those profiles; `*` means every packet recorded for the profile. */
  packets: readonly string[]
  /** Every packet hit at least one rule of each of these roles. */
  hits: readonly RoleId[]
  /** No packet hit a rule of these roles. */
  misses?: readonly RoleId[]
  /** Chains (`table CHAIN`) whose rules no packet hit. */
  quiet?: readonly string[]
  /** Where the connection ended: which namespace, listener port, and (TPROXY) the local address it was reached at. */
  landsAt?: { netns: 'pod' | 'remote'; port?: number; localPort?: number; originalDstPort?: number; loopbackLocal?: boolean }
  /** Every nat hit counted exactly one packet although the TCP exchange was longer. */
  natCountsOnePacket?: boolean
  /** The conntrack entry of the connection was in this zone. */
  conntrackZone?: string
  /** Packet counts of the built-in chain's first rule (`table CHAIN`): the whole exchange, or only its first packet. */
  packetCounts?: readonly { chain: string; exactly?: number; atLeast?: number }[]
}

/** The kernel and iptables the fixtures were recorded with (checked against each fixture's meta). */
export const ORACLE_KERNEL = 'Linux 6.18.44, iptables 1.8.9 (nf_tables)'

const K8S = ['latest-k8s', 'seed-000-k8s'] as const
const ALL_REDIRECT = ['latest-k8s', 'seed-000-k8s', 'istio-1.9-vm', 'latest-k8s-ipv6'] as const

export const CLAIMS: readonly KernelClaim[] = [
  {
    id: 'passthrough-hits-1',
    preset: 'envoy-to-app-passthrough',
    profiles: ALL_REDIRECT,
    packets: ['envoy-to-app-passthrough'],
    hits: ['istio-output-passthrough-127.0.0.6'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'proxy-to-localhost-hits-4',
    preset: null,
    profiles: K8S,
    packets: ['envoy-to-app-localhost', 'envoy-calls-localhost'],
    hits: ['istio-output-proxy-uid-return'],
    misses: ['istio-output-localhost-return', 'istio-output-proxy-uid-loopback-redirect'],
    landsAt: { netns: 'pod' },
  },
  {
    id: 'proxy-to-own-pod-ip-hits-2',
    preset: null,
    profiles: [...ALL_REDIRECT, 'latest-k8s-dns'],
    packets: ['envoy-calls-own-pod-ip'],
    hits: ['istio-output-proxy-uid-loopback-redirect', 'istio-in-redirect'],
    quiet: ['nat PREROUTING', 'nat ISTIO_INBOUND'],
    landsAt: { netns: 'pod', port: 15006, loopbackLocal: true },
  },
  {
    id: 'proxy-to-own-pod-dns-port-hits-4',
    preset: null,
    profiles: ['latest-k8s-dns'],
    packets: ['envoy-calls-own-pod-ip-dns-port'],
    hits: ['istio-output-proxy-uid-return'],
    misses: ['istio-output-proxy-uid-loopback-redirect'],
    landsAt: { netns: 'pod', port: 53 },
  },
  {
    id: 'app-to-own-pod-ip-hits-3',
    preset: 'app-calls-own-pod-ip',
    profiles: ALL_REDIRECT,
    packets: ['app-calls-own-pod-ip'],
    hits: ['istio-output-non-proxy-uid-loopback-return'],
    misses: ['istio-output-redirect'],
    quiet: ['nat PREROUTING', 'nat ISTIO_INBOUND'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'app-to-localhost-hits-3',
    preset: 'app-calls-localhost',
    profiles: [...ALL_REDIRECT, 'latest-k8s-dns'],
    packets: ['app-calls-localhost'],
    hits: ['istio-output-non-proxy-uid-loopback-return'],
    misses: ['istio-output-localhost-return'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'proxy-upstream-hits-4',
    preset: 'envoy-calls-upstream',
    profiles: ALL_REDIRECT,
    packets: ['envoy-calls-upstream'],
    hits: ['istio-output-proxy-uid-return'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'agent-to-istiod-hits-4',
    preset: null,
    profiles: K8S,
    packets: ['agent-calls-istiod'],
    hits: ['istio-output-proxy-uid-return'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 15012 },
  },
  {
    id: 'app-as-1337-bypasses',
    preset: 'app-runs-as-proxy-uid',
    profiles: K8S,
    packets: ['app-as-uid-1337'],
    hits: ['istio-output-proxy-uid-return'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 443 },
  },
  {
    id: 'gid-only-proxy-hits-7',
    preset: null,
    profiles: ['latest-k8s', 'seed-000-k8s', 'istio-1.9-vm'],
    packets: ['gid-only-proxy-calls-external'],
    hits: ['istio-output-proxy-gid-return'],
    misses: ['istio-output-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'gid-only-proxy-on-lo-hits-3',
    preset: null,
    profiles: K8S,
    packets: ['matrix-uid0-gid1337-pod-ip-tcp', 'matrix-uid0-gid1337-localhost-tcp'],
    hits: ['istio-output-non-proxy-uid-loopback-return'],
    misses: ['istio-output-proxy-gid-loopback-redirect', 'istio-output-non-proxy-gid-loopback-return'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'app-external-hits-9',
    preset: 'app-calls-external',
    profiles: [...ALL_REDIRECT, 'latest-k8s-dns'],
    packets: ['app-calls-external'],
    hits: ['istio-jump-output', 'istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'pod', port: 15001, originalDstPort: 80, loopbackLocal: true },
  },
  {
    id: 'default-never-hits-5-6-8',
    preset: null,
    profiles: K8S,
    packets: ['*'],
    hits: [],
    misses: ['istio-output-proxy-gid-loopback-redirect', 'istio-output-non-proxy-gid-loopback-return', 'istio-output-localhost-return'],
  },
  {
    id: 'dns-capture-udp-localhost-hits-8',
    preset: null,
    profiles: ['latest-k8s-dns'],
    packets: ['app-udp-localhost', 'matrix-uid1000-gid1000-localhost-udp'],
    hits: ['istio-output-dns-jump', 'istio-output-localhost-return'],
    misses: ['istio-output-non-proxy-uid-loopback-return'],
    landsAt: { netns: 'pod' },
  },
  {
    id: 'nat-sees-first-packet',
    preset: 'app-calls-external',
    profiles: ['latest-k8s'],
    packets: ['app-calls-external', 'inbound-to-app', 'envoy-calls-upstream'],
    hits: [],
    natCountsOnePacket: true,
  },
  {
    id: 'raw-sees-every-packet',
    preset: 'app-calls-external',
    profiles: ['latest-k8s-dns'],
    packets: ['app-calls-external'],
    hits: [],
    natCountsOnePacket: true,
    packetCounts: [
      { chain: 'nat OUTPUT', exactly: 1 },
      { chain: 'raw OUTPUT', atLeast: 3 },
    ],
  },
  {
    id: 'prometheus-scrape-returns',
    preset: 'prometheus-scrape',
    profiles: ['latest-k8s', 'seed-000-k8s', 'latest-k8s-ipv6'],
    packets: ['prometheus-scrape'],
    hits: ['istio-jump-inbound', 'istio-inbound-exclude-port'],
    misses: ['istio-inbound-capture', 'istio-in-redirect'],
    quiet: ['nat OUTPUT', 'nat ISTIO_OUTPUT'],
    landsAt: { netns: 'pod', port: 15090 },
  },
  {
    id: 'status-ports-return',
    preset: null,
    profiles: ['latest-k8s'],
    packets: ['inbound-to-15020', 'inbound-to-15021'],
    hits: ['istio-inbound-exclude-port'],
    misses: ['istio-in-redirect'],
    landsAt: { netns: 'pod' },
  },
  {
    id: 'inbound-captured',
    preset: 'remote-calls-app',
    profiles: ['latest-k8s', 'seed-000-k8s', 'latest-k8s-ipv6'],
    packets: ['inbound-to-app'],
    hits: ['istio-jump-inbound', 'istio-inbound-capture', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15006, originalDstPort: 8080, loopbackLocal: false },
  },
  {
    id: 'inbound-port-captured-vm',
    preset: 'remote-calls-app',
    profiles: ['istio-1.9-vm'],
    packets: ['inbound-to-app'],
    hits: ['istio-jump-inbound', 'istio-inbound-capture-port', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15006 },
  },
  {
    id: 'inbound-other-port-not-captured-vm',
    preset: 'ssh-to-vm',
    profiles: ['istio-1.9-vm'],
    packets: ['ssh-to-vm', 'prometheus-scrape'],
    hits: ['istio-jump-inbound'],
    misses: ['istio-inbound-capture-port', 'istio-in-redirect'],
    landsAt: { netns: 'pod' },
  },
  {
    id: 'tunnel-port-returns',
    preset: null,
    profiles: ['latest-k8s'],
    packets: ['inbound-to-tunnel-port'],
    hits: ['istio-inbound-tunnel-port-return'],
    misses: ['istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15008 },
  },
  {
    id: 'ssh-returns',
    preset: 'ssh-to-vm',
    profiles: ['seed-000-k8s'],
    packets: ['ssh-to-vm'],
    hits: ['istio-inbound-exclude-port'],
    misses: ['istio-in-redirect'],
    landsAt: { netns: 'pod', port: 22 },
  },
  {
    id: 'udp-falls-through-redirect',
    preset: 'dns-udp',
    profiles: ['latest-k8s'],
    packets: ['app-udp-external', 'dns-udp'],
    hits: ['istio-output-redirect'],
    misses: ['istio-redirect'],
    landsAt: { netns: 'remote' },
  },
  {
    id: 'udp-skips-istio-output-before-1.25',
    preset: null,
    profiles: ['seed-000-k8s'],
    packets: ['app-udp-external'],
    hits: [],
    quiet: ['nat OUTPUT', 'nat ISTIO_OUTPUT'],
    landsAt: { netns: 'remote', port: 9999 },
  },
  {
    id: 'dns-udp-redirect-1.9',
    preset: 'dns-udp',
    profiles: ['istio-1.9-vm'],
    packets: ['dns-udp'],
    hits: ['istio-dns-udp-redirect'],
    misses: ['istio-jump-output'],
    landsAt: { netns: 'pod', port: 15053 },
  },
  {
    id: 'dns-udp-proxy-returns-1.9',
    preset: 'dns-udp',
    profiles: ['istio-1.9-vm'],
    packets: ['proxy-dns-udp'],
    hits: ['istio-dns-udp-proxy-return'],
    misses: ['istio-dns-udp-redirect'],
    landsAt: { netns: 'remote', port: 53 },
  },
  {
    id: 'dns-tcp-redirect',
    preset: null,
    profiles: ['istio-1.9-vm', 'latest-k8s-dns'],
    packets: ['dns-tcp'],
    hits: ['istio-dns-tcp-redirect'],
    landsAt: { netns: 'pod', port: 15053 },
  },
  {
    id: 'dns-udp-redirect-latest',
    preset: 'dns-udp',
    profiles: ['latest-k8s-dns'],
    packets: ['dns-udp'],
    hits: ['istio-jump-output', 'istio-output-dns-jump', 'istio-dns-udp-redirect', 'istio-dns-raw-output-jump', 'istio-dns-ct-zone-app-query'],
    landsAt: { netns: 'pod', port: 15053 },
    conntrackZone: '2',
  },
  {
    id: 'dns-proxy-query-zone-1',
    preset: 'dns-udp',
    profiles: ['latest-k8s-dns'],
    packets: ['proxy-dns-udp'],
    hits: ['istio-output-proxy-uid-return', 'istio-dns-ct-zone-proxy-query', 'istio-dns-ct-zone-app-query', 'istio-dns-raw-inbound-jump', 'istio-dns-ct-zone-server-reply'],
    misses: ['istio-dns-udp-redirect'],
    landsAt: { netns: 'remote', port: 53 },
    conntrackZone: '1',
  },
  {
    id: 'tproxy-inbound',
    preset: 'remote-calls-app',
    profiles: ['latest-tproxy'],
    packets: ['inbound-to-app'],
    hits: ['istio-jump-inbound', 'istio-tproxy-capture', 'istio-tproxy-target', 'istio-tproxy-divert-established', 'istio-divert-mark', 'istio-divert-accept'],
    landsAt: { netns: 'pod', port: 15006, localPort: 8080 },
    packetCounts: [{ chain: 'mangle PREROUTING', atLeast: 3 }],
  },
  {
    id: 'tproxy-tunnel-port-captured',
    preset: null,
    profiles: ['latest-tproxy'],
    packets: ['inbound-to-tunnel-port'],
    hits: ['istio-tproxy-target'],
    misses: ['istio-inbound-tunnel-port-return'],
    landsAt: { netns: 'pod', port: 15006, localPort: 15008 },
  },
  {
    id: 'tproxy-passthrough',
    preset: 'envoy-to-app-passthrough',
    profiles: ['latest-tproxy'],
    packets: ['envoy-to-app-passthrough'],
    hits: ['istio-tproxy-output-mark-1338', 'istio-tproxy-inbound-passthrough-127.0.0.6', 'istio-output-passthrough-127.0.0.6'],
    misses: ['istio-tproxy-target'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'tproxy-app-loopback-returns',
    preset: 'app-calls-localhost',
    profiles: ['latest-tproxy'],
    packets: ['app-calls-localhost', 'app-calls-own-pod-ip'],
    hits: ['istio-tproxy-inbound-loopback-return', 'istio-output-non-proxy-uid-loopback-return'],
    misses: ['istio-tproxy-target'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'tproxy-proxy-own-pod-ip',
    preset: null,
    profiles: ['latest-tproxy'],
    packets: ['envoy-calls-own-pod-ip'],
    hits: ['istio-output-non-proxy-uid-loopback-return', 'istio-tproxy-output-mark-1338', 'istio-tproxy-target'],
    misses: ['istio-output-proxy-gid-loopback-redirect', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15006, localPort: 8080 },
  },
  {
    id: 'tproxy-proxy-upstream-hits-7',
    preset: 'envoy-calls-upstream',
    profiles: ['latest-tproxy'],
    packets: ['envoy-calls-upstream'],
    hits: ['istio-output-proxy-gid-return'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'no-rule-9-no-capture',
    preset: 'app-calls-external',
    profiles: ['latest-tproxy'],
    packets: ['app-calls-external'],
    hits: ['istio-jump-output'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'exclude-port-returns',
    preset: null,
    profiles: ['latest-k8s-options'],
    packets: ['app-calls-excluded-port'],
    hits: ['istio-output-exclude-port'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 3306 },
  },
  {
    id: 'include-port-redirects',
    preset: null,
    profiles: ['latest-k8s-options'],
    packets: ['app-calls-included-port'],
    hits: ['istio-output-include-port', 'istio-redirect'],
    misses: ['istio-output-redirect'],
    landsAt: { netns: 'pod', port: 15001 },
  },
  {
    id: 'exclude-cidr-returns',
    preset: null,
    profiles: ['latest-k8s-options'],
    packets: ['app-calls-excluded-cidr'],
    hits: ['istio-output-exclude-cidr'],
    misses: ['istio-output-redirect', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'owner-group-exclude-returns',
    preset: null,
    profiles: ['latest-k8s-options'],
    packets: ['excluded-group-calls-external'],
    hits: ['istio-output-owner-group-exclude'],
    misses: ['istio-output-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'include-cidr-redirects',
    preset: null,
    profiles: ['latest-k8s-include'],
    packets: ['app-calls-included-cidr'],
    hits: ['istio-output-include-cidr', 'istio-redirect'],
    landsAt: { netns: 'pod', port: 15001 },
  },
  {
    id: 'outside-include-cidr-leaves',
    preset: 'app-calls-external',
    profiles: ['latest-k8s-include'],
    packets: ['app-calls-external'],
    hits: ['istio-jump-output'],
    misses: ['istio-output-include-cidr', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'owner-group-include-returns',
    preset: null,
    profiles: ['latest-k8s-include'],
    packets: ['other-group-calls-included-cidr'],
    hits: ['istio-output-owner-group-include'],
    misses: ['istio-output-include-cidr', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'loopback-include-gid-hits-5',
    preset: null,
    profiles: ['latest-loopback-include'],
    packets: ['gid-only-proxy-calls-own-pod-ip'],
    hits: ['istio-output-proxy-gid-loopback-redirect', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15006 },
  },
  {
    id: 'loopback-include-localhost-hits-8',
    preset: 'app-calls-localhost',
    profiles: ['latest-loopback-include'],
    packets: ['app-calls-localhost'],
    hits: ['istio-output-localhost-return'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'loopback-include-cidr-redirects',
    preset: null,
    profiles: ['latest-loopback-include'],
    packets: ['app-calls-included-loopback'],
    hits: ['istio-output-include-cidr', 'istio-redirect'],
    landsAt: { netns: 'pod', port: 15001 },
  },
  {
    id: 'second-proxy-uid-shadowed',
    preset: null,
    profiles: ['latest-multi-uid'],
    packets: ['second-proxy-uid-calls-own-pod-ip'],
    hits: ['istio-output-non-proxy-uid-loopback-return'],
    misses: ['istio-output-proxy-uid-loopback-redirect', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'first-proxy-uid-redirected',
    preset: null,
    profiles: ['latest-multi-uid'],
    packets: ['first-proxy-uid-calls-own-pod-ip'],
    hits: ['istio-output-proxy-uid-loopback-redirect', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 15006 },
  },
  {
    id: 'exclude-interface-inbound',
    preset: 'remote-calls-app',
    profiles: ['latest-exclude-nic'],
    packets: ['inbound-to-app'],
    hits: ['istio-exclude-interface'],
    misses: ['istio-jump-inbound', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 8080 },
  },
  {
    id: 'exclude-interface-outbound',
    preset: 'app-calls-external',
    profiles: ['latest-exclude-nic'],
    packets: ['app-calls-external'],
    hits: ['istio-exclude-interface'],
    misses: ['istio-jump-output', 'istio-redirect'],
    landsAt: { netns: 'remote', port: 80 },
  },
  {
    id: 'kubevirt-redirect',
    preset: null,
    profiles: ['latest-kubevirt'],
    packets: ['vm-calls-service'],
    hits: ['istio-kubevirt-redirect', 'istio-redirect'],
    landsAt: { netns: 'pod', port: 15001 },
  },
  {
    id: 'kubevirt-return',
    preset: null,
    profiles: ['latest-kubevirt'],
    packets: ['vm-calls-pod-ip'],
    hits: ['istio-kubevirt-return'],
    misses: ['istio-jump-inbound', 'istio-in-redirect'],
    landsAt: { netns: 'pod', port: 8080 },
  },
]

export function claimById(id: string): KernelClaim | undefined {
  return CLAIMS.find((c) => c.id === id)
}
