import { cn } from './cn.ts'

/** ①–⑨ drawn as a filled circle with the digit, so it renders in any font. */
export function RuleBadge({ n, className, title }: { n: number; className?: string; title?: string }) {
  return (
    <span
      title={title}
      aria-label={title}
      className={cn(
        'inline-flex h-[16px] w-[16px] shrink-0 items-center justify-center rounded-full bg-fuchsia-700 font-sans text-[10px] leading-none font-bold text-white dark:bg-fuchsia-500 dark:text-slate-950',
        className,
      )}
    >
      {n}
    </span>
  )
}
