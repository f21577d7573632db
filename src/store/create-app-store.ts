import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import type { AnalysisSlice, AppState, LayoutSlice, ShareSlice, SimulationSlice, SourceSlice, ViewSlice } from './app-state.ts'
import { createVersionSlice } from './version-slice.ts'
import { RULES_RESET } from './rules-reset.ts'

type Slice<T> = StateCreator<AppState, [], [], T>

const createSourceSlice: Slice<SourceSlice> = (set) => ({
  text: '',
  exampleId: null,
  generated: null,
  textVersion: 0,
  setText: (text) => set({ text, exampleId: null, generated: null, simulation: null, scenario: null, step: 0, playing: false, share: null, hits: {}, hitBy: {} }),
  loadText: (text, origin) =>
    set((s) => ({
      ...RULES_RESET,
      text,
      exampleId: origin.exampleId ?? null,
      generated: origin.generated ?? null,
      textVersion: s.textVersion + 1,
      overrides: {},
      family: null,
      // A new input is not the regenerated or compared one.
      regenerate: false,
      compareProfile: null,
      versionDiff: null,
    })),
})

const createAnalysisSlice: Slice<AnalysisSlice> = (set) => ({
  analysis: null,
  analysisStatus: 'idle',
  engineNotice: null,
  progress: null,
  family: null,
  profile: null,
  overrides: {},
  setFamily: (family) => set({ ...RULES_RESET, family }),
  setProfile: (profile) => set({ ...RULES_RESET, profile }),
  setOverride: (field, value) =>
    set((s) => {
      const overrides = { ...s.overrides }
      if (value === null) delete overrides[field]
      else overrides[field] = value
      return { ...RULES_RESET, overrides }
    }),
})

const createLayoutSlice: Slice<LayoutSlice> = () => ({
  drawn: null,
  layoutStatus: 'idle',
})

const createViewSlice: Slice<ViewSlice> = (set) => ({
  language: 'en',
  theme: 'light',
  selectedRule: null,
  selectionOrigin: null,
  focus: 'all',
  expanded: [],
  explanation: null,
  explanationStatus: 'idle',
  notice: null,
  editorReveal: null,
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
  selectRule: (selectedRule, selectionOrigin = 'graph') => set({ selectedRule, selectionOrigin }),
  setFocus: (focus) => set({ focus }),
  toggleExpanded: (chainId) => set((s) => ({ expanded: s.expanded.includes(chainId) ? s.expanded.filter((c) => c !== chainId) : [...s.expanded, chainId] })),
  setNotice: (notice) => set({ notice }),
  revealLine: (line) => set((s) => ({ editorReveal: { line, n: (s.editorReveal?.n ?? 0) + 1 } })),
})

const DEFAULT_PACKET = { direction: 'outbound', proto: 'tcp', dst: '93.184.216.34', dport: 80, uid: 1000, gid: 1000 } as const

const createSimulationSlice: Slice<SimulationSlice> = (set) => ({
  presets: [],
  scenario: null,
  packet: { ...DEFAULT_PACKET },
  simulation: null,
  simulationStatus: 'idle',
  step: 0,
  playing: false,
  hits: {},
  hitBy: {},
  setPacket: (packet) => set({ packet }),
  setStep: (step) => set((s) => ({ step: Math.max(0, Math.min(step, (s.simulation?.steps.length ?? 1) - 1)) })),
  setPlaying: (playing) => set({ playing }),
  resetCounters: () => set({ hits: {}, hitBy: {} }),
})

const createShareSlice: Slice<ShareSlice> = () => ({ share: null })

export type AppStore = StoreApi<AppState>

/** One store per app instance (and per test), built from slices; `initial` overrides the defaults. */
export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSourceSlice(...a),
    ...createAnalysisSlice(...a),
    ...createLayoutSlice(...a),
    ...createViewSlice(...a),
    ...createSimulationSlice(...a),
    ...createShareSlice(...a),
    ...createVersionSlice(...a),
    ...initial,
  }))
}
