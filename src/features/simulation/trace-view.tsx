import { useEffect, useRef } from 'react'
import type { TraceStepView } from '../../core/graph/views.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT, type Translate } from '../../store/use-t.ts'
import { Button } from '../../components/ui/button.tsx'
import { TableBadge } from '../../components/ui/table-badge.tsx'
import { cn } from '../../components/ui/cn.ts'

const RESULT_MARK: Record<TraceStepView['result'], { mark: string; className: string }> = {
  matched: { mark: '✓', className: 'text-emerald-700 dark:text-emerald-400' },
  'not-matched': { mark: '✗', className: 'text-rose-700 dark:text-rose-400' },
  undecidable: { mark: '?', className: 'text-amber-700 dark:text-amber-400' },
  policy: { mark: '⤓', className: 'text-slate-700 dark:text-slate-300' },
  'end-of-chain': { mark: '↩', className: 'text-slate-700 dark:text-slate-300' },
  event: { mark: '•', className: 'text-sky-700 dark:text-sky-400' },
}

const RESULT_KEY = {
  matched: 'trace.result.matched',
  'not-matched': 'trace.result.not-matched',
  undecidable: 'trace.result.undecidable',
  policy: 'trace.result.policy',
  'end-of-chain': 'trace.result.end-of-chain',
  event: 'trace.result.end-of-chain',
} as const

function stepTitle(step: TraceStepView, t: Translate): string {
  const chain = step.chain ?? ''
  if (step.result === 'event') return ''
  if (step.index === null) return step.result === 'policy' ? t('trace.policy', { chain }) : t('trace.end', { chain })
  return t('trace.rule', { chain, index: step.index })
}

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="h-3.5 w-3.5 fill-current stroke-current" strokeWidth="1.5" strokeLinejoin="round">
      <path d={d} />
    </svg>
  )
}

