import { useState } from 'react'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { activeDiff } from '../../store/version-marks.ts'
import { profileChanges } from '../../i18n/switch-titles.ts'
import { Button } from '../../components/ui/button.tsx'
import { findProfile, profileLabel, profileValue } from './version-names.ts'

const selectClass = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-[12px] dark:border-slate-600 dark:bg-slate-800'

/** Counts of a comparison, for the bar and the panel. */
function useCounts() {
  return useAppStore((s) => {
    const diff = activeDiff(s)
    if (!diff) return null
    const n = (kind: string) => diff.changes.filter((c) => c.kind === kind).length
    return `${n('added')},${n('removed')},${n('changed')}`
  })
}

/**
 * Above the graph when rules are generated: a slider over every Istio version istio-iptables knows (moving it
 * redraws the rules and compares them with the version shown before), the version compared with, and what changed.
 */
export function VersionBar() {
  const t = useT()
  const language = useAppStore((s) => s.language)
  const profiles = useAppStore((s) => (s.analysis?.config ? s.analysis.profiles : null))
  const shown = useAppStore((s) => s.analysis?.config?.profile ?? null)
  const requested = useAppStore((s) => s.profile)
  const compare = useAppStore((s) => s.compareProfile)
  const selectVersion = useAppStore((s) => s.selectVersion)
  const setCompareProfile = useAppStore((s) => s.setCompareProfile)
  const changesOpen = useAppStore((s) => s.changesOpen)
  const setChangesOpen = useAppStore((s) => s.setChangesOpen)
  const diffStatus = useAppStore((s) => s.versionDiffStatus)
  const diffFrom = useAppStore((s) => activeDiff(s)?.from ?? null)
  const counts = useCounts()
  const [draft, setDraft] = useState<number | null>(null)
  if (!profiles || !shown) return null
  const current = findProfile(profiles, requested) ?? findProfile(profiles, shown)
  const index = current ? profiles.indexOf(current) : profiles.length - 1
  const position = draft ?? index
  const atPosition = profiles[position]
  const commit = () => {
    if (draft === null) return
    const p = profiles[draft]
    setDraft(null)
    if (p) selectVersion(profileValue(p))
  }
  const [added = 0, removed = 0, changed = 0] = counts ? counts.split(',').map(Number) : []
  const comparing = compare !== null && compare !== shown
  // The latest profile's line starts with its own name ("1.25+: …"), which the label already says.
  const release = current ? profileChanges(current.name, current.changes, language).replace(/^1\.25\+[:：]\s*/, '') : ''
  const compared = findProfile(profiles, compare)
  return (
    <div data-testid="version-bar" className="shrink-0 border-b border-slate-200 bg-white px-3 py-1 text-[12px] dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className="flex items-center gap-2">
          <span className="font-medium">{t('versions.label')}</span>
          <input
            type="range"
            data-testid="version-slider"
            aria-label={t('versions.slider')}
            aria-valuetext={atPosition ? `Istio ${profileLabel(atPosition, t)}` : undefined}
            min={0}
            max={profiles.length - 1}
            step={1}
            value={position}
            className="w-56 accent-sky-700"
            onChange={(e) => setDraft(Number(e.target.value))}
            onPointerUp={commit}
            onKeyUp={commit}
            onBlur={commit}
          />
          <span data-testid="version-current" className="min-w-[7.5em] font-mono font-semibold text-sky-900 dark:text-sky-300">
            {atPosition ? profileLabel(atPosition, t) : shown}
          </span>
        </label>
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-400">{t('versions.compare')}</span>
          <select data-testid="compare-select" className={selectClass} value={comparing ? (compared ? profileValue(compared) : (compare ?? '')) : ''} onChange={(e) => setCompareProfile(e.target.value || null)}>
            <option value="">{t('versions.compareNone')}</option>
            {profiles.map((p) => (
              <option key={p.name} value={profileValue(p)}>
                {profileLabel(p, t)}
              </option>
            ))}
          </select>
        </label>
        {comparing && diffStatus === 'running' && !counts && <span className="text-slate-600 dark:text-slate-400">{t('versions.comparing')}</span>}
        {counts && diffFrom && (
          <>
            <span data-testid="version-summary" className="text-slate-700 dark:text-slate-300">
              {added + removed + changed === 0 ? t('versions.same', { from: diffFrom }) : t('versions.summary', { added, removed, changed })}
            </span>
            <Button aria-pressed={changesOpen} data-testid="changes-toggle" onClick={() => setChangesOpen(!changesOpen)}>
              {t('versions.showChanges')}
            </Button>
          </>
        )}
      </div>
      {current && (
        <p className="truncate text-[11.5px] text-slate-600 dark:text-slate-400" title={release}>
          {t('versions.release', { version: profileLabel(current, t), changes: release })}
        </p>
      )}
    </div>
  )
}
