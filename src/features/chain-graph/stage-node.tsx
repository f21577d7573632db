import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useT } from '../../store/use-t.ts'
import type { StageFlowNode } from './to-flow.ts'

/** A step of the path that is not a chain: where packets come from, routing decisions. */
function StageNodeView({ data }: NodeProps<StageFlowNode>) {
  const { stage } = data
  const t = useT()
  const routing = stage.role === 'routing'
  return (
    <div
      data-testid={stage.id}
      className={
        routing
          ? 'flex h-full items-center justify-center rounded-md border border-slate-400 bg-white text-center text-[11.5px] text-slate-700 italic dark:border-slate-500 dark:bg-slate-900 dark:text-slate-300'
          : 'flex h-full items-center justify-center rounded-full border border-slate-500 bg-slate-700 px-3 text-center text-[11.5px] font-medium text-white dark:bg-slate-200 dark:text-slate-900'
      }
    >
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-500" />
      {t(`graph.stage.${stage.role}`)}
      <Handle type="source" id="out" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-500" />
    </div>
  )
}

export const StageNodeComponent = memo(StageNodeView)
