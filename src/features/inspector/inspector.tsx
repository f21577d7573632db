import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { ruleKeyOf } from '../../store/source-request.ts'
import { RuleBadge } from '../../components/ui/rule-badge.tsx'
import { TableBadge } from '../../components/ui/table-badge.tsx'
import { selectedRow } from './selected-row.ts'
import { GlossaryText } from './glossary-text.tsx'
import { Explanation } from './explanation.tsx'

/** The selected rule: its text, badge, counters, which presets reach it, and what it means (regex101-style). */
export function Inspector() {
  const t = useT()
  const rule = useAppStore((s) => s.selectedRule)
  const row = useAppStore(selectedRow)
  const language = useAppStore((s) => s.language)
  const hits = useAppStore((s) => (s.selectedRule ? (s.hits[ruleKeyOf(s.selectedRule)] ?? 0) : 0))
  const hitBy = useAppStore((s) => (s.selectedRule ? s.hitBy[ruleKeyOf(s.selectedRule)] : undefined))
  const presets = useAppStore((s) => s.presets)
  const explanation = useAppStore((s) => s.explanation)
  const status = useAppStore((s) => s.explanationStatus)
  const canExplain = useAppStore((s) => s.analysis?.features.explain ?? false)

  return (
    <section data-testid="rule-inspector" aria-labelledby="inspector-title" className="flex min-h-0 flex-col">
      <h2 id="inspector-title" className="panel-title">
        {t('inspector.title')}
      </h2>
      <div className="min-h-0 flex-1 overflow-auto px-3 pb-3 text-[13px]">
        {!rule || !row ? (
          <p className="text-slate-600 dark:text-slate-400">{t('inspector.empty')}</p>
        ) : (
          <>
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <TableBadge table={rule.table} />
              <span className="font-mono font-semibold">{rule.chain}</span>
              <span className="text-slate-600 dark:text-slate-400">{t('inspector.position', { index: rule.index })}</span>
              {row.badge ? (
                <span className="flex items-center gap-1 text-fuchsia-800 dark:text-fuchsia-300">
                  <RuleBadge n={row.badge} />
                  {t('inspector.badge', { n: row.badge })}
                </span>
              ) : null}
            </div>
            <pre className="mb-2 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-[12px] whitespace-pre-wrap dark:bg-slate-800">
              -A {rule.chain} <GlossaryText text={explanation?.rule.chain === rule.chain && explanation.rule.index === rule.index ? explanation.text : row.text} glossary={explanation?.glossary ?? []} />
            </pre>
            {row.notes && row.notes.length > 0 && (
              <p className="mb-2 text-[12px] text-slate-600 dark:text-slate-400">
                {t('inspector.notes')}: <span lang="zh-CN">{row.notes.join(' · ')}</span>
              </p>
            )}
            <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[12px]">
              <dt className="text-slate-600 dark:text-slate-400">{t('inspector.imported')}</dt>
              <dd>{row.packets !== undefined ? t('inspector.counters', { packets: row.packets, bytes: row.bytes ?? 0 }) : t('inspector.noCounters')}</dd>
              <dt className="text-slate-600 dark:text-slate-400">{t('inspector.simulated')}</dt>
              <dd data-testid="inspector-hits">{t(hits === 1 ? 'inspector.hits1' : 'inspector.hits', { hits })}</dd>
              <dt className="text-slate-600 dark:text-slate-400">{t('inspector.hitBy')}</dt>
              <dd>{hitBy?.length ? hitBy.map((id) => presets.find((p) => p.id === id)?.title[language] ?? id).join('; ') : t('inspector.hitByNone')}</dd>
            </dl>
            {!canExplain ? (
              <p className="text-slate-600 dark:text-slate-400">{t('inspector.noExplain')}</p>
            ) : explanation && explanation.rule.chain === rule.chain && explanation.rule.index === rule.index ? (
              <Explanation explanation={explanation} />
            ) : (
              <p className="text-slate-600 dark:text-slate-400">{status === 'failed' ? t('inspector.explainFailed') : t('inspector.explaining')}</p>
            )}
          </>
        )}
      </div>
    </section>
  )
}
