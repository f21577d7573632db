import { useEffect, useState } from 'react'
import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'

/** Below this size and time an analysis is just "Analysing…": stages would only flicker. */
const DETAILED_FROM_CHARS = 1_000_000
const DETAILED_AFTER_MS = 700

function sizeOf(characters: number): string {
  return characters < 1024 * 1024 ? `${Math.max(1, Math.round(characters / 1024))} KB` : `${(characters / 1024 / 1024).toFixed(1)} MB`
}

/** What a running analysis is doing (sending, reading N lines, drawing) and for how long, ticking while it runs. */
export function AnalysisProgress() {
  const t = useT()
  const progress = useAppStore((s) => s.progress)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!progress) return
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(timer)
  }, [progress])
  const elapsed = progress ? Math.max(0, now - progress.startedAt) : 0
  if (!progress || (progress.characters < DETAILED_FROM_CHARS && elapsed < DETAILED_AFTER_MS)) return <span>{t('status.analyzing')}</span>
  const params = { size: sizeOf(progress.characters), lines: progress.lines.toLocaleString('en-US'), seconds: Math.floor(elapsed / 1000) }
  const key = progress.phase === 'sending' ? 'progress.sending' : progress.phase === 'parsing' ? 'progress.parsing' : 'progress.drawing'
  return (
    <span data-testid="analysis-progress" data-phase={progress.phase} role="status">
      {t(key, params)}
    </span>
  )
}
