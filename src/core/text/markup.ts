/**
 * The wrapping a blog, an issue tracker or a chat adds around pasted terminal text: markdown fences (with info
 * strings and attributes such as ```bash {linenos=true}), Hugo/Jekyll highlight shortcodes, `<pre>`/`<code>` HTML
 * with entities, blockquote markers and a line wrapped in inline backticks. Fence-like lines are section
 * boundaries; the rest is peeled off the content, keeping track of how many characters were removed in front.
 */
export type MarkupLine = { kind: 'boundary' } | { kind: 'content'; text: string; offset: number }

const FENCE = /^\s*(?:`{3,}|~{3,})/
const SHORTCODE = /^\s*(?:\{\{[<%].*[>%]\}\}|\{%-?\s*(?:end)?(?:highlight|raw|endraw|codeblock|endcodeblock)\b.*%\})\s*$/
const TAGS = /<\/?(?:pre|code|span|div|p|br|samp|kbd|blockquote|figure|figcaption)\b[^>]{0,200}>/gi
const ENTITY = /&(?:lt|gt|amp|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g

export function hasHtml(text: string): boolean {
  // A 15 MB dump has no `<` at all: skip the regex scan then.
  return text.includes('<') && /<(?:pre|code)\b[^>]{0,200}>/i.test(text)
}

export function peelMarkup(line: string, html: boolean): MarkupLine {
  if (FENCE.test(line) || SHORTCODE.test(line)) return { kind: 'boundary' }
  let text = line
  let offset = 0
  if (html && text.includes('<')) {
    const hadPre = /<\/?pre\b/i.test(text)
    const lead = /^(?:\s*<[^>]{0,200}>)+/.exec(text)
    if (lead) {
      offset += lead[0].length
      text = text.slice(lead[0].length)
    }
    text = text.replace(TAGS, '')
    if (hadPre && text.trim() === '') return { kind: 'boundary' }
  }
  if (html && text.includes('&')) text = text.replace(ENTITY, decodeEntity)
  const quote = /^\s{0,3}(?:> ?)+/.exec(text)
  if (quote && !/^\s*>>/.test(text.slice(0, quote[0].length + 1))) {
    offset += quote[0].length
    text = text.slice(quote[0].length)
  }
  const inline = /^(\s*)`([^`]+)`\s*$/.exec(text)
  if (inline) {
    offset += (inline[1] as string).length + 1
    text = inline[2] as string
  }
  return { kind: 'content', text, offset }
}

function decodeEntity(e: string): string {
  switch (e) {
    case '&lt;':
      return '<'
    case '&gt;':
      return '>'
    case '&amp;':
      return '&'
    case '&quot;':
      return '"'
    case '&apos;':
      return "'"
    case '&nbsp;':
      return ' '
  }
  const code = e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : e
}
