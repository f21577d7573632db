import type { TableName } from '../../core/model/ruleset.ts'
import { cn } from './cn.ts'

/** Each table keeps one colour across the graph, the inspector and the trace. */
export const TABLE_BADGE: Record<TableName, string> = {
  raw: 'bg-violet-700 text-white',
  mangle: 'bg-cyan-700 text-white',
  nat: 'bg-blue-700 text-white',
  filter: 'bg-green-700 text-white',
  security: 'bg-slate-600 text-white',
}

export function TableBadge({ table, className }: { table: TableName; className?: string }) {
  return <span className={cn('rounded px-1.5 py-0.5 font-sans text-[10px] leading-none font-semibold uppercase', TABLE_BADGE[table], className)}>{table}</span>
}
