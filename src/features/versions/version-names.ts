import type { ProfileView } from '../../core/graph/config-view.ts'
import type { Translate } from '../../store/use-t.ts'

/** A profile as people name it: `1.9.4`, `1.13 (1.13.9)`, `1.25+ (latest)`. */
export function profileLabel(p: ProfileView, t: Translate): string {
  if (p.name === 'latest') return t('versions.latest')
  return p.name === p.release ? p.release : `${p.name} (${p.release})`
}

/** The listed profile a name refers to: the selector's value is its release, links may carry the minor. */
export function findProfile(profiles: readonly ProfileView[], name: string | null | undefined): ProfileView | undefined {
  if (!name) return undefined
  return profiles.find((p) => p.release === name) ?? profiles.find((p) => p.name === name)
}

/** The value a selector uses for a profile. */
export function profileValue(p: ProfileView): string {
  return p.name === 'latest' ? 'latest' : p.release
}

/** Text of an Istio pull request as people cite it; the app makes no request, the user may open it. */
export function prText(pr: number): string {
  return `istio/istio#${pr}`
}

export function prUrl(pr: number): string {
  return `https://github.com/istio/istio/pull/${pr}`
}
