/**
 * iptables-save's xtables_save_string(): a value made only of letters, digits, `_` and `-` is printed bare;
 * anything else (including the empty string) goes in double quotes with `"`, `\` and `'` backslash-escaped.
 * Used for `--comment`, `--log-prefix`, `--nflog-prefix`.
 */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value
  return `"${value.replace(/["\\']/g, '\\$&')}"`
}

/**
 * An argument the parser did not model, printed so that iptables-restore reads it back as the same word:
 * bare unless it is empty or holds blanks, a double quote, or starts with `#`.
 */
export function restoreWord(value: string): string {
  if (value !== '' && !/[\s"]/.test(value) && !value.startsWith('#')) return value
  return `"${value.replace(/["\\]/g, '\\$&')}"`
}
