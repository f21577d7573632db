import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import { STANDARD_TARGETS, type Ruleset } from '../model/ruleset.ts'
import { CODES } from './codes.ts'
import { targetSpec } from './extensions/registry.ts'

/**
 * Jumps to a chain the table does not have: iptables-restore refuses them ("Chain 'X' does not exist"), and in a
 * paste they usually mean a dump or listing was cut, so they are worth a warning on the rule.
 */
export function checkJumps(ruleset: Ruleset, diagnostics: Diagnostic[]): void {
  for (const table of ruleset.tables) {
    const names = new Set(table.chains.map((c) => c.name))
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const t = rule.target
        if (!t || names.has(t.name) || STANDARD_TARGETS.has(t.name) || targetSpec(t.name) || !t.known) continue
        diagnostics.push(
          diagnostic(
            CODES.undeclaredChain,
            'warning',
            `${t.kind === 'goto' ? '-g' : '-j'} ${t.name}: no such chain in the ${table.name} table, and not a target the parser knows`,
            rule.span?.line ?? 1,
            rule.span?.column ?? 1,
          ),
        )
      }
    }
  }
}
