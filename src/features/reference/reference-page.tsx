import { useEffect, useRef } from 'react'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { cn } from '../../components/ui/cn.ts'
import { ReferenceEntryView } from './reference-entry.tsx'

/**
 * The rule reference: every Istio rule role the explainer knows, ①–⑨ first, each with a rule istio-iptables writes
 * and its full explanation in the current language. Reached from the header; `#reference/<role>` links to a role.
 */
export function ReferencePage() {
  const t = useT()
  const reference = useAppStore((s) => s.reference)
  const status = useAppStore((s) => s.referenceStatus)
  const language = useAppStore((s) => s.language)
  const role = useAppStore((s) => s.referenceRole)
  const setPage = useAppStore((s) => s.setPage)
  const scroller = useRef<HTMLDivElement>(null)
  const entries = reference?.language === language ? reference.entries : null

  useEffect(() => {
    if (!entries || !role) return
    document.getElementById(`role-${role}`)?.scrollIntoView({ block: 'start' })
  }, [entries, role])

  return (
    <main data-testid="rule-reference" aria-label={t('reference.title')} className="flex min-h-0 flex-1 bg-white dark:bg-slate-900">
      <nav aria-label={t('reference.contents')} className="w-[300px] shrink-0 overflow-auto border-r border-slate-200 py-2 text-[12.5px] dark:border-slate-800">
        <h2 className="px-3 pb-1 text-[11px] font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t('reference.contents')}</h2>
        <ol>
          {(entries ?? []).map((e) => (
            <li key={e.role}>
              <button
                type="button"
                onClick={() => setPage('reference', e.role)}
                className={cn('flex w-full items-center gap-1.5 px-3 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800', role === e.role && 'bg-sky-50 font-semibold dark:bg-sky-950')}
              >
                <span className={cn('truncate', e.badge === null && 'pl-[18px]')}>{e.title}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div ref={scroller} data-testid="reference-scroll" className="min-w-0 flex-1 overflow-auto">
        <header className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
          <h2 className="text-[17px] font-semibold">{t('reference.title')}</h2>
          <p className="mt-1 max-w-[900px] text-[13px] text-slate-700 dark:text-slate-300">{t('reference.intro')}</p>
        </header>
        {!entries && <p className="p-5 text-slate-600 dark:text-slate-400">{status === 'failed' ? t('reference.failed') : t('reference.loading')}</p>}
        <div className="max-w-[1200px]">{entries?.map((e) => <ReferenceEntryView key={e.role} entry={e} />)}</div>
      </div>
    </main>
  )
}
