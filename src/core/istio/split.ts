/**
 * The tool's split(): '' gives no items; otherwise cut at every comma and drop empty pieces. Nothing is trimmed,
 * so `80, 81` yields `80` and ` 81`, and the space reaches the rule text (spec §0).
 */
export function splitList(s: string): string[] {
  if (s === '') return []
  return s.split(',').filter((piece) => piece !== '')
}
