import type { ExplanationView } from '../../core/graph/views.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { useT } from '../../store/use-t.ts'
import { clauseCodeClass } from '../../components/ui/clause-code.ts'
import { GlossaryText } from './glossary-text.tsx'

function Heading({ k }: { k: MessageKey }) {
  const t = useT()
  return <h3 className="mb-1 text-[11.5px] font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">{t(k)}</h3>
}

/** The explanation of one rule, regex101-style: the summary, then clause by clause, then why, who hits it, pitfalls, versions. */
export function Explanation({ explanation }: { explanation: ExplanationView }) {
  const t = useT()
  const { commands } = useServices()
  const presets = useAppStore((s) => s.presets)
  const g = explanation.glossary
  const list = (key: MessageKey, items: readonly string[]) =>
    items.length > 0 && (
      <section className="mb-3">
        <Heading k={key} />
        <ul className="list-disc space-y-1 pl-5">
          {items.map((item, i) => (
            <li key={i}>
              <GlossaryText text={item} glossary={g} />
            </li>
          ))}
        </ul>
      </section>
    )
  return (
    <div data-testid="rule-explanation" className="leading-snug">
      {explanation.role && <p className="mb-1 text-[13px] font-semibold text-fuchsia-900 dark:text-fuchsia-300">{explanation.title}</p>}
      <p className="mb-3 text-[13.5px]">
        <GlossaryText text={explanation.summary} glossary={g} />
      </p>
      {explanation.clauses.length > 0 && (
        <section className="mb-3">
          <Heading k="inspector.clauses" />
          <table className="w-full border-collapse text-[12px]">
            <tbody>
              {explanation.clauses.map((c, i) => (
                <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-700">
                  <td className={`${clauseCodeClass(c.text)} py-1 pr-3 font-mono text-sky-900 dark:text-sky-300`}>
                    <GlossaryText text={c.text} glossary={g} />
                  </td>
                  <td className="py-1">
                    <span className={c.understood ? undefined : 'text-amber-800 dark:text-amber-300'}>
                      <GlossaryText text={c.meaning} glossary={g} />
                    </span>
                    {c.note && (
                      <span className="mt-0.5 block text-slate-700 dark:text-slate-300">
                        ↳ <GlossaryText text={c.note} glossary={g} />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {list('inspector.why', explanation.why)}
      {explanation.scenarios.length > 0 && (
        <section className="mb-3">
          <Heading k="inspector.scenarios" />
          <ul className="space-y-1.5">
            {explanation.scenarios.map((s, i) => (
              <li key={i}>
                <GlossaryText text={s.text} glossary={g} />
                {s.preset && presets.some((p) => p.id === s.preset) && (
                  <button
                    type="button"
                    className="ml-1 rounded border border-rose-600 px-1 text-[11px] text-rose-800 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950"
                    onClick={() => void commands.runScenario({ kind: 'preset', id: s.preset as string })}
                  >
                    ▶ {t('inspector.replay')}
                  </button>
                )}
                {s.evidence && <span className="block text-[11px] text-slate-600 dark:text-slate-400">{s.evidence}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list('inspector.pitfalls', explanation.pitfalls)}
      {list('inspector.versions', explanation.versions)}
      {list('inspector.unexplained', explanation.unexplained)}
    </div>
  )
}
