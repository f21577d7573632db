import * as z from 'zod/mini'

/**
 * Wire schema of the version-1 link metadata. Keys are one letter because every character counts in a URL; the
 * mapping to {@link ShareState} lives in share-codec.ts. Every field is bounded so that a hostile link cannot make the
 * app allocate without limit.
 */
const name = z.string().check(z.maxLength(256))
const address = z.string().check(z.maxLength(64))
const port = z.number().check(z.int(), z.minimum(0), z.maximum(65535))
/** Config field names are Go identifiers; anything else (`__proto__`, `constructor`…) is refused. */
const fieldName = z.string().check(z.regex(/^[A-Z][A-Za-z0-9]{0,63}$/))
const id = z.number().check(z.int(), z.minimum(0), z.maximum(4294967295))

export const packetWireV1 = z.strictObject({
  d: z.enum(['o', 'i']),
  p: z.enum(['tcp', 'udp']),
  s: z.optional(address),
  t: z.optional(address),
  sp: z.optional(port),
  dp: port,
  u: z.optional(id),
  g: z.optional(id),
  n: z.optional(z.string().check(z.maxLength(32))),
})

export const metaWireV1 = z.strictObject({
  /** Input kind: text, config or generated. */
  i: z.enum(['t', 'c', 'g']),
  /** Generator parameters for kind g: [generator, services, seed]. */
  g: z.optional(z.tuple([z.literal('kube-proxy'), z.number().check(z.int(), z.minimum(1), z.maximum(20000)), z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 31))])),
  l: z.enum(['en', 'zh']),
  f: z.optional(z.union([z.literal(4), z.literal(6)])),
  o: z.optional(z.string().check(z.maxLength(32))),
  /** Compared profile. */
  c: z.optional(z.string().check(z.maxLength(32))),
  /** Regenerate the paste's rules (1). */
  v: z.optional(z.literal(1)),
  /** Configuration overrides: [field, value] pairs. */
  x: z.optional(z.array(z.tuple([fieldName, z.string().check(z.maxLength(4096))])).check(z.maxLength(128))),
  e: z.optional(z.string().check(z.maxLength(64))),
  r: z.optional(z.tuple([z.enum(['raw', 'mangle', 'nat', 'filter', 'security']), name, z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))])),
  p: z.optional(z.string().check(z.maxLength(64))),
  k: z.optional(packetWireV1),
  s: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000))),
})

export type MetaWireV1 = z.infer<typeof metaWireV1>
export type PacketWireV1 = z.infer<typeof packetWireV1>
