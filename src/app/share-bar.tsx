import { useAppStore, useAppStoreApi } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import { LONG_LINK } from '../store/permalink.ts'
import { Button } from '../components/ui/button.tsx'

/** After Share: the link, its length, whether it was copied, and a warning when it is too long for some apps. */
export function ShareBar() {
  const t = useT()
  const share = useAppStore((s) => s.share)
  const store = useAppStoreApi()
  if (!share) return null
  const long = share.length > LONG_LINK
  return (
    <div data-testid="share-link" data-length={share.length} data-url={share.url} className="flex shrink-0 items-center gap-2 border-b border-slate-200 bg-sky-50 px-3 py-1 text-[12px] dark:border-slate-800 dark:bg-sky-950/40">
      <span className="shrink-0 font-medium">{share.copied ? t('share.copied') : t('share.ready')}</span>
      <a href={share.url} className="min-w-0 flex-1 truncate rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-[11px] text-sky-900 dark:border-slate-600 dark:bg-slate-900 dark:text-sky-300">
        {share.url}
      </a>
      <span className={long ? 'font-semibold text-rose-700 dark:text-rose-400' : 'text-slate-700 dark:text-slate-300'}>
        {t('share.length', { length: share.length.toLocaleString('en-US') })}
        {long ? ` — ${t('share.tooLong', { limit: LONG_LINK.toLocaleString('en-US') })}` : ''}
      </span>
      <Button variant="ghost" aria-label={t('share.close')} onClick={() => store.setState({ share: null })}>
        ✕
      </Button>
    </div>
  )
}
