import type { ConfigSourceKind, SectionForm } from '../model/input.ts'
import type { Family, TableName } from '../model/ruleset.ts'
import { TABLE_NAMES } from '../model/ruleset.ts'
import type { LineKind } from './classify.ts'
import type { LogicalLine } from './logical-lines.ts'
import { isCounter, isOpt, isProt } from './listing-row.ts'

/**
 * Groups classified lines into sections, using what the paste says about itself: a prompt line names the command
 * whose output follows (`iptables -t nat -L -v`, `ip6tables-save`), a log line announces a rules file or a
 * command's output, a fence ends whatever was open. One pass, each line looked at a bounded number of times.
 */
export interface Item {
  line: LogicalLine
  kind: LineKind
}

/** A section's lines with their kinds, side by side. */
export interface PlanLines {
  lines: LogicalLine[]
  kinds: LineKind[]
}

export interface SectionPlan extends PlanLines {
  form: SectionForm
  family?: Family
  table?: TableName
  label?: string
  /** For dumps: read as iptables-save output (declarations replace) or as a program (restore, rules file). */
  dump?: 'save' | 'restore' | 'spec'
  config?: ConfigSourceKind
  /** A restore command line (`iptables-restore --noflush FILE`). */
  restore?: { family: Family; noflush: boolean }
  /** The section shows this one chain (`iptables -L CHAIN`): it replaces that chain only. */
  chain?: string
}

interface Expect {
  form: 'save' | 'restore' | 'listing' | 'spec'
  family: Family | null
  table: TableName | null
  label: string
  /** Index of the line that announced the section (a prompt command, a log line); the section starts there. */
  from: number
  /** `iptables -L CHAIN` / `-S CHAIN`: the output shows that chain only. */
  chain?: string
}

const DUMP_KINDS = new Set(['save-header', 'save-footer', 'save-warning', 'table', 'chain-decl', 'commit', 'rule'])
const MUTATING = new Set(['A', 'I', 'D', 'R', 'N', 'X', 'F', 'P', 'E'])
const ISTIO_FLAGS = /^(?:-[pzugmixbdoqkctr]|--[a-z][\w-]*(?:=.*)?)$/

/** A log line that announced content (a rules file, a command's output) the paste does not show. */
export interface Unmet {
  line: LogicalLine
  label: string
  /** `empty`: the log went on to its next step (an empty rules file); `cut`: the paste or block ended first. */
  reason: 'empty' | 'cut'
}

