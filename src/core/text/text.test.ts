import { describe, expect, it } from 'vitest'
import { splitLines } from './lines.ts'
import { matchLogPrefix } from './log-prefix.ts'
import { peelMarkup } from './markup.ts'
import { normalizeDashes, splitRuleWords } from './rule-words.ts'

const words = (line: string, mode: 'restore' | 'shell') => splitRuleWords(line, mode).words.map((w) => w.text)

describe('splitRuleWords', () => {
  it('groups with double quotes only, as iptables-restore does', () => {
    expect(words('-m comment --comment "a \\"b\\" c" -j X', 'restore')).toEqual(['-m', 'comment', '--comment', 'a "b" c', '-j', 'X'])
    expect(words('--comment ""', 'restore')).toEqual(['--comment', ''])
    expect(words("--log-prefix it's", 'restore')).toEqual(['--log-prefix', "it's"])
  })

  it('reads a fully single-quoted word in restore input, and says so', () => {
    const split = splitRuleWords("-i '*' -j X", 'restore')
    expect(split.words.map((w) => w.text)).toEqual(['-i', '*', '-j', 'X'])
    expect(split.singleQuoted).toBe(true)
  })

  it('follows the shell for command lines', () => {
    expect(words(`iptables -A X -m comment --comment 'a "b"' -j Y`, 'shell')).toEqual(['iptables', '-A', 'X', '-m', 'comment', '--comment', 'a "b"', '-j', 'Y'])
    expect(words('echo a\\ b', 'shell')).toEqual(['echo', 'a b'])
  })

  it('takes an unquoted # word as the start of a trailing note, and keeps columns', () => {
    const split = splitRuleWords('-A X -j RETURN    # 规则 1', 'restore')
    expect(split.words.map((w) => [w.text, w.start])).toEqual([['-A', 0], ['X', 3], ['-j', 5], ['RETURN', 8]])
    expect(split.comment).toEqual({ text: '规则 1', start: 18 })
    expect(splitRuleWords('-A X -j RETURN #lo网卡', 'restore').comment?.text).toBe('lo网卡')
    expect(splitRuleWords('--comment "#not a note"', 'restore').comment).toBeNull()
  })

  it('reads typographic quotes as quotes', () => {
    const split = splitRuleWords('--comment “hello world”', 'restore')
    expect(split.words.map((w) => w.text)).toEqual(['--comment', 'hello world'])
    expect(split.typographic).toBe(true)
  })

  it('never throws on an unterminated quote', () => {
    expect(splitRuleWords('--comment "abc', 'restore').unterminated).toBe(true)
    expect(splitRuleWords("echo 'abc", 'shell').unterminated).toBe(true)
  })
})

describe('normalizeDashes', () => {
  it('turns word-processor dashes back into option dashes', () => {
    expect(normalizeDashes('—dport')).toBe('--dport')
    expect(normalizeDashes('–dport')).toBe('--dport')
    expect(normalizeDashes('–j')).toBe('-j')
    expect(normalizeDashes('−p')).toBe('-p')
    expect(normalizeDashes('--dport')).toBe('--dport')
    expect(normalizeDashes('—')).toBe('—')
  })
})

function kind(line: string) {
  return matchLogPrefix(line)?.kind ?? null
}

function rest(line: string) {
  const p = matchLogPrefix(line)
  return p ? line.slice(p.length) : line
}

describe('matchLogPrefix', () => {
  it('recognises journald lines in any locale', () => {
    expect(rest('7月 19 09:03:35 localhost.localdomain istio-start.sh[6717]: *nat')).toBe('*nat')
    expect(rest('Jul 19 09:03:35 vm-7 istio-start.sh[981]: COMMIT')).toBe('COMMIT')
    expect(rest('1월 15 03:12:00 vm-7 istio-start.sh[981]: COMMIT')).toBe('COMMIT')
    expect(rest('juil. 19 09:03:35 vm-7 systemd[1]: Started')).toBe('Started')
    expect(rest('2024-01-15T03:12:00+0000 vm-7 istio-start.sh[981]: -A X')).toBe('-A X')
  })
  it('recognises Istio, CRI, klog and kubectl prefixes', () => {
    expect(matchLogPrefix('2022-03-24T15:16:48.606265Z     info    Istio iptables environment:')).toMatchObject({ kind: 'istio', level: 'info' })
    expect(rest('2023-08-21T18:07:33.822908Z\tinfo\tcni\tIstio iptables variables:')).toBe('Istio iptables variables:')
    expect(matchLogPrefix('2023-02-01T09:00:00.100000012Z stdout P -A ISTIO')).toMatchObject({ kind: 'cri', partial: true })
    expect(rest('[pod/reviews-v1-545db77b95-xz2mm/istio-init] *nat')).toBe('*nat')
    expect(rest('[istio-init] *nat')).toBe('*nat')
    expect(rest('I0324 15:16:48.606265       1 main.go:12] hello')).toBe('hello')
    expect(rest('istio-init_1  | *nat')).toBe('*nat')
  })
  it('leaves iptables text alone', () => {
    for (const line of ['-A OUTPUT -j RETURN', '[0:0] -A OUTPUT', ':OUTPUT ACCEPT [0:0]', 'Chain OUTPUT (policy ACCEPT)', '*nat', '[root@master ~]# iptables-save']) {
      expect(kind(line)).toBeNull()
    }
  })
})

describe('peelMarkup', () => {
  it('turns fences and shortcodes into boundaries', () => {
    expect(peelMarkup('```bash {linenos=true}', false)).toEqual({ kind: 'boundary' })
    expect(peelMarkup('~~~', false)).toEqual({ kind: 'boundary' })
    expect(peelMarkup('{{< highlight bash >}}', false)).toEqual({ kind: 'boundary' })
    expect(peelMarkup('{% endhighlight %}', false)).toEqual({ kind: 'boundary' })
  })
  it('strips HTML tags and entities, blockquotes and inline code', () => {
    expect(peelMarkup('<pre><code class="language-shell">-A X &#33; -d 1.2.3.4 &amp;&amp; x', true)).toEqual({ kind: 'content', text: '-A X ! -d 1.2.3.4 && x', offset: 34 })
    expect(peelMarkup('> -A OUTPUT -j RETURN', false)).toEqual({ kind: 'content', text: '-A OUTPUT -j RETURN', offset: 2 })
    expect(peelMarkup('`iptables -t nat -S`', false)).toEqual({ kind: 'content', text: 'iptables -t nat -S', offset: 1 })
  })
})

describe('splitLines', () => {
  it('splits on LF, CRLF and CR', () => {
    expect(splitLines('a\r\nb\nc\rd\n')).toEqual(['a', 'b', 'c', 'd'])
  })
})
