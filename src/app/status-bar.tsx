import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { AnalysisProgress } from './analysis-progress.tsx'

/** One line under the editor: analysis state, diagnostic counts, and what went wrong with the engine, if anything. */
export function StatusBar() {
  const t = useT()
  const status = useAppStore((s) => s.analysisStatus)
  const diagnostics = useAppStore((s) => s.analysis?.diagnostics)
  const notice = useAppStore((s) => s.engineNotice)
  const lines = useAppStore((s) => s.analysis?.rules.linked ?? 0)
  const errors = diagnostics?.filter((d) => d.severity === 'error').length ?? 0
  const warnings = diagnostics?.filter((d) => d.severity === 'warning').length ?? 0
  let noticeText: string | null = null
  if (notice) {
    const [key, detail = ''] = notice.split(/:(.*)/s)
    noticeText = t(key as MessageKey, { seconds: detail, detail })
  }
  return (
    <div data-testid="status-analysis" data-status={status} className="flex h-7 shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-3 text-xs text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
      {status === 'running' && <AnalysisProgress />}
      {diagnostics && <span className={errors ? 'text-rose-700 dark:text-rose-400' : undefined}>{t('status.diagnostics', { errors, warnings })}</span>}
      {lines > 0 && <span>{t(lines === 1 ? 'status.linked1' : 'status.linked', { count: lines.toLocaleString('en-US') })}</span>}
      {noticeText && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {noticeText}
        </span>
      )}
    </div>
  )
}
