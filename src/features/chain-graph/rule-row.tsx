import { memo } from 'react'
import { Handle, Position } from '@xyflow/react'
import type { RuleRow } from '../../core/graph/chain-graph.ts'
import { NODE_METRICS } from '../../core/graph/layout-spec.ts'
import { RuleBadge } from '../../components/ui/rule-badge.tsx'
import { cn } from '../../components/ui/cn.ts'
import { formatCount } from './format.ts'
import type { Translate } from '../../store/use-t.ts'

export interface RowOverlay {
  hits: number
  maxHits: number
  selected: boolean
  /** Trace result at this row so far, if the trace reached it. */
  trace?: { result: string; current: boolean }
  /** Nothing simulated or imported ever reached this rule, while other rules were reached. */
  dim: boolean
  /** How the rule differs from the compared Istio version, with the words for its tooltip. */
  change?: { kind: 'added' | 'changed'; note: string }
}

const TRACE_CLASS: Record<string, string> = {
  matched: 'outline-emerald-600 dark:outline-emerald-400',
  'not-matched': 'outline-rose-500 dark:outline-rose-400',
  undecidable: 'outline-amber-500 dark:outline-amber-400',
}

interface Props {
  row: RuleRow
  table: string
  chain: string
  overlay: RowOverlay
  t: Translate
  onSelect: (index: number) => void
  onExpand: (chainId: string) => void
}

/** One rule of a chain card: position, ①–⑨ badge, clauses, imported counters, simulated hits as heat. */
function RuleRowView({ row, table, chain, overlay, t, onSelect, onExpand }: Props) {
  const m = NODE_METRICS
  const heat = overlay.hits > 0 ? 0.14 + 0.5 * (Math.log1p(overlay.hits) / Math.log1p(Math.max(overlay.maxHits, 1))) : 0
  return (
    <>
      {row.gapBefore ? (
        <div className="flex items-center px-2 text-[10px] text-slate-500 italic dark:text-slate-400" style={{ height: m.gapHeight }}>
          ⋯ {t('graph.gap', { count: row.gapBefore })}
        </div>
      ) : null}
      <div
        role="button"
        tabIndex={0}
        data-testid={`rule-${table}-${chain}-${row.index}`}
        data-badge={row.badge}
        data-hits={overlay.hits}
        data-change={overlay.change?.kind}
        aria-pressed={overlay.selected}
        aria-label={`${t('graph.ruleLabel', { chain, index: row.index })}: ${row.text}${overlay.change ? ` (${overlay.change.note})` : ''}`}
        title={[row.text, ...(row.notes ?? []), ...(overlay.change ? [overlay.change.note] : [])].join('\n')}
        onClick={() => onSelect(row.index)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            onSelect(row.index)
          }
        }}
        className={cn(
          'nodrag relative flex cursor-pointer items-center gap-1.5 border-b border-slate-100 px-2 font-mono text-[11.5px] last:border-b-0 hover:bg-sky-50 dark:border-slate-800 dark:hover:bg-slate-800',
          overlay.selected && 'bg-sky-100 ring-2 ring-sky-600 ring-inset dark:bg-sky-950 dark:ring-sky-400',
          overlay.dim && !overlay.selected && 'text-slate-500 italic dark:text-slate-400',
          overlay.change?.kind === 'added' && !overlay.selected && 'bg-emerald-50 shadow-[inset_4px_0_0_#047857] dark:bg-emerald-950/50',
          overlay.change?.kind === 'changed' && !overlay.selected && 'bg-amber-50 shadow-[inset_4px_0_0_#b45309] dark:bg-amber-950/50',
          overlay.trace && 'outline-2 -outline-offset-2',
          overlay.trace && TRACE_CLASS[overlay.trace.result],
          overlay.trace?.current && 'outline-[3px]',
        )}
        style={{ height: m.rowHeight, ...(heat && !overlay.selected ? { backgroundColor: `rgba(249, 115, 22, ${heat.toFixed(3)})` } : {}) }}
      >
        <span className="w-5 shrink-0 text-right text-[10px] text-slate-500 dark:text-slate-400">{row.index}</span>
        {row.badge ? <RuleBadge n={row.badge} /> : <span className="w-[16px] shrink-0" />}
        <span className="min-w-0 flex-1 truncate">{row.text}</span>
        {row.packets !== undefined && (
          <span className="shrink-0 text-[10px] text-slate-700 tabular-nums dark:text-slate-100" title={t('graph.importedCounters', { packets: row.packets ?? 0, bytes: row.bytes ?? 0 })}>
            {row.approximate ? '≈' : ''}
            {formatCount(row.packets)}
          </span>
        )}
        {overlay.hits > 0 && (
          <span className="shrink-0 rounded bg-orange-600 px-1 text-[10px] leading-[14px] font-semibold text-white tabular-nums" title={t('graph.simulatedHits', { hits: overlay.hits })}>
            {overlay.hits}
          </span>
        )}
        {row.hiddenTarget && (
          <button
            type="button"
            className="nodrag shrink-0 rounded border border-slate-300 px-1 text-[10px] leading-[14px] text-sky-800 hover:bg-sky-50 dark:border-slate-600 dark:text-sky-300"
            title={t('graph.showChain', { chain: row.target ?? '' })}
            aria-label={t('graph.showChain', { chain: row.target ?? '' })}
            onClick={(e) => {
              e.stopPropagation()
              onExpand(row.hiddenTarget as string)
            }}
          >
            +
          </button>
        )}
        {row.to && <Handle type="source" id={`row-${row.index}`} position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-sky-600" />}
      </div>
    </>
  )
}

export const RuleRowComponent = memo(RuleRowView)
