import { useState } from 'react'
import type { VersionEvidence } from '../../core/istio/detect-version.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { localizeEvidence } from '../../i18n/evidence-labels.ts'
import { Button } from '../../components/ui/button.tsx'
import { cn } from '../../components/ui/cn.ts'
import { findProfile, profileLabel, profileValue } from './version-names.ts'

const selectClass = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-[12px] dark:border-slate-600 dark:bg-slate-800'

function Evidence({ e }: { e: VersionEvidence }) {
  const t = useT()
  const language = useAppStore((s) => s.language)
  const revealLine = useAppStore((s) => s.revealLine)
  const setSourceTab = useAppStore((s) => s.setSourceTab)
  return (
    <li data-testid="version-evidence" data-line={e.line ?? ''} data-used={e.used} className={cn('py-0.5', !e.used && 'text-slate-500 line-through dark:text-slate-400')}>
      <span className={cn('mr-1 rounded px-1 text-[10px] font-semibold', e.strength === 'certain' ? 'bg-sky-700 text-white' : 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100')}>
        {t(e.strength === 'certain' ? 'detect.certain' : 'detect.probable')}
      </span>
      {localizeEvidence(e.message, language)}
      <span className="text-slate-600 dark:text-slate-400"> · {t('detect.fits', { range: e.allows })}</span>
      {!e.used && <span className="text-slate-600 no-underline dark:text-slate-400"> · {t('detect.setAside')}</span>}
      {e.line !== undefined && (
        <button
          type="button"
          className="ml-1 text-sky-800 underline decoration-dotted dark:text-sky-300"
          aria-label={t('detect.goToLine', { line: e.line })}
          onClick={() => {
            setSourceTab('input')
            revealLine(e.line as number)
          }}
        >
          {t('detect.line', { line: e.line })}
        </button>
      )}
    </li>
  )
}

/** Offers to regenerate a pasted dump or log for any version, or says which version is drawn and goes back. */
function Regenerate() {
  const t = useT()
  const profiles = useAppStore((s) => s.analysis?.profiles)
  const detected = useAppStore((s) => s.analysis?.versionDetection?.profiles[0] ?? null)
  const regenerate = useAppStore((s) => s.regenerate)
  const source = useAppStore((s) => s.analysis?.config?.source ?? null)
  const shown = useAppStore((s) => s.analysis?.config?.profile ?? null)
  const startRegenerate = useAppStore((s) => s.startRegenerate)
  const stopRegenerate = useAppStore((s) => s.stopRegenerate)
  const [target, setTarget] = useState('latest')
  if (!profiles) return null
  if (regenerate && source && source !== 'input') {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="regenerated" className="text-slate-800 dark:text-slate-200">
          {t(source === 'inferred' ? 'regen.inferred' : 'regen.paste', { profile: shown ?? '' })}
        </span>
        <Button data-testid="regenerate-back" onClick={stopRegenerate}>
          {t('regen.back')}
        </Button>
      </div>
    )
  }
  const compare = findProfile(profiles, detected)
  return (
    <div className="flex flex-wrap items-center gap-1.5" title={t('regen.hint')}>
      <label className="flex items-center gap-1">
        <span>{t('regen.offer')}</span>
        <select data-testid="regenerate-profile" className={selectClass} value={target} onChange={(e) => setTarget(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.name} value={profileValue(p)}>
              Istio {profileLabel(p, t)}
            </option>
          ))}
        </select>
      </label>
      <Button data-testid="regenerate" variant="primary" onClick={() => startRegenerate(target, compare ? profileValue(compare) : null)}>
        {t('regen.button')}
      </Button>
    </div>
  )
}

/** Under the input's forms: the Istio version the paste most likely comes from, with the evidence, line by line. */
export function VersionDetection() {
  const t = useT()
  const detection = useAppStore((s) => s.analysis?.versionDetection ?? null)
  const canRegenerate = useAppStore((s) => s.analysis?.canRegenerate ?? false)
  const regenerate = useAppStore((s) => s.regenerate)
  if (!detection && !canRegenerate && !regenerate) return null
  const clues = detection?.evidence.length ?? 0
  return (
    <div data-testid="version-detection" className="shrink-0 space-y-1 border-b border-slate-200 bg-white px-3 py-1.5 text-[12px] dark:border-slate-800 dark:bg-slate-900">
      {detection?.range && (
        <details>
          <summary className="cursor-pointer">
            <span className="text-slate-600 dark:text-slate-400">{t('detect.title')}: </span>
            <span data-testid="version-range" className="font-semibold">
              {t('detect.likely', { range: detection.range })}
            </span>
            <span className="text-slate-600 dark:text-slate-400"> · {t(clues === 1 ? 'detect.clue1' : 'detect.clues', { count: clues })}</span>
            {detection.conflict && <span className="text-amber-800 dark:text-amber-300"> · {t('detect.conflict')}</span>}
          </summary>
          <ul className="mt-1 max-h-40 overflow-auto pl-1 text-[11.5px] leading-snug">
            {detection.evidence.map((e, i) => (
              <Evidence key={i} e={e} />
            ))}
          </ul>
        </details>
      )}
      {(canRegenerate || regenerate) && <Regenerate />}
    </div>
  )
}
