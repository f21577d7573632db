import type { Diagnostic, WithDiagnostics } from '../model/diagnostic.ts'
import type { Family } from '../model/ruleset.ts'
import { parseSave } from '../parse/parse-save.ts'
import { printSave } from '../print/print-save.ts'

/**
 * The state the kernel holds after `iptables-restore --noflush` of a rules file into empty tables, as iptables-save
 * prints it: the rules file read by the paste parser and written by the canonical printer.
 */
export function renderSave(restoreText: string, family: Family): WithDiagnostics<string> {
  if (restoreText === '') return { value: '', diagnostics: [] }
  const { value, diagnostics } = parseSave(restoreText)
  const ruleset = value.rulesets[family] ?? value.rulesets[4]
  const out: Diagnostic[] = diagnostics
  return { value: ruleset ? printSave({ ...ruleset, family }) : '', diagnostics: out }
}
