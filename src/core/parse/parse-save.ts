import type { WithDiagnostics } from '../model/diagnostic.ts'
import type { ParsedInput } from '../model/input.ts'
import { parseInput } from './parse-input.ts'

/** Kept for callers written against the first slice; every form is read by `parseInput` now. */
export function parseSave(text: string): WithDiagnostics<ParsedInput> {
  return parseInput(text)
}
