import type { Command } from '../command.ts'
import { parseCommand } from './parse.ts'
import { generateCommand } from './generate.ts'
import { versionsCommand } from './versions.ts'
import { simulateCommand } from './simulate.ts'
import { explainCommand } from './explain.ts'

/** Every CLI command, in the order `cli --help` lists them. */
export const commands: readonly Command[] = [parseCommand, generateCommand, versionsCommand, simulateCommand, explainCommand]
