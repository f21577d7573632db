import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import { CODES } from './codes.ts'
import { ListingCursor } from './listing-cursor.ts'
import { MATCH_DECODERS } from './listing-matches.ts'
import { decodeTarget } from './listing-targets.ts'
import type { DraftModule, DraftOption } from './rule-draft.ts'

/**
 * The free text after the address columns of a listing row: matches in rule order, then the target's own text.
 * Text no decoder recognises is kept verbatim as a match (or as the target's text when it comes last) and reported.
 */
export interface DecodedText {
  modules: DraftModule[]
  targetOptions: DraftOption[]
  goto: boolean
  rename?: string
  targetVerbatim?: string
}

export function decodeListingText(text: string, column: number, target: string | null, diagnostics: Diagnostic[], line: number): DecodedText {
  const out: DecodedText = { modules: [], targetOptions: [], goto: false }
  const c = new ListingCursor(text)
  const opt = (name: string, args: string[], negated = false): DraftOption => ({ name, negated, args, column: column + c.pos })
  let unknownStart = -1
  let unknownEnd = -1
  let targetDone = false
  const flushUnknown = (asTarget: boolean) => {
    if (unknownStart < 0) return
    const verbatim = text.slice(unknownStart, unknownEnd).trim()
    if (asTarget && target && !targetDone) out.targetVerbatim = verbatim
    else out.modules.push({ name: '', implicit: false, options: [], column: column + unknownStart, verbatim })
    diagnostics.push(diagnostic(CODES.listingTextKept, 'warning', `listing text "${verbatim.slice(0, 60)}" is not understood; kept verbatim`, line, column + unknownStart))
    unknownStart = -1
  }
  while (!c.atEnd()) {
    const at = c.pos
    if (c.peek() === '[goto]') {
      c.next()
      out.goto = true
      continue
    }
    let matched = false
    for (const decode of MATCH_DECODERS) {
      const m = decode(c, opt)
      if (m) {
        flushUnknown(false)
        out.modules.push({ name: m.module, implicit: false, options: m.options, column: column + at })
        matched = true
        break
      }
    }
    if (matched) continue
    if (target && !targetDone) {
      const t = decodeTarget(target, c, opt)
      if (t) {
        flushUnknown(false)
        out.targetOptions.push(...t.options)
        if (t.rename) out.rename = t.rename
        targetDone = true
        continue
      }
    }
    const w = c.next()
    if (!w) break
    if (unknownStart < 0) unknownStart = w.start
    unknownEnd = w.end
  }
  flushUnknown(true)
  return out
}
