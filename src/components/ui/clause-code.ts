/**
 * Width of a clause's code cell in a clause-by-clause table: short clauses keep one line and leave the meaning the
 * room, a long target (`-j TPROXY --on-port … --tproxy-mark …`) wraps at its spaces instead of squeezing the meaning.
 */
export function clauseCodeClass(code: string): string {
  return code.length > 32 ? 'w-[40%] min-w-[9rem] break-words' : 'w-[1%] whitespace-nowrap'
}
