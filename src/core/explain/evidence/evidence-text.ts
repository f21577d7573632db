import type { Lang } from '../types.ts'
import { ORACLE_KERNEL, claimById, type KernelClaim } from './claims.ts'

const FIXTURES = 'src/fixtures/explain/oracle'

/** Where a claim was checked, in words: the kernel, and each recorded profile with its packets. */
export function evidenceText(claim: KernelClaim, lang: Lang): string {
  const packets = claim.packets.includes('*')
    ? lang === 'en'
      ? 'every recorded packet'
      : '全部已记录的包'
    : claim.packets.map((p) => `“${p}”`).join(lang === 'en' ? ', ' : '、')
  const where = claim.profiles.map((p) => `${FIXTURES}/${p}.expected.json`).join(lang === 'en' ? ', ' : '、')
  return lang === 'en'
    ? `Kernel-checked with kernel-oracle (${ORACLE_KERNEL}): ${packets} in ${where}.`
    : `已用 kernel-oracle 在真实内核上验证（${ORACLE_KERNEL}）：${where} 中的 ${packets}。`
}

/** A short mark for a cited sentence. */
export function citeMark(id: string, lang: Lang): string {
  const claim = claimById(id)
  if (!claim) return ''
  const first = claim.profiles[0] ?? ''
  return lang === 'en' ? ` (kernel-checked: ${first}, claim ${id})` : `（已在内核上验证：${first}，claim ${id}）`
}
