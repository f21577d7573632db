import type { ReactNode } from 'react'

/** The rule text with every glossary term (ports, addresses, ids) marked up with its meaning as a tooltip. */
export function GlossaryText({ text, glossary }: { text: string; glossary: readonly { term: string; meaning: string }[] }) {
  if (glossary.length === 0) return <>{text}</>
  const terms = glossary.toSorted((a, b) => b.term.length - a.term.length)
  const pattern = new RegExp(`(?<![\\w.])(${terms.map((g) => g.term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\w])`, 'g')
  const out: ReactNode[] = []
  let last = 0
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0
    if (at > last) out.push(text.slice(last, at))
    const meaning = terms.find((g) => g.term === m[0])?.meaning ?? ''
    out.push(
      <abbr key={at} title={meaning} tabIndex={0} className="cursor-help underline decoration-sky-500 decoration-dotted underline-offset-2">
        {m[0]}
      </abbr>,
    )
    last = at + m[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return <>{out}</>
}
