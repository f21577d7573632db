import { lazy, Suspense, useEffect, useState } from 'react'
import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import { afterPaint } from '../store/effects/after-paint.ts'
import { ChainGraphView } from '../features/chain-graph/chain-graph-view.tsx'
import { InputInfo } from '../features/editor/input-info.tsx'
import { ConfigForm } from '../features/config/config-form.tsx'
import { Inspector } from '../features/inspector/inspector.tsx'
import { SimulationPanel } from '../features/simulation/simulation-panel.tsx'
import { TraceView } from '../features/simulation/trace-view.tsx'
import { Header } from './header.tsx'
import { StatusBar } from './status-bar.tsx'
import { ShareDialog } from '../features/share/share-dialog.tsx'
import { PanelBoundary } from './error-boundary.tsx'
import { NoticeBar } from './notice-bar.tsx'
import { SourcePane } from '../features/generated/source-pane.tsx'
import { VersionBar } from '../features/versions/version-bar.tsx'
import { ChangesPanel } from '../features/versions/changes-panel.tsx'
import { VersionDetection } from '../features/versions/version-detection.tsx'
import { ReferencePage } from '../features/reference/reference-page.tsx'

const SourceEditor = lazy(() => import('../features/editor/source-editor.tsx'))

const EDITOR_AT_LATEST_MS = 4000

/**
 * Whether to load the editor yet. Monaco is megabytes of script evaluated on this thread; loaded at once it delays
 * the first graph by about a second, so it waits until the first analysis is on screen (or has nothing to draw).
 */
function useEditorWanted(): boolean {
  const settled = useAppStore(
    (s) => s.drawn !== null || s.analysisStatus === 'failed' || s.layoutStatus === 'failed' || (s.analysisStatus === 'ready' && !s.analysis?.graph),
  )
  const [wanted, setWanted] = useState(false)
  useEffect(() => {
    if (wanted) return
    const cancel = settled ? afterPaint(() => setWanted(true)) : () => undefined
    const fallback = setTimeout(() => setWanted(true), EDITOR_AT_LATEST_MS)
    return () => {
      cancel()
      clearTimeout(fallback)
    }
  }, [settled, wanted])
  return wanted
}

export function App() {
  const t = useT()
  const theme = useAppStore((s) => s.theme)
  const language = useAppStore((s) => s.language)
  const page = useAppStore((s) => s.page)
  const editorWanted = useEditorWanted()

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark')
    document.documentElement.style.colorScheme = theme
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en'
    document.title = t('app.title')
  }, [theme, language, t])

  const editorLoading = <div className="p-4 text-sm text-slate-600 dark:text-slate-400">{t('editor.loading')}</div>
  return (
    <div className="flex h-full flex-col">
      <Header />
      <PanelBoundary name="share">
        <ShareDialog />
      </PanelBoundary>
      <NoticeBar />
      {page === 'reference' ? (
        <ReferencePage />
      ) : (
        <main className="flex min-h-0 flex-1">
          <section aria-label={t('editor.label')} className="flex w-[30%] max-w-[520px] min-w-[320px] shrink-0 flex-col border-r border-slate-200 dark:border-slate-800">
            <InputInfo />
            <VersionDetection />
            <SourcePane
              editor={
                <PanelBoundary name="editor">
                  <Suspense fallback={editorLoading}>{editorWanted ? <SourceEditor /> : editorLoading}</Suspense>
                </PanelBoundary>
              }
            />
            <PanelBoundary name="config">
              <ConfigForm />
            </PanelBoundary>
            <StatusBar />
          </section>
          <div className="flex min-w-0 flex-1 flex-col">
            <section aria-label={t('graph.label')} className="flex min-h-0 flex-[57] flex-col">
              <VersionBar />
              <div className="flex min-h-0 flex-1">
                <div className="min-w-0 flex-1">
                  <PanelBoundary name="graph">
                    <ChainGraphView />
                  </PanelBoundary>
                </div>
                <ChangesPanel />
              </div>
            </section>
            <div aria-label={t('aside.label')} role="group" className="grid min-h-0 flex-[43] grid-cols-[minmax(0,38fr)_minmax(0,26fr)_minmax(0,36fr)] border-t border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
              <PanelBoundary name="inspector">
                <Inspector />
              </PanelBoundary>
              <div className="flex min-h-0 flex-col border-l border-slate-200 dark:border-slate-800">
                <PanelBoundary name="simulator">
                  <SimulationPanel />
                </PanelBoundary>
              </div>
              <div className="flex min-h-0 flex-col border-l border-slate-200 dark:border-slate-800">
                <PanelBoundary name="trace">
                  <TraceView />
                </PanelBoundary>
              </div>
            </div>
          </div>
        </main>
      )}
    </div>
  )
}