export function segment(
  lines: readonly LogicalLine[],
  kinds: readonly LineKind[],
): { plans: SectionPlan[]; unmet: Unmet[]; covered: Uint8Array } {
  const plans: SectionPlan[] = []
  const unmet: Unmet[] = []
  const n = lines.length
  /** 1 for every line some section took. */
  const covered = new Uint8Array(n)
  let expect: Expect | null = null
  /** Forgets the current expectation; a rules file or dump that never came is remembered. */
  const drop = (reason: Unmet['reason']) => {
    if (expect && (expect.form === 'restore' || expect.form === 'save')) {
      const line = lines[Math.min(expect.from, n - 1)]
      if (line) unmet.push({ line, label: expect.label, reason })
    }
    expect = null
  }
  let i = 0
  const item = (j: number): Item => ({ line: lines[j] as LogicalLine, kind: kinds[j] as LineKind })
  /** Lines a..b as a section's lines (no per-line objects: a dump may have 100 000 of them). */
  const range = (a: number, b: number): PlanLines => {
    covered.fill(1, a, b + 1)
    return { lines: lines.slice(a, b + 1), kinds: kinds.slice(a, b + 1) }
  }
  const fromItems = (items: readonly { item: Item; index: number }[]): PlanLines => {
    for (const it of items) covered[it.index] = 1
    return { lines: items.map((it) => it.item.line), kinds: items.map((it) => it.item.kind) }
  }
  /** Commands from i on, with the comments and blank lines between them; ends at the last command. */
  const scanCommands = (start: number): { items: { item: Item; index: number }[]; last: number } => {
    const items: { item: Item; index: number }[] = []
    let last = start
    for (let j = start; j < n; j++) {
      const e = effective(j)
      const kk = e.kind
      if (kk.kind === 'command' && kk.detected.program === 'iptables' && kk.args?.command && MUTATING.has(kk.args.command)) {
        items.push({ item: e.item, index: j })
        last = j
      } else if (kk.kind === 'comment' || kk.kind === 'blank') items.push({ item: e.item, index: j })
      else break
    }
    while (items.length && items[items.length - 1]?.item.kind.kind !== 'command') items.pop()
    return { items, last }
  }
  /** The kind at j, looking through a `Running command: …` log line to the command it names. */
  const effective = (j: number): { item: Item; kind: LineKind } => {
    const k = kinds[j] as LineKind
    if (k.kind === 'marker' && k.m.marker === 'running' && k.m.inner) {
      const l = lines[j] as LogicalLine
      const lead = l.text.length - l.text.trimStart().length
      const synthetic: LogicalLine = { ...l, text: k.m.command, column: l.column + lead + k.m.offset }
      return { item: { line: synthetic, kind: k.m.inner }, kind: k.m.inner }
    }
    return { item: item(j), kind: k }
  }

  while (i < n) {
    const k = kinds[i] as LineKind
    if (k.kind === 'boundary') {
      drop('cut')
      i++
      continue
    }
    if (k.kind === 'blank' || k.kind === 'notice' || k.kind === 'underline') {
      i++
      continue
    }
    if (DUMP_KINDS.has(k.kind)) {
      const end = scanDump(kinds, i)
      plans.push(dumpPlan(range(introOf(expect, i), end), expect))
      expect = null
      i = end + 1
      continue
    }
    if (k.kind === 'listing-chain' || k.kind === 'listing-header') {
      const end = scanListing(lines, kinds, i)
      plans.push(listingPlan(range(introOf(expect, i), end), expect))
      expect = null
      i = end + 1
      continue
    }
    if (k.kind === 'comment') {
      // Notes written just above a dump or a listing belong to it.
      let j = i
      while (j < n && (kinds[j] as LineKind).kind === 'comment') j++
      const next = kinds[j]
      if (next && DUMP_KINDS.has(next.kind)) {
        const end = scanDump(kinds, j)
        plans.push(dumpPlan(range(introOf(expect, i), end), expect))
        expect = null
        i = end + 1
        continue
      }
      const nextEff = j < n ? effective(j).kind : undefined
      if (nextEff && nextEff.kind === 'command' && nextEff.detected.program === 'iptables' && nextEff.args?.command && MUTATING.has(nextEff.args.command)) {
        // Comments introducing a command list are its notes: let the command scan start at them.
        const end = scanCommands(j)
        const notes = []
        for (let at = i; at < j; at++) notes.push({ item: item(at), index: at })
        plans.push({ form: 'commands', ...fromItems([...notes, ...end.items]), label: 'commands' })
        drop('empty')
        i = end.last + 1
        continue
      }
      if (next && (next.kind === 'listing-chain' || next.kind === 'listing-header')) {
        const end = scanListing(lines, kinds, j)
        plans.push(listingPlan(range(introOf(expect, i), end), expect))
        expect = null
        i = end + 1
        continue
      }
      i = j
      continue
    }
    const eff = effective(i)
    const ek = eff.kind
    if (ek.kind === 'command') {
      const d = ek.detected
      if (d.program === 'iptables' && ek.args?.command && MUTATING.has(ek.args.command)) {
        const end = scanCommands(i)
        plans.push({ form: 'commands', ...fromItems(end.items), label: 'commands' })
        drop('empty')
        i = end.last + 1
        continue
      }
      if (d.program === 'iptables' && ek.args) {
        const table = ek.args.table && (TABLE_NAMES as readonly string[]).includes(ek.args.table) ? (ek.args.table as TableName) : null
        const c = ek.args.command
        if (c === 'L' || c === 'S') {
          drop('cut')
          const label = eff.item.line.text.slice(d.start).trim()
          expect = { form: c === 'L' ? 'listing' : 'spec', family: d.family, table: table ?? 'filter', label, from: i }
          if (ek.args.chain) expect.chain = ek.args.chain
        }
        i++
        continue
      }
      if (d.program === 'iptables-save') {
        const t = d.args.findIndex((a) => a.text === '-t' || a.text === '--table')
        const tableText = t >= 0 ? d.args[t + 1]?.text : undefined
        const table = tableText && (TABLE_NAMES as readonly string[]).includes(tableText) ? (tableText as TableName) : null
        drop('cut')
        expect = { form: 'save', family: d.family, table, label: d.family === 6 ? 'ip6tables-save' : 'iptables-save', from: i }
        i++
        continue
      }
      if (d.program === 'iptables-restore') {
        drop('empty')
        plans.push({
          form: 'commands',
          ...fromItems([{ item: eff.item, index: i }]),
          label: 'restore command',
          family: d.family,
          restore: { family: d.family, noflush: d.args.some((a) => a.text === '--noflush' || a.text === '-n') },
        })
        // With a file argument the input is not in the paste; without one it follows (stdin, a heredoc).
        const fromFile = d.args.some((a) => !a.text.startsWith('-') && !a.text.startsWith('<'))
        if (!fromFile) expect = { form: 'restore', family: d.family, table: null, label: 'rules file', from: i + 1 }
        i++
        continue
      }
    }
    if (ek.kind === 'istio-command') {
      plans.push({ form: 'istio-iptables-args', ...fromItems([{ item: eff.item, index: i }]), config: 'flags', label: 'istio-iptables command line' })
      i++
      continue
    }
    if (k.kind === 'nft') {
      const end = scanNft(lines, kinds, i)
      plans.push({ form: 'nft', ...range(i, end) })
      i = end + 1
      continue
    }
    if (k.kind === 'marker') {
      const m = k.m
      // The log moved on to its next step: what it announced before was empty.
      if (m.marker !== 'output') drop('empty')
      if (m.marker === 'rules-file' || m.marker === 'restore-input') {
        expect = { form: 'restore', family: m.family, table: null, label: m.family === 6 ? 'ip6tables rules file' : 'rules file', from: i }
        i++
        continue
      }
      if (m.marker === 'final-state') {
        expect = { form: 'save', family: m.family, table: null, label: 'iptables-save (after)', from: i }
        i++
        continue
      }
      if (m.marker === 'environment' || m.marker === 'variables') {
        const end = scanBlock(lines, kinds, i)
        plans.push({
          form: m.marker === 'environment' ? 'environment-block' : 'variables-block',
          ...range(i, end),
          config: m.marker === 'environment' ? 'env' : 'variables',
          label: m.marker === 'environment' ? 'Environment' : m.title,
        })
        i = end + 1
        continue
      }
      i++
      continue
    }
    if (k.kind === 'env') {
      const end = scanEnv(kinds, i)
      if (end !== null && (end > i ? hasTwoEntries(kinds, i, end) : standsAlone(kinds, i))) {
        plans.push({ form: 'env', ...range(i, end), config: 'env', label: 'env file' })
        i = end + 1
        continue
      }
    }
    if (k.kind === 'yaml-args') {
      const end = scanYamlArgs(lines, i)
      if (end !== null) {
        plans.push({ form: 'istio-iptables-args', ...range(i, end), config: 'flags', label: 'istio-init args' })
        i = end + 1
        continue
      }
    }
    i++
  }
  drop('cut')
  return { plans, unmet, covered }
}

