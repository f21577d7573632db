import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from './messages.ts'

const src = join(import.meta.dirname, '..')
const subset = new Set(readFileSync(join(import.meta.dirname, 'cjk-subset-chars.txt'), 'utf8').trim())
/** The blocks the bundled font's unicode-range covers (src/index.css, src/scripts/build-cjk-font.mjs). */
const CJK = /[\u2460-\u2473\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu
const SKIP = [/\.test\.tsx?$/, /[\\/]fixtures[\\/]/, /[\\/]scripts[\\/]/, /[\\/]share[\\/]dictionaries[\\/]/, /[\\/]share[\\/]golden[\\/]/, /cjk-subset-chars\.txt$/]

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files(path, out)
    else if (/\.(ts|tsx|txt|json)$/.test(name) && !SKIP.some((re) => re.test(path))) out.push(path)
  }
  return out
}

function missing(text: string): string[] {
  return [...new Set([...text.matchAll(CJK)].map((m) => m[0]))].filter((c) => !subset.has(c))
}

describe('bundled Chinese font', () => {
  it('has a glyph for every CJK character of the zh UI strings', () => {
    for (const [key, text] of Object.entries(MESSAGES.zh)) expect(missing(text), key).toEqual([])
  })

  it('has a glyph for every CJK character in the sources the app displays (run node src/scripts/build-cjk-font.mjs)', () => {
    const gaps: Record<string, string> = {}
    for (const file of files(src)) {
      const m = missing(readFileSync(file, 'utf8'))
      if (m.length) gaps[file.slice(src.length + 1)] = m.join('')
    }
    expect(gaps).toEqual({})
  })
})
