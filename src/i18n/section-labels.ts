import type { Language } from './messages.ts'

/**
 * The parser names the sections it finds in English ("clean-up commands", "iptables-save (before)"); in Chinese the
 * words are translated and the technical names (iptables-save, Environment, Variables, journald) stay as they are.
 */
const ZH: readonly (readonly [RegExp, string])[] = [
  [/clean-up commands/g, '清理命令'],
  [/istio-iptables command line/g, 'istio-iptables 命令行'],
  [/istio-init args/g, 'istio-init 参数'],
  [/restore command/g, 'restore 命令'],
  [/iptables-restore input/g, 'iptables-restore 输入'],
  [/rules file/g, '规则文件'],
  [/env file/g, 'env 文件'],
  [/\bcommands\b/g, '命令'],
  [/\blog\b/g, '日志'],
  [/\(before\)/g, '（之前）'],
  [/\(after\)/g, '（之后）'],
]

export function localizeSectionLabel(label: string, language: Language): string {
  if (language === 'en') return label
  return ZH.reduce((text, [pattern, zh]) => text.replace(pattern, zh), label)
}

const ORIGIN_ZH: readonly (readonly [RegExp, string])[] = [
  [/^default$/, '默认值'],
  [/\bline (\d+)\b/g, '第 $1 行'],
  [/^host: /, '主机：'],
  [/^flag /, '参数 '],
  [/\(env file:(\d+)\)/g, '（env 文件第 $1 行）'],
  [/no user (\S+)/g, '没有用户 $1'],
  [/copy of /g, '取自 '],
]

/** Where a configuration value came from (the generator words it in English), in the user's language. */
export function localizeOrigin(origin: string, language: Language): string {
  if (language === 'en') return origin
  return ORIGIN_ZH.reduce((text, [pattern, zh]) => text.replace(pattern, zh), origin)
}
