import type { Rule } from '../model/ruleset.ts'
import { printRule } from '../print/print-save.ts'

/** A rule's clauses and target as iptables-save prints them, without the leading `-A CHAIN`. */
export function printRuleBody(rule: Rule): string {
  return printRule('X', rule).slice('-A X '.length)
}
