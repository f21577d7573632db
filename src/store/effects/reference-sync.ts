import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'

/** Loads the rule reference in the current language while the reference page is open. */
export function startReferenceSync(store: AppStore, clients: Clients): () => void {
  const run = async () => {
    const { page, language, reference } = store.getState()
    if (page !== 'reference' || reference?.language === language) return
    store.setState({ referenceStatus: 'running' })
    const outcome = await clients.engine.call('reference', [language])
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') store.setState({ reference: { language, entries: outcome.value }, referenceStatus: 'ready' })
    else store.setState({ referenceStatus: 'failed' })
  }
  void run()
  return store.subscribe((s, prev) => {
    if (s.page !== prev.page || s.language !== prev.language) void run()
  })
}
