import Editor, { type OnMount } from '@monaco-editor/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Monaco from 'monaco-editor/editor'
import { monaco } from './monaco-setup.ts'
import { IPTABLES_LANGUAGE_ID } from './iptables-language.ts'
import { useAppStore, useAppStoreApi } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { useT } from '../../store/use-t.ts'
import type { Diagnostic } from '../../core/model/diagnostic.ts'
import { rangeOfRule, ruleAtPosition } from './rule-lines.ts'
import { markdownText } from './markdown-text.ts'
import { Button } from '../../components/ui/button.tsx'

const PLAIN_TEXT_ABOVE = 300_000

function hasLongLine(text: string): boolean {
  let start = 0
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i < 0 ? text.length : i
    if (end - start > 400) return true
    if (i < 0) return false
    start = i + 1
  }
}

/** Above this size a new text goes into the editor in slices, one task each, so no single task stalls the page. */
const SLICED_ABOVE = 200_000
const SLICE = 96_000
/** Above this many characters the text is built in a model of its own and swapped in (see show). */
const OFFSCREEN_ABOVE = 4_000_000
/** What is shown (read-only) while the rest of a big text is loaded. */
const FIRST_SLICE = 64_000
/**
 * Past this many lines the editor shows the beginning only, read-only, unless the user asks for all of it: Monaco
 * indexes every line of a model on the main thread when the editor shows it, about 1 s for a 20 MB dump's 171,000
 * lines, and 40,000 lines keep that under a few hundred milliseconds.
 */
const PREVIEW_LINES = 40_000

/** Offset just after the first `lines` lines, or null when the text has no more lines than that. */
function offsetAfterLines(text: string, lines: number): number | null {
  let at = -1
  for (let n = 0; n < lines; n++) {
    at = text.indexOf('\n', at + 1)
    if (at < 0) return null
  }
  return at + 1 < text.length ? at + 1 : null
}

/** Counted as the editor numbers lines (and as the analysis progress does): a final newline starts one more. */
function lineCount(text: string): number {
  let n = 1
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

function sizeOf(characters: number): string {
  return characters < 1024 * 1024 ? `${Math.max(1, Math.round(characters / 1024))} KB` : `${(characters / 1024 / 1024).toFixed(1)} MB`
}

/** What the editor shows of a large input, said above it. */
export type EditorNote = { kind: 'loading'; size: string } | { kind: 'preview'; size: string; lines: number; total: number }

interface Loading {
  applying: boolean
  timer?: ReturnType<typeof setTimeout>
  /** The model being filled off-screen, if any. */
  pending?: Monaco.editor.ITextModel
}

function sliceEnd(text: string, from: number, size: number): number {
  const cut = text.indexOf('\n', from + size)
  return cut < 0 ? text.length : cut + 1
}

/**
 * Puts a new input into the editor. Megabyte dumps are shown without syntax colouring (Monarch tokenizes on the main
 * thread); a listing pasted onto one line is wrapped so it can be read. A big text is built slice by slice in a
 * model that no editor shows yet: appended to the shown model, every slice would make the editor's view re-index
 * all lines so far, and a 20 MB dump would stall the page for seconds. Meanwhile the editor shows the beginning,
 * read-only so that no edit is lost when the whole text takes its place.
 */
function applyText(
  editor: Monaco.editor.IStandaloneCodeEditor,
  input: string,
  loading: Loading,
  options: { full: boolean; onModelSwapped: () => void; onNote: (note: EditorNote | null) => void },
): void {
  const model = editor.getModel()
  if (!model) return
  clearTimeout(loading.timer)
  loading.pending?.dispose()
  loading.pending = undefined
  const cut = options.full ? null : offsetAfterLines(input, PREVIEW_LINES)
  const text = cut === null ? input : input.slice(0, cut)
  const preview: EditorNote | null = cut === null ? null : { kind: 'preview', size: sizeOf(input.length), lines: PREVIEW_LINES, total: lineCount(input) }
  const language = text.length > PLAIN_TEXT_ABOVE ? 'plaintext' : IPTABLES_LANGUAGE_ID
  if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language)
  // Says whether lines get colours, for the screenshot step that waits for them.
  editor.getDomNode()?.setAttribute('data-language', language)
  model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } })
  // Folding ranges are recomputed over the whole text after every change: not for megabyte dumps.
  const small = text.length < PLAIN_TEXT_ABOVE
  editor.updateOptions({ wordWrap: small && hasLongLine(text) ? 'on' : 'off', folding: small, stickyScroll: { enabled: false } })
  if (model.getValueLength() === text.length && model.getValue() === text) {
    loading.applying = false
    editor.updateOptions({ readOnly: preview !== null })
    options.onNote(preview)
    return
  }
  loading.applying = true
  if (text.length <= SLICED_ABOVE) {
    editor.setValue(text)
    editor.setScrollTop(0)
    editor.updateOptions({ readOnly: preview !== null })
    loading.applying = false
    options.onNote(preview)
    return
  }
  editor.setValue(text.slice(0, sliceEnd(text, 0, FIRST_SLICE)))
  editor.setScrollTop(0)
  editor.updateOptions({ readOnly: true })
  options.onNote({ kind: 'loading', size: sizeOf(text.length) })
  // Up to a few megabytes the slices go straight into the shown model, each in a task of its own that stays short;
  // beyond that the shown model's view updates add up, so the text is built in a model of its own and swapped in.
  if (text.length <= OFFSCREEN_ABOVE) {
    let shownOffset = sliceEnd(text, 0, FIRST_SLICE)
    const append = () => {
      const current = editor.getModel()
      if (!current || current !== model) return
      const end = sliceEnd(text, shownOffset, SLICE)
      const line = current.getLineCount()
      const column = current.getLineMaxColumn(line)
      current.applyEdits([{ range: new monaco.Range(line, column, line, column), text: text.slice(shownOffset, end) }])
      shownOffset = end
      if (shownOffset < text.length) {
        loading.timer = setTimeout(append, 0)
        return
      }
      editor.updateOptions({ readOnly: preview !== null })
      loading.applying = false
      options.onNote(preview)
    }
    loading.timer = setTimeout(append, 0)
    return
  }
  const pending = monaco.editor.createModel('', language)
  pending.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } })
  loading.pending = pending
  let offset = 0
  const next = () => {
    if (pending.isDisposed()) return
    const end = sliceEnd(text, offset, SLICE)
    const line = pending.getLineCount()
    const column = pending.getLineMaxColumn(line)
    pending.applyEdits([{ range: new monaco.Range(line, column, line, column), text: text.slice(offset, end) }])
    offset = end
    loading.timer = setTimeout(offset < text.length ? next : swap, 0)
  }
  // The whole text replaces the beginning shown so far, at the same scroll position. Each step is a task of its own:
  // after the last slice, swapping in a model of ten thousand lines, and disposing the old one, each take tens of ms.
  const swap = () => {
    if (pending.isDisposed()) return
    loading.pending = undefined
    const shown = editor.getModel()
    const view = editor.saveViewState()
    editor.updateOptions({ readOnly: preview !== null })
    editor.setModel(pending)
    if (view) editor.restoreViewState(view)
    loading.applying = false
    loading.timer = setTimeout(() => {
      shown?.dispose()
      options.onModelSwapped()
      options.onNote(preview)
    }, 0)
  }
  loading.timer = setTimeout(next, 0)
}

