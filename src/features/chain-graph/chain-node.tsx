import { memo, useCallback, useMemo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useShallow } from 'zustand/shallow'
import { hasFooter, NODE_METRICS } from '../../core/graph/layout-spec.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { TableBadge } from '../../components/ui/table-badge.tsx'
import { cn } from '../../components/ui/cn.ts'
import type { ChainFlowNode } from './to-flow.ts'
import { hitMarks, maxHits, parseTraceMarks, traceMarks } from './overlay.ts'
import { RuleRowComponent, type RowOverlay } from './rule-row.tsx'
import { formatCount } from './format.ts'
import { activeDiff, chainChangeMarks, removedCount } from '../../store/version-marks.ts'

/** A chain drawn as a card: table badge, name and policy, then one row per rule with its counters. */
function ChainNodeView({ data }: NodeProps<ChainFlowNode>) {
  const { chain } = data
  const t = useT()
  const indexes = useMemo(() => chain.rows.map((r) => r.index), [chain.rows])
  const hits = useAppStore((s) => hitMarks(s, chain.table, chain.chain, indexes))
  const max = useAppStore(maxHits)
  const anyEvidence = useAppStore((s) => s.simulation !== null || Object.keys(s.hits).length > 0)
  const selected = useAppStore((s) => (s.selectedRule && s.selectedRule.table === chain.table && s.selectedRule.chain === chain.chain ? s.selectedRule.index : 0))
  const marks = useAppStore((s) => traceMarks(s, chain.table, chain.chain))
  const { selectRule, toggleExpanded } = useAppStore(useShallow((s) => ({ selectRule: s.selectRule, toggleExpanded: s.toggleExpanded })))
  const changeMarks = useAppStore((s) => chainChangeMarks(s, chain.table, chain.chain, indexes))
  const removed = useAppStore((s) => removedCount(s, chain.table, chain.chain))
  const diffFrom = useAppStore((s) => activeDiff(s)?.from ?? '')
  const diffTo = useAppStore((s) => activeDiff(s)?.to ?? '')
  const changeList = useMemo(() => (changeMarks ? changeMarks.split(',') : []), [changeMarks])
  const trace = useMemo(() => parseTraceMarks(marks), [marks])
  const hitList = useMemo(() => hits.split(',').map(Number), [hits])
  const imported = chain.rows.some((r) => (r.packets ?? 0) > 0)
  const onSelect = useCallback((index: number) => selectRule({ table: chain.table, chain: chain.chain, index }, 'graph'), [selectRule, chain.table, chain.chain])
  const visited = trace.size > 0
  const policyStep = trace.get(0)
  const last = chain.rows[chain.rows.length - 1]?.index ?? 0

  return (
    <div
      data-testid={chain.id}
      className={cn(
        'h-full overflow-hidden rounded-lg border bg-white text-[12px] shadow-sm dark:bg-slate-900',
        chain.builtin ? 'border-slate-400 dark:border-slate-500' : 'border-slate-300 dark:border-slate-700',
        visited && 'border-rose-500 shadow-md shadow-rose-500/20 dark:border-rose-400',
      )}
    >
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} className="!top-[17px] !h-2 !w-2 !border-0 !bg-slate-500" />
      <div
        className="flex items-center gap-2 border-b border-slate-200 bg-slate-100 px-2 dark:border-slate-700 dark:bg-slate-800"
        style={{ height: NODE_METRICS.headerHeight }}
      >
        <TableBadge table={chain.table} />
        <span className="truncate font-mono font-semibold">{chain.chain}</span>
        {chain.policy && (
          <span
            className={cn('ml-auto shrink-0 text-[10px] text-slate-600 dark:text-slate-400', policyStep && 'rounded bg-rose-600 px-1 text-white dark:text-white')}
            title={chain.policyCounters ? t('graph.importedCounters', { packets: chain.policyCounters.packets, bytes: chain.policyCounters.bytes }) : undefined}
          >
            {t('graph.policy', { policy: chain.policy })}
            {chain.policyCounters && chain.policyCounters.packets > 0 ? ` · ${formatCount(chain.policyCounters.packets)}` : ''}
          </span>
        )}
        {!chain.policy && <span className="ml-auto shrink-0 text-[10px] text-slate-600 dark:text-slate-400">{t(chain.totalRows === 1 ? 'graph.rule1' : 'graph.rules', { count: chain.totalRows })}</span>}
        {removed > 0 && (
          <span data-testid={`removed-${chain.table}-${chain.chain}`} className="shrink-0 rounded bg-rose-700 px-1 text-[10px] font-semibold text-white" title={t('changes.removedHere', { count: removed, from: diffFrom })}>
            −{removed}
          </span>
        )}
      </div>
      {chain.rows.length === 0 && (
        <div className="px-2 text-slate-500 italic dark:text-slate-400" style={{ height: NODE_METRICS.emptyHeight, lineHeight: `${NODE_METRICS.emptyHeight}px` }}>
          {t('graph.noRules')}
        </div>
      )}
      {chain.rows.map((row, i) => {
        const rowHits = hitList[i] ?? 0
        const overlay: RowOverlay = {
          hits: rowHits,
          maxHits: max,
          selected: selected === row.index,
          dim: (anyEvidence || imported) && rowHits === 0 && !((row.packets ?? 0) > 0),
        }
        const mark = trace.get(row.index)
        if (mark) overlay.trace = mark
        const change = changeList[i]
        if (change === 'added') overlay.change = { kind: 'added', note: t('changes.rowAdded', { to: diffTo }) }
        else if (change === 'changed') overlay.change = { kind: 'changed', note: t('changes.rowChanged', { from: diffFrom }) }
        return (
          <RuleRowComponent key={row.index} row={row} table={chain.table} chain={chain.chain} overlay={overlay} t={t} onSelect={onSelect} onExpand={toggleExpanded} />
        )
      })}
      {hasFooter(chain) && (
        <div className="flex items-center gap-2 px-2 text-[10.5px] text-slate-600 dark:text-slate-400" style={{ height: NODE_METRICS.footerHeight }}>
          {chain.totalRows > last && (
            <button type="button" className="nodrag text-sky-800 underline dark:text-sky-300" onClick={() => toggleExpanded(chain.id)}>
              {t('graph.moreRules', { count: chain.totalRows - chain.rows.length })}
            </button>
          )}
          {chain.hiddenTargets > 0 && <span>{t('graph.hiddenTargets', { count: chain.hiddenTargets })}</span>}
        </div>
      )}
    </div>
  )
}

export const ChainNodeComponent = memo(ChainNodeView)
