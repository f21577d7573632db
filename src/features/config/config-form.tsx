import { useState } from 'react'
import type { ConfigFieldView } from '../../core/analyze.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { cn } from '../../components/ui/cn.ts'
import { localizeOrigin } from '../../i18n/section-labels.ts'
import { fieldHelp } from '../../i18n/config-field-help.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { findProfile, profileLabel } from '../versions/version-names.ts'

const inputClass = 'w-full rounded border bg-white px-1 font-mono text-[11.5px] dark:bg-slate-800'
/** Fields whose values are one of a few words. */
const CHOICES: Readonly<Record<string, readonly string[]>> = { InboundInterceptionMode: ['', 'REDIRECT', 'TPROXY'] }

function FieldValue({ field }: { field: ConfigFieldView }) {
  const setOverride = useAppStore((s) => s.setOverride)
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== field.value) setOverride(field.name, draft)
    setDraft(null)
  }
  const border = field.overridden ? 'border-sky-600' : 'border-slate-300 dark:border-slate-600'
  if (field.kind === 'bool') {
    return <input type="checkbox" aria-label={field.name} checked={field.value === 'true'} onChange={(e) => setOverride(field.name, e.target.checked ? 'true' : 'false')} />
  }
  const choices = CHOICES[field.name]
  if (choices) {
    return (
      <select aria-label={field.name} className={cn(inputClass, border)} value={field.value} onChange={(e) => setOverride(field.name, e.target.value)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {/* The tool's default is empty, which it treats as REDIRECT. */}
            {c || '— (REDIRECT)'}
          </option>
        ))}
      </select>
    )
  }
  return (
    <input
      aria-label={field.name}
      className={cn(inputClass, border)}
      value={draft ?? field.value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') setDraft(null)
      }}
    />
  )
}

function FieldRow({ field }: { field: ConfigFieldView }) {
  const t = useT()
  const setOverride = useAppStore((s) => s.setOverride)
  const revealLine = useAppStore((s) => s.revealLine)
  const setSourceTab = useAppStore((s) => s.setSourceTab)
  const language = useAppStore((s) => s.language)
  const origin = localizeOrigin(field.origin, language)
  const help = [
    fieldHelp(field.name, language),
    field.flag ? `${t('config.flag')}: ${field.flag}` : '',
    field.env.length > 0 ? `${t('config.env')}: ${field.env.join(', ')}` : '',
    field.hostOnly ? t('config.hostHint') : '',
  ]
    .filter(Boolean)
    .join('\n')
  return (
    <tr data-testid={`config-field-${field.name}`} className="border-t border-slate-200 align-middle dark:border-slate-700">
      <th scope="row" className="truncate py-0.5 pr-2 text-left font-mono text-[11.5px] font-normal" title={`${field.name}\n${help}`}>
        {field.name}
        {field.hostOnly && <span className="ml-1 rounded bg-slate-200 px-0.5 font-sans text-[9.5px] text-slate-700 dark:bg-slate-700 dark:text-slate-200">{t('config.host')}</span>}
      </th>
      <td className="py-0.5 pr-2">
        <FieldValue field={field} />
      </td>
      <td className="truncate py-0.5 text-[10.5px] text-slate-600 dark:text-slate-400" title={origin}>
        {field.overridden ? (
          <button type="button" className="text-sky-800 underline dark:text-sky-300" onClick={() => setOverride(field.name, null)}>
            {t('config.reset')}
          </button>
        ) : field.line ? (
          <button
            type="button"
            className="underline decoration-dotted"
            onClick={() => {
              setSourceTab('input')
              revealLine(field.line as number)
            }}
          >
            {origin}
          </button>
        ) : (
          origin
        )}
      </td>
    </tr>
  )
}

/**
 * The effective istio-iptables configuration (the version is picked in the header and the version bar): each value with where it came from (the input, a
 * log's blocks, the pasted rules, a default or the host), and every value can be changed here.
 */
export function ConfigForm() {
  const t = useT()
  const config = useAppStore((s) => s.analysis?.config)
  const profiles = useAppStore((s) => s.analysis?.profiles)
  const [all, setAll] = useState(false)
  if (!config) return null
  const current = profiles ? findProfile(profiles, config.profile) : undefined
  const fields = all ? config.fields : config.fields.filter((f) => f.primary)
  return (
    <details data-testid="config-form" open className="max-h-[42%] shrink-0 overflow-auto border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer px-3 py-1 text-[12.5px] font-medium">{t('config.title', { profile: current ? profileLabel(current, t) : config.profile })}</summary>
      <div className="mx-3 mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11.5px]">
        <span data-testid="config-source" className="text-slate-600 dark:text-slate-400">
          {t(`config.source.${config.source}` as MessageKey)}
        </span>
      </div>
      <table className="mx-3 mb-1 w-[calc(100%-1.5rem)] table-fixed text-[12px]">
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
          {fields.map((f) => (
            <FieldRow key={f.name} field={f} />
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="config-show-all" className="mx-3 mb-2 text-[11.5px] text-sky-800 underline dark:text-sky-300" onClick={() => setAll(!all)}>
        {all ? t('config.showCommon') : t('config.showAll', { count: config.fields.length })}
      </button>
    </details>
  )
}
