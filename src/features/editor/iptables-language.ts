import type * as Monaco from 'monaco-editor/editor'

export const IPTABLES_LANGUAGE_ID = 'iptables'

/** Token colours for light and dark, each at least 4.5:1 against its editor background (axe checks the editor too). */
function themeRules(dark: boolean): Monaco.editor.ITokenThemeRule[] {
  const c = (light: string, darkColour: string) => (dark ? darkColour : light)
  return [
    { token: 'comment', foreground: c('5b6473', '94a3b8'), fontStyle: 'italic' },
    { token: 'comment.prefix', foreground: c('64748b', '94a3b8') },
    { token: 'keyword.table', foreground: c('7c3aed', 'c084fc'), fontStyle: 'bold' },
    { token: 'keyword.command', foreground: c('be185d', 'f472b6') },
    { token: 'keyword.target', foreground: c('b45309', 'fbbf24'), fontStyle: 'bold' },
    { token: 'keyword.program', foreground: c('0369a1', '38bdf8'), fontStyle: 'bold' },
    { token: 'type.chain', foreground: c('1d4ed8', '60a5fa') },
    { token: 'attribute.option', foreground: c('115e59', '5eead4') },
    { token: 'attribute.listing', foreground: c('115e59', '5eead4') },
    { token: 'operator.negation', foreground: c('b91c1c', 'f87171'), fontStyle: 'bold' },
    { token: 'number.address', foreground: c('3f6212', 'a3e635') },
    { token: 'number.hex', foreground: c('3f6212', 'a3e635') },
    { token: 'number.counter', foreground: c('5b6473', '94a3b8') },
    { token: 'number', foreground: c('c2410c', 'fdba74') },
    { token: 'variable.env', foreground: c('1e40af', '93c5fd'), fontStyle: 'bold' },
    { token: 'string', foreground: c('b91c1c', 'fca5a5') },
    { token: 'delimiter', foreground: c('5b6473', '94a3b8') },
  ]
}

/**
 * A Monarch grammar for everything the explorer accepts: iptables-save/restore, -S, -L listings, command lists,
 * istio-init / journald logs, env files and istio-iptables command lines. It colours structure (tables, chains,
 * options, targets, addresses, ports, counters, env names, comments); it does not validate: diagnostics come from
 * the parser as markers.
 */
export function registerIptablesLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === IPTABLES_LANGUAGE_ID)) return
  monaco.languages.register({ id: IPTABLES_LANGUAGE_ID })
  // No bracket pairs: Monaco would otherwise parse megabyte dumps for them on the main thread.
  monaco.languages.setLanguageConfiguration(IPTABLES_LANGUAGE_ID, { brackets: [], comments: { lineComment: '#' }, autoClosingPairs: [{ open: '"', close: '"' }] })
  monaco.languages.setLanguageConfiguration('plaintext', { brackets: [] })
  monaco.languages.setMonarchTokensProvider(IPTABLES_LANGUAGE_ID, {
    defaultToken: '',
    targets: [
      'ACCEPT', 'DROP', 'RETURN', 'REJECT', 'REDIRECT', 'TPROXY', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'CONNMARK', 'CT',
      'LOG', 'NFLOG', 'QUEUE', 'NOTRACK', 'TRACE', 'CHECKSUM', 'TCPMSS',
    ],
    builtinChains: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
    tokenizer: {
      root: [
        // Log prefixes: journald (`7月 19 09:03:35 host unit[pid]:`), RFC 3339 timestamps with a level, CRI `stdout F`.
        [/^\S+\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+\S+\s+[\w.@-]+(\[\d+\])?:/, 'comment.prefix'],
        [/^\d{4}-\d\d-\d\dT[\d:.]+Z?(\s+(info|warn|error|debug)\b)?(\s+stdout\s+[FP])?/, 'comment.prefix'],
        // A comment runs to the end of the line, or, in a listing pasted onto one line, to the next chain or rule.
        [/(?<=^|\s)#.*?(?=\s+(Chain\s|\d+[KMG]?\s+\d+[KMG]?\s+[A-Z_]|#)|$)/, 'comment'],
        [/\/\*.*?\*\//, 'comment'],
        [/^\*\s?(raw|mangle|nat|filter|security)\b/, 'keyword.table'],
        [/^COMMIT\b/, 'keyword.table'],
        [/^:[\w-]+/, 'type.chain'],
        [/\[\d+:\d+\]/, 'number.counter'],
        [/\bChain\s+[\w-]+/, 'type.chain'],
        [/\((policy\s+\w+|\d+\s+references)[^)]*\)/, 'number.counter'],
        [/\b(pkts|bytes|target|prot|opt|in|out|source|destination)\b(?=\s+(bytes|target|prot|opt|in|out|source|destination)\b)/, 'attribute.listing'],
        [/\b(ip6?tables(-save|-restore|-legacy|-nft)?|istio-iptables|pilot-agent|istio-clean-iptables|nft)\b/, 'keyword.program'],
        [/^(export\s+)?[A-Z][A-Z0-9_]*(?==)/, 'variable.env'],
        [/(^|\s)(-[ADINXFPSRZEL]|--append|--insert|--new-chain|--delete|--flush|--policy)(?=\s)/, 'keyword.command'],
        [/(^|\s)(-[jg]|--jump|--goto)(?=\s)/, 'keyword.target'],
        [/(^|\s)(-[a-zA-Z]|--[\w-]+)(?=[\s=]|$)/, 'attribute.option'],
        [/\b(owner (UID|GID) match|redir ports|tcp (dpt|spt)|udp (dpt|spt)|dpt|spt|multiport dports|ctstate|mark match|connmark match|MARK set|CONNMARK (save|restore)|TPROXY redirect)\b/, 'attribute.listing'],
        [/!/, 'operator.negation'],
        [/\b\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?(:\d+)?\b/, 'number.address'],
        [/(?<![\w:])[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(\/\d{1,3})?/, 'number.address'],
        [/\b(anywhere|localhost|any)\b/, 'number.address'],
        [/\b0x[0-9a-fA-F]+(\/0x[0-9a-fA-F]+)?\b/, 'number.hex'],
        [/[A-Z][A-Z0-9_-]+/, { cases: { '@targets': 'keyword.target', '@builtinChains': 'type.chain', 'ISTIO_[A-Z_]+|KUBE-[\\w-]+|DOCKER[\\w-]*': 'type.chain', '@default': '' } }],
        [/\b\d+(\.\d+)?[KMG]?\b/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'[^']*'/, 'string'],
        [/[=,]/, 'delimiter'],
      ],
    },
  })
  monaco.editor.defineTheme('iptables-light', { base: 'vs', inherit: true, rules: themeRules(false), colors: {} })
  monaco.editor.defineTheme('iptables-dark', { base: 'vs-dark', inherit: true, rules: themeRules(true), colors: { 'editor.background': '#0b1220' } })
}
