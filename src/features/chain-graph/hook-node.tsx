import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useT } from '../../store/use-t.ts'
import type { HookFlowNode } from './to-flow.ts'

/** A netfilter hook: the box around its built-in chains, in the order packets visit them. */
function HookNodeView({ data }: NodeProps<HookFlowNode>) {
  const { hook } = data
  const t = useT()
  return (
    <div
      data-testid={hook.id}
      className="h-full rounded-xl border-2 border-dashed border-slate-400 bg-slate-100/70 dark:border-slate-600 dark:bg-slate-800/40"
    >
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-500" />
      <div className="flex h-[30px] items-center gap-2 px-3 text-[12px]">
        <span className="font-mono font-bold tracking-wide">{hook.hook}</span>
        <span className="truncate text-slate-600 dark:text-slate-400">{t(`graph.lane.${hook.lane}`)}</span>
      </div>
      <Handle type="source" id="out" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-500" />
    </div>
  )
}

export const HookNodeComponent = memo(HookNodeView)
