import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { Segmented } from '../../components/ui/segmented.tsx'
import type { Focus } from '../../store/app-state.ts'

/** Above the graph: which path to show, what the graph holds, and the legend. */
export function GraphToolbar() {
  const t = useT()
  const focus = useAppStore((s) => s.focus)
  const setFocus = useAppStore((s) => s.setFocus)
  const totals = useAppStore((s) => s.analysis?.graph?.totals)
  const hidden = useAppStore((s) => s.analysis?.graph?.hidden)
  const collapsed = useAppStore((s) => s.analysis?.graph?.collapsed ?? false)
  const family = useAppStore((s) => s.analysis?.family)
  const options: { value: Focus; label: string }[] = [
    { value: 'all', label: t('graph.focus.all') },
    { value: 'arriving', label: t('graph.focus.arriving') },
    { value: 'leaving', label: t('graph.focus.leaving') },
  ]
  return (
    <div className="flex min-h-10 flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-1 text-[12px] dark:border-slate-800 dark:bg-slate-900">
      <Segmented label={t('graph.focus.label')} value={focus} options={options} onChange={setFocus} />
      {totals && (
        <span className="text-slate-600 dark:text-slate-400">
          {family === 6 ? 'IPv6 · ' : family === 4 ? 'IPv4 · ' : ''}
          {t('graph.totals', { chains: totals.chains, rules: totals.rules })}
          {collapsed && hidden && (hidden.chains > 0 || hidden.rows > 0) ? ` · ${t('graph.collapsed', { chains: hidden.chains, rows: hidden.rows })}` : ''}
        </span>
      )}
      <span className="ml-auto flex items-center gap-3 text-slate-600 dark:text-slate-400" aria-label={t('graph.legend')}>
        <span className="flex items-center gap-1">
          <span className="inline-block h-[3px] w-5 bg-sky-600" />
          {t('graph.legend.jump')}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-[3px] w-5 bg-rose-600" />
          {t('graph.legend.path')}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-4 rounded-sm" style={{ backgroundColor: 'rgba(249,115,22,0.5)' }} />
          {t('graph.legend.hits')}
        </span>
      </span>
    </div>
  )
}
