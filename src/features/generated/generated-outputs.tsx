import { useState } from 'react'
import type { Family } from '../../core/model/ruleset.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import type { OutputTab } from '../../store/version-slice.ts'
import { Button } from '../../components/ui/button.tsx'
import { Segmented } from '../../components/ui/segmented.tsx'
import { cn } from '../../components/ui/cn.ts'

const TABS: readonly OutputTab[] = ['restore', 'commands', 'save', 'clean', 'variables']

/** What istio-iptables writes and logs for the drawn configuration: rules file, commands, save, clean-up, Variables. */
export function GeneratedOutputs() {
  const t = useT()
  const config = useAppStore((s) => s.analysis?.config ?? null)
  const drawnFamily = useAppStore((s) => s.analysis?.family ?? 4)
  const tab = useAppStore((s) => s.outputTab)
  const setTab = useAppStore((s) => s.setOutputTab)
  const [family, setFamily] = useState<Family | null>(null)
  // What was last copied: the button says "Copied" only while that text is shown.
  const [copiedText, setCopiedText] = useState<string | null>(null)
  if (!config) return null
  const families = ([4, 6] as const).filter((f) => config.outputs[f])
  const shownFamily: Family = family && config.outputs[family] ? family : families.includes(drawnFamily) ? drawnFamily : (families[0] ?? 4)
  const outputs = config.outputs[shownFamily]
  const text = tab === 'variables' ? config.variables : (outputs?.[tab] ?? '')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopiedText(text)
    } catch {
      // Clipboard refused (permissions): the text stays selectable by hand.
      setCopiedText(null)
    }
  }
  return (
    <div data-testid="generated-outputs" className="flex min-h-0 flex-1 flex-col bg-white dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-1 dark:border-slate-800">
        <div role="tablist" aria-label={t('outputs.formats')} className="flex flex-wrap gap-1">
          {TABS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              data-testid={`output-tab-${k}`}
              aria-selected={tab === k}
              onClick={() => setTab(k)}
              className={cn(
                'rounded px-1.5 py-0.5 text-[12px]',
                tab === k ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
              )}
            >
              {t(`outputs.${k}` as MessageKey)}
            </button>
          ))}
        </div>
        {families.length > 1 && tab !== 'variables' && (
          <Segmented
            label={t('header.family')}
            value={String(shownFamily) as '4' | '6'}
            options={families.map((f) => ({ value: String(f) as '4' | '6', label: f === 4 ? 'IPv4' : 'IPv6' }))}
            onChange={(v) => setFamily(v === '6' ? 6 : 4)}
          />
        )}
        <Button className="ml-auto" data-testid="output-copy" disabled={!text} onClick={() => void copy()}>
          {copiedText === text && text ? t('outputs.copied') : t('outputs.copy')}
        </Button>
      </div>
      <p className="px-3 pt-1 text-[11.5px] text-slate-600 dark:text-slate-400">{t(`outputs.about.${tab}` as MessageKey, { profile: config.profile })}</p>
      {!config.ok && <p className="px-3 pt-1 text-[12px] text-rose-700 dark:text-rose-400">{t('outputs.refused')}</p>}
      <pre
        data-testid="generated-output"
        data-format={tab}
        data-family={tab === 'variables' ? '' : shownFamily}
        tabIndex={0}
        className="min-h-0 flex-1 overflow-auto px-3 py-1 font-mono text-[11.5px] leading-[1.45] whitespace-pre text-slate-900 dark:text-slate-100"
      >
        {text || t('outputs.empty')}
      </pre>
    </div>
  )
}
