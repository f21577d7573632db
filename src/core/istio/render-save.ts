import type { WithDiagnostics } from '../model/diagnostic.ts'
import type { Family } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { printSave } from '../print/print-save.ts'

/**
 * The state the kernel holds after `iptables-restore --noflush` of a rules file into empty tables, as iptables-save
 * prints it: the rules file read by the paste parser and written by the canonical printer.
 */
export function renderSave(restoreText: string, family: Family): WithDiagnostics<string> {
  if (restoreText === '') return { value: '', diagnostics: [] }
  // The parser cannot tell an IPv6 rules file without addresses from an IPv4 one; the caller knows the family.
  const { value, diagnostics } = parseInput(restoreText)
  const ruleset = value.rulesets[family] ?? value.rulesets[family === 4 ? 6 : 4]
  return { value: ruleset ? printSave({ ...ruleset, family }) : '', diagnostics }
}
