import type { ExplanationView } from '../../core/graph/views.ts'
import { useT } from '../../store/use-t.ts'
import { GlossaryText } from './glossary-text.tsx'

/** The explanation of one rule: a summary, then clause by clause, then why, who hits it, pitfalls, versions. */
export function Explanation({ explanation }: { explanation: ExplanationView }) {
  const t = useT()
  const list = (key: Parameters<typeof t>[0], items: readonly string[]) =>
    items.length > 0 && (
      <section className="mb-3">
        <h3 className="mb-1 text-[12px] font-semibold text-slate-700 uppercase dark:text-slate-300">{t(key)}</h3>
        <ul className="list-disc space-y-1 pl-5">
          {items.map((item, i) => (
            <li key={i}>
              <GlossaryText text={item} glossary={explanation.glossary} />
            </li>
          ))}
        </ul>
      </section>
    )
  return (
    <div data-testid="rule-explanation">
      <p className="mb-3 text-[13.5px] leading-snug font-medium">{explanation.summary}</p>
      {explanation.clauses.length > 0 && (
        <section className="mb-3">
          <h3 className="mb-1 text-[12px] font-semibold text-slate-700 uppercase dark:text-slate-300">{t('inspector.clauses')}</h3>
          <table className="w-full border-collapse text-[12px]">
            <tbody>
              {explanation.clauses.map((c, i) => (
                <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-700">
                  <td className="py-1 pr-2 font-mono whitespace-nowrap text-sky-900 dark:text-sky-300">
                    <GlossaryText text={c.text} glossary={explanation.glossary} />
                  </td>
                  <td className="py-1">{c.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {list('inspector.why', explanation.why)}
      {list('inspector.scenarios', explanation.scenarios)}
      {list('inspector.pitfalls', explanation.pitfalls)}
      {list('inspector.versions', explanation.versions)}
    </div>
  )
}
