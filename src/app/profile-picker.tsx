import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import { profileChanges } from '../i18n/switch-titles.ts'

/** Which Istio release's istio-iptables generates the rules; shown only when the input is a configuration. */
export function ProfilePicker() {
  const t = useT()
  const config = useAppStore((s) => s.analysis?.config)
  const language = useAppStore((s) => s.language)
  // Picking a version compares it with the one shown before (see the version bar above the graph).
  const selectVersion = useAppStore((s) => s.selectVersion)
  if (!config) return null
  return (
    <label className="flex items-center gap-1">
      <span className="text-slate-600 dark:text-slate-400">{t('header.profile')}</span>
      <select
        data-testid="profile-picker"
        className="rounded border border-slate-300 bg-white px-1 py-1 text-[13px] dark:border-slate-600 dark:bg-slate-800"
        value={config.profile}
        onChange={(e) => selectVersion(e.target.value)}
      >
        {config.profiles.map((p) => (
          <option key={p.name} value={p.name === 'latest' ? 'latest' : p.release} title={profileChanges(p.name, p.changes, language)}>
            {p.name === 'latest' ? t('header.profileLatest') : `Istio ${p.release}`}
          </option>
        ))}
      </select>
    </label>
  )
}
