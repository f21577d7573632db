import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'
import { startReferenceSync } from './reference-sync.ts'
import { startRoute } from './route.ts'
import { startVersionDiffSync } from './version-diff-sync.ts'

/** The version comparison, the rule reference and its route. */
export function startVersionEffects(store: AppStore, clients: Clients): () => void {
  const stops = [startVersionDiffSync(store, clients), startReferenceSync(store, clients), startRoute(store)]
  return () => stops.forEach((stop) => stop())
}