/** Where a section starts: at the line that announced it, when that is the current expectation. */
function introOf(expect: Expect | null, i: number): number {
  return expect && expect.from < i ? expect.from : i
}

function dumpPlan(items: PlanLines, expect: Expect | null): SectionPlan {
  const header = items.kinds.find((k) => k.kind === 'save-header')
  const hasTable = items.kinds.some((k) => k.kind === 'table')
  const hasDecl = items.kinds.some((k) => k.kind === 'chain-decl')
  const restoreish = items.kinds.some(
    (k) => (k.kind === 'table' && k.spaced) || (k.kind === 'rule' && !['-A', '--append', '-P', '-N'].includes(k.command)),
  )
  const headerFamily = header && header.kind === 'save-header' ? header.family : null
  const family = headerFamily ?? expect?.family ?? undefined
  let plan: SectionPlan
  if (!hasTable && !hasDecl) {
    plan = { form: 'iptables-S', ...items, dump: 'spec', label: expect?.form === 'spec' ? expect.label : 'iptables -S' }
    if (expect?.table) plan.table = expect.table
    if (expect?.chain) plan.chain = expect.chain
  } else if (expect?.form === 'restore' || (restoreish && !header)) {
    plan = { form: 'iptables-restore', ...items, dump: 'restore', label: expect?.form === 'restore' ? expect.label : 'iptables-restore input' }
  } else {
    const name = family === 6 ? 'ip6tables-save' : 'iptables-save'
    plan = { form: 'iptables-save', ...items, dump: 'save', label: expect?.form === 'save' && expect.label.startsWith('iptables-save (') ? expect.label : name }
    if (!hasTable && expect?.table) plan.table = expect.table
  }
  if (family !== undefined && family !== null) plan.family = family
  return plan
}

