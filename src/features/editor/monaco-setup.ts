// Loaded only by the lazy editor chunk: Monaco comes from the local package (never a CDN) with just the editor
// worker and the features a text input needs.
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/smartSelect/register'
import 'monaco-editor/features/codicon/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import { loader } from '@monaco-editor/react'
import { registerIptablesLanguage } from './iptables-language.ts'

self.MonacoEnvironment = {
  getWorker() {
    return new EditorWorker()
  },
}

registerIptablesLanguage(monaco)
loader.config({ monaco })

export { monaco }
