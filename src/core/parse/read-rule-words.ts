import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { BaseOption, Family } from '../model/ruleset.ts'
import { normalizeDashes, type RuleWord } from '../text/rule-words.ts'
import { CODES } from './codes.ts'
import { matchSpec, optionSpec, targetSpec } from './extensions/registry.ts'
import { implicitMatchFor } from './extensions/port-matches.ts'
import type { ExtensionSpec } from './extensions/types.ts'
import { emptyDraft, type DraftModule, type DraftOption, type RuleDraft } from './rule-draft.ts'
import { protocolName, protocolNumber } from './tables/names.ts'

/**
 * Reads the words of a rule specification (what follows `-A CHAIN` or `-I CHAIN N`) into a draft, deciding which
 * match or target each option belongs to the way iptables does: the most recently loaded match that has the
 * option, else the target, else the protocol's match loaded implicitly (`-p tcp --dport 53` loads tcp there).
 */
const BASE: Readonly<Record<string, BaseOption>> = {
  '-s': '-s', '--source': '-s', '--src': '-s',
  '-d': '-d', '--destination': '-d', '--dst': '-d',
  '-i': '-i', '--in-interface': '-i',
  '-o': '-o', '--out-interface': '-o',
  '-p': '-p', '--protocol': '-p',
  '-f': '-f', '--fragment': '-f',
}

export interface WordContext {
  family: Family
  line: number
  /** Column (1-based) of offset 0 of the words' line. */
  column: number
}

interface Loaded {
  module: DraftModule
  spec: ExtensionSpec | undefined
}

