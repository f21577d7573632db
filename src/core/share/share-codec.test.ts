import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { fnv1a32 } from './checksum.ts'
import { toBase64Url } from './base64url.ts'
import { DICTIONARY_IDS_V1, type DictionaryId } from './dictionaries.ts'
import { decodeShareHash, dictionaryOf, encodeShareState } from './share-codec.ts'
import type { ShareState } from './share-state.ts'

const here = import.meta.dirname
const dictionaryBytes = (id: DictionaryId) => new Uint8Array(readFileSync(join(here, 'dictionaries', `v1-${id}.txt`)))
const example = (name: string) => readFileSync(join(here, '..', '..', 'examples', name), 'utf8')
const seed001 = example('seed-001-istio-1.9-vm-log.txt')
const seed000 = example('seed-000-k8s-nat-listing.txt')

/** Links made by each released format version, with the state they must keep opening to. */
const goldenPath = join(here, 'golden', 'links.json')
interface Golden {
  name: string
  hash: string
  state: ShareState
}

const GOLDEN_STATES: { name: string; state: ShareState }[] = [
  { name: 'v1-seed-000-badge-9-zh', state: { input: { kind: 'text', text: seed000 }, language: 'zh', exampleId: 'seed-000-k8s-listing', rule: { table: 'nat', chain: 'ISTIO_OUTPUT', index: 9 } } },
  {
    name: 'v1-seed-001-edited-preset-step',
    state: { input: { kind: 'text', text: seed001.replace('ISTIO_INBOUND_PORTS=8080', 'ISTIO_INBOUND_PORTS=8080,9090') }, language: 'en', scenario: { kind: 'preset', id: 'app-calls-external' }, step: 3 },
  },
  {
    name: 'v1-config-packet',
    state: {
      input: { kind: 'config', text: 'ISTIO_INBOUND_PORTS=8080\nISTIO_SERVICE_CIDR=*\nISTIO_LOCAL_EXCLUDE_PORTS=15090,15021\n' },
      language: 'en',
      profile: '1.9.4',
      overrides: { ProxyUID: '997' },
      scenario: { kind: 'packet', packet: { direction: 'outbound', proto: 'udp', dst: '10.96.0.10', dport: 53, uid: 1000, gid: 1000 } },
    },
  },
  { name: 'v1-kube-proxy-1000', state: { input: { kind: 'generated', generator: 'kube-proxy', services: 1000, seed: 1 }, language: 'en', family: 4, exampleId: 'kube-proxy-1000' } },
  {
    name: 'v1-config-compare-versions-zh',
    state: { input: { kind: 'config', text: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' --redirect-dns" }, language: 'zh', profile: 'latest', compareProfile: '1.9.4', overrides: { DNSServersV4: '10.96.0.10' } },
  },
  {
    name: 'v1-seed-001-regenerated-latest',
    state: { input: { kind: 'text', text: seed001 }, language: 'en', exampleId: 'seed-001-vm-log', regenerate: true, profile: 'latest', compareProfile: '1.9.9' },
  },
]

function raw(meta: unknown, body = ''): string {
  return '#v1.' + toBase64Url(new Uint8Array([0, ...deflateSync(new TextEncoder().encode(`${JSON.stringify(meta)}\n${body}`))]))
}

describe('permalink codec', () => {
  it('keeps the frozen dictionaries unchanged (links made with them depend on every byte)', () => {
    expect(DICTIONARY_IDS_V1.map((id) => [id, fnv1a32(dictionaryBytes(id)).toString(16)])).toEqual([
      ['seed-001-vm-log', expect.any(String)],
      ['seed-000-k8s-listing', expect.any(String)],
      ['istio-sidecar-dumps', expect.any(String)],
    ])
    const pinned = JSON.parse(readFileSync(join(here, 'golden', 'dictionary-fingerprints.json'), 'utf8')) as Record<string, string>
    for (const id of DICTIONARY_IDS_V1) expect(fnv1a32(dictionaryBytes(id)).toString(16), id).toBe(pinned[id])
  })

  it('round-trips every kind of state', () => {
    for (const { state } of GOLDEN_STATES) {
      const { hash } = encodeShareState(state, dictionaryBytes)
      const decoded = decodeShareHash(hash, dictionaryBytes)
      expect(decoded.diagnostics).toEqual([])
      expect(decoded.value).toEqual(state)
    }
  })

  it('opens every golden link made by an earlier version', () => {
    if (process.env.UPDATE_SHARE_GOLDENS) {
      const goldens: Golden[] = GOLDEN_STATES.map(({ name, state }) => ({ name, hash: encodeShareState(state, dictionaryBytes).hash, state }))
      writeFileSync(goldenPath, JSON.stringify(goldens, null, 2) + '\n')
    }
    const goldens = JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden[]
    expect(goldens.length).toBeGreaterThanOrEqual(4)
    for (const g of goldens) {
      const decoded = decodeShareHash(g.hash, dictionaryBytes)
      expect(decoded.diagnostics, g.name).toEqual([])
      expect(decoded.value, g.name).toEqual(g.state)
    }
  })

  it('stays within the link budgets: the seed 001 log under 4,000 characters, a configuration under 300', () => {
    const log = encodeShareState({ input: { kind: 'text', text: seed001 }, language: 'en', rule: { table: 'nat', chain: 'ISTIO_OUTPUT', index: 9 } }, dictionaryBytes)
    expect(log.dictionary).toBe('seed-001-vm-log')
    expect(log.hash.length).toBeLessThanOrEqual(4000)
    const edited = encodeShareState({ input: { kind: 'text', text: seed001.replaceAll('997', '1337') }, language: 'zh' }, dictionaryBytes)
    expect(edited.hash.length).toBeLessThanOrEqual(4000)
    const config = encodeShareState(GOLDEN_STATES[2]!.state, dictionaryBytes)
    expect(config.hash.length).toBeLessThanOrEqual(300)
    // Without dictionaries a link is still valid, only longer.
    const plain = encodeShareState({ input: { kind: 'text', text: seed000 }, language: 'en' })
    expect(dictionaryOf(plain.hash)).toBeNull()
    expect(decodeShareHash(plain.hash).value?.input).toEqual({ kind: 'text', text: seed000 })
  })

  it('refuses damaged, hostile and future links with a reason, never by throwing', () => {
    const codes = (hash: string) => decodeShareHash(hash, dictionaryBytes).diagnostics.map((d) => d.code)
    expect(codes('#hello')).toEqual(['SHR001'])
    expect(codes('#v9.AAAA')).toEqual(['SHR002'])
    expect(codes('#v1.@@@@')).toEqual(['SHR003'])
    expect(codes('#v1.' + toBase64Url(new Uint8Array([200, 1, 2, 3])))).toEqual(['SHR004'])
    expect(codes('#v1.' + toBase64Url(new Uint8Array([0, 255, 255, 255, 255])))).toEqual(['SHR006'])
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 })
    expect(codes('#v1.' + toBase64Url(new Uint8Array([0, ...bomb])))).toEqual(['SHR006'])
    expect(codes(raw({ i: 't', l: 'fr' }))).toEqual(['SHR008'])
    expect(codes(raw({ i: 't', l: 'en', r: ['nat', 'X', -1] }))).toEqual(['SHR008'])
    expect(codes(raw({ i: 't', l: 'en', extra: 1 }))).toEqual(['SHR008'])
    expect(codes(raw({ i: 't', l: 'en' }, 'x'))).toEqual([])
    const needsDictionary = encodeShareState({ input: { kind: 'text', text: seed001 }, language: 'en' }, dictionaryBytes).hash
    expect(decodeShareHash(needsDictionary).diagnostics.map((d) => d.code)).toEqual(['SHR005'])
  })
})
