import type { StateCreator } from 'zustand/vanilla'
import type { ReferenceEntry } from '../core/graph/rule-reference.ts'
import type { VersionDiffView } from '../core/graph/version-diff-view.ts'
import type { Language } from '../i18n/messages.ts'
import type { AppState, RunStatus } from './app-state.ts'
import { RULES_RESET } from './rules-reset.ts'

export type OutputTab = 'restore' | 'commands' | 'save' | 'clean' | 'variables'
export type Page = 'explorer' | 'reference'

/** Istio versions, what istio-iptables writes for them, and the rule reference. */
export interface VersionSlice {
  /** The profile the drawn one is compared with: the version selected before it, or the paste's detected one. */
  compareProfile: string | null
  /** For a pasted dump or log: draw what istio-iptables generates (for `profile`) instead of the pasted rules. */
  regenerate: boolean
  versionDiff: VersionDiffView | null
  versionDiffStatus: RunStatus
  /** Whether the list of changes against the compared version is open next to the graph. */
  changesOpen: boolean
  /** What the left column shows when rules are generated: the input, or what istio-iptables writes and logs. */
  sourceTab: 'input' | 'outputs'
  outputTab: OutputTab
  page: Page
  /** The role the reference shows first (from its link). */
  referenceRole: string | null
  reference: { language: Language; entries: ReferenceEntry[] } | null
  referenceStatus: RunStatus
  /** Switch the generating version; the one shown before becomes the comparison, so the graph shows what changed. */
  selectVersion(profile: string): void
  setCompareProfile(profile: string | null): void
  /** Regenerate a paste's rules for `profile`, compared with `compare` (the version the paste was detected as). */
  startRegenerate(profile: string, compare: string | null): void
  stopRegenerate(): void
  setChangesOpen(open: boolean): void
  setSourceTab(tab: VersionSlice['sourceTab']): void
  setOutputTab(tab: OutputTab): void
  setPage(page: Page, role?: string | null): void
}

/** The profile the graph currently shows: the chosen one, else the one the engine picked. */
export function currentProfile(s: AppState): string | null {
  return s.profile ?? s.analysis?.config?.profile ?? null
}

export const createVersionSlice: StateCreator<AppState, [], [], VersionSlice> = (set) => ({
  compareProfile: null,
  regenerate: false,
  versionDiff: null,
  versionDiffStatus: 'idle',
  changesOpen: true,
  sourceTab: 'input',
  outputTab: 'restore',
  page: 'explorer',
  referenceRole: null,
  reference: null,
  referenceStatus: 'idle',
  selectVersion: (profile) =>
    set((s) => {
      const shown = currentProfile(s)
      if (shown === profile) return {}
      return { ...RULES_RESET, profile, compareProfile: shown, changesOpen: true }
    }),
  setCompareProfile: (compareProfile) => set({ compareProfile }),
  startRegenerate: (profile, compare) => set({ ...RULES_RESET, regenerate: true, profile, compareProfile: compare === profile ? null : compare }),
  stopRegenerate: () => set({ ...RULES_RESET, regenerate: false, compareProfile: null, versionDiff: null, sourceTab: 'input' }),
  setChangesOpen: (changesOpen) => set({ changesOpen }),
  setSourceTab: (sourceTab) => set({ sourceTab }),
  setOutputTab: (outputTab) => set({ outputTab }),
  setPage: (page, role = null) => set({ page, referenceRole: role }),
})
