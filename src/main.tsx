import { engineWorker } from './boot.ts'
import { startTransition, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { App } from './app/app.tsx'
import { createAppStore } from './store/create-app-store.ts'
import { AppStoreProvider } from './store/app-store-context.tsx'
import { ServicesProvider } from './store/services-context.tsx'
import { createCommands } from './store/commands.ts'
import { openLink, share, startLinkInvalidation } from './store/permalink.ts'
import { readPrefs, readSavedInput, startPersistence } from './store/effects/persistence.ts'
import { createClients } from './worker/clients.ts'
import { startEngineSync } from './store/effects/engine-sync.ts'
import { startLayoutSync } from './store/effects/layout-sync.ts'
import { startExplainSync } from './store/effects/explain-sync.ts'
import { startPlayback } from './store/effects/playback.ts'
import { startVersionEffects } from './store/effects/version-effects.ts'
import { defaultLanguage } from './i18n/messages.ts'
import { createExampleCatalog, DEFAULT_EXAMPLE_ID } from './examples/index.ts'

const prefs = readPrefs()
const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
const store = createAppStore({
  language: prefs.language ?? defaultLanguage(navigator.languages ?? [navigator.language]),
  theme: prefs.theme ?? (prefersDark ? 'dark' : 'light'),
})
const clients = createClients(
  (_worker, event) => {
    // Workers keep failing (or cannot start): the engine now runs on this page, slower but working. Say so.
    if (event.type === 'fallback') store.getState().setNotice({ key: 'notice.workerFallback', detail: event.reason })
  },
  { engineWorker },
)
// Adopts boot.ts's worker now, so a failure while it starts is handled like any other.
clients.engine.warm()
const catalog = createExampleCatalog()
const commands = createCommands(store, clients, catalog)
startLayoutSync(store, clients)
startEngineSync(store, clients)
startExplainSync(store, clients)
startPlayback(store)
startVersionEffects(store, clients)

/** A permalink wins; then what the last visit left; then the default example. */
async function start(): Promise<void> {
  const link = await openLink(store, commands, catalog)
  if (link === 'opened') return
  if (link === 'failed') {
    // A link that could not be opened leaves a working, empty app (and its notice); the saved input stays saved.
    store.getState().loadText('', {})
    return
  }
  const saved = readSavedInput()
  if (saved?.generated) {
    store.getState().loadText(await catalog.generate(saved.generated), { exampleId: saved.exampleId ?? null, generated: saved.generated })
  } else if (saved?.text !== undefined) {
    store.getState().loadText(saved.text, { exampleId: saved.exampleId ?? null })
  } else {
    await commands.loadExample(DEFAULT_EXAMPLE_ID)
    return
  }
  store.setState({ profile: saved.profile ?? null, overrides: saved.overrides ?? {}, regenerate: saved.regenerate ?? false, compareProfile: saved.compareProfile ?? null })
}
void start().finally(() => {
  startPersistence(store)
  startLinkInvalidation(store)
  // A link pasted into the address bar of an open tab changes only the fragment: open it too.
  window.addEventListener('hashchange', () => void openLink(store, commands, catalog))
})

const root = createRoot(document.getElementById('root') as HTMLElement)
// A transition renders in slices, yielding to the browser: the engine worker starting up needs this page's thread
// for a moment (to hand it the analysis request) and would otherwise wait until the whole first render is done.
startTransition(() =>
  root.render(
    <StrictMode>
      <AppStoreProvider store={store}>
        <ServicesProvider services={{ commands, examples: catalog.list, share: (options) => share(store, options) }}>
          <App />
        </ServicesProvider>
      </AppStoreProvider>
    </StrictMode>,
  ),
)
