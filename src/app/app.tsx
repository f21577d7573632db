import { lazy, Suspense, useEffect } from 'react'
import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import { ChainGraphView } from '../features/chain-graph/chain-graph-view.tsx'
import { Header } from './header.tsx'
import { StatusBar } from './status-bar.tsx'

const SourceEditor = lazy(() => import('../features/editor/source-editor.tsx'))

export function App() {
  const t = useT()
  const theme = useAppStore((s) => s.theme)
  const language = useAppStore((s) => s.language)

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark')
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en'
  }, [theme, language])

  return (
    <div className="flex h-full flex-col">
      <Header />
      <main className="flex min-h-0 flex-1">
        <section aria-label={t('editor.label')} className="flex w-[38%] min-w-[320px] flex-col border-r border-slate-200 dark:border-slate-800">
          <div className="min-h-0 flex-1">
            <Suspense fallback={<div className="p-4 text-sm text-slate-500">{t('editor.loading')}</div>}>
              <SourceEditor />
            </Suspense>
          </div>
          <StatusBar />
        </section>
        <section aria-label={t('graph.label')} className="min-w-0 flex-1">
          <ChainGraphView />
        </section>
      </main>
    </div>
  )
}
