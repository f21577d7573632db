/** Splits text into lines on LF, CRLF or lone CR, without the terminators. A trailing newline gives no extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}
