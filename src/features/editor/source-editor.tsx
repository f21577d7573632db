import Editor, { type OnMount } from '@monaco-editor/react'
import { useCallback, useEffect, useRef } from 'react'
import type * as Monaco from 'monaco-editor/editor'
import { monaco } from './monaco-setup.ts'
import { IPTABLES_LANGUAGE_ID } from './iptables-language.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import type { Diagnostic } from '../../core/model/diagnostic.ts'

/** The Monaco editor holding the user's input; loaded lazily so it is not part of the first load. */
export default function SourceEditor() {
  const text = useAppStore((s) => s.text)
  const setText = useAppStore((s) => s.setText)
  const theme = useAppStore((s) => s.theme)
  const diagnostics = useAppStore((s) => s.analysis?.diagnostics)
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null)

  const onMount = useCallback<OnMount>((editor) => {
    editorRef.current = editor as unknown as Monaco.editor.IStandaloneCodeEditor
  }, [])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    monaco.editor.setModelMarkers(model, 'parser', (diagnostics ?? []).map(toMarker))
  }, [diagnostics])

  return (
    <Editor
      value={text}
      language={IPTABLES_LANGUAGE_ID}
      theme={theme === 'dark' ? 'iptables-dark' : 'iptables-light'}
      onChange={(value) => setText(value ?? '')}
      onMount={onMount}
      options={{
        fontSize: 12.5,
        minimap: { enabled: false },
        wordWrap: 'off',
        scrollBeyondLastLine: false,
        renderWhitespace: 'selection',
        automaticLayout: true,
        tabSize: 2,
        unicodeHighlight: { ambiguousCharacters: false },
      }}
    />
  )
}

function toMarker(d: Diagnostic): Monaco.editor.IMarkerData {
  const severity =
    d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info
  return {
    severity,
    message: `${d.code}: ${d.message}`,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine ?? d.line,
    endColumn: d.endColumn ?? Number.MAX_SAFE_INTEGER,
  }
}
