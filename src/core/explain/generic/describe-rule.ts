import type { ExtensionOption, Family, Match, Rule } from '../../model/ruleset.ts'
import type { Bi, ClauseExplanation, Lang } from '../types.ts'
import { describeBase, describeProtocol } from './describe-base.ts'
import { describeOption } from './describe-modules.ts'
import { describeTarget, type TargetPlace } from './describe-target.ts'

/** A rule's clauses in words, in both languages, ready to be composed into a sentence. */
export interface RuleWords {
  subject: Bi
  /** The `-p` clause as a row of its own (the sentence folds it into the subject). */
  protocol: { code: string; text: Bi } | null
  clauses: { code: string; text: Bi; understood: boolean; key: ClauseKind | null }[]
  comments: string[]
  target: { code: string; text: Bi; detail?: Bi; understood: boolean }
  unexplained: string[]
}

/** What a clause tests, so curated notes can attach to it whatever its spelling. */
export type ClauseKind = 'src' | 'dst' | 'not-dst' | 'in' | 'out' | 'dport' | 'sport' | 'owner' | 'mark' | 'connmark' | 'ctstate'

const OPTION_KINDS: Readonly<Record<string, ClauseKind>> = {
  '--dport': 'dport',
  '--destination-port': 'dport',
  '--dports': 'dport',
  '--destination-ports': 'dport',
  '--sport': 'sport',
  '--source-port': 'sport',
  '--sports': 'sport',
  '--source-ports': 'sport',
  '--uid-owner': 'owner',
  '--gid-owner': 'owner',
  '--ctstate': 'ctstate',
  '--state': 'ctstate',
}

function baseKind(m: Extract<Match, { kind: 'base' }>): ClauseKind | null {
  switch (m.option) {
    case '-s':
      return 'src'
    case '-d':
      return m.negated ? 'not-dst' : 'dst'
    case '-i':
      return 'in'
    case '-o':
      return 'out'
    default:
      return null
  }
}

function optionKind(module: string, name: string): ClauseKind | null {
  if (name === '--mark') return module === 'connmark' ? 'connmark' : 'mark'
  return OPTION_KINDS[name] ?? null
}

export interface RulePlace extends TargetPlace {
  family: Family
}

/** Reads every clause of any rule (kube-proxy, Docker, Calico, Istio…). Unknown modules and options are kept verbatim. */
export function describeRule(rule: Rule, place: RulePlace): RuleWords {
  const proto = rule.matches.find((m): m is Extract<Match, { kind: 'base' }> => m.kind === 'base' && m.option === '-p')
  const words: RuleWords = {
    subject: describeProtocol(proto?.value ?? null, proto?.negated ?? false),
    protocol: proto && !['all', '0'].includes(proto.value.toLowerCase()) ? { code: baseCode(proto), text: protocolRow(describeProtocol(proto.value, proto.negated)) } : null,
    clauses: [],
    comments: [],
    target: { code: '', text: { en: '', zh: '' }, understood: true },
    unexplained: [],
  }
  for (const m of rule.matches) {
    if (m.kind === 'base') {
      if (m.option === '-p') continue
      words.clauses.push({ code: baseCode(m), text: describeBase(m, place.family), understood: true, key: baseKind(m) })
      continue
    }
    const prefix = m.module ? `-m ${m.module} ` : ''
    if (m.options.length === 0) {
      const known = m.module === 'socket' || m.module === 'tcp' || m.module === 'udp' || m.module === 'comment'
      const text: Bi = m.module === 'socket' ? { en: 'that belong to an existing local socket', zh: '属于本机已有的 socket' } : { en: '', zh: '' }
      if (!known) {
        const code = `-m ${m.module}`
        words.unexplained.push(code)
        words.clauses.push({ code, text: unknownText(code), understood: false, key: null })
      } else if (text.en) words.clauses.push({ code: `-m ${m.module}`, text, understood: true, key: null })
      continue
    }
    for (const o of m.options) {
      const code = `${prefix}${optionCode(o)}`
      const text = describeOption(m.module, o)
      if (text === null) {
        words.unexplained.push(code)
        words.clauses.push({ code, text: unknownText(code), understood: false, key: null })
      } else if (o.name === '--comment') words.comments.push(o.args[0] ?? '')
      else if (text.en !== '') words.clauses.push({ code, text, understood: true, key: optionKind(m.module, o.name) })
    }
  }
  const t = describeTarget(rule.target, place)
  const targetCode = rule.target ? [rule.target.kind === 'goto' ? '-g' : '-j', rule.target.name, ...rule.target.options.map(optionCode)].join(' ') : ''
  words.target = { code: targetCode, text: t.text, understood: t.understood }
  if (t.detail) words.target.detail = t.detail
  if (!t.understood) words.unexplained.push(...(t.unknown.length > 0 ? t.unknown : [targetCode]))
  return words
}