export function readRuleWords(words: readonly RuleWord[], ctx: WordContext): { draft: RuleDraft; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const draft = emptyDraft()
  const loaded: Loaded[] = []
  let targetSpecOf: ExtensionSpec | undefined
  const col = (w: RuleWord | undefined) => (w ? ctx.column + w.start : ctx.column)
  const text = (i: number): string => {
    const w = words[i]
    if (!w) return ''
    return w.quoted ? w.text : normalizeDashes(w.text)
  }
  const protocol = leadingProtocol(words)
  const implicitName = protocol ? implicitMatchFor(protocol, ctx) : null
  let negatedAt: RuleWord | null = null
  let lastClause: { options: DraftOption[] } | null = null

  for (let i = 0; i < words.length; i++) {
    const word = words[i] as RuleWord
    const w = text(i)
    if (w === '!' && !word.quoted) {
      if (negatedAt) diagnostics.push(diagnostic(CODES.unexpectedWord, 'error', 'two "!" in a row', ctx.line, col(word)))
      negatedAt = word
      continue
    }
    const negated = negatedAt !== null
    negatedAt = null
    const base = word.quoted ? undefined : BASE[w]
    if (base) {
      if (base === '-f') {
        draft.base.push({ option: '-f', negated, value: '', column: col(word) })
        continue
      }
      let valueIndex = i + 1
      let neg = negated
      if (text(valueIndex) === '!' && !words[valueIndex]?.quoted) {
        diagnostics.push(diagnostic(CODES.oldNegation, 'warning', `old syntax "${w} ! …": read as "! ${w} …"`, ctx.line, col(words[valueIndex])))
        neg = true
        valueIndex++
      }
      const valueWord = words[valueIndex]
      if (!valueWord) {
        diagnostics.push(diagnostic(CODES.missingArgument, 'error', `${w} needs an argument`, ctx.line, col(word)))
        break
      }
      draft.base.push({ option: base, negated: neg, value: valueWord.text, column: col(valueWord) })
      i = valueIndex
      continue
    }
    if (!word.quoted && (w === '-m' || w === '--match')) {
      const nameWord = words[i + 1]
      if (!nameWord) {
        diagnostics.push(diagnostic(CODES.missingArgument, 'error', `${w} needs a match name`, ctx.line, col(word)))
        break
      }
      i++
      const name = nameWord.text
      const implicitSame = loaded.find((l) => l.module.implicit && l.module.name === name)
      if (implicitSame) {
        implicitSame.module.implicit = false
        lastClause = implicitSame.module
        continue
      }
      const module: DraftModule = { name, implicit: false, options: [], column: col(nameWord) }
      draft.modules.push(module)
      loaded.push({ module, spec: matchSpec(name) })
      lastClause = module
      continue
    }
    if (!word.quoted && (w === '-j' || w === '--jump' || w === '-g' || w === '--goto')) {
      const nameWord = words[i + 1]
      if (!nameWord) {
        diagnostics.push(diagnostic(CODES.missingArgument, 'error', `${w} needs a target`, ctx.line, col(word)))
        break
      }
      i++
      if (draft.target) diagnostics.push(diagnostic(CODES.unexpectedWord, 'error', 'a rule has one -j/-g target; the last one is kept', ctx.line, col(word)))
      const goto = w === '-g' || w === '--goto'
      draft.target = { kind: goto ? 'goto' : 'jump', name: nameWord.text, options: [], column: col(nameWord) }
      targetSpecOf = goto ? undefined : targetSpec(nameWord.text)
      lastClause = draft.target
      continue
    }
    if (!word.quoted && (w === '-c' || w === '--set-counters')) {
      const p = words[i + 1]?.text ?? ''
      const b = words[i + 2]?.text ?? ''
      if (/^[0-9]+$/.test(p) && /^[0-9]+$/.test(b)) draft.counters = { packets: Number(p), bytes: Number(b) }
      else diagnostics.push(diagnostic(CODES.invalidArgument, 'error', `${w} needs two numbers (packets, bytes)`, ctx.line, col(word)))
      i += 2
      continue
    }
    if (!word.quoted && (w === '-4' || w === '--ipv4' || w === '-6' || w === '--ipv6')) {
      const wants = w === '-4' || w === '--ipv4' ? 4 : 6
      if (wants !== ctx.family) {
        diagnostics.push(diagnostic(CODES.invalidInContext, 'warning', `${w}: this rule is for IPv${wants}; ip${ctx.family === 6 ? '6' : ''}tables ignores it`, ctx.line, col(word)))
      }
      continue
    }
    if (word.quoted || !w.startsWith('-') || w === '-' || w === '--') {
      diagnostics.push(diagnostic(CODES.unexpectedWord, 'error', `unexpected "${word.text}"`, ctx.line, col(word)))
      continue
    }
    // An extension option: find its owner as iptables would.
    let owner: { options: DraftOption[] } | null = null
    let spec: ExtensionSpec | undefined
    for (let k = loaded.length - 1; k >= 0 && !owner; k--) {
      const l = loaded[k] as Loaded
      if (l.spec && optionSpec(l.spec, w)) {
        owner = l.module
        spec = l.spec
      }
    }
    if (!owner && targetSpecOf && optionSpec(targetSpecOf, w) && draft.target) {
      owner = draft.target
      spec = targetSpecOf
    }
    if (!owner && implicitName && !loaded.some((l) => l.module.name === implicitName)) {
      const implicitSpec = matchSpec(implicitName)
      if (implicitSpec && optionSpec(implicitSpec, w)) {
        const module: DraftModule = { name: implicitName, implicit: true, options: [], column: col(word) }
        draft.modules.push(module)
        loaded.push({ module, spec: implicitSpec })
        lastClause = module
        owner = module
        spec = implicitSpec
      }
    }
    // Not an option of anything modelled: it belongs to the clause opened last (-m or -j), kept verbatim.
    if (!owner) owner = lastClause
    const known = spec ? optionSpec(spec, w) : undefined
    const args: string[] = []
    let neg = negated
    let j = i + 1
    if (known) {
      if (known.negatable && text(j) === '!' && !words[j]?.quoted && known.arity > 0) {
        diagnostics.push(diagnostic(CODES.oldNegation, 'warning', `old syntax "${w} ! …": read as "! ${w} …"`, ctx.line, col(words[j])))
        neg = true
        j++
      }
      for (let k = 0; k < known.arity; k++, j++) {
        const a = words[j]
        if (!a) break
        args.push(a.text)
      }
      if (args.length < known.arity) {
        diagnostics.push(diagnostic(CODES.missingArgument, 'error', `${w} needs ${known.arity} argument${known.arity > 1 ? 's' : ''}`, ctx.line, col(word)))
      }
    } else {
      while (j < words.length) {
        const a = words[j] as RuleWord
        if (!a.quoted && (a.text === '!' || (a.text.startsWith('-') && a.text.length > 1 && !/^-[0-9]/.test(a.text)))) break
        args.push(a.text)
        j++
      }
    }
    i = j - 1
    const entry: DraftOption = { name: w, negated: neg, args, column: col(word) }
    if (owner) owner.options.push(entry)
    else {
      diagnostics.push(diagnostic(CODES.unknownOption, 'error', `unknown option "${w}": no -m match or -j target before it has it; kept verbatim`, ctx.line, col(word)))
      const orphan: DraftModule = { name: '', implicit: false, options: [entry], column: col(word) }
      draft.modules.push(orphan)
      loaded.push({ module: orphan, spec: undefined })
      lastClause = orphan
    }
  }
  if (negatedAt) diagnostics.push(diagnostic(CODES.unexpectedWord, 'error', '"!" at the end of the rule negates nothing', ctx.line, col(negatedAt)))
  return { draft, diagnostics }
}

/** The rule's non-negated `-p` as iptables-save names it, found before reading (options may precede `-p`). */
function leadingProtocol(words: readonly RuleWord[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as RuleWord
    if (w.quoted) continue
    const t = normalizeDashes(w.text)
    if (t !== '-p' && t !== '--protocol') continue
    if (words[i - 1]?.text === '!') return null
    let v = words[i + 1]?.text ?? ''
    if (v === '!') return null
    const n = protocolNumber(v)
    v = n === null ? v : protocolName(n)
    return v
  }
  return null
}
