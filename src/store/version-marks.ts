import type { VersionChangeView, VersionDiffView } from '../core/graph/version-diff-view.ts'
import type { AppState } from './app-state.ts'

/** The comparison that belongs to what is drawn now (a stale one stays in the store while the next is computed). */
export function activeDiff(s: AppState): VersionDiffView | null {
  const diff = s.versionDiff
  const shown = s.analysis?.config?.profile
  return diff && shown && diff.to === shown && diff.from === s.compareProfile ? diff : null
}

/** Changes of the drawn family, in the order of the rules file. */
export function drawnChanges(s: AppState): VersionChangeView[] {
  const diff = activeDiff(s)
  const family = s.analysis?.family
  return diff && family ? diff.changes.filter((c) => c.family === family) : []
}

/**
 * How each row of a chain changed against the compared version, as one string (`added`, `changed` or empty per row,
 * comma-separated) so a chain card re-renders only when its own marks change.
 */
export function chainChangeMarks(s: AppState, table: string, chain: string, indexes: readonly number[]): string {
  const changes = drawnChanges(s).filter((c) => c.table === table && c.chain === chain && c.kind !== 'removed')
  if (changes.length === 0) return ''
  return indexes.map((i) => changes.find((c) => c.indexAfter === i)?.kind ?? '').join(',')
}

/** How many rules of a chain the compared version had that the drawn one does not. */
export function removedCount(s: AppState, table: string, chain: string): number {
  return drawnChanges(s).filter((c) => c.kind === 'removed' && c.table === table && c.chain === chain).length
}