function protocolRow(subject: Bi): Bi {
  return { en: `only ${subject.en}`, zh: `只匹配${subject.zh}` }
}

function unknownText(code: string): Bi {
  return { en: `a clause this explainer does not know: \`${code}\``, zh: `本工具不认识的条件：\`${code}\`` }
}

function baseCode(m: Extract<Match, { kind: 'base' }>): string {
  return `${m.negated ? '! ' : ''}${m.option}${m.option === '-f' ? '' : ` ${m.value}`}`
}

export function optionCode(o: ExtensionOption): string {
  const args = o.args.map((a) => (/^[A-Za-z0-9_.:,/!*+@%=-]+$/.test(a) ? a : `"${a.replace(/(["\\])/g, '\\$1')}"`))
  return [o.negated ? '!' : '', o.name, ...args].filter((w) => w !== '').join(' ')
}

/** The whole rule as one sentence. */
export function sentence(words: RuleWords, lang: Lang): string {
  const conds = words.clauses.map((c) => c.text[lang]).filter((t) => t !== '')
  const comment = words.comments.length > 0 ? words.comments.map((c) => (lang === 'en' ? ` (comment: “${c}”)` : `（注释：“${c}”）`)).join('') : ''
  if (lang === 'en') {
    const subject = conds.length === 0 ? `All ${words.subject.en}` : capitalise(words.subject.en)
    const body = conds.length === 0 ? `${subject} ${words.target.text.en}` : `${subject} ${conds.join(', ')}, ${words.target.text.en}`
    return `${body}.${comment}`
  }
  const body = conds.length === 0 ? `所有${words.subject.zh}${words.target.text.zh}` : `${conds.join('、')}的${words.subject.zh}，${words.target.text.zh}`
  return zhSpacing(`${body}。${comment}`, 'zh')
}

/** The clauses and the target as explanation rows, each with what it tests ('proto', 'target' for those two). */
export function clauseRows(words: RuleWords, lang: Lang): (ClauseExplanation & { key: ClauseKind | 'proto' | 'target' | null })[] {
  const rows: (ClauseExplanation & { key: ClauseKind | 'proto' | 'target' | null })[] = words.clauses.map((c) => ({
    code: c.code,
    text: zhSpacing(c.text[lang], lang),
    understood: c.understood,
    key: c.key,
  }))
  if (words.protocol) rows.unshift({ code: words.protocol.code, text: zhSpacing(words.protocol.text[lang], lang), understood: true, key: 'proto' })
  const detail = words.target.detail ? (lang === 'en' ? `: ${words.target.detail.en}` : `：${words.target.detail.zh}`) : ''
  if (words.target.code) rows.push({ code: words.target.code, text: zhSpacing(`${words.target.text[lang]}${detail}`, lang), understood: words.target.understood, key: 'target' })
  return rows
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * A space between Chinese and Latin text (`目的端口为 53 的 TCP 包`), as the Istio and Kiali Chinese docs write it.
 * Code in backticks is left alone.
 */
export function zhSpacing(text: string, lang: Lang): string {
  if (lang !== 'zh') return text
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`')
        ? part
        : part.replace(/([\u4e00-\u9fff])([A-Za-z0-9①-⑨(])/g, '$1 $2').replace(/([A-Za-z0-9%)])([\u4e00-\u9fff])/g, '$1 $2'),
    )
    .join('')
    .replace(/(`)([\u4e00-\u9fff])/g, '$1 $2')
}
