import type { Command } from '../command.ts'
import { parseCommand } from './parse.ts'
import { generateCommand } from './generate.ts'
import { versionsCommand } from './versions.ts'

/** Every CLI command, in the order `cli --help` lists them. */
export const commands: readonly Command[] = [parseCommand, generateCommand, versionsCommand]