function listingPlan(items: PlanLines, expect: Expect | null): SectionPlan {
  const plan: SectionPlan = { form: 'iptables-L', ...items, label: expect?.form === 'listing' ? expect.label : 'iptables -L' }
  if (expect?.form === 'listing') {
    if (expect.family) plan.family = expect.family
    if (expect.table) plan.table = expect.table
    if (expect.chain) plan.chain = expect.chain
  }
  return plan
}

/** Last index of the dump starting at i: its own lines, with blank and `#` lines inside it. */
function scanDump(kinds: readonly LineKind[], i: number): number {
  let last = i
  const tables = new Set<string>()
  let open = false
  let headerFamily: Family | null = null
  for (let j = i; j < kinds.length; j++) {
    const k = kinds[j] as LineKind
    if (k.kind === 'table') {
      if (tables.has(k.name) && !open) break
      tables.add(k.name)
      open = true
    } else if (k.kind === 'commit') open = false
    else if (k.kind === 'save-header') {
      if (headerFamily !== null && headerFamily !== k.family && !open) break
      headerFamily = k.family
    }
    if (DUMP_KINDS.has(k.kind)) {
      last = j
      continue
    }
    if (k.kind === 'comment' || k.kind === 'elision') {
      if (k.kind === 'elision') last = j
      continue
    }
    if (k.kind === 'blank' || k.kind === 'notice') continue
    break
  }
  return last
}

/** A text line that has the shape of a listing row (looked at in its first 400 characters only). */
export function looksLikeRow(text: string): boolean {
  const words = text.slice(0, 400).trim().split(/\s+/, 9)
  for (let k = 1; k < Math.min(words.length, 7); k++) {
    if (isOpt(words[k]) && isProt(words[k - 1])) return true
  }
  // ip6tables-legacy leaves the opt column blank: counters, target, protocol, interfaces, addresses.
  return words.length >= 6 && isCounter(words[0]) && isCounter(words[1]) && (isProt(words[2]) || isProt(words[3]))
}

function scanListing(lines: readonly LogicalLine[], kinds: readonly LineKind[], i: number): number {
  let last = i
  for (let j = i; j < kinds.length; j++) {
    const k = kinds[j] as LineKind
    if (k.kind === 'listing-chain' || k.kind === 'listing-header') {
      last = j
      continue
    }
    if (k.kind === 'text' && looksLikeRow((lines[j] as LogicalLine).text)) {
      last = j
      continue
    }
    if (k.kind === 'elision') {
      last = j
      continue
    }
    if (k.kind === 'comment' || k.kind === 'blank' || k.kind === 'notice' || k.kind === 'save-warning') continue
    break
  }
  return last
}

/** An Environment:/Variables: block: the marker, an underline, then KEY=VALUE lines (or a JSON object) until a blank line. */
function scanBlock(lines: readonly LogicalLine[], kinds: readonly LineKind[], i: number): number {
  let last = i
  let depth = 0
  for (let j = i + 1; j < kinds.length; j++) {
    const k = kinds[j] as LineKind
    const t = (lines[j] as LogicalLine).text.trim()
    if (depth > 0 || (j === last + 1 && t === '{')) {
      for (const ch of t) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
      last = j
      continue
    }
    if (k.kind === 'underline' || k.kind === 'env') {
      last = j
      continue
    }
    break
  }
  return last
}

const ISTIO_KEY = /^(?:ISTIO_|ENVOY_|INBOUND_|OUTBOUND_|PROXY_|KUBE_?VIRT|DNS_|INVALID_DROP|ENABLE_INBOUND|CANONICAL_|POD_|SERVICE_ACCOUNT|TRUST_DOMAIN)/

