import type { TableName } from '../../core/model/ruleset.ts'

/** Table badge classes; each table keeps one colour across the graph, the inspector and the trace. */
export const TABLE_BADGE: Record<TableName, string> = {
  raw: 'bg-violet-600 text-white',
  mangle: 'bg-cyan-600 text-white',
  nat: 'bg-blue-600 text-white',
  filter: 'bg-green-600 text-white',
  security: 'bg-slate-500 text-white',
}
