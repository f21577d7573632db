import type { ReactNode } from 'react'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { cn } from '../../components/ui/cn.ts'
import { GeneratedOutputs } from './generated-outputs.tsx'

function tabClass(active: boolean): string {
  return cn(
    '-mb-px border-b-2 px-2 py-1 text-[12px]',
    active ? 'border-sky-700 font-semibold text-slate-900 dark:border-sky-400 dark:text-slate-100' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
  )
}

/**
 * The left column's main area: the input editor and, when rules are generated, what istio-iptables installs. The
 * editor stays mounted while hidden, so its text, cursor and undo history survive switching tabs.
 */
export function SourcePane({ editor }: { editor: ReactNode }) {
  const t = useT()
  const generated = useAppStore((s) => s.analysis?.config != null)
  const tab = useAppStore((s) => s.sourceTab)
  const setTab = useAppStore((s) => s.setSourceTab)
  const showOutputs = generated && tab === 'outputs'
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {generated && (
        <div role="tablist" aria-label={t('outputs.tabs')} className="flex shrink-0 gap-1 border-b border-slate-200 bg-white px-2 dark:border-slate-800 dark:bg-slate-900">
          <button type="button" role="tab" data-testid="source-tab-input" aria-selected={!showOutputs} className={tabClass(!showOutputs)} onClick={() => setTab('input')}>
            {t('outputs.tabInput')}
          </button>
          <button type="button" role="tab" data-testid="source-tab-outputs" aria-selected={showOutputs} className={tabClass(showOutputs)} onClick={() => setTab('outputs')}>
            {t('outputs.tabOutputs')}
          </button>
        </div>
      )}
      <div className={cn('min-h-0 flex-1', showOutputs && 'hidden')}>{editor}</div>
      {showOutputs && <GeneratedOutputs />}
    </div>
  )
}