/** A run of KEY=VALUE lines without shell expansions (comments and blank lines between them allowed). */
function scanEnv(kinds: readonly LineKind[], i: number): number | null {
  let last = -1
  for (let j = i; j < kinds.length; j++) {
    const k = kinds[j] as LineKind
    if (k.kind === 'env') {
      if (k.expansion) break
      last = j
      continue
    }
    if (k.kind === 'comment' || k.kind === 'blank') continue
    break
  }
  return last < 0 ? null : last
}

function hasTwoEntries(kinds: readonly LineKind[], i: number, end: number): boolean {
  let n = 0
  for (let j = i; j <= end; j++) if ((kinds[j] as LineKind).kind === 'env') n++
  return n >= 2
}

/**
 * A single `ISTIO_…=value` line is an env file only when nothing but blank lines, comments and fences surround it;
 * inside a shell script it is just one assignment among others.
 */
function quiet(kind: string): boolean {
  return kind === 'blank' || kind === 'comment'
}

function standsAlone(kinds: readonly LineKind[], i: number): boolean {
  const k = kinds[i] as LineKind
  if (k.kind !== 'env' || !ISTIO_KEY.test(k.key)) return false
  let a = i - 1
  while (a >= 0 && quiet((kinds[a] as LineKind).kind)) a--
  let b = i + 1
  while (b < kinds.length && quiet((kinds[b] as LineKind).kind)) b++
  const edge = (j: number) => j < 0 || j >= kinds.length || (kinds[j] as LineKind).kind === 'boundary'
  return edge(a) && edge(b)
}

/**
 * `args:` of the istio-init container in pod YAML (`- -p` items, or a `[…]` flow list on the same line) or
 * `Args:` of `kubectl describe` (one argument per indented line, an empty line for `-x ""`).
 */
function scanYamlArgs(lines: readonly LogicalLine[], i: number): number | null {
  const head = (lines[i] as LogicalLine).text
  const indent = head.length - head.trimStart().length + (/^\s*-\s/.test(head) ? 2 : 0)
  const inline = /\[(.*)\]\s*$/.exec(head)
  if (inline) return /istio-iptables|"-[pzumixbd]"|'-[pzumixbd]'/.test(inline[1] as string) ? i : null
  let last = i
  let flags = 0
  let describe = false
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j] as LogicalLine
    if (l.boundary) break
    const text = l.text
    const t = text.trim()
    const ind = text.length - text.trimStart().length
    if (t === '') {
      // kubectl describe prints an empty argument (`-x ""`) as an empty line inside the block.
      if (describe) continue
      break
    }
    const yamlItem = /^-\s+(.*)$/.exec(t)
    if (yamlItem && ind >= indent - 2) {
      const value = (yamlItem[1] as string).replace(/^["']|["']$/g, '')
      if (/\s/.test(value) && !/^["']/.test(yamlItem[1] as string)) break
      if (ISTIO_FLAGS.test(value) || value === 'istio-iptables') flags++
      last = j
      continue
    }
    if (!yamlItem && ind > indent && !/^[\w-]+:\s/.test(t) && !/^[\w-]+:$/.test(t)) {
      describe = true
      if (ISTIO_FLAGS.test(t) || t === 'istio-iptables') flags++
      last = j
      continue
    }
    break
  }
  return flags >= 1 && last > i ? last : null
}

function scanNft(lines: readonly LogicalLine[], kinds: readonly LineKind[], i: number): number {
  let depth = 0
  let opened = false
  let last = i
  for (let j = i; j < lines.length; j++) {
    const k = kinds[j] as LineKind
    if (k.kind === 'boundary') break
    const t = (lines[j] as LogicalLine).text
    if (k.kind === 'blank' && (!opened || depth === 0)) {
      if (opened) break
      continue
    }
    for (const ch of t) {
      if (ch === '{') {
        depth++
        opened = true
      } else if (ch === '}') depth--
    }
    last = j
    if (opened && depth <= 0) {
      const next = kinds[j + 1]
      if (!next || next.kind !== 'nft') break
    }
  }
  return last
}
