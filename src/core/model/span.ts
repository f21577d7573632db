/** A range in the user's input text. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}
