import { RESULT_MARKER } from './protocol.ts'
import { measureAnnotate } from './task-annotate.ts'
import { measureGarbage } from './task-garbage.ts'
import { measureGenerate } from './task-generate.ts'
import { writeInputs } from './task-inputs.ts'
import { measureMemory } from './task-memory.ts'
import { measureParse } from './task-parse.ts'
import { measureLinks } from './task-permalink.ts'
import { measurePrint } from './task-print.ts'
import { measureSimulate } from './task-simulate.ts'

/**
 * The bench's Node side, bundled with the core into one production ESM file (build-runner.ts) and run as
 * `node runner.mjs <task> '<json args>'`, one task per process, so no task's garbage or JIT state reaches another.
 */
const TASKS: Record<string, (args: never) => unknown> = {
  inputs: writeInputs,
  parse: measureParse,
  garbage: measureGarbage,
  print: measurePrint,
  annotate: measureAnnotate,
  simulate: measureSimulate,
  generate: measureGenerate,
  memory: measureMemory,
  links: measureLinks,
}

async function main(): Promise<void> {
  const [name = '', json = '{}'] = process.argv.slice(2)
  const task = TASKS[name]
  if (!task) throw new Error(`unknown task "${name}"; one of ${Object.keys(TASKS).join(', ')}`)
  const result = await task(JSON.parse(json) as never)
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
})
