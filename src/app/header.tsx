import { EXAMPLES } from '../examples/index.ts'
import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'

export function Header() {
  const t = useT()
  const language = useAppStore((s) => s.language)
  const setLanguage = useAppStore((s) => s.setLanguage)
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  const exampleId = useAppStore((s) => s.exampleId)
  const loadExample = useAppStore((s) => s.loadExample)

  return (
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-[15px] font-semibold whitespace-nowrap">{t('app.title')}</h1>
      <span className="hidden text-xs text-slate-500 lg:inline dark:text-slate-400">{t('app.tagline')}</span>
      <div className="ml-auto flex items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <span className="text-slate-500 dark:text-slate-400">{t('header.example')}</span>
          <select
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-800"
            value={exampleId ?? ''}
            onChange={(e) => {
              const example = EXAMPLES.find((x) => x.id === e.target.value)
              if (example) void example.load().then((text) => loadExample(example.id, text))
            }}
          >
            {exampleId === null && <option value="">—</option>}
            {EXAMPLES.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title[language]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="language-toggle"
          aria-label={t('header.languageLabel')}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          onClick={() => setLanguage(language === 'en' ? 'zh' : 'en')}
        >
          {t('header.language')}
        </button>
        <button
          type="button"
          aria-label={t('header.themeLabel')}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? t('header.theme.light') : t('header.theme.dark')}
        </button>
      </div>
    </header>
  )
}
