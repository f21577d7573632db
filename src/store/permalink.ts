import { decodeShareHash, dictionaryOf, encodeShareState, isShareHash } from '../core/share/share-codec.ts'
import { DICTIONARY_IDS_V1, type DictionaryId } from '../core/share/dictionaries.ts'
import type { ShareState } from '../core/share/share-state.ts'
import { linkProblem, type LinkProblem } from '../core/share/link-problem.ts'
import { redactShareState } from '../core/share/redact.ts'
import type { AppState } from './app-state.ts'
import type { AppStore } from './create-app-store.ts'
import type { Commands, ExampleCatalog } from './commands.ts'

/** Links longer than this may be cut by chat apps, mail clients and some servers (RFC 9110 asks for ≥ 8,000). */
export const LONG_LINK = 8000

const dictionaryFiles: Record<DictionaryId, () => Promise<{ default: string }>> = {
  'seed-001-vm-log': () => import('../core/share/dictionaries/v1-seed-001-vm-log.txt?raw'),
  'seed-000-k8s-listing': () => import('../core/share/dictionaries/v1-seed-000-k8s-listing.txt?raw'),
  'istio-sidecar-dumps': () => import('../core/share/dictionaries/v1-istio-sidecar-dumps.txt?raw'),
}

async function loadDictionaries(ids: readonly DictionaryId[]): Promise<Map<DictionaryId, Uint8Array>> {
  const encoder = new TextEncoder()
  const entries = await Promise.all(ids.map(async (id) => [id, encoder.encode((await dictionaryFiles[id]()).default)] as const))
  return new Map(entries)
}

/** A configuration link carries the configuration lines only: comments and blank lines are left out. */
function compactConfig(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .join('\n')
}

export function shareStateOf(s: AppState): ShareState {
  const state: ShareState = {
    input: s.generated
      ? { kind: 'generated', ...s.generated }
      : s.analysis?.kind === 'config' && !s.regenerate
        ? { kind: 'config', text: compactConfig(s.text) }
        : { kind: 'text', text: s.text },
    language: s.language,
  }
  const family = s.family ?? s.analysis?.family
  if (s.analysis && s.analysis.families.length > 1 && family) state.family = family
  const profile = s.profile ?? s.analysis?.config?.profile
  if (s.analysis?.kind === 'config' && profile) state.profile = profile
  if (s.regenerate) state.regenerate = true
  if (s.analysis?.kind === 'config' && s.compareProfile && s.compareProfile !== profile) state.compareProfile = s.compareProfile
  if (Object.keys(s.overrides).length > 0) state.overrides = s.overrides
  if (s.exampleId) state.exampleId = s.exampleId
  if (s.selectedRule) state.rule = { table: s.selectedRule.table, chain: s.selectedRule.chain, index: s.selectedRule.index }
  if (s.scenario) state.scenario = s.scenario
  if (s.simulation && s.step > 0) state.step = s.step
  return state
}

let redactChoice = false

export interface ShareOptions {
  /** Replace IP addresses by consistent placeholders before encoding (core/share/redact.ts). */
  redact?: boolean
}

/**
 * Share: encode the view, put it in the address bar (no reload, no history entry) and on the clipboard. Nothing
 * is sent anywhere: the state travels in the fragment, which browsers keep to themselves.
 */
export async function share(store: AppStore, options: ShareOptions = {}): Promise<void> {
  // The redaction choice holds for the next links of this visit until it is changed.
  redactChoice = options.redact ?? redactChoice
  const dictionaries = await loadDictionaries(DICTIONARY_IDS_V1)
  let state = shareStateOf(store.getState())
  let replaced = 0
  if (redactChoice) ({ state, replaced } = redactShareState(state))
  const { hash } = encodeShareState(state, (id) => dictionaries.get(id) as Uint8Array)
  // A test-only fault switch (?fault=…) must not travel with a link.
  const search = new URLSearchParams(location.search)
  search.delete('fault')
  const query = search.size > 0 ? `?${search}` : ''
  const url = `${location.origin}${location.pathname}${query}${hash}`
  history.replaceState(null, '', url)
  let copied = false
  try {
    await navigator.clipboard.writeText(url)
    copied = true
  } catch {
    // Clipboard access can be refused (permissions, no user gesture); the link stays visible to copy by hand.
  }
  store.setState({ share: { url, length: url.length, copied, redacted: redactChoice, replaced } })
}

/** While a link is being applied, its own changes must not read as the user's edits. */
let opening = false

/**
 * Opens the permalink in the address bar, if there is one. A link that cannot be opened (damaged, cut off, too large,
 * from a newer version, refused by the schema) loads nothing and leaves a translated notice saying why.
 */
export async function openLink(store: AppStore, commands: Commands, catalog: ExampleCatalog): Promise<'none' | 'opened' | 'failed'> {
  const hash = location.hash
  if (!isShareHash(hash)) return 'none'
  opening = true
  try {
    return (await applyLink(store, commands, catalog, hash)) ? 'opened' : 'failed'
  } catch (e) {
    store.getState().setNotice({ key: 'notice.badLink', detail: e instanceof Error ? e.message : String(e) })
    return 'failed'
  } finally {
    opening = false
  }
}

const LINK_NOTICES: Record<LinkProblem, string> = {
  unknown: 'link.unknown',
  newer: 'link.newer',
  damaged: 'link.damaged',
  'too-big': 'link.tooBig',
  'too-long': 'link.tooLong',
  refused: 'link.refused',
}

async function applyLink(store: AppStore, commands: Commands, catalog: ExampleCatalog, hash: string): Promise<boolean> {
  const needed = dictionaryOf(hash)
  const dictionaries = await loadDictionaries(needed ? [needed] : [])
  const decoded = decodeShareHash(hash, (id) => dictionaries.get(id) ?? new Uint8Array())
  const state = decoded.value
  if (!state) {
    const { problem, detail } = linkProblem(decoded.diagnostics[0])
    store.getState().setNotice({ key: LINK_NOTICES[problem], detail })
    return false
  }
  const s = store.getState()
  s.setLanguage(state.language)
  let text: string
  if (state.input.kind === 'generated') {
    const { generator, services, seed } = state.input
    text = await catalog.generate({ generator, services, seed })
    s.loadText(text, { exampleId: state.exampleId ?? null, generated: { generator, services, seed } })
  } else {
    text = state.input.text
    s.loadText(text, { exampleId: state.exampleId ?? null })
  }
  store.setState({
    family: state.family ?? null,
    profile: state.profile ?? null,
    overrides: state.overrides ?? {},
    regenerate: state.regenerate ?? false,
    compareProfile: state.compareProfile ?? null,
  })
  await commands.whenAnalysed()
  if (state.rule) store.getState().selectRule({ ...state.rule }, 'link')
  if (state.scenario) {
    await commands.runScenario(state.scenario)
    if (state.step !== undefined) store.getState().setStep(state.step)
  }
  return true
}

/** Once the user changes the input, the link in the address bar no longer describes the page: drop it. */
export function startLinkInvalidation(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    const changed = s.text !== prev.text || s.profile !== prev.profile || s.overrides !== prev.overrides || s.family !== prev.family || s.regenerate !== prev.regenerate || s.compareProfile !== prev.compareProfile
    if (changed && !opening && isShareHash(location.hash) && s.textVersion === prev.textVersion) {
      history.replaceState(null, '', `${location.pathname}${location.search}`)
      store.setState({ share: null })
    }
  })
}
