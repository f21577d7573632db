/** 2701 → 2,701; 162000 → 162K; keeps rows narrow while staying readable. */
export function formatCount(n: number): string {
  if (n >= 10_000_000) return `${Math.round(n / 1_000_000)}M`
  if (n >= 100_000) return `${Math.round(n / 1000)}K`
  return n.toLocaleString('en-US')
}
