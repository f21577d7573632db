import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { App } from './app/app.tsx'
import { createAppStore } from './store/create-app-store.ts'
import { AppStoreProvider } from './store/app-store-context.tsx'
import { createClients } from './worker/clients.ts'
import { startEngineSync } from './store/effects/engine-sync.ts'
import { startLayoutSync } from './store/effects/layout-sync.ts'
import { defaultLanguage } from './i18n/messages.ts'
import { DEFAULT_EXAMPLE_ID, EXAMPLES } from './examples/index.ts'

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
const store = createAppStore({
  language: defaultLanguage(navigator.languages ?? [navigator.language]),
  theme: prefersDark ? 'dark' : 'light',
})
const clients = createClients()
startLayoutSync(store, clients)
startEngineSync(store, clients)

const example = EXAMPLES.find((e) => e.id === DEFAULT_EXAMPLE_ID)
if (example) void example.load().then((text) => store.getState().loadExample(example.id, text))

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
)
