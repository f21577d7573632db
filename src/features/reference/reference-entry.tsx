import type { ReferenceEntry } from '../../core/graph/rule-reference.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { useT } from '../../store/use-t.ts'
import { TableBadge } from '../../components/ui/table-badge.tsx'
import { clauseCodeClass } from '../../components/ui/clause-code.ts'
import { hashOfPage } from '../../store/effects/route.ts'

function Heading({ k }: { k: MessageKey }) {
  const t = useT()
  return <h4 className="mt-2 mb-0.5 text-[11px] font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t(k)}</h4>
}

function List({ k, items }: { k: MessageKey; items: readonly string[] }) {
  if (items.length === 0) return null
  return (
    <>
      <Heading k={k} />
      <ul className="list-disc space-y-0.5 pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </>
  )
}

/** One role of the reference: its example rule and the whole curated explanation. */
export function ReferenceEntryView({ entry }: { entry: ReferenceEntry }) {
  const t = useT()
  const example = entry.example
  const config = `${example.flags}${example.set.length > 0 ? ` · ${example.set.join(' ')}` : ''}`
  const from = example.profile === '1.4' ? t('reference.examplePre15') : t('reference.exampleFrom', { profile: example.profile, config })
  return (
    <article id={`role-${entry.role}`} data-testid={`reference-${entry.role}`} className="scroll-mt-2 border-b border-slate-200 px-5 py-3 text-[13px] leading-snug dark:border-slate-800">
      <h3 className="flex items-center gap-2 text-[14.5px] font-semibold">
        {/* Curated titles of ①–⑨ start with their glyph already. */}
        <span>{entry.title}</span>
        <a href={hashOfPage('reference', entry.role)} className="ml-auto font-mono text-[11px] font-normal text-slate-500 hover:underline dark:text-slate-400" title={t('reference.link')}>
          {entry.role}
        </a>
      </h3>
      <p className="mt-1">{entry.summary}</p>
      <div className="mt-2 rounded border border-slate-200 bg-slate-50 px-2 py-1 dark:border-slate-700 dark:bg-slate-800/60">
        <div className="flex items-center gap-2 text-[11px] text-slate-600 dark:text-slate-400">
          <span className="font-semibold uppercase">{t('reference.example')}</span>
          <TableBadge table={example.table} />
          <span>{example.family === 6 ? 'ip6tables' : 'iptables'}</span>
        </div>
        <code className="block font-mono text-[12px] break-all text-sky-900 dark:text-sky-300">{example.rule}</code>
        <span className="block text-[11px] text-slate-600 dark:text-slate-400">{from}</span>
      </div>
      <Heading k="inspector.clauses" />
      <table className="w-full border-collapse text-[12px]">
        <tbody>
          {entry.clauses.map((c, i) => (
            <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-700">
              <td className={`${clauseCodeClass(c.code)} py-0.5 pr-3 font-mono text-sky-900 dark:text-sky-300`}>{c.code}</td>
              <td className="py-0.5">
                {c.text}
                {c.note && <span className="mt-0.5 block text-slate-700 dark:text-slate-300">↳ {c.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Heading k="inspector.why" />
      <p>{entry.why}</p>
      {entry.scenarios.length > 0 && (
        <>
          <Heading k="inspector.scenarios" />
          <ul className="space-y-1 pl-1">
            {entry.scenarios.map((s, i) => (
              <li key={i}>
                {s.text}
                {s.evidence && <span className="block text-[11px] text-slate-600 dark:text-slate-400">{s.evidence}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <List k="inspector.pitfalls" items={entry.pitfalls} />
      <List k="inspector.versions" items={entry.versions} />
    </article>
  )
}
