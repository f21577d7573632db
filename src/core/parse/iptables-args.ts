import { normalizeDashes, type RuleWord } from '../text/rule-words.ts'

/**
 * The command part of an iptables argument vector — `-t nat -A CHAIN`, `-I CHAIN 3`, `-nvL INPUT`, `-P OUTPUT DROP`
 * — separated from the rule specification, which may be interleaved with it (`-A X -p tcp -t nat -j Y` is valid).
 * Used for iptables-restore lines, `iptables -S` output and shell command lists alike.
 */
export type CommandLetter = 'A' | 'I' | 'D' | 'R' | 'N' | 'X' | 'F' | 'Z' | 'L' | 'S' | 'P' | 'E' | 'C'

export interface IptablesArgs {
  command: CommandLetter | null
  /** Word where the command was given (for diagnostics). */
  commandWord: RuleWord | null
  table: string | null
  chain: string | null
  /** Second positional: `-E OLD NEW`'s new name, `-P CHAIN POLICY`'s policy. */
  second: string | null
  /** `-I CHAIN N`, `-D CHAIN N`, `-R CHAIN N`, `-S CHAIN N`. */
  number: number | null
  ruleWords: RuleWord[]
  verbose: boolean
  numeric: boolean
  exact: boolean
  lineNumbers: boolean
  /** More than one command, or a command missing its chain. */
  problems: string[]
}

const LONG_COMMANDS: Readonly<Record<string, CommandLetter>> = {
  '--append': 'A', '--insert': 'I', '--delete': 'D', '--replace': 'R', '--new-chain': 'N', '--new': 'N',
  '--delete-chain': 'X', '--flush': 'F', '--zero': 'Z', '--list': 'L', '--list-rules': 'S', '--policy': 'P',
  '--rename-chain': 'E', '--check': 'C',
}

const COMMAND_LETTERS = new Set<string>(['A', 'I', 'D', 'R', 'N', 'X', 'F', 'Z', 'L', 'S', 'P', 'E', 'C'])
const FLAG_LETTERS = new Set<string>(['v', 'n', 'x', 'w', 'W'])

/** Which positionals a command takes: required chain, optional chain, number. */
function positionals(c: CommandLetter): { chain: 'required' | 'optional' | 'none'; number: 'required' | 'optional' | 'none'; second: boolean } {
  switch (c) {
    case 'A':
    case 'N':
    case 'C':
      return { chain: 'required', number: 'none', second: false }
    case 'I':
    case 'D':
      return { chain: 'required', number: 'optional', second: false }
    case 'R':
      return { chain: 'required', number: 'required', second: false }
    case 'P':
    case 'E':
      return { chain: 'required', number: 'none', second: true }
    case 'X':
    case 'F':
    case 'L':
      return { chain: 'optional', number: 'none', second: false }
    case 'Z':
    case 'S':
      return { chain: 'optional', number: 'optional', second: false }
  }
}

function isPositional(w: RuleWord | undefined): boolean {
  return w !== undefined && (w.quoted || !w.text.startsWith('-') || w.text === '-') && w.text !== '!'
}

export function readIptablesArgs(words: readonly RuleWord[]): IptablesArgs {
  const out: IptablesArgs = {
    command: null,
    commandWord: null,
    table: null,
    chain: null,
    second: null,
    number: null,
    ruleWords: [],
    verbose: false,
    numeric: false,
    exact: false,
    lineNumbers: false,
    problems: [],
  }
  const setCommand = (c: CommandLetter, w: RuleWord) => {
    if (out.command && out.command !== c) out.problems.push(`two commands (-${out.command} and -${c}) in one line`)
    out.command = c
    out.commandWord = w
  }
  let i = 0
  const takePositionals = (c: CommandLetter) => {
    const p = positionals(c)
    if (p.chain !== 'none') {
      if (isPositional(words[i + 1])) out.chain = (words[++i] as RuleWord).text
      else if (p.chain === 'required') out.problems.push(`-${c} needs a chain name`)
    }
    if (p.second) {
      if (isPositional(words[i + 1])) out.second = (words[++i] as RuleWord).text
      else out.problems.push(`-${c} needs ${c === 'P' ? 'a policy' : 'a new name'}`)
    }
    if (p.number !== 'none') {
      const next = words[i + 1]
      if (next && /^[0-9]+$/.test(next.text)) {
        out.number = Number(next.text)
        i++
      } else if (p.number === 'required') out.problems.push(`-${c} needs a rule number`)
    }
  }
  for (; i < words.length; i++) {
    const word = words[i] as RuleWord
    const w = word.quoted ? word.text : normalizeDashes(word.text)
    if (word.quoted || !w.startsWith('-') || w.length < 2) {
      out.ruleWords.push(word)
      continue
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=')
      const name = eq < 0 ? w : w.slice(0, eq)
      const inline = eq < 0 ? null : w.slice(eq + 1)
      const cmd = LONG_COMMANDS[name]
      if (cmd) {
        setCommand(cmd, word)
        if (inline !== null) out.chain = inline
        else takePositionals(cmd)
        continue
      }
      if (name === '--table') {
        out.table = inline ?? words[++i]?.text ?? null
        continue
      }
      if (name === '--verbose') out.verbose = true
      else if (name === '--numeric') out.numeric = true
      else if (name === '--exact') out.exact = true
      else if (name === '--line-numbers') out.lineNumbers = true
      else if (name === '--wait' || name === '--wait-interval') {
        if (inline === null && /^[0-9]+$/.test(words[i + 1]?.text ?? '')) i++
      } else if (name === '--modprobe' || name === '--noflush' || name === '--test') {
        // Loader options: nothing to do with the rules.
      } else {
        out.ruleWords.push(word)
        continue
      }
      continue
    }
    // Short options, possibly clustered as getopt allows (-nvL, -tnat, -vnxL).
    const letters = w.slice(1)
    if (letters === 't') {
      out.table = words[++i]?.text ?? null
      continue
    }
    // getopt clusters: flags and commands, and `t` whose value may follow in the same word (-tnat, -vt nat).
    const tAt = letters.indexOf('t')
    const head = tAt < 0 ? letters : letters.slice(0, tAt)
    if (!/^[A-Za-z]+$/.test(letters) || ![...head].every((l) => COMMAND_LETTERS.has(l) || FLAG_LETTERS.has(l))) {
      out.ruleWords.push(word)
      continue
    }
    if (letters.length === 1 && !COMMAND_LETTERS.has(letters) && !FLAG_LETTERS.has(letters)) {
      out.ruleWords.push(word)
      continue
    }
    let consumed = false
    for (let k = 0; k < letters.length; k++) {
      const l = letters[k] as string
      if (l === 't') {
        const rest = letters.slice(k + 1)
        out.table = rest !== '' ? rest : (words[++i]?.text ?? null)
        consumed = true
        break
      }
      if (l === 'v') out.verbose = true
      else if (l === 'n') out.numeric = true
      else if (l === 'x') out.exact = true
      else if (l === 'w' || l === 'W') {
        if (k === letters.length - 1 && /^[0-9]+$/.test(words[i + 1]?.text ?? '')) i++
      } else if (COMMAND_LETTERS.has(l)) {
        setCommand(l as CommandLetter, word)
        if (k === letters.length - 1) takePositionals(l as CommandLetter)
      }
    }
    if (consumed) continue
  }
  return out
}
