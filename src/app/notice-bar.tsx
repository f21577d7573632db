import { useAppStore } from '../store/app-store-context.tsx'
import { useT } from '../store/use-t.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { Button } from '../components/ui/button.tsx'

/** A message about the page (a link that could not be opened, a file that could not be read). */
export function NoticeBar() {
  const t = useT()
  const notice = useAppStore((s) => s.notice)
  const setNotice = useAppStore((s) => s.setNotice)
  if (!notice) return null
  return (
    <div role="alert" className="flex shrink-0 items-center gap-2 border-b border-amber-300 bg-amber-50 px-3 py-1 text-[12.5px] text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
      <span className="flex-1">{t(notice.key as MessageKey, { detail: notice.detail ?? '' })}</span>
      <Button variant="ghost" aria-label={t('share.close')} onClick={() => setNotice(null)}>
        ✕
      </Button>
    </div>
  )
}
