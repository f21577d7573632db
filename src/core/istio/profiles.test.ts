import { describe, expect, it } from 'vitest'
import { has, level, listProfiles, resolveProfile } from './profiles.ts'
import { SWITCHES } from './switches.ts'

const profile = (name: string) => {
  const r = resolveProfile(name)
  if (!r.value) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join()}`)
  return r.value
}

describe('resolveProfile', () => {
  it('maps a minor to its last patch, keeps patches, and takes latest', () => {
    expect(profile('1.13').name).toBe('1.13.9')
    expect(profile('1.13.9').name).toBe('1.13.9')
    expect(profile('v1.9.4').name).toBe('1.9.4')
    expect(profile('latest').name).toBe('latest')
    expect(profile('1.26').version.minor).toBe(26)
  })

  it('decides back-ported switches by patch', () => {
    expect(has(profile('1.11.2'), 'C-14')).toBe(false)
    expect(has(profile('1.11.3'), 'C-14')).toBe(true)
    expect(has(profile('1.9.4'), 'C-10')).toBe(false)
    expect(has(profile('1.9.6'), 'C-10')).toBe(true)
    expect(has(profile('1.10.1'), 'C-10')).toBe(false)
    expect(has(profile('1.10.2'), 'C-10')).toBe(true)
    expect(has(profile('1.10.2'), 'C-11')).toBe(false)
    expect(has(profile('1.10.3'), 'C-11')).toBe(true)
    expect(has(profile('1.12.1'), 'C-19')).toBe(false)
    expect(has(profile('1.12.2'), 'C-19')).toBe(true)
    expect(has(profile('1.17.5'), 'C-25')).toBe(false)
    expect(has(profile('1.17.6'), 'C-25')).toBe(true)
    expect(has(profile('1.19.4'), 'C-28')).toBe(false)
    expect(has(profile('1.19.5'), 'C-28')).toBe(true)
    expect(has(profile('1.20.0'), 'C-28')).toBe(false)
    expect(has(profile('1.20.1'), 'C-28')).toBe(true)
    expect(has(profile('1.21.0'), 'C-28')).toBe(true)
    expect([level(profile('1.18.4'), 'C-26'), level(profile('1.18.5'), 'C-26'), level(profile('1.19.0'), 'C-26'), level(profile('1.19.1'), 'C-26')]).toEqual([1, 2, 3, 4])
    expect([level(profile('1.18.5'), 'C-31'), level(profile('1.18.6'), 'C-31'), level(profile('1.21.6'), 'C-31'), level(profile('1.22.0'), 'C-31')]).toEqual([0, 1, 1, 2])
  })

  it('puts 1.5–1.11 on the legacy generator and 1.12+ on the shared plan', () => {
    expect(profile('1.11.8').era).toBe('legacy')
    expect(profile('1.12.0').era).toBe('dual')
    expect(profile('latest').era).toBe('dual')
  })

  it('every switch of Part E and after is active at latest and none at 1.5.0, except those that start at 1.5', () => {
    const latest = profile('latest')
    const first = profile('1.5.0')
    for (const s of SWITCHES) {
      expect(has(latest, s.id), s.id).toBe(true)
      expect(has(first, s.id), s.id).toBe(false)
    }
  })

  it('reports unknown and unsupported versions as diagnostics, and an out-of-range patch as a warning', () => {
    expect(resolveProfile('banana')).toMatchObject({ value: null, diagnostics: [{ code: 'CFG101', severity: 'error' }] })
    expect(resolveProfile('1.4')).toMatchObject({ value: null, diagnostics: [{ code: 'CFG102', severity: 'error' }] })
    expect(resolveProfile('1.9.42')).toMatchObject({ value: { name: '1.9.9' }, diagnostics: [{ code: 'CFG103', severity: 'warning' }] })
  })
})

describe('listProfiles', () => {
  it('lists every minor 1.5 … 1.24, the back-port patches and latest, each with one line on what changed', () => {
    const list = listProfiles()
    const names = list.map((p) => p.name)
    for (let minor = 5; minor <= 24; minor++) expect(names).toContain(`1.${minor}`)
    for (const patch of ['1.9.4', '1.10.2', '1.10.3', '1.11.3', '1.12.2', '1.17.6', '1.18.5', '1.18.6', '1.19.1', '1.19.5', '1.20.1', 'latest']) expect(names).toContain(patch)
    expect(list.find((p) => p.name === '1.13')).toMatchObject({ release: '1.13.9', changes: expect.stringContaining('C-20') })
    for (const p of list) expect(p.changes).not.toContain('\n')
  })
})
