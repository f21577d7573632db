import { useState } from 'react'
import type { ConfigFieldView } from '../../core/analyze.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { cn } from '../../components/ui/cn.ts'
import { localizeOrigin } from '../../i18n/section-labels.ts'

function FieldRow({ field }: { field: ConfigFieldView }) {
  const t = useT()
  const setOverride = useAppStore((s) => s.setOverride)
  const revealLine = useAppStore((s) => s.revealLine)
  const language = useAppStore((s) => s.language)
  const origin = localizeOrigin(field.origin, language)
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== field.value) setOverride(field.name, draft)
    setDraft(null)
  }
  return (
    <tr className="border-t border-slate-200 align-middle dark:border-slate-700">
      <th scope="row" className="truncate py-0.5 pr-2 text-left font-mono text-[11.5px] font-normal" title={field.name}>
        {field.name}
      </th>
      <td className="py-0.5 pr-2">
        {field.kind === 'bool' ? (
          <input
            type="checkbox"
            aria-label={field.name}
            checked={field.value === 'true'}
            onChange={(e) => setOverride(field.name, e.target.checked ? 'true' : 'false')}
          />
        ) : (
          <input
            aria-label={field.name}
            className={cn('w-full rounded border bg-white px-1 font-mono text-[11.5px] dark:bg-slate-800', field.overridden ? 'border-sky-600' : 'border-slate-300 dark:border-slate-600')}
            value={draft ?? field.value}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit()
              if (e.key === 'Escape') setDraft(null)
            }}
          />
        )}
      </td>
      <td className="truncate py-0.5 text-[10.5px] text-slate-600 dark:text-slate-400" title={origin}>
        {field.overridden ? (
          <button type="button" className="text-sky-800 underline dark:text-sky-300" onClick={() => setOverride(field.name, null)}>
            {t('config.reset')}
          </button>
        ) : field.line ? (
          <button type="button" className="underline decoration-dotted" onClick={() => revealLine(field.line as number)}>
            {origin}
          </button>
        ) : (
          origin
        )}
      </td>
    </tr>
  )
}

/** The effective istio-iptables configuration: each value with where it came from; values can be changed here. */
export function ConfigForm() {
  const t = useT()
  const config = useAppStore((s) => s.analysis?.config)
  if (!config) return null
  return (
    <details open className="max-h-[42%] shrink-0 overflow-auto border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer px-3 py-1 text-[12.5px] font-medium">{t('config.title', { profile: config.profile })}</summary>
      <table className="mx-3 mb-2 w-[calc(100%-1.5rem)] table-fixed text-[12px]">
        <colgroup>
          <col className="w-[44%]" />
          <col className="w-[28%]" />
          <col className="w-[28%]" />
        </colgroup>
        <thead>
          <tr className="text-left text-[11px] text-slate-600 dark:text-slate-400">
            <th scope="col">{t('config.field')}</th>
            <th scope="col">{t('config.value')}</th>
            <th scope="col">{t('config.origin')}</th>
          </tr>
        </thead>
        <tbody>
          {config.fields.map((f) => (
            <FieldRow key={f.name} field={f} />
          ))}
        </tbody>
      </table>
    </details>
  )
}
