import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { NODE_METRICS } from '../../core/graph/layout-spec.ts'
import type { ChainFlowNode } from './to-flow.ts'
import { TABLE_BADGE } from './table-colors.ts'

/** A chain drawn as a card: table badge, name and policy, then one row per rule with its counters. */
function ChainNodeView({ data }: NodeProps<ChainFlowNode>) {
  const { chain } = data
  return (
    <div
      data-testid={chain.id}
      className={`h-full overflow-hidden rounded-lg border bg-white text-[12px] shadow-sm dark:bg-slate-900 ${
        chain.builtin ? 'border-slate-400 dark:border-slate-500' : 'border-slate-300 dark:border-slate-700'
      }`}
    >
      <Handle type="target" id="in" position={Position.Left} className="!top-[17px] !h-2 !w-2 !bg-slate-400" />
      <div
        className="flex items-center gap-2 border-b border-slate-200 bg-slate-100 px-2 dark:border-slate-700 dark:bg-slate-800"
        style={{ height: NODE_METRICS.headerHeight }}
      >
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${TABLE_BADGE[chain.table]}`}>{chain.table}</span>
        <span className="font-mono font-semibold">{chain.chain}</span>
        {chain.policy && <span className="ml-auto text-[10px] text-slate-500 dark:text-slate-400">policy {chain.policy}</span>}
      </div>
      {chain.rows.length === 0 && (
        <div className="px-2 text-slate-400 italic" style={{ height: NODE_METRICS.emptyHeight, lineHeight: `${NODE_METRICS.emptyHeight}px` }}>
          (no rules)
        </div>
      )}
      {chain.rows.map((row) => (
        <div
          key={row.index}
          data-testid={`rule-${chain.table}-${chain.chain}-${row.index}`}
          className="relative flex items-center gap-2 border-b border-slate-100 px-2 font-mono last:border-b-0 dark:border-slate-800"
          style={{ height: NODE_METRICS.rowHeight }}
          title={row.text}
        >
          <span className="w-4 shrink-0 text-right text-[10px] text-slate-400">{row.index}</span>
          <span className="truncate">{row.text}</span>
          {row.packets !== undefined && (
            <span className="ml-auto shrink-0 text-[10px] text-slate-500" title={`${row.packets} packets, ${row.bytes ?? 0} bytes`}>
              {row.packets}
            </span>
          )}
          {row.to && <Handle type="source" id={`row-${row.index}`} position={Position.Right} className="!h-2 !w-2 !bg-sky-500" />}
        </div>
      ))}
    </div>
  )
}

export const ChainNodeComponent = memo(ChainNodeView)
