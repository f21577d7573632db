import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DICTIONARY_IDS_V1, type DictionaryId } from '../../core/share/dictionaries.ts'
import { decodeShareHash, dictionaryOf, encodeShareState } from '../../core/share/share-codec.ts'

export interface LinkLengths {
  id: string
  /** The whole URL the app put in the address bar. */
  shipped: number
  /** The dictionary the app's encoder chose for it (null: none was shorter). */
  dictionary: DictionaryId | null
  /** The same URL with the same state compressed without any preset dictionary. */
  noDictionary: number
  /** The chosen dictionary holds the shared text verbatim: the link is short only because the text is the app's. */
  dictionaryHoldsText: boolean
  /** What the link carries: the input text, a configuration only, or a generator's parameters. */
  kind: 'text' | 'config' | 'generated'
}

/**
 * Decodes each link the app made and encodes the same state again without preset dictionaries: a dictionary holding
 * the very text being shared makes a link short only for that text, so both lengths are reported.
 */
export function measureLinks(args: { links: { id: string; url: string }[]; dictionaryDir: string }): LinkLengths[] {
  const texts = new Map(DICTIONARY_IDS_V1.map((id) => [id, readFileSync(join(args.dictionaryDir, `v1-${id}.txt`), 'utf8')]))
  const load = (id: DictionaryId): Uint8Array => new TextEncoder().encode(texts.get(id) ?? '')
  return args.links.map(({ id, url }) => {
    const at = url.indexOf('#')
    const hash = url.slice(at)
    const state = decodeShareHash(hash, load).value
    if (!state) throw new Error(`${id}: the app's link does not decode`)
    const plain = encodeShareState(state).hash
    const dictionary = dictionaryOf(hash)
    const body = state.input.kind === 'generated' ? '' : state.input.text.trim()
    const dictionaryHoldsText = dictionary !== null && body !== '' && (texts.get(dictionary) ?? '').includes(body)
    return { id, shipped: url.length, dictionary, noDictionary: at + plain.length, dictionaryHoldsText, kind: state.input.kind }
  })
}