/** The Monaco editor holding the user's input; loaded lazily so it is not part of the first load. */
export default function SourceEditor() {
  const store = useAppStoreApi()
  const { commands } = useServices()
  const t = useT()
  const setText = useAppStore((s) => s.setText)
  const theme = useAppStore((s) => s.theme)
  const diagnostics = useAppStore((s) => s.analysis?.diagnostics)
  const selected = useAppStore((s) => s.selectedRule)
  const selectionOrigin = useAppStore((s) => s.selectionOrigin)
  const rules = useAppStore((s) => s.analysis?.rules)
  const reveal = useAppStore((s) => s.editorReveal)
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null)
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null)
  const loading = useRef<Loading>({ applying: false })
  // The model the editor shows; a big text's model takes its place when complete, and markers and the selection follow.
  const [shownModel, setShownModel] = useState<Monaco.editor.ITextModel | null>(null)
  const [note, setNote] = useState<EditorNote | null>(null)
  /** The text version whose whole text the user asked to edit. */
  const fullFor = useRef(-1)
  const show = useCallback(
    (editor: Monaco.editor.IStandaloneCodeEditor) => {
      const s = store.getState()
      applyText(editor, s.text, loading.current, { full: fullFor.current === s.textVersion, onModelSwapped: () => setShownModel(editor.getModel()), onNote: setNote })
    },
    [store],
  )

  const onMount = useCallback<OnMount>(
    (ed) => {
      const editor = ed as unknown as Monaco.editor.IStandaloneCodeEditor
      editorRef.current = editor
      decorations.current = editor.createDecorationsCollection()
      setShownModel(editor.getModel())
      editor.onDidChangeCursorPosition((e) => {
        if (loading.current.applying || (e.source !== 'mouse' && e.source !== 'keyboard')) return
        const s = store.getState()
        const rule = ruleAtPosition(s.analysis?.rules, e.position.lineNumber, e.position.column)
        if (rule) s.selectRule(rule, 'editor')
      })
      const hover = monaco.languages.registerHoverProvider(IPTABLES_LANGUAGE_ID, {
        provideHover: async (model, position) => {
          if (model !== editor.getModel()) return null
          const rule = ruleAtPosition(store.getState().analysis?.rules, position.lineNumber, position.column)
          if (!rule) return null
          const found = await commands.summarize(rule)
          const range = rangeOfRule(store.getState().analysis?.rules, rule)
          if (!found || !range) return null
          return { range: new monaco.Range(range.line, range.column, range.endLine, range.endColumn), contents: [{ value: markdownText(found), isTrusted: false, supportHtml: false }] }
        },
      })
      // The text is replaced from outside (example, file, link): load it without echoing it back as an edit.
      show(editor)
      // Edits go to the store; text being loaded (an example, a file, a link) does not echo back as an edit.
      const changes = editor.onDidChangeModelContent(() => {
        if (!loading.current.applying) setText(editor.getValue())
      })
      // In a task of its own: replacing a megabyte model should not add to the re-render the same change causes.
      let pending: ReturnType<typeof setTimeout> | undefined
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.textVersion === prev.textVersion) return
        clearTimeout(pending)
        pending = setTimeout(() => show(editor), 0)
      })
      editor.onDidDispose(() => {
        clearTimeout(pending)
        clearTimeout(loading.current.timer)
        loading.current.pending?.dispose()
        changes.dispose()
        hover.dispose()
        unsubscribe()
      })
    },
    [store, commands, setText, show],
  )


  useEffect(() => {
    if (!shownModel || shownModel.isDisposed()) return
    monaco.editor.setModelMarkers(shownModel, 'parser', (diagnostics ?? []).map(toMarker))
  }, [diagnostics, shownModel])

  useEffect(() => {
    const editor = editorRef.current
    if (!editor || !decorations.current || !shownModel || editor.getModel() !== shownModel) return
    const range = selected ? rangeOfRule(rules, selected) : null
    decorations.current.set(
      range
        ? [
            {
              range: new monaco.Range(range.line, range.column, range.endLine, range.endColumn),
              options: { className: 'selected-rule-text', linesDecorationsClassName: 'selected-rule-gutter', isWholeLine: range.line !== range.endLine },
            },
          ]
        : [],
    )
    if (range && selectionOrigin !== 'editor') editor.revealRangeInCenterIfOutsideViewport(new monaco.Range(range.line, range.column, range.endLine, range.endColumn))
  }, [selected, selectionOrigin, rules, shownModel])

  // A line asked for before Monaco finished loading is revealed once the editor mounts (shownModel is set then).
  const revealed = useRef(0)
  useEffect(() => {
    const editor = editorRef.current
    if (!reveal || !editor || !shownModel || reveal.n === revealed.current) return
    editor.revealLineNearTop(reveal.line)
    revealed.current = reveal.n
  }, [reveal, shownModel])

  // Stable identities: a new options object makes the editor re-apply every option, which re-lays out a big model.
  const label = t('editor.label')
  const options = useMemo<Monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      fontSize: 12.5,
      fontFamily: '"Explorer CJK", ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      minimap: { enabled: false },
      wordWrap: 'off',
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      automaticLayout: true,
      tabSize: 2,
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
      ariaLabel: label,
      largeFileOptimizations: true,
      // Bracket colouring parses the whole document on the main thread; iptables text has no brackets worth it.
      bracketPairColorization: { enabled: false },
      guides: { bracketPairs: false, indentation: false },
      matchBrackets: 'never',
      occurrencesHighlight: 'off',
      hover: { delay: 250 },
    }),
    [label],
  )
  const wrapperProps = useMemo(() => ({ 'aria-label': label }), [label])

  const editAll = () => {
    const editor = editorRef.current
    if (!editor) return
    fullFor.current = store.getState().textVersion
    show(editor)
  }

  return (
    <div className="flex h-full flex-col">
      {note && (
        <div data-testid="editor-note" data-kind={note.kind} role="status" className="flex shrink-0 items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-1 text-[12px] text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
          <span className="min-w-0 flex-1">
            {note.kind === 'loading'
              ? t('editor.loadingLarge', { size: note.size })
              : t('editor.preview', { size: note.size, lines: note.lines.toLocaleString('en-US'), total: note.total.toLocaleString('en-US') })}
          </span>
          {note.kind === 'preview' && (
            <Button data-testid="editor-edit-all" onClick={editAll}>
              {t('editor.editAll')}
            </Button>
          )}
        </div>
      )}
      <div className="min-h-0 flex-1">
        <Editor
          defaultValue=""
          defaultLanguage={IPTABLES_LANGUAGE_ID}
          theme={theme === 'dark' ? 'iptables-dark' : 'iptables-light'}
          onMount={onMount}
          loading={t('editor.loading')}
          wrapperProps={wrapperProps}
          options={options}
        />
      </div>
    </div>
  )
}

function toMarker(d: Diagnostic): Monaco.editor.IMarkerData {
  // Notes (a listing collapsed onto one line, a section label) are hints: a squiggle under a whole paste would shout.
  const severity =
    d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Hint
  return {
    severity,
    message: `${d.code}: ${d.message}`,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine ?? d.line,
    endColumn: d.endColumn ?? Number.MAX_SAFE_INTEGER,
  }
}
