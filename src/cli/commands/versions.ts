import { parseArgs } from 'node:util'
import { listProfiles } from '../../core/istio/profiles.ts'
import type { CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: cli versions

Lists the Istio versions generate --profile accepts, oldest first, one line each: the profile, the release whose
behaviour it has, and what changed against the line before. Any other patch release is accepted too.
`

export const versionsCommand: Command = {
  name: 'versions',
  summary: 'list the Istio versions generate knows, with what changed in each',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    parseArgs({ args: argv, options: {} })
    const profiles = listProfiles()
    const width = Math.max(...profiles.map((p) => p.name.length))
    const release = Math.max(...profiles.map((p) => p.release.length))
    for (const p of profiles) io.out(`${p.name.padEnd(width)}  ${p.release.padEnd(release)}  ${p.changes}\n`)
    return 0
  },
}
