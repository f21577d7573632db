import type { Family } from '../model/ruleset.ts'
import { splitRuleWords, type RuleWord } from '../text/rule-words.ts'

/**
 * Finds a command of interest in a line a terminal or a script shows: iptables and friends, istio-iptables (also as
 * `pilot-agent istio-iptables`) and nft, behind an optional shell prompt (`[root@master ~]# `, `root@pod:/# `, `$ `,
 * `% `), bash xtrace (`+ `), and wrappers such as `sudo`, `ip netns exec NS`, `nsenter -t PID -n`,
 * `kubectl exec POD -c C --`, `docker exec CTR`. Text after a shell operator (`|`, `&&`, `;`, `>`) is not the
 * command's. Returns null for any other line, so prose that merely mentions iptables is not a command.
 */
export type Program = 'iptables' | 'iptables-save' | 'iptables-restore' | 'istio-iptables' | 'nft'

export interface DetectedCommand {
  program: Program
  family: Family
  /** The program's binary as written, without a directory (`iptables-nft-save`). */
  binary: string
  /** 0-based offset in the line where the program (or `pilot-agent`) starts. */
  start: number
  /** The words after the program name, up to the first shell operator. */
  args: RuleWord[]
  /** A prompt was found in front of the command: it was typed, so output may follow it. */
  prompted: boolean
  /** A trailing `# …` shell comment on the line. */
  comment: string | null
}

const IPTABLES = /^(ip6?tables)(?:-(?:nft|legacy))?(?:-(save|restore))?$/
const WRAPPERS = new Set([
  'sudo', 'doas', 'nsenter', 'ip', 'kubectl', 'oc', 'docker', 'crictl', 'nerdctl', 'podman', 'env', 'time', 'command',
  'exec', 'chroot', 'watch', 'xtables-nft-multi', 'xtables-legacy-multi', 'runuser', 'su',
])
const OPERATORS = new Set(['|', '||', '&&', ';', '>', '>>', '<', '2>', '2>&1', '&>', '|&', '&'])
const PROMPT = /^\s*(?:\([^()\s]{1,40}\)\s+)?(?:\[[^\]]{1,120}\]|[\w.-]{1,64}@[\w.-]{1,253}(?:[: ][^\s#$%>]{0,200})?|[\w.-]{1,64}(?::[^\s#$%>]{0,200})?|~[^\s#$%>]{0,200}|\/[^\s#$%>]{0,200})?\s?[#$%>❯»λ➜](?:\s+|$)/
const LIST_MARKER = /^(?:[-*]|\d{1,3}[.)])$/

function basename(word: string): string {
  const slash = word.lastIndexOf('/')
  return slash < 0 ? word : word.slice(slash + 1)
}

function programOf(word: RuleWord, next: RuleWord | undefined): { program: Program; family: Family; binary: string } | null {
  const base = basename(word.text)
  const m = IPTABLES.exec(base)
  if (m) {
    const family: Family = m[1] === 'ip6tables' ? 6 : 4
    const program: Program = m[2] === 'save' ? 'iptables-save' : m[2] === 'restore' ? 'iptables-restore' : 'iptables'
    return { program, family, binary: base }
  }
  if (base === 'istio-iptables' || base === 'istio-iptables.sh') return { program: 'istio-iptables', family: 4, binary: base }
  if (base === 'pilot-agent' && next && basename(next.text) === 'istio-iptables') return { program: 'istio-iptables', family: 4, binary: 'pilot-agent' }
  if (base === 'nft') return { program: 'nft', family: 4, binary: base }
  return null
}

export function detectCommand(line: string): DetectedCommand | null {
  // Cheap rejection: most lines of a dump or a log mention none of these programs.
  if (!line.includes('tables') && !line.includes('nft')) return null
  const { words, comment } = splitRuleWords(line, 'shell')
  const limit = Math.min(words.length, 24)
  for (let p = 0; p < limit; p++) {
    const word = words[p] as RuleWord
    if (!word.quoted && OPERATORS.has(word.text)) return null
    const found = programOf(word, words[p + 1])
    if (!found) continue
    const prefix = line.slice(0, word.start)
    const prompted = prefixIsPromptOrWrappers(prefix, words.slice(0, p))
    if (prompted === null) return null
    const argsFrom = found.binary === 'pilot-agent' ? p + 2 : p + 1
    const args: RuleWord[] = []
    for (let k = argsFrom; k < words.length; k++) {
      const a = words[k] as RuleWord
      if (!a.quoted && OPERATORS.has(a.text)) break
      args.push(a)
    }
    // Spelled out: V8 copies a spread object through a slow runtime path, which showed on 10 000-command pastes.
    return { program: found.program, family: found.family, binary: found.binary, start: word.start, args, prompted, comment: comment?.text ?? null }
  }
  return null
}

/** True/false when the words before the program are a prompt (true) or only wrappers (false); null otherwise. */
function prefixIsPromptOrWrappers(prefix: string, words: readonly RuleWord[]): boolean | null {
  if (words.length === 0) return false
  let rest = words
  let prompted = false
  const m = PROMPT.exec(prefix)
  if (m) {
    prompted = true
    rest = words.filter((w) => w.start >= m[0].length)
  }
  let wrapped = false
  for (let i = 0; i < rest.length; i++) {
    const t = (rest[i] as RuleWord).text
    if (!wrapped && (/^\++$/.test(t) || (i === 0 && LIST_MARKER.test(t)))) continue
    if (!wrapped) {
      if (!WRAPPERS.has(basename(t))) return null
      wrapped = true
    }
  }
  return prompted
}
