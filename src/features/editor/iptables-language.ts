import type * as Monaco from 'monaco-editor/editor'

export const IPTABLES_LANGUAGE_ID = 'iptables'

/**
 * A Monarch grammar for everything the explorer accepts: iptables-save/restore, -S, -L listings, command lists,
 * istio-init logs and env files. It colours structure (tables, chains, options, targets, addresses, ports,
 * counters, comments); it does not validate — diagnostics come from the parser as markers.
 */
export function registerIptablesLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === IPTABLES_LANGUAGE_ID)) return
  monaco.languages.register({ id: IPTABLES_LANGUAGE_ID })
  // No bracket pairs: Monaco would otherwise parse megabyte dumps for them on the main thread.
  monaco.languages.setLanguageConfiguration(IPTABLES_LANGUAGE_ID, { brackets: [], comments: { lineComment: '#' }, autoClosingPairs: [{ open: '"', close: '"' }] })
  monaco.languages.setLanguageConfiguration('plaintext', { brackets: [] })
  monaco.languages.setMonarchTokensProvider(IPTABLES_LANGUAGE_ID, {
    defaultToken: '',
    targets: ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'REDIRECT', 'TPROXY', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'CONNMARK', 'CT', 'LOG', 'NFLOG', 'QUEUE'],
    tokenizer: {
      root: [
        [/^\s*#.*$/, 'comment'],
        [/\s#\s.*$/, 'comment'],
        [/^\*\s?(raw|mangle|nat|filter|security)\b/, 'keyword.table'],
        [/^COMMIT\b/, 'keyword.table'],
        [/^:[\w-]+/, 'type.chain'],
        [/\[\d+:\d+\]/, 'number.counter'],
        [/^Chain\s+[\w-]+/, 'type.chain'],
        [/\b(ISTIO_[A-Z_]+|KUBE-[\w-]+|PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING)\b/, 'type.chain'],
        [/(^|\s)(-[ADINXFPS]|--append|--insert|--new-chain)(?=\s)/, 'keyword.command'],
        [/(^|\s)(-[jg])(?=\s)/, 'keyword.target'],
        [/(^|\s)(-[sdiopmtfc]|--[\w-]+)(?=[\s=]|$)/, 'attribute.option'],
        [/!/, 'operator.negation'],
        [/\b\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?\b/, 'number.address'],
        [/\b[0-9a-fA-F]*::[0-9a-fA-F:]*(\/\d{1,3})?/, 'number.address'],
        [/\b(0x[0-9a-fA-F]+)(\/0x[0-9a-fA-F]+)?\b/, 'number.hex'],
        [/^[A-Z][A-Z0-9_]*(?==)/, 'variable.env'],
        [/\b[A-Z][A-Z]+\b/, { cases: { '@targets': 'keyword.target', '@default': '' } }],
        [/\b\d+\b/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'[^']*'/, 'string'],
      ],
    },
  })
  const rules = (dark: boolean): Monaco.editor.ITokenThemeRule[] => [
    { token: 'comment', foreground: dark ? '7c8799' : '6b7280', fontStyle: 'italic' },
    { token: 'keyword.table', foreground: dark ? 'c084fc' : '7c3aed', fontStyle: 'bold' },
    { token: 'keyword.command', foreground: dark ? 'f472b6' : 'be185d' },
    { token: 'keyword.target', foreground: dark ? 'fbbf24' : 'b45309', fontStyle: 'bold' },
    { token: 'type.chain', foreground: dark ? '60a5fa' : '1d4ed8' },
    { token: 'attribute.option', foreground: dark ? '5eead4' : '0f766e' },
    { token: 'operator.negation', foreground: dark ? 'f87171' : 'dc2626', fontStyle: 'bold' },
    { token: 'number.address', foreground: dark ? 'a3e635' : '4d7c0f' },
    { token: 'number.hex', foreground: dark ? 'a3e635' : '4d7c0f' },
    { token: 'number.counter', foreground: dark ? '94a3b8' : '64748b' },
    { token: 'number', foreground: dark ? 'fdba74' : 'c2410c' },
    { token: 'variable.env', foreground: dark ? '93c5fd' : '1e40af' },
    { token: 'string', foreground: dark ? 'fca5a5' : 'b91c1c' },
  ]
  monaco.editor.defineTheme('iptables-light', { base: 'vs', inherit: true, rules: rules(false), colors: {} })
  monaco.editor.defineTheme('iptables-dark', { base: 'vs-dark', inherit: true, rules: rules(true), colors: { 'editor.background': '#0b1220' } })
}
