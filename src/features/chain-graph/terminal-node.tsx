import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import type { TerminalFlowNode } from './to-flow.ts'

const ROLE_LABEL: Record<string, string> = {
  'envoy-outbound': 'Envoy outbound',
  'envoy-inbound': 'Envoy inbound',
  'dns-proxy': 'DNS proxy',
  tunnel: 'Tunnel (HBONE)',
  redirect: 'REDIRECT',
  tproxy: 'TPROXY',
  dnat: 'DNAT',
}

/** Where a REDIRECT/TPROXY/DNAT rule sends the connection, named by its Istio role. */
function TerminalNodeView({ data }: NodeProps<TerminalFlowNode>) {
  const { terminal } = data
  return (
    <div
      data-testid={terminal.id}
      className="flex h-full flex-col justify-center rounded-full border-2 border-amber-500 bg-amber-50 px-4 text-center text-[12px] dark:bg-amber-950"
    >
      <Handle type="target" id="in" position={Position.Left} className="!h-2 !w-2 !bg-amber-500" />
      <div className="font-semibold">{ROLE_LABEL[terminal.role] ?? terminal.role}</div>
      <div className="font-mono text-[11px] text-amber-700 dark:text-amber-300">:{terminal.port}</div>
    </div>
  )
}

export const TerminalNodeComponent = memo(TerminalNodeView)
