import type { EngineFault } from '../worker/engine-fault.ts'

/**
 * Test-only fault switches read from the page address, e.g. `?fault=engine-crash` or `?fault=panel-graph`: the
 * end-to-end tests use them to kill the engine worker mid-parse and to make one panel fail, since no input does
 * either. Harmless: a switch only affects the tab whose address asks for it, and Share leaves it out of links.
 */
const requested = new Set(typeof location === 'undefined' ? [] : new URLSearchParams(location.search).getAll('fault'))

export function engineFault(): EngineFault | null {
  for (const fault of ['crash', 'hang', 'throw'] as const) if (requested.has(`engine-${fault}`)) return fault
  return null
}

/** Whether the address asks this panel to fail (its boundary lets it fail once; Retry renders it normally). */
export function panelFault(panel: string): boolean {
  return requested.has(`panel-${panel}`)
}
