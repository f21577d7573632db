import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { localizeSectionLabel } from '../../i18n/section-labels.ts'

/** Above the editor: what the input was recognised as, and its sections (click one to scroll to it). */
export function InputInfo() {
  const t = useT()
  const kind = useAppStore((s) => s.analysis?.kind)
  const forms = useAppStore((s) => s.analysis?.forms)
  const sections = useAppStore((s) => s.analysis?.sections)
  const revealLine = useAppStore((s) => s.revealLine)
  const language = useAppStore((s) => s.language)
  if (!kind) return <div className="h-8 shrink-0 border-b border-slate-200 dark:border-slate-800" />
  return (
    <div className="flex max-h-24 shrink-0 flex-wrap items-center gap-1.5 overflow-auto border-b border-slate-200 bg-white px-3 py-1.5 text-[12px] dark:border-slate-800 dark:bg-slate-900">
      <span className="text-slate-600 dark:text-slate-400">{t('input.detected')}</span>
      <span data-testid="input-form" className="font-medium">
        {kind === 'empty' ? t('input.kind.empty') : (forms ?? []).map((f) => t(`form.${f}` as MessageKey)).join(' + ') || t(`input.kind.${kind}`)}
        {kind === 'config' ? ` → ${t('input.generated')}` : ''}
      </span>
      {(sections ?? [])
        .filter((s) => s.form !== 'prose')
        .map((s, i) => (
          <button
            key={i}
            type="button"
            onClick={() => revealLine(s.startLine)}
            className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800"
            title={t(`form.${s.form}` as MessageKey)}
          >
            {s.label ? localizeSectionLabel(s.label, language) : t(`form.${s.form}` as MessageKey)} · L{s.startLine}–{s.endLine}
          </button>
        ))}
    </div>
  )
}
