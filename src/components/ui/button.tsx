import type { ButtonHTMLAttributes } from 'react'
import { cn } from './cn.ts'

type Variant = 'default' | 'primary' | 'ghost'

const VARIANTS: Record<Variant, string> = {
  default:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700',
  primary: 'border border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-600 dark:bg-sky-700 dark:hover:bg-sky-800',
  ghost: 'border border-transparent text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
}

export function Button({ variant = 'default', className, type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type={type}
      className={cn('inline-flex items-center gap-1 rounded px-2 py-1 text-[13px] leading-none whitespace-nowrap disabled:opacity-50', VARIANTS[variant], className)}
      {...rest}
    />
  )
}
