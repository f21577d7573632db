// Regenerates the bundled Chinese font: every CJK character the app can display (zh UI strings, examples,
// explanation and simulator texts) is collected from the sources, and Noto Sans CJK SC (SIL OFL 1.1) is cut down to
// exactly those glyphs as woff2. Headless browsers without CJK fonts then still render Chinese, from our origin only.
//   node src/scripts/build-cjk-font.mjs        (needs Debian's fonts-noto-cjk, python3-fonttools, python3-brotli)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CHARS_FILE = join(root, 'src', 'i18n', 'cjk-subset-chars.txt')
const FONT_FILE = join(root, 'public', 'fonts', 'noto-sans-sc-subset.woff2')
const SOURCE_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const SC_INDEX = 2
/** The blocks the @font-face unicode-range covers; keep in sync with src/index.css. */
export const CJK = /[\u2460-\u2473\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu
const SKIP = [/\.test\.tsx?$/, /[\\/]fixtures[\\/]/, /[\\/]scripts[\\/]/, /[\\/]share[\\/]dictionaries[\\/]/, /[\\/]share[\\/]golden[\\/]/]

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (/\.(ts|tsx|txt|json)$/.test(name) && !SKIP.some((re) => re.test(path)) && path !== CHARS_FILE) out.push(path)
  }
  return out
}

export function collectChars() {
  const chars = new Set()
  for (const file of walk(join(root, 'src'), [])) for (const m of readFileSync(file, 'utf8').matchAll(CJK)) chars.add(m[0])
  return [...chars].sort()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(SOURCE_FONT)) {
    process.stderr.write(`${SOURCE_FONT} not found: apt-get install -y fonts-noto-cjk python3-fonttools python3-brotli\n`)
    process.exit(2)
  }
  const chars = collectChars()
  writeFileSync(CHARS_FILE, chars.join('') + '\n')
  const tmp = mkdtempSync(join(tmpdir(), 'cjk-'))
  const textFile = join(tmp, 'chars.txt')
  writeFileSync(textFile, chars.join(''))
  execFileSync('/usr/bin/python3', [
    '-m', 'fontTools.subset', SOURCE_FONT, `--font-number=${SC_INDEX}`, `--text-file=${textFile}`,
    '--flavor=woff2', `--output-file=${FONT_FILE}`, '--layout-features=*', '--no-hinting', '--desubroutinize',
    '--name-IDs=*', '--name-legacy', '--name-languages=*',
  ], { stdio: 'inherit' })
  const size = statSync(FONT_FILE).size
  process.stdout.write(`${chars.length} characters → ${relative(root, FONT_FILE)} (${(size / 1024).toFixed(1)} KiB)\n`)
}
