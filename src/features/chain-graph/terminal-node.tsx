import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { cn } from '../../components/ui/cn.ts'
import type { TerminalFlowNode } from './to-flow.ts'

/** Where a connection ends up: an Envoy listener, the DNS proxy, the tunnel, the app, or out of the pod. */
function TerminalNodeView({ data }: NodeProps<TerminalFlowNode>) {
  const { terminal } = data
  const t = useT()
  const reached = useAppStore((s) => s.simulation?.reached.includes(terminal.port || terminal.role) ?? false)
  const envoy = terminal.role.startsWith('envoy') || terminal.role === 'dns-proxy' || terminal.role === 'tunnel'
  return (
    <div
      data-testid={terminal.id}
      className={cn(
        'flex h-full flex-col justify-center rounded-full border-2 px-4 text-center text-[12px]',
        envoy ? 'border-amber-500 bg-amber-50 dark:bg-amber-950' : 'border-emerald-600 bg-emerald-50 dark:bg-emerald-950',
        reached && 'ring-4 ring-rose-500/60',
      )}
    >
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-amber-500" />
      <div className="font-semibold">{t(`graph.terminal.${terminal.role}`)}</div>
      {terminal.port && <div className="font-mono text-[11px] text-amber-800 dark:text-amber-300">{terminal.role === 'dnat' ? terminal.port : `:${terminal.port}`}</div>}
    </div>
  )
}

export const TerminalNodeComponent = memo(TerminalNodeView)
