import type { AppState } from './app-state.ts'

/** What new rules invalidate (a new input, family, profile or version): the selection, the trace and the counters belonged to the old rules. */
export const RULES_RESET: Partial<AppState> = {
  selectedRule: null,
  selectionOrigin: null,
  explanation: null,
  scenario: null,
  simulation: null,
  step: 0,
  playing: false,
  hits: {},
  hitBy: {},
  expanded: [],
  share: null,
}