/** The verdict in words, the step controls, and every step with the clause that decided it. */
export function TraceView() {
  const t = useT()
  const simulation = useAppStore((s) => s.simulation)
  const status = useAppStore((s) => s.simulationStatus)
  const step = useAppStore((s) => s.step)
  const playing = useAppStore((s) => s.playing)
  const language = useAppStore((s) => s.language)
  const setStep = useAppStore((s) => s.setStep)
  const setPlaying = useAppStore((s) => s.setPlaying)
  const list = useRef<HTMLOListElement>(null)

  useEffect(() => {
    list.current?.querySelector(`[data-step="${step}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [step])

  const body = () => {
    if (status === 'running') return <p className="px-3 text-slate-600 dark:text-slate-400">{t('sim.running')}</p>
    if (status === 'failed') return <p className="px-3 text-rose-700 dark:text-rose-400">{t('sim.failed')}</p>
    if (!simulation) return <p className="px-3 text-slate-600 dark:text-slate-400">{t('sim.hint')}</p>
    return null
  }
  if (!simulation || status !== 'ready') {
    return (
      <section aria-labelledby="trace-title" className="flex min-h-0 flex-col text-[13px]">
        <h2 id="trace-title" className="panel-title">
          {t('trace.title')}
        </h2>
        {body()}
      </section>
    )
  }
  const last = simulation.steps.length - 1
  return (
    <section aria-labelledby="trace-title" className="flex min-h-0 flex-col px-3 pb-2 text-[13px]">
      <h2 id="trace-title" className="panel-title -mx-3">
        {t('trace.title')}
      </h2>
      <div data-testid="verdict" role="status" tabIndex={0} aria-label={t('trace.verdict')} className="mb-2 max-h-[45%] shrink-0 overflow-auto rounded border-l-4 border-rose-600 bg-rose-50 p-2 text-[13px] leading-snug dark:bg-rose-950/50">
        <div className="font-semibold">{simulation.verdict[language]}</div>
        {simulation.legs.length > 0 && (
          <ol className="mt-1 list-decimal pl-5 text-[12px] text-slate-700 dark:text-slate-300">
            {simulation.legs.map((leg, i) => (
              <li key={i}>
                <span className="font-medium">{leg.title[language]}</span> <span className="font-mono text-[11.5px]">{leg.packet}</span>
                {/* The leg the headline already describes is not said twice. */}
                {leg.verdict[language] !== simulation.verdict[language] && <> — {leg.verdict[language]}</>}
              </li>
            ))}
          </ol>
        )}
        {simulation.notes.map((n, i) => (
          <p key={i} className="mt-1 text-[11.5px] text-slate-600 dark:text-slate-400">
            {n[language]}
          </p>
        ))}
      </div>
      <div className="mb-2 flex shrink-0 items-center gap-1" role="group" aria-label={t('trace.controls')}>
        <Button aria-label={t('trace.first')} title={t('trace.first')} onClick={() => setStep(0)} disabled={step === 0}>
          <Icon d="M5 4v16M19 5 8 12l11 7z" />
        </Button>
        <Button data-testid="step-back" aria-label={t('trace.back')} title={t('trace.back')} onClick={() => setStep(step - 1)} disabled={step === 0}>
          <Icon d="M16 5 6 12l10 7z" />
        </Button>
        <Button data-testid="step-play" aria-label={playing ? t('trace.pause') : t('trace.play')} title={playing ? t('trace.pause') : t('trace.play')} onClick={() => setPlaying(!playing)}>
          {playing ? <Icon d="M7 5h3v14H7zM14 5h3v14h-3z" /> : <Icon d="M7 4v16l13-8z" />}
        </Button>
        <Button data-testid="step-forward" aria-label={t('trace.forward')} title={t('trace.forward')} onClick={() => setStep(step + 1)} disabled={step >= last}>
          <Icon d="M8 5l10 7-10 7z" />
        </Button>
        <Button aria-label={t('trace.last')} title={t('trace.last')} onClick={() => setStep(last)} disabled={step >= last}>
          <Icon d="M19 4v16M5 5l11 7-11 7z" />
        </Button>
        <span data-testid="step-position" className="ml-2 text-[12px] text-slate-600 tabular-nums dark:text-slate-400">
          {t('trace.position', { step: step + 1, total: simulation.steps.length })}
        </span>
      </div>
      <ol
        ref={list}
        data-testid="trace"
        aria-label={t('trace.label')}
        tabIndex={0}
        onKeyDown={(e) => {
          // The arrow keys step through the trace while the list has the focus.
          if (e.key === 'ArrowDown' || e.key === 'ArrowRight') setStep(step + 1)
          else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') setStep(step - 1)
          else return
          e.preventDefault()
        }}
        className="min-h-0 flex-1 space-y-0.5 overflow-auto text-[12px]">
        {simulation.steps.map((s, i) => {
          const mark = RESULT_MARK[s.result]
          const current = i === step
          const showLeg = i === 0 || simulation.steps[i - 1]?.leg !== s.leg
          return (
            <li key={i} aria-current={current ? 'step' : undefined} data-step={i}>
              {showLeg && simulation.legs[s.leg] && <div className="mt-1 mb-0.5 text-[11px] font-semibold text-slate-600 uppercase dark:text-slate-400">{simulation.legs[s.leg]?.title[language]}</div>}
              <button
                type="button"
                onClick={() => setStep(i)}
                className={cn(
                  'flex w-full items-start gap-1.5 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800',
                  current && 'bg-sky-100 ring-1 ring-sky-600 dark:bg-sky-950 dark:ring-sky-400',
                )}
              >
                <span className={cn('w-3 shrink-0 text-center font-bold', mark.className)} aria-hidden>
                  {mark.mark}
                </span>
                {s.table && s.chain ? <TableBadge table={s.table} className="mt-px" /> : null}
                <span className="min-w-0 flex-1">
                  {s.result === 'event' ? (
                    <span className="text-slate-700 italic dark:text-slate-300">{s.action[language]}</span>
                  ) : (
                    <>
                      <span className="font-mono">{stepTitle(s, t)}</span>
                      <span className="text-slate-700 dark:text-slate-300"> — {t(RESULT_KEY[s.result])}: {s.action[language]}</span>
                    </>
                  )}
                  {current && s.clauses.length > 0 && (
                    <span className="mt-0.5 flex flex-wrap gap-1">
                      {s.clauses.map((c, k) => (
                        <span
                          key={k}
                          className={cn(
                            'rounded border px-1 font-mono text-[11px]',
                            c.holds === true && 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
                            c.holds === false && 'border-rose-600 text-rose-800 line-through dark:text-rose-300',
                            c.holds === null && 'border-amber-600 text-amber-800 dark:text-amber-300',
                          )}
                          title={c.holds === true ? t('trace.clauseHolds') : c.holds === false ? t('trace.clauseFails') : t('trace.clauseUnknown')}
                        >
                          {c.text} {c.holds === true ? '✓' : c.holds === false ? '✗' : '?'}
                        </span>
                      ))}
                    </span>
                  )}
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
