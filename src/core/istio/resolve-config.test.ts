import { describe, expect, it } from 'vitest'
import { configValues, describeOrigin } from './config-model.ts'
import { envLayer, flagsLayer, setLayer, variablesLayer } from './config-input.ts'
import { classifyNameservers, detectIPv6 } from './host-facts.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { resolveConfig } from './resolve-config.ts'

const profile = (name: string): Profile => resolveProfile(name).value as Profile

function resolve(version: string, env = '', flags = '', sets: string[] = [], host = {}) {
  return resolveConfig([envLayer(env, 'sidecar.env').value, flagsLayer(flags, '--flags').value, setLayer(sets).value], profile(version), host)
}

describe('env and flag binding per version', () => {
  it('viper (before C-28): ENVOY_PORT sets ProxyPort, an empty variable counts as unset, a flag wins', () => {
    const r = resolve('1.9.4', 'ENVOY_PORT=15999\nINBOUND_CAPTURE_PORT=\nISTIO_INBOUND_PORTS=80\n', '-b 81')
    expect(r.value.fields.ProxyPort).toEqual({ value: '15999', origin: { kind: 'env', name: 'ENVOY_PORT', line: 1, column: 1, source: 'sidecar.env' } })
    expect(r.value.fields.InboundCapturePort).toEqual({ value: '15006', origin: { kind: 'default' } })
    expect(r.value.fields.InboundPortsInclude.value).toBe('81')
    expect(describeOrigin(r.value.fields.InboundPortsInclude.origin)).toBe('flag -b (--flags:1)')
  })

  it('flag.BindEnv (C-28): ENVOY_PORT ignored, an empty variable applies, a bad bool is ignored with a warning', () => {
    const r = resolve('1.21', 'ENVOY_PORT=15999\nINBOUND_CAPTURE_PORT=\nDRY_RUN=yes\n')
    expect(r.value.fields.ProxyPort.value).toBe('15001')
    expect(r.value.fields.InboundCapturePort).toMatchObject({ value: '', origin: { kind: 'env', name: 'INBOUND_CAPTURE_PORT' } })
    expect(r.value.fields.DryRun.value).toBe(false)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CFG030'])
  })

  it('ISTIO_META_DNS_CAPTURE is the default of --redirect-dns before C-28 and overrides REDIRECT_DNS after', () => {
    const env = 'REDIRECT_DNS=false\nISTIO_META_DNS_CAPTURE=true\n'
    expect(configValues(resolve('1.9.4', env).value).RedirectDNS).toBe(false)
    expect(configValues(resolve('1.9.4', 'ISTIO_META_DNS_CAPTURE=true\n').value).RedirectDNS).toBe(true)
    expect(resolve('1.20.1', env).value.fields.RedirectDNS).toMatchObject({ value: true, origin: { name: 'ISTIO_META_DNS_CAPTURE', via: 'overrides REDIRECT_DNS' } })
    expect(configValues(resolve('1.20.1', env, '--redirect-dns=false').value).RedirectDNS).toBe(false)
    expect(configValues(resolve('1.13', 'INVALID_DROP=true\n').value).DropInvalid).toBe(true)
  })

  it('reads the DNS switches of 1.6–1.8 and the 1.10 conntrack-zone opt-in from their env vars', () => {
    expect(configValues(resolve('1.6', 'DNS_CAPTURE=ALL\n').value).RedirectDNS).toBe(true)
    const v17 = configValues(resolve('1.7', 'DNS_AGENT=x\n').value)
    expect([v17.RedirectDNS, v17.DNSCaptureByAgent]).toEqual([true, true])
    expect(configValues(resolve('1.8', 'ISTIO_META_DNS_CAPTURE=yes\n').value).RedirectDNS).toBe(false)
    expect(configValues(resolve('1.10.3', 'ISTIO_META_DNS_CONNTRACK_ZONE=true\n').value).DNSConntrackZone).toBe(true)
  })

  it('env-only owner groups: set but empty yields "" (which returns all outbound traffic)', () => {
    expect(configValues(resolve('1.14', 'ISTIO_OUTBOUND_OWNER_GROUPS=\n').value).OwnerGroupsInclude).toBe('')
    expect(configValues(resolve('1.14').value).OwnerGroupsInclude).toBe('*')
  })

  it('rejects flags the version does not know and bad values, worded as pflag', () => {
    expect(resolve('1.10', '', '--capture-all-dns').diagnostics.map((d) => d.message)).toEqual(['unknown flag: --capture-all-dns'])
    expect(resolve('1.14', '', '-c eth1').diagnostics.map((d) => d.message)).toEqual(["unknown shorthand flag: 'c' in -c"])
    expect(resolve('latest', '', '-f=false').diagnostics.map((d) => d.message)).toEqual(["unknown shorthand flag: 'f' in -f"])
    expect(resolve('1.9.4', '', '--dry-run=maybe').diagnostics.map((d) => d.message)).toEqual([
      'invalid argument "maybe" for "-n, --dry-run" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ])
  })
})

describe('host facts and --set', () => {
  it('looks the proxy user up (1337 when missing), adds uid 0 before 1.8, copies the gid', () => {
    expect(configValues(resolve('1.9.4', '', '', [], { proxyUserUid: '997' }).value)).toMatchObject({ ProxyUID: '997', ProxyGID: '997' })
    expect(configValues(resolve('1.7').value)).toMatchObject({ ProxyUID: '1337,0', ProxyGID: '1337,0' })
    expect(resolve('1.9.4').value.fields.ProxyUID.origin).toEqual({ kind: 'host', detail: 'no user istio-proxy: 1337' })
    expect(configValues(resolve('1.9.4', 'ENVOY_USER=envoy\n', '', ['ProxyUID=1000']).value)).toMatchObject({ ProxyUID: '1000', ProxyGID: '1000' })
  })

  it('reads resolv.conf only with DNS capture on, and not with --capture-all-dns', () => {
    const host = { resolvConfNameservers: ['10.0.0.2', '::127.0.0.53', 'bogus'] }
    expect(configValues(resolve('1.9.4', '', '', [], host).value).DNSServersV4).toEqual([])
    expect(configValues(resolve('1.9.4', '', '--redirect-dns', [], host).value)).toMatchObject({ DNSServersV4: ['10.0.0.2'], DNSServersV6: ['::127.0.0.53', 'bogus'] })
    expect(configValues(resolve('1.16', '', '--redirect-dns', [], host).value)).toMatchObject({ DNSServersV4: ['10.0.0.2'], DNSServersV6: ['::7f00:35'] })
    expect(configValues(resolve('1.16', '', '--redirect-dns --capture-all-dns', [], host).value).DNSServersV4).toEqual([])
  })

  it('lets --set give host facts directly, under either name of the IPv6 field', () => {
    expect(configValues(resolve('1.9.4', '', '', ['EnableInboundIPv6=true']).value).EnableIPv6).toBe(true)
    expect(resolve('latest', '', '', ['EnableIPv6=true', 'DNSServersV6=::1,fd00::53']).value.fields.DNSServersV6).toEqual({ value: ['::1', 'fd00::53'], origin: { kind: 'set', line: 2, column: 1, source: '--set' } })
    expect(resolve('1.9.4', '', '', ['NoSuchField=1']).diagnostics.map((d) => d.code)).toEqual(['CFG040'])
    expect(resolve('1.9.4', '', '', ['CaptureAllDNS=true']).diagnostics.map((d) => d.code)).toEqual(['CFG041'])
  })

  it('takes a Variables block as final values', () => {
    const r = resolveConfig([flagsLayer('-p 15002').value, variablesLayer('PROXY_PORT=15003\nKUBEVIRT_INTERFACES=eth9\nDNS_SERVERS=[1.1.1.1 8.8.8.8],[]\n').value], profile('1.9.4'))
    expect(configValues(r.value)).toMatchObject({ ProxyPort: '15003', RerouteVirtualInterfaces: 'eth9', DNSServersV4: ['1.1.1.1', '8.8.8.8'], RedirectDNS: true })
  })
})

describe('IPv6 detection and resolv.conf by version', () => {
  it('skips link-local addresses from 1.14 and looks at every address with dual stack from 1.17', () => {
    const addrs = ['127.0.0.1', 'fe80::1', '10.0.0.5', '2001:db8::5']
    expect(detectIPv6(profile('1.13'), addrs, false).value).toBe(true)
    expect(detectIPv6(profile('1.14'), addrs, false).value).toBe(false)
    expect(detectIPv6(profile('1.14'), addrs, true).value).toBe(false)
    expect(detectIPv6(profile('1.17'), addrs, true)).toMatchObject({ value: true, detail: 'dual stack: the host has the IPv6 address 2001:db8::5' })
    expect(detectIPv6(profile('1.17'), ['::ffff:10.0.0.5', '2001:db8::5'], false).value).toBe(false)
    expect(detectIPv6(profile('1.9.4'), ['127.0.0.1'], false).failed).toBe(true)
  })

  it('sorts nameservers by To4() verbatim before 1.16 and canonically after', () => {
    expect(classifyNameservers(profile('1.15'), ['10.0.0.2', '::ffff:10.0.0.3', 'fd00::0053'])).toEqual({ v4: ['10.0.0.2', '::ffff:10.0.0.3'], v6: ['fd00::0053'] })
    expect(classifyNameservers(profile('1.16'), ['10.0.0.2', 'fd00::0053', 'x'])).toEqual({ v4: ['10.0.0.2'], v6: ['fd00::53'] })
  })
})
