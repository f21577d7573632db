import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Text from a paste or a link (rule comments, chain names, env values) is only ever rendered as text: React text
 * nodes and attributes, never HTML. This keeps it that way: no source of the app may write HTML, run strings as
 * code, or let Monaco render trusted markdown or HTML, and the one markdown sink (the editor hover) escapes.
 */
const src = join(import.meta.dirname, '..')
const SINKS: [RegExp, string][] = [
  [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
  [/\.(inner|outer)HTML\s*=/, 'innerHTML/outerHTML assignment'],
  [/insertAdjacentHTML|document\.write\(/, 'HTML insertion'],
  [/createContextualFragment|DOMParser/, 'HTML parsing'],
  [/\bnew Function\(|[^.\w]eval\(|setTimeout\(\s*['"`]/, 'strings run as code'],
  [/isTrusted:\s*true|supportHtml:\s*true/, 'trusted markdown or HTML in Monaco'],
  [/href=\{[^}]*(text|comment|chain|value)/i, 'a link target built from user text'],
]

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== 'fixtures' && name !== 'scripts') sources(path, out)
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path)
  }
  return out
}

describe('user text is rendered as text only', () => {
  it('no source writes HTML, runs strings as code, or trusts markdown', () => {
    const files = sources(src)
    expect(files.length).toBeGreaterThan(100)
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return SINKS.filter(([re]) => re.test(text)).map(([, what]) => `${relative(src, file)}: ${what}`)
    })
    expect(found).toEqual([])
  })

  it('the editor hover, which renders markdown, escapes what it shows', () => {
    const editor = readFileSync(join(src, 'features', 'editor', 'source-editor.tsx'), 'utf8')
    const hovers = [...editor.matchAll(/contents:\s*\[([^\]]*)\]/g)].map((m) => m[1])
    expect(hovers.length).toBeGreaterThan(0)
    for (const h of hovers) expect(h).toMatch(/value:\s*markdownText\(/)
  })
})
