import type { VersionChangeView } from '../../core/graph/version-diff-view.ts'
import type { TableName } from '../../core/model/ruleset.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT, type Translate } from '../../store/use-t.ts'
import { activeDiff } from '../../store/version-marks.ts'
import { switchTitle } from '../../i18n/switch-titles.ts'
import type { Language } from '../../i18n/messages.ts'
import { Button } from '../../components/ui/button.tsx'
import { TableBadge } from '../../components/ui/table-badge.tsx'
import { cn } from '../../components/ui/cn.ts'
import { prText, prUrl } from './version-names.ts'

const KIND_CLASS: Record<VersionChangeView['kind'], string> = {
  added: 'bg-emerald-700 text-white',
  removed: 'bg-rose-700 text-white',
  changed: 'bg-amber-600 text-white dark:bg-amber-500 dark:text-slate-950',
}

const KIND_SIGN: Record<VersionChangeView['kind'], string> = { added: '+', removed: '−', changed: '~' }

function Change({ change, drawn, t, language }: { change: VersionChangeView; drawn: boolean; t: Translate; language: Language }) {
  const selectRule = useAppStore((s) => s.selectRule)
  const index = change.indexAfter ?? change.indexBefore ?? 0
  const canShow = drawn && change.kind !== 'removed' && index > 0
  const prs = [...new Set(change.causes.flatMap((c) => c.prs))]
  return (
    <li
      data-testid="version-change"
      data-kind={change.kind}
      data-family={change.family}
      data-table={change.table}
      data-chain={change.chain}
      data-index={index}
      data-switches={change.causes.map((c) => c.id).join(' ')}
      data-prs={prs.join(' ')}
      className="border-b border-slate-200 px-3 py-1.5 dark:border-slate-700"
    >
      <div className="flex items-center gap-1.5">
        <span className={cn('rounded px-1 text-[10.5px] font-semibold', KIND_CLASS[change.kind])}>
          {KIND_SIGN[change.kind]} {t(`changes.kind.${change.kind}`)}
        </span>
        <TableBadge table={change.table as TableName} />
        {canShow ? (
          <button
            type="button"
            className="truncate font-mono text-[11.5px] text-sky-800 underline decoration-dotted dark:text-sky-300"
            title={t('changes.show', { chain: change.chain, index })}
            onClick={() => selectRule({ table: change.table as TableName, chain: change.chain, index }, 'inspector')}
          >
            {change.chain} #{index}
          </button>
        ) : (
          <span className="truncate font-mono text-[11.5px]">
            {change.chain} #{index}
          </span>
        )}
      </div>
      {change.before !== undefined && <code className="mt-0.5 block font-mono text-[11px] break-all text-rose-800 line-through decoration-rose-400 dark:text-rose-300">{change.before}</code>}
      {change.after !== undefined && <code className="mt-0.5 block font-mono text-[11px] break-all text-emerald-800 dark:text-emerald-300">{change.after}</code>}
      <div className="mt-0.5 text-[11.5px] text-slate-700 dark:text-slate-300">
        <span className="font-medium">{t('changes.because')}</span>{' '}
        {change.causes.map((c, i) => (
          <span key={c.id}>
            {i > 0 ? '; ' : ''}
            <span className="font-mono text-[10.5px] text-slate-600 dark:text-slate-400">{c.id}</span> {switchTitle(c.id, c.title, language)}
            {c.prs.length > 0 && ' ('}
            {c.prs.map((pr, k) => (
              <span key={pr}>
                {k > 0 ? ', ' : ''}
                <a href={prUrl(pr)} target="_blank" rel="noreferrer noopener" className="text-sky-800 underline dark:text-sky-300">
                  {prText(pr)}
                </a>
              </span>
            ))}
            {c.prs.length > 0 && ')'}
          </span>
        ))}
      </div>
    </li>
  )
}

/** Next to the graph: every rule that changed against the compared version, why, and the Istio PRs behind it. */
export function ChangesPanel() {
  const t = useT()
  const language = useAppStore((s) => s.language)
  const diff = useAppStore(activeDiff)
  const open = useAppStore((s) => s.changesOpen)
  const setOpen = useAppStore((s) => s.setChangesOpen)
  const family = useAppStore((s) => s.analysis?.family ?? 4)
  if (!diff || !open) return null
  const families = ([family, family === 4 ? 6 : 4] as const).filter((f) => diff.changes.some((c) => c.family === f))
  return (
    <aside data-testid="version-changes" aria-label={t('changes.region')} className="flex w-[380px] shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-700">
        <h2 className="flex-1 text-[12.5px] font-semibold">{t('changes.title', { from: diff.from, to: diff.to })}</h2>
        <Button variant="ghost" aria-label={t('changes.close')} onClick={() => setOpen(false)}>
          ✕
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {diff.changes.length === 0 && <p className="p-3 text-[12.5px] text-slate-700 dark:text-slate-300">{t('changes.empty')}</p>}
        {families.map((f) => (
          <section key={f}>
            <h3 className="sticky top-0 bg-slate-100 px-3 py-0.5 text-[11px] font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              {f === family ? t('changes.family', { family: f }) : t('changes.familyOther', { family: f })}
            </h3>
            <ol>
              {diff.changes
                .filter((c) => c.family === f)
                .map((c, i) => (
                  <Change key={i} change={c} drawn={f === family} t={t} language={language} />
                ))}
            </ol>
          </section>
        ))}
      </div>
    </aside>
  )
}
