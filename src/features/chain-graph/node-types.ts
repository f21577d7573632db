import type { NodeTypes } from '@xyflow/react'
import { ChainNodeComponent } from './chain-node.tsx'
import { HookNodeComponent } from './hook-node.tsx'
import { StageNodeComponent } from './stage-node.tsx'
import { TerminalNodeComponent } from './terminal-node.tsx'

/** At module scope: a new object per render would make React Flow re-create every node. */
export const NODE_TYPES: NodeTypes = {
  chain: ChainNodeComponent,
  hook: HookNodeComponent,
  stage: StageNodeComponent,
  terminal: TerminalNodeComponent,
}
