import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { toBase64Url } from './base64url.ts'
import { linkProblem } from './link-problem.ts'
import { decodeShareHash, encodeShareState, MAX_DECODED_BYTES, MAX_LINK_CHARS } from './share-codec.ts'

const problem = (hash: string) => linkProblem(decodeShareHash(hash).diagnostics[0])
const link = (meta: unknown) => '#v1.' + toBase64Url(new Uint8Array([0, ...deflateSync(new TextEncoder().encode(`${JSON.stringify(meta)}\nx`))]))

describe('why a link could not be opened', () => {
  it('tells the kinds apart, with the detail each message shows', () => {
    const good = encodeShareState({ input: { kind: 'text', text: '-A OUTPUT -j ACCEPT\n' }, language: 'en' }).hash
    expect(problem('#v1.!!garbage!!')).toEqual({ problem: 'damaged', detail: '' })
    expect(problem(good.slice(0, good.length - 5))).toEqual({ problem: 'damaged', detail: '' })
    expect(problem('#v7.' + good.slice(4))).toEqual({ problem: 'newer', detail: 'v7' })
    expect(problem('#v0.' + good.slice(4))).toEqual({ problem: 'unknown', detail: '' })
    expect(problem('#v1.' + 'A'.repeat(MAX_LINK_CHARS))).toEqual({ problem: 'too-long', detail: String(MAX_LINK_CHARS + 4) })
    expect(problem('#v1.' + toBase64Url(new Uint8Array([0, ...deflateSync(new Uint8Array(MAX_DECODED_BYTES + 1))])))).toEqual({ problem: 'too-big', detail: '' })
    expect(problem(link({ i: 't', l: 'xx' }))).toEqual({ problem: 'refused', detail: '' })
    expect(linkProblem(undefined)).toEqual({ problem: 'damaged', detail: '' })
  })
})
