import { useRef } from 'react'
import { useAppStore } from '../store/app-store-context.tsx'
import { useServices } from '../store/services-context.tsx'
import { useT } from '../store/use-t.ts'
import { Button } from '../components/ui/button.tsx'
import { ProfilePicker } from './profile-picker.tsx'

const selectClass = 'rounded border border-slate-300 bg-white px-1 py-1 text-[13px] dark:border-slate-600 dark:bg-slate-800'

export function Header() {
  const t = useT()
  const { commands, examples, share } = useServices()
  const language = useAppStore((s) => s.language)
  const setLanguage = useAppStore((s) => s.setLanguage)
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  const exampleId = useAppStore((s) => s.exampleId)
  const families = useAppStore((s) => s.analysis?.families)
  const family = useAppStore((s) => s.family ?? s.analysis?.family ?? null)
  const setFamily = useAppStore((s) => s.setFamily)
  const fileInput = useRef<HTMLInputElement>(null)
  const page = useAppStore((s) => s.page)
  const setPage = useAppStore((s) => s.setPage)

  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 items-baseline gap-2">
        <h1 className="text-[15px] font-semibold whitespace-nowrap">
          <span aria-hidden className="mr-1 text-sky-700 dark:text-sky-400">⟿</span>
          {t('app.title')}
        </h1>
        <span className="hidden truncate text-xs text-slate-600 xl:inline dark:text-slate-400">{t('app.tagline')}</span>
      </div>
      <div className="ml-auto flex items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-400">{t('header.example')}</span>
          <select className={`${selectClass} max-w-[390px]`} value={exampleId ?? ''} onChange={(e) => void commands.loadExample(e.target.value)}>
            {exampleId === null && <option value="">{t('header.ownInput')}</option>}
            {examples.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title[language]}
              </option>
            ))}
          </select>
        </label>
        <ProfilePicker />
        {families && families.length > 1 && (
          <label className="flex items-center gap-1">
            <span className="text-slate-600 dark:text-slate-400">{t('header.family')}</span>
            <select className={`${selectClass} max-w-[300px]`} value={family ?? families[0]} onChange={(e) => setFamily(Number(e.target.value) === 6 ? 6 : 4)}>
              {families.map((f) => (
                <option key={f} value={f}>
                  {f === 4 ? 'IPv4 (iptables)' : 'IPv6 (ip6tables)'}
                </option>
              ))}
            </select>
          </label>
        )}
        <input
          ref={fileInput}
          type="file"
          data-testid="source-file-input"
          aria-label={t('header.openFileLabel')}
          className="sr-only"
          tabIndex={-1}
          accept=".txt,.rules,.log,.env,.sh,.yaml,.yml,.json,text/*"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) void commands.openFile(file)
            e.target.value = ''
          }}
        />
        <Button onClick={() => fileInput.current?.click()}>{t('header.openFile')}</Button>
        <Button data-testid="reference-toggle" aria-pressed={page === 'reference'} onClick={() => setPage(page === 'reference' ? 'explorer' : 'reference')}>
          {page === 'reference' ? t('header.explorer') : t('header.reference')}
        </Button>
        <Button variant="primary" onClick={() => void share()}>
          {t('header.share')}
        </Button>
        <Button data-testid="language-toggle" aria-label={t('header.languageLabel')} lang={language === 'en' ? 'zh-CN' : 'en'} onClick={() => setLanguage(language === 'en' ? 'zh' : 'en')}>
          {t('header.language')}
        </Button>
        <Button aria-label={t('header.themeLabel')} aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          <span aria-hidden>{theme === 'dark' ? '☀' : '☾'}</span>
          {theme === 'dark' ? t('header.theme.light') : t('header.theme.dark')}
        </Button>
      </div>
    </header>
  )
}
