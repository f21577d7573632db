import { Component, Fragment, type ReactNode } from 'react'
import { useT, type Translate } from '../store/use-t.ts'
import { Button } from '../components/ui/button.tsx'
import { cn } from '../components/ui/cn.ts'
import { panelFault } from './test-faults.ts'

export type PanelName = 'editor' | 'graph' | 'inspector' | 'simulator' | 'trace' | 'share' | 'config'

interface Props {
  name: PanelName
  t: Translate
  className?: string | undefined
  children: ReactNode
}

interface State {
  error: Error | null
  /** Bumped by Retry: the panel's subtree is mounted afresh. */
  attempt: number
}

/** Throws on the first attempt when the page address asks this panel to fail (test-faults.ts). */
function FaultProbe({ panel, attempt }: { panel: PanelName; attempt: number }) {
  if (attempt === 0 && panelFault(panel)) throw new Error(`panel fault injected for a test (${panel})`)
  return null
}

class Boundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override render() {
    const { name, t, className, children } = this.props
    const { error, attempt } = this.state
    if (!error) {
      return (
        <Fragment key={attempt}>
          <FaultProbe panel={name} attempt={attempt} />
          {children}
        </Fragment>
      )
    }
    // The message is rendered as text only, like everything that may carry user input.
    return (
      <div role="alert" data-testid={`panel-error-${name}`} className={cn('flex flex-col items-start gap-2 p-3 text-[12.5px] text-rose-900 dark:text-rose-200', className)}>
        <p>{t('panel.failed', { panel: t(`panel.${name}`) })}</p>
        <details className="max-w-full text-[11.5px] text-slate-700 dark:text-slate-300">
          <summary className="cursor-pointer">{t('panel.details')}</summary>
          <pre className="whitespace-pre-wrap break-all">{error.message}</pre>
        </details>
        <Button data-testid={`panel-retry-${name}`} onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}>
          {t('panel.retry')}
        </Button>
      </div>
    )
  }
}

/**
 * Keeps a failure inside one panel: the panel shows what happened, in the user's language, with a Retry that
 * mounts it again, while the rest of the page keeps working.
 */
export function PanelBoundary({ name, className, children }: { name: PanelName; className?: string; children: ReactNode }) {
  const t = useT()
  return (
    <Boundary name={name} t={t} className={className}>
      {children}
    </Boundary>
  )
}
