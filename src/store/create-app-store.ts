import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import type { AnalysisSlice, AppState, LayoutSlice, SourceSlice, ViewSlice } from './app-state.ts'

type Slice<T> = StateCreator<AppState, [], [], T>

const createSourceSlice: Slice<SourceSlice> = (set) => ({
  text: '',
  exampleId: null,
  setText: (text) => set({ text, exampleId: null }),
  loadExample: (id, text) => set({ text, exampleId: id, selectedRule: null }),
})

const createAnalysisSlice: Slice<AnalysisSlice> = (set) => ({
  analysis: null,
  analysisStatus: 'idle',
  engineNotice: null,
  family: null,
  setFamily: (family) => set({ family, selectedRule: null }),
})

const createLayoutSlice: Slice<LayoutSlice> = () => ({
  drawn: null,
  layoutStatus: 'idle',
})

const createViewSlice: Slice<ViewSlice> = (set) => ({
  language: 'en',
  theme: 'light',
  selectedRule: null,
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
  selectRule: (selectedRule) => set({ selectedRule }),
})

export type AppStore = StoreApi<AppState>

/** One store per app instance (and per test), built from slices; `initial` overrides the defaults. */
export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSourceSlice(...a),
    ...createAnalysisSlice(...a),
    ...createLayoutSlice(...a),
    ...createViewSlice(...a),
    ...initial,
  }))
}
