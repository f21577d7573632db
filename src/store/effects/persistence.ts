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

/**
 * Inputs longer than this are not written to localStorage at all: Chromium keeps about 5 million characters per
 * origin there, and serialising a 20 MB paste on every pause in typing would stall the page for nothing.
 */
export const MAX_SAVED_CHARS = 4_000_000

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** The input saved by the last visit, if any; unknown or damaged data reads as nothing. */
export function readSavedInput(from: Storage | null = storage()): SavedInput | null {
  try {
    const raw = from?.getItem(INPUT_KEY)
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

const NOT_KEPT = 'notice.inputNotKept'

/**
 * Keeps the input (and the language and theme) across reloads and tab crashes: saved a moment after each change and
 * at once when the page is hidden or closed. A permalink, when present, wins over it at start-up. An input the
 * storage cannot hold (too large, quota used up, storage disabled) is said in a notice; the page carries on.
 */
export function startPersistence(store: AppStore, options: { storage?: Storage | null; events?: EventTarget | null } = {}): () => void {
  const target = options.storage === undefined ? storage() : options.storage
  const events = options.events === undefined ? (typeof window === 'undefined' ? null : window) : options.events
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = false
  const notKept = (detail: string) => {
    const notice = store.getState().notice
    if (notice?.key !== NOT_KEPT || notice.detail !== detail) store.getState().setNotice({ key: NOT_KEPT, detail })
  }
  const save = () => {
    clearTimeout(timer)
    if (!dirty || !target) return
    dirty = false
    const s = store.getState()
    const size = s.text.length < 1024 * 1024 ? `${Math.max(1, Math.round(s.text.length / 1024))} KB` : `${(s.text.length / 1024 / 1024).toFixed(1)} MB`
    if (!s.generated && s.text.length > MAX_SAVED_CHARS) {
      notKept(size)
      return
    }
    try {
      target.setItem(INPUT_KEY, JSON.stringify(savedOf(s)))
      if (store.getState().notice?.key === NOT_KEPT) store.getState().setNotice(null)
    } catch {
      // Quota exceeded, or storage refused (private mode): say so and carry on.
      notKept(size)
    }
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text !== prev.text || s.profile !== prev.profile || s.overrides !== prev.overrides || s.generated !== prev.generated || s.regenerate !== prev.regenerate || s.compareProfile !== prev.compareProfile) {
      dirty = true
      clearTimeout(timer)
      timer = setTimeout(save, 400)
    }
    if (s.language !== prev.language || s.theme !== prev.theme) {
      try {
        target?.setItem(PREFS_KEY, JSON.stringify({ language: s.language, theme: s.theme }))
      } catch {
        // Private mode or storage disabled: preferences are not kept.
      }
    }
  })
  const onHide = () => save()
  events?.addEventListener('pagehide', onHide)
  return () => {
    clearTimeout(timer)
    events?.removeEventListener('pagehide', onHide)
    unsubscribe()
  }
}
