import type { AppStore } from '../create-app-store.ts'
import type { Page } from '../version-slice.ts'

const REFERENCE = '#reference'

/** `#reference` and `#reference/<role>` open the rule reference; anything else is the explorer. */
export function pageOfHash(hash: string): { page: Page; role: string | null } {
  if (hash !== REFERENCE && !hash.startsWith(`${REFERENCE}/`)) return { page: 'explorer', role: null }
  const role = decodeURIComponent(hash.slice(REFERENCE.length + 1))
  return { page: 'reference', role: /^[a-z0-9.-]{1,64}$/.test(role) ? role : null }
}

export function hashOfPage(page: Page, role: string | null): string {
  return page === 'reference' ? `${REFERENCE}${role ? `/${role}` : ''}` : ''
}

/**
 * Keeps the page in the address bar, so the rule reference (and a role in it) has a link of its own and the
 * browser's Back returns to the explorer.
 */
export function startRoute(store: AppStore): () => void {
  const fromHash = () => {
    const { page, role } = pageOfHash(location.hash)
    const s = store.getState()
    if (page !== s.page || (page === 'reference' && role !== s.referenceRole)) s.setPage(page, role)
  }
  fromHash()
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.page === prev.page && s.referenceRole === prev.referenceRole) return
    const wanted = hashOfPage(s.page, s.referenceRole)
    const current = pageOfHash(location.hash).page === 'reference' ? location.hash : ''
    if (wanted === current) return
    // Leaving the reference drops its fragment; a permalink of the explorer is not touched.
    if (s.page === 'explorer' && current === '') return
    const url = `${location.pathname}${location.search}${wanted}`
    if (s.page !== prev.page) history.pushState(null, '', url)
    else history.replaceState(null, '', url)
  })
  window.addEventListener('hashchange', fromHash)
  window.addEventListener('popstate', fromHash)
  return () => {
    unsubscribe()
    window.removeEventListener('hashchange', fromHash)
    window.removeEventListener('popstate', fromHash)
  }
}
