import type { Command } from '../command.ts'
import { parseCommand } from './parse.ts'

/** Every CLI command, in the order `cli --help` lists them. */
export const commands: readonly Command[] = [parseCommand]
