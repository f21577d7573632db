import { UsageError, type CliIO } from './cli-io.ts'
import type { Command } from './command.ts'
import { commands } from './commands/index.ts'

function help(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length))
  return [
    'Usage: npm run --silent cli -- <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `cli <command> --help` for the options of a command.',
    '',
  ].join('\n')
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands))
    return name === undefined ? 2 : 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`unknown command "${name}"\n\n${help(commands)}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${e.message}\n\n${command.usage}`)
      return 2
    }
    throw e
  }
}
