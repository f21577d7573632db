/**
 * Splits a shell-like command line into words the way a POSIX shell would for simple commands:
 * single quotes are literal, double quotes allow `\"` `\\` `\$` escapes, a backslash outside quotes escapes the next
 * character. Each word keeps the column where it started so diagnostics can point at it.
 * Unterminated quotes do not throw: the word runs to the end and `unterminated` is set.
 */
export interface ShellWord {
  text: string
  /** 0-based offset of the word's first character in the input. */
  start: number
  /** 0-based offset just past the word's last character. */
  end: number
  /** True when any part of the word was quoted (`""` is an empty word, not no word). */
  quoted: boolean
}

export interface ShellSplit {
  words: ShellWord[]
  unterminated: boolean
}

export function splitShellWords(input: string): ShellSplit {
  const words: ShellWord[] = []
  let i = 0
  let unterminated = false
  const n = input.length
  while (i < n) {
    while (i < n && isBlank(input.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    let text = ''
    let quoted = false
    while (i < n && !isBlank(input.charCodeAt(i))) {
      const c = input[i] as string
      if (c === "'") {
        quoted = true
        const close = input.indexOf("'", i + 1)
        if (close < 0) {
          text += input.slice(i + 1)
          i = n
          unterminated = true
          break
        }
        text += input.slice(i + 1, close)
        i = close + 1
      } else if (c === '"') {
        quoted = true
        i++
        let closed = false
        while (i < n) {
          const d = input[i] as string
          if (d === '"') {
            closed = true
            i++
            break
          }
          if (d === '\\' && i + 1 < n && '"\\$`'.includes(input[i + 1] as string)) {
            text += input[i + 1]
            i += 2
            continue
          }
          text += d
          i++
        }
        if (!closed) unterminated = true
      } else if (c === '\\' && i + 1 < n) {
        text += input[i + 1]
        i += 2
      } else {
        text += c
        i++
      }
    }
    words.push({ text, start, end: i, quoted })
  }
  return { words, unterminated }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9
}
