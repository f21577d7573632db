const AT_LATEST_MS = 1000

/**
 * Calls `fn` once what is committed now has been painted (two animation frames, then a task), and at the latest
 * after a second (a hidden tab has no frames; Node has none at all). Returns a cancel function. Work that is not on
 * screen yet (ELK, the presets, Monaco) starts only after the first graph is, so it does not compete with it for the
 * two CPUs a small machine has.
 */
export function afterPaint(fn: () => void): () => void {
  let done = false
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const once = () => {
    if (done) return
    done = true
    cancel()
    fn()
  }
  const latest = setTimeout(once, typeof requestAnimationFrame === 'function' ? AT_LATEST_MS : 0)
  if (typeof requestAnimationFrame === 'function') {
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(once)
      })
    })
  }
  function cancel(): void {
    done = true
    clearTimeout(latest)
    clearTimeout(timer)
    if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
  }
  return cancel
}
