import type { Family, Match, Rule } from '../model/ruleset.ts'
import type { Cidr } from '../net/ip.ts'
import { addressCidr, ctStates, markMatch, ownerMatches, ports, protocol, type OwnerMatch } from './rule-access.ts'

/**
 * A rule reduced to the facts the recogniser compares: what it matches and where it sends packets. Two rules that
 * differ only in spelling (save vs listing, option order, `-m tcp`, `localhost`, hex marks) have the same shape.
 */
export interface RuleShape {
  proto: { name: string; negated: boolean } | null
  src: AddressClause | null
  dst: AddressClause | null
  inIface: { name: string; negated: boolean } | null
  outIface: { name: string; negated: boolean } | null
  dport: { ports: string[]; negated: boolean } | null
  sport: { ports: string[]; negated: boolean } | null
  owners: OwnerMatch[]
  mark: { value: number | null; negated: boolean } | null
  connmark: { value: number | null; negated: boolean } | null
  ctstate: { states: string[]; negated: boolean } | null
  /** Clauses the recogniser does not look at (anything but the above and comments). A role needs none of these. */
  others: Match[]
  target: string | null
}

export interface AddressClause {
  text: string
  cidr: Cidr | null
  negated: boolean
}

/** Modules whose options the shape covers completely; any other option ends up in `others`. */
const SHAPED_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  tcp: ['--dport', '--destination-port', '--sport', '--source-port'],
  udp: ['--dport', '--destination-port', '--sport', '--source-port'],
  '': ['--dport', '--destination-port', '--sport', '--source-port', '--uid-owner', '--gid-owner', '--mark', '--ctstate', '--state', '--dports', '--sports'],
  multiport: ['--dports', '--destination-ports', '--sports', '--source-ports', '--ports'],
  owner: ['--uid-owner', '--gid-owner'],
  mark: ['--mark'],
  connmark: ['--mark'],
  conntrack: ['--ctstate'],
  state: ['--state'],
  comment: ['--comment'],
}

const ANYWHERE = new Set(['0.0.0.0/0', '::/0', 'anywhere', '0/0'])

export function ruleShape(rule: Rule, family: Family): RuleShape {
  const shape: RuleShape = {
    proto: protocol(rule),
    src: null,
    dst: null,
    inIface: null,
    outIface: null,
    dport: ports(rule, 'dst'),
    sport: ports(rule, 'src'),
    owners: ownerMatches(rule),
    mark: markMatch(rule, 'mark'),
    connmark: markMatch(rule, 'connmark'),
    ctstate: ctStates(rule),
    others: [],
    target: rule.target?.name ?? null,
  }
  for (const m of rule.matches) {
    if (m.kind === 'base') {
      const value = m.value.trim()
      switch (m.option) {
        case '-p':
          break
        case '-s':
        case '-d': {
          if (!m.negated && ANYWHERE.has(value.toLowerCase())) break
          const clause: AddressClause = { text: value, cidr: addressCidr(value, family), negated: m.negated }
          if (m.option === '-s') shape.src = clause
          else shape.dst = clause
          break
        }
        case '-i':
        case '-o': {
          // A listing prints `any` (and `-S` never prints `+`) for "every interface".
          if (!m.negated && (value === 'any' || value === '+' || value === '*')) break
          if (m.option === '-i') shape.inIface = { name: value, negated: m.negated }
          else shape.outIface = { name: value, negated: m.negated }
          break
        }
        default:
          shape.others.push(m)
      }
      continue
    }
    const shaped = SHAPED_OPTIONS[m.module]
    if (!shaped) {
      shape.others.push(m)
      continue
    }
    const rest = m.options.filter((o) => !shaped.includes(o.name))
    if (rest.length > 0) shape.others.push({ ...m, options: rest })
  }
  return shape
}

export function isOutLo(shape: RuleShape): boolean {
  return shape.outIface !== null && !shape.outIface.negated && shape.outIface.name === 'lo'
}

export function isInLo(shape: RuleShape): boolean {
  return shape.inIface !== null && !shape.inIface.negated && shape.inIface.name === 'lo'
}

/** True when the shape has exactly the listed kinds of clause (and nothing the recogniser ignores). */
export function hasOnly(shape: RuleShape, allowed: readonly ShapeKey[]): boolean {
  if (shape.others.length > 0) return false
  for (const key of SHAPE_KEYS) {
    if (allowed.includes(key)) continue
    if (key === 'owners' ? shape.owners.length > 0 : shape[key] !== null) return false
  }
  return true
}

export type ShapeKey =
  | 'proto'
  | 'src'
  | 'dst'
  | 'inIface'
  | 'outIface'
  | 'dport'
  | 'sport'
  | 'owners'
  | 'mark'
  | 'connmark'
  | 'ctstate'

const SHAPE_KEYS: readonly ShapeKey[] = ['proto', 'src', 'dst', 'inIface', 'outIface', 'dport', 'sport', 'owners', 'mark', 'connmark', 'ctstate']

export function protoIs(shape: RuleShape, name: string): boolean {
  return shape.proto !== null && !shape.proto.negated && shape.proto.name === name
}

/** A single positive port (`--dport 53`), not a list or a range. */
export function onePort(clause: { ports: string[]; negated: boolean } | null): string | null {
  if (!clause || clause.negated || clause.ports.length !== 1) return null
  const p = clause.ports[0] ?? ''
  return /^\d+$/.test(p) ? p : null
}
