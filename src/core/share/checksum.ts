/** 32-bit FNV-1a: a cheap fingerprint that tells whether a dictionary text is the one a link was made with. */
export function fnv1a32(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
