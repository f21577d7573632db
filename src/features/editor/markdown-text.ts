/**
 * Text for Monaco's hover, which renders markdown: every character markdown or HTML could act on is escaped, so
 * a rule comment like `<img src=x onerror=…>` or `[x](javascript:…)` shows as the characters it is. (Monaco also
 * sanitises, with isTrusted and supportHtml off; this keeps user text from being formatted at all.)
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
}
