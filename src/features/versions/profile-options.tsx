import type { ProfileView } from '../../core/graph/config-view.ts'
import { useT } from '../../store/use-t.ts'
import { profileLabel, profileValue } from './version-names.ts'

/** The `<option>`s of every profile selector, so all of them name and key profiles the same way. */
export function ProfileOptions({ profiles }: { profiles: readonly ProfileView[] }) {
  const t = useT()
  return profiles.map((p) => (
    <option key={p.name} value={profileValue(p)}>
      {profileLabel(p, t)}
    </option>
  ))
}
