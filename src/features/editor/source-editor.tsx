import Editor, { type OnMount } from '@monaco-editor/react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type * as Monaco from 'monaco-editor/editor'
import { monaco } from './monaco-setup.ts'
import { IPTABLES_LANGUAGE_ID } from './iptables-language.ts'
import { useAppStore, useAppStoreApi } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { useT } from '../../store/use-t.ts'
import type { Diagnostic } from '../../core/model/diagnostic.ts'
import { rangeOfRule, ruleAtPosition } from './rule-lines.ts'
import { markdownText } from './markdown-text.ts'

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
const FIRST_SLICE = 4_000

interface Loading {
  applying: boolean
  timer?: ReturnType<typeof setTimeout>
}

/**
 * Puts a new input into the editor. Megabyte dumps are shown without syntax colouring (Monarch tokenizes on the main
 * thread) and are appended slice by slice; a listing pasted onto one line is wrapped so it can be read.
 */
function applyText(editor: Monaco.editor.IStandaloneCodeEditor, text: string, loading: Loading): void {
  const model = editor.getModel()
  if (!model) return
  clearTimeout(loading.timer)
  const language = text.length > PLAIN_TEXT_ABOVE ? 'plaintext' : IPTABLES_LANGUAGE_ID
  if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language)
  model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } })
  // Folding ranges are recomputed over the whole text after every change: not for megabyte dumps.
  const small = text.length < PLAIN_TEXT_ABOVE
  editor.updateOptions({ wordWrap: small && hasLongLine(text) ? 'on' : 'off', folding: small, stickyScroll: { enabled: false } })
  if (model.getValueLength() === text.length && model.getValue() === text) return
  loading.applying = true
  if (text.length <= SLICED_ABOVE) {
    editor.setValue(text)
    editor.setScrollTop(0)
    loading.applying = false
    return
  }
  editor.setValue('')
  let offset = 0
  const next = () => {
    const current = editor.getModel()
    if (!current) return
    // The first slice is small: the first edit after a reset costs the most.
    const cut = text.indexOf('\n', offset + (offset === 0 ? FIRST_SLICE : SLICE))
    const end = cut < 0 ? text.length : cut + 1
    const line = current.getLineCount()
    const column = current.getLineMaxColumn(line)
    current.applyEdits([{ range: new monaco.Range(line, column, line, column), text: text.slice(offset, end) }])
    offset = end
    if (offset < text.length) loading.timer = setTimeout(next, 0)
    else loading.applying = false
  }
  next()
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

  const onMount = useCallback<OnMount>(
    (ed) => {
      const editor = ed as unknown as Monaco.editor.IStandaloneCodeEditor
      editorRef.current = editor
      decorations.current = editor.createDecorationsCollection()
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
      applyText(editor, store.getState().text, loading.current)
      // Edits go to the store; text being loaded (an example, a file, a link) does not echo back as an edit.
      const changes = editor.onDidChangeModelContent(() => {
        if (!loading.current.applying) setText(editor.getValue())
      })
      // In a task of its own: replacing a megabyte model should not add to the re-render the same change causes.
      let pending: ReturnType<typeof setTimeout> | undefined
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.textVersion === prev.textVersion) return
        clearTimeout(pending)
        pending = setTimeout(() => applyText(editor, store.getState().text, loading.current), 0)
      })
      editor.onDidDispose(() => {
        clearTimeout(pending)
        clearTimeout(loading.current.timer)
        changes.dispose()
        hover.dispose()
        unsubscribe()
      })
    },
    [store, commands, setText],
  )


  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    monaco.editor.setModelMarkers(model, 'parser', (diagnostics ?? []).map(toMarker))
  }, [diagnostics])

  useEffect(() => {
    const editor = editorRef.current
    if (!editor || !decorations.current) return
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
  }, [selected, selectionOrigin, rules])

  useEffect(() => {
    if (reveal) editorRef.current?.revealLineNearTop(reveal.line)
  }, [reveal])

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

  return (
    <Editor
      defaultValue=""
      defaultLanguage={IPTABLES_LANGUAGE_ID}
      theme={theme === 'dark' ? 'iptables-dark' : 'iptables-light'}
      onMount={onMount}
      loading={t('editor.loading')}
      wrapperProps={wrapperProps}
      options={options}
    />
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
