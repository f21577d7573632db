import { describe, expect, it } from 'vitest'
import { restoreRuleset } from '../../fixtures/explain/load.ts'
import { annotateRuleset } from './annotate.ts'

function roles(lines: string[], options = {}): (string | null)[] {
  return annotateRuleset(restoreRuleset(lines.join('\n') + '\n', 4), options).rules.map((r) => r.role)
}

const OUTPUT = ['*nat', ':ISTIO_OUTPUT - [0:0]', ':ISTIO_REDIRECT - [0:0]', '-A OUTPUT -p tcp -j ISTIO_OUTPUT', '-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001']

describe('recognition details', () => {
  it('takes the localhost CIDR of ⑧ from the caller when no ② shows it', () => {
    const rules = [...OUTPUT, '-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN', '-A ISTIO_OUTPUT -d 127.0.0.1/8 -j RETURN', '-A ISTIO_OUTPUT -j ISTIO_REDIRECT', 'COMMIT']
    expect(roles(rules)).toContain('istio-output-exclude-cidr')
    expect(roles(rules, { loopbackCidrs: ['127.0.0.1/8'] })).toContain('istio-output-localhost-return')
  })

  it('tells ⑦ from an owner-group exclusion by the proxy gid of ⑤/⑥', () => {
    const rules = [
      ...OUTPUT,
      '-A ISTIO_OUTPUT -o lo ! -d 127.0.0.1/32 -m owner --gid-owner 997 -j ISTIO_IN_REDIRECT',
      '-A ISTIO_OUTPUT -m owner --gid-owner 888 -j RETURN',
      '-A ISTIO_OUTPUT -m owner --gid-owner 997 -j RETURN',
      'COMMIT',
    ]
    expect(roles(rules).slice(2, 4)).toEqual(['istio-output-owner-group-exclude', 'istio-output-proxy-gid-return'])
  })

  it('does not read a -j RETURN by interface in PREROUTING as Istio’s when nothing else is', () => {
    expect(roles(['*nat', '-A PREROUTING -i eth1 -j RETURN', 'COMMIT'])).toEqual([null])
    expect(roles(['*nat', '-A PREROUTING -i eth1 -j RETURN', 'COMMIT'], { assumeIstio: true })).toEqual(['istio-kubevirt-return'])
  })

  it('reads a REDIRECT chain nobody jumps to by its port when renamed', () => {
    expect(roles(['*nat', ':A - [0:0]', ':B - [0:0]', '-A A -p tcp -j REDIRECT --to-ports 15006', '-A B -p tcp -j REDIRECT --to-ports 15001', 'COMMIT'], { assumeIstio: true })).toEqual([
      'istio-in-redirect',
      'istio-redirect',
    ])
  })
})
