import type { AppStore } from '../create-app-store.ts'
import type { AppState, GeneratedInput, Theme } from '../app-state.ts'
import type { Language } from '../../i18n/messages.ts'

const INPUT_KEY = 'istio-iptables-explorer:input:v1'
const PREFS_KEY = 'istio-iptables-explorer:prefs:v1'

export interface SavedInput {
  text?: string
  generated?: GeneratedInput
  exampleId?: string
  profile?: string
  overrides?: Record<string, string>
  /** The paste's rules were regenerated for `profile`, compared with `compareProfile`. */
  regenerate?: boolean
  compareProfile?: string
}

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** The input saved by the last visit, if any; unknown or damaged data reads as nothing. */
export function readSavedInput(): SavedInput | null {
  try {
    const raw = storage()?.getItem(INPUT_KEY)
    if (!raw) return null
    const data: unknown = JSON.parse(raw)
    if (!data || typeof data !== 'object') return null
    const d = data as Record<string, unknown>
    const out: SavedInput = {}
    if (typeof d.text === 'string') out.text = d.text
    const g = d.generated as Record<string, unknown> | undefined
    if (g && g.generator === 'kube-proxy' && typeof g.services === 'number' && typeof g.seed === 'number') {
      out.generated = { generator: 'kube-proxy', services: Math.min(20000, Math.max(1, Math.floor(g.services))), seed: Math.floor(g.seed) }
    }
    if (typeof d.exampleId === 'string') out.exampleId = d.exampleId
    if (typeof d.profile === 'string') out.profile = d.profile
    if (d.regenerate === true) out.regenerate = true
    if (typeof d.compareProfile === 'string') out.compareProfile = d.compareProfile
    if (d.overrides && typeof d.overrides === 'object') {
      out.overrides = Object.fromEntries(Object.entries(d.overrides as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
    }
    return out.text !== undefined || out.generated ? out : null
  } catch {
    return null
  }
}

export function readPrefs(): { language?: Language; theme?: Theme } {
  try {
    const d = JSON.parse(storage()?.getItem(PREFS_KEY) ?? '{}') as Record<string, unknown>
    const out: { language?: Language; theme?: Theme } = {}
    if (d.language === 'en' || d.language === 'zh') out.language = d.language
    if (d.theme === 'light' || d.theme === 'dark') out.theme = d.theme
    return out
  } catch {
    return {}
  }
}

function savedOf(s: AppState): SavedInput {
  const out: SavedInput = s.generated ? { generated: s.generated } : { text: s.text }
  if (s.exampleId) out.exampleId = s.exampleId
  if (s.profile) out.profile = s.profile
  if (s.regenerate) out.regenerate = true
  if (s.compareProfile) out.compareProfile = s.compareProfile
  if (Object.keys(s.overrides).length) out.overrides = s.overrides
  return out
}

/** Keeps the input (and the language and theme) across reloads. A permalink, when present, wins over it at start-up. */
export function startPersistence(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = () => {
    const s = store.getState()
    try {
      storage()?.setItem(INPUT_KEY, JSON.stringify(savedOf(s)))
    } catch {
      // Quota exceeded (a pasted multi-megabyte dump): the input is simply not kept.
    }
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text !== prev.text || s.profile !== prev.profile || s.overrides !== prev.overrides || s.generated !== prev.generated || s.regenerate !== prev.regenerate || s.compareProfile !== prev.compareProfile) {
      clearTimeout(timer)
      timer = setTimeout(save, 400)
    }
    if (s.language !== prev.language || s.theme !== prev.theme) {
      try {
        storage()?.setItem(PREFS_KEY, JSON.stringify({ language: s.language, theme: s.theme }))
      } catch {
        // Private mode or storage disabled: preferences are not kept.
      }
    }
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}
