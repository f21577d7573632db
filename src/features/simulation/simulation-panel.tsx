import { useAppStore } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { useT } from '../../store/use-t.ts'
import { Button } from '../../components/ui/button.tsx'
import { cn } from '../../components/ui/cn.ts'
import { PacketForm } from './packet-form.tsx'

/** Packet Tracer's simulation mode for netfilter: pick a connection, read the verdict, step through the rules. */
export function SimulationPanel() {
  const t = useT()
  const { commands } = useServices()
  const presets = useAppStore((s) => s.presets)
  const language = useAppStore((s) => s.language)
  const scenario = useAppStore((s) => s.scenario)
  const canSimulate = useAppStore((s) => s.analysis?.features.simulate ?? false)
  const hasRules = useAppStore((s) => Boolean(s.analysis?.graph))
  const anyHits = useAppStore((s) => Object.keys(s.hits).length > 0)
  const resetCounters = useAppStore((s) => s.resetCounters)

  return (
    <section aria-labelledby="simulation-title" className="flex min-h-0 flex-col">
      <h2 id="simulation-title" className="panel-title">
        {t('sim.title')}
      </h2>
      <div className="min-h-0 flex-1 overflow-auto px-3 pb-3 text-[13px]">
        {!canSimulate || !hasRules ? (
          <p className="text-slate-600 dark:text-slate-400">{hasRules ? t('sim.unavailable') : t('sim.noRules')}</p>
        ) : (
          <>
            <div className="mb-2 flex gap-2">
              <Button onClick={() => void commands.runAllPresets()} disabled={presets.length === 0}>
                {t('sim.runAll')}
              </Button>
              <Button onClick={resetCounters} disabled={!anyHits}>
                {t('sim.reset')}
              </Button>
            </div>
            <div className="mb-2 flex flex-wrap gap-1.5" role="group" aria-label={t('sim.presets')}>
              {presets.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  data-testid={`scenario-${p.id}`}
                  aria-pressed={scenario?.kind === 'preset' && scenario.id === p.id}
                  onClick={() => void commands.runScenario({ kind: 'preset', id: p.id })}
                  className={cn(
                    'rounded-full border px-2.5 py-1 text-left text-[12px] leading-tight',
                    scenario?.kind === 'preset' && scenario.id === p.id
                      ? 'border-rose-600 bg-rose-600 text-white'
                      : 'border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700',
                  )}
                >
                  {p.title[language]}
                </button>
              ))}
              {presets.length === 0 && <p className="text-slate-600 dark:text-slate-400">{t('sim.noPresets')}</p>}
            </div>
            <PacketForm />
          </>
        )}
      </div>
    </section>
  )
}
