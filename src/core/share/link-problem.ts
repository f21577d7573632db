import type { Diagnostic } from '../model/diagnostic.ts'

/** Why a link could not be opened, in the few kinds a person needs told apart (the UI words each in both languages). */
export type LinkProblem = 'unknown' | 'newer' | 'damaged' | 'too-big' | 'too-long' | 'refused'

/** The kind of a decoder diagnostic, and the detail worth showing with it (a version, a length). */
export function linkProblem(d: Diagnostic | undefined): { problem: LinkProblem; detail: string } {
  switch (d?.code) {
    case 'SHR001':
      return { problem: 'unknown', detail: '' }
    case 'SHR002':
      return { problem: 'newer', detail: /format (v\d+)/.exec(d.message)?.[1] ?? '' }
    case 'SHR006':
      // The same code covers a stream that does not inflate and one that inflates past the cap.
      return /expands to more than/.test(d.message) ? { problem: 'too-big', detail: '' } : { problem: 'damaged', detail: '' }
    case 'SHR008':
      return { problem: 'refused', detail: '' }
    case 'SHR009':
      return { problem: 'too-long', detail: /is (\d+) characters/.exec(d.message)?.[1] ?? '' }
    default:
      return { problem: 'damaged', detail: '' }
  }
}
