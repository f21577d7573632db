import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppState } from './app-state.ts'
import type { AppStore } from './create-app-store.ts'

const AppStoreContext = createContext<AppStore | null>(null)

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>
}

/** Selects from the app store; components select the smallest slice they need. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>')
  return useStore(store, selector)
}

export function useAppStoreApi(): AppStore {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStoreApi must be used inside <AppStoreProvider>')
  return store
}
