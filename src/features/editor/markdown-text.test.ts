import { describe, expect, it } from 'vitest'
import { markdownText } from './markdown-text.ts'

describe('hover text', () => {
  it('escapes everything markdown or HTML would act on, and nothing else', () => {
    expect(markdownText('-m comment --comment "<img src=x onerror=alert(1)>"')).toBe('\\-m comment \\-\\-comment "&lt;img src=x onerror=alert\\(1\\)&gt;"')
    expect(markdownText('[x](javascript:alert(1)) **b** `c` # h & <script>')).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*\\*b\\*\\* \\`c\\` \\# h &amp; &lt;script&gt;',
    )
    expect(markdownText('Envoy 出站 15001 捕获')).toBe('Envoy 出站 15001 捕获')
  })
})
