import { useCallback } from 'react'
import { useAppStore } from './app-store-context.tsx'
import { translate, type MessageKey } from '../i18n/messages.ts'

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function useT(): Translate {
  const language = useAppStore((s) => s.language)
  return useCallback((key, params) => translate(language, key, params), [language])
}
