import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadCorpus, loadSeedCase, runCase, type CorpusFiles } from '../../fixtures/istio/corpus-case.ts'
import { renderSave } from './render-save.ts'
import { renderRestore } from './render.ts'

const corpusDir = new URL('../../fixtures/istio/corpus/', import.meta.url)
const corpusFiles: CorpusFiles = {
  folders: () => readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name),
  files: (folder) => readdirSync(new URL(`${folder}/`, corpusDir)),
  read: (path) => readFileSync(new URL(path, corpusDir), 'utf8'),
}

const recorded = JSON.parse(readFileSync(new URL('../../fixtures/istio/save-goldens.json', import.meta.url), 'utf8')) as {
  goldens: Record<string, string>
  rejected: Record<string, string>
}

const key = (family: 4 | 6, restore: string): string => `${family}:${createHash('sha256').update(restore).digest('hex')}`

/** Every non-empty rules file of the whole-run cases and the seed. */
const files = [...loadCorpus(corpusFiles).filter((c) => c.wholeRun), loadSeedCase(corpusFiles)].flatMap((c) =>
  ([4, 6] as const).map((family) => {
    const restore = renderRestore(runCase(c).value.rules, family)
    return { c, family, restore, key: key(family, restore) }
  }),
).filter((f) => f.restore !== '')

describe('save: what the kernel prints after restoring the generated rules file (goldens recorded with canonical-save.sh)', () => {
  for (const f of files.filter((x) => !(x.key in recorded.rejected))) {
    it(`${f.c.file} IPv${f.family}`, () => {
      expect(recorded.goldens[f.key], 'no kernel golden for this rules file: re-record with src/fixtures/istio/record-save-goldens.mts').toBeDefined()
      const { value, diagnostics } = renderSave(f.restore, f.family)
      expect(diagnostics).toEqual([])
      expect(value).toBe(recorded.goldens[f.key])
    })
  }
  for (const f of files.filter((x) => x.key in recorded.rejected)) {
    it(`${f.c.file} IPv${f.family}: the kernel refuses it on a host without the named groups, as recorded`, () => {
      expect(recorded.rejected[f.key]).toMatch(/Bad value for "--gid-owner"/)
    })
  }
})
