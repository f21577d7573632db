import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppStore } from '../create-app-store.ts'
import { MAX_SAVED_CHARS, readSavedInput, startPersistence } from './persistence.ts'

/** A Storage with a quota in characters, as browsers count it, that throws QuotaExceededError past it. */
class QuotaStorage implements Storage {
  private readonly data = new Map<string, string>()
  writes = 0
  private readonly quota: number
  constructor(quota: number) {
    this.quota = quota
  }
  get length() {
    return this.data.size
  }
  clear() {
    this.data.clear()
  }
  getItem(key: string) {
    return this.data.get(key) ?? null
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null
  }
  removeItem(key: string) {
    this.data.delete(key)
  }
  setItem(key: string, value: string) {
    this.writes++
    const used = [...this.data].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0)
    if (used + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.data.set(key, value)
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the input is kept locally', () => {
  it('saves as the user types (debounced), and at once when the page is hidden', () => {
    const storage = new QuotaStorage(1_000_000)
    const events = new EventTarget()
    const store = createAppStore()
    const stop = startPersistence(store, { storage, events })
    store.getState().setText('-A OUTPUT -j ACCEPT')
    expect(readSavedInput(storage)).toBeNull()
    vi.advanceTimersByTime(400)
    expect(readSavedInput(storage)).toEqual({ text: '-A OUTPUT -j ACCEPT' })
    store.getState().setText('-A OUTPUT -j DROP')
    events.dispatchEvent(new Event('pagehide'))
    expect(readSavedInput(storage)).toEqual({ text: '-A OUTPUT -j DROP' })
    stop()
  })

  it('says so when the storage is full, keeps working, and clears the notice once a save succeeds again', () => {
    const storage = new QuotaStorage(10_000)
    const store = createAppStore()
    const stop = startPersistence(store, { storage, events: null })
    store.getState().setText('x'.repeat(20_000))
    expect(() => vi.advanceTimersByTime(400)).not.toThrow()
    expect(store.getState().notice).toEqual({ key: 'notice.inputNotKept', detail: '20 KB' })
    expect(store.getState().text).toHaveLength(20_000)
    store.getState().setText('small again')
    vi.advanceTimersByTime(400)
    expect(store.getState().notice).toBeNull()
    expect(readSavedInput(storage)).toEqual({ text: 'small again' })
    stop()
  })

  it('does not even try to write an input past MAX_SAVED_CHARS (a 20 MB paste), and says why', () => {
    const storage = new QuotaStorage(100_000_000)
    const store = createAppStore()
    const stop = startPersistence(store, { storage, events: null })
    store.getState().setText('-A OUTPUT -j ACCEPT\n'.repeat(Math.ceil((MAX_SAVED_CHARS + 1) / 20)))
    vi.advanceTimersByTime(400)
    expect(storage.writes).toBe(0)
    expect(store.getState().notice).toEqual({ key: 'notice.inputNotKept', detail: '3.8 MB' })
    stop()
  })

  it('with storage refused altogether (private mode), the page still works and says so', () => {
    const refusing = new QuotaStorage(0)
    const store = createAppStore()
    const stop = startPersistence(store, { storage: refusing, events: null })
    store.getState().setText('a')
    vi.advanceTimersByTime(400)
    expect(store.getState().notice?.key).toBe('notice.inputNotKept')
    expect(readSavedInput(null)).toBeNull()
    stop()
  })
})
