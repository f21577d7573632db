import { useId, useMemo } from 'react'
import { describeShareState, type ShareContents } from '../../core/share/share-contents.ts'
import { useAppStore, useAppStoreApi } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { LONG_LINK, shareStateOf } from '../../store/permalink.ts'
import { useT, type Translate } from '../../store/use-t.ts'
import { Button } from '../../components/ui/button.tsx'

/** The items of the view a link restores, in words: rule, scenario, step, versions, changed values, family. */
function viewItems(c: ShareContents, t: Translate): string[] {
  const items: string[] = []
  if (c.rule) items.push(t('share.item.rule', { rule: c.rule }))
  if (c.scenario?.kind === 'preset') items.push(t('share.item.preset', { preset: c.scenario.id }))
  if (c.scenario?.kind === 'packet') items.push(t('share.item.packet', { packet: c.scenario.summary }))
  if (c.step !== null) items.push(t('share.item.step', { step: c.step + 1 }))
  if (c.profile) items.push(t('share.item.profile', { profile: c.profile }))
  if (c.compareProfile) items.push(t('share.item.compare', { profile: c.compareProfile }))
  if (c.overrides > 0) items.push(t('share.item.overrides', { count: c.overrides }))
  if (c.family) items.push(t('share.item.family', { family: c.family }))
  return items
}

function inputItem(c: ShareContents, t: Translate): string {
  const i = c.input
  if (i.kind === 'generated') return t('share.input.generated', { generator: i.generator, services: i.services.toLocaleString('en-US'), seed: i.seed })
  const params = { characters: i.characters.toLocaleString('en-US'), lines: i.lines.toLocaleString('en-US') }
  return i.kind === 'config' ? t('share.input.config', params) : t('share.input.text', params)
}

/**
 * After Share: the link (already in the address bar and, when allowed, on the clipboard), what exactly it carries,
 * that nothing was sent anywhere, and the choice to redact IP addresses before the link is passed on.
 */
export function ShareDialog() {
  const t = useT()
  const share = useAppStore((s) => s.share)
  const language = useAppStore((s) => s.language)
  const store = useAppStoreApi()
  const { share: makeLink } = useServices()
  const redactId = useId()
  // Counted from the page as it is when the link was made (the link itself may hold redacted addresses).
  const contents = useMemo(() => (share ? describeShareState(shareStateOf(store.getState())) : null), [share, store])
  if (!share || !contents) return null
  const long = share.length > LONG_LINK
  const items = viewItems(contents, t)
  return (
    <section
      aria-label={t('share.title')}
      data-testid="share-link"
      data-length={share.length}
      data-url={share.url}
      data-redacted={share.redacted ? 'true' : 'false'}
      className="shrink-0 border-b border-slate-200 bg-sky-50 px-3 py-1.5 text-[12px] dark:border-slate-800 dark:bg-sky-950/40"
    >
      <div className="flex items-center gap-2">
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
      <div className="mt-1 flex gap-6 text-slate-800 dark:text-slate-200">
        <div data-testid="share-contents" className="min-w-0 flex-1">
          <p className="font-medium">{t('share.contains')}</p>
          <ul className="list-disc pl-5">
            <li>{inputItem(contents, t)}</li>
            {contents.addresses > 0 && (
              <li data-testid="share-addresses">
                {share.redacted
                  ? t('share.addressesRedacted', { count: contents.addresses, replaced: share.replaced ?? 0 })
                  : t('share.addresses', { count: contents.addresses })}
              </li>
            )}
            <li>{t('share.language', { language: language === 'zh' ? '中文' : 'English' })}</li>
            {items.length > 0 && <li>{t('share.view', { items: items.join(', ') })}</li>}
          </ul>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            {t('share.privacy')} {t('share.notIncluded')}
          </p>
        </div>
        <div className="w-[38%] max-w-[460px] shrink-0">
          <label htmlFor={redactId} className="flex items-center gap-1.5 font-medium">
            <input id={redactId} data-testid="share-redact" type="checkbox" checked={share.redacted === true} onChange={(e) => void makeLink({ redact: e.target.checked })} />
            {t('share.redact')}
          </label>
          <p className="mt-0.5 text-[11.5px] text-slate-700 dark:text-slate-300">{t('share.redactHelp')}</p>
        </div>
      </div>
    </section>
  )
}
