import type { AppStore } from '../create-app-store.ts'

const STEP_MS = 900

/** Plays the trace step by step while `playing`; stops at the last step. */
export function startPlayback(store: AppStore): () => void {
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    clearInterval(timer)
    timer = undefined
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.playing === prev.playing) return
    stop()
    if (!s.playing) return
    const last = (store.getState().simulation?.steps.length ?? 0) - 1
    if (store.getState().step >= last) store.setState({ step: 0 })
    timer = setInterval(() => {
      const { step, simulation } = store.getState()
      const end = (simulation?.steps.length ?? 0) - 1
      if (step >= end) store.setState({ playing: false })
      else store.setState({ step: step + 1 })
    }, STEP_MS)
  })
  return () => {
    stop()
    unsubscribe()
  }
}
