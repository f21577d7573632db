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
  [/uid of user (\S+)/g, '用户 $1 的 uid'],
  [/, plus root \(",0"\)/g, '，另加 root（",0"）'],
  [/no interface addresses given: IPv4-only host assumed/g, '未给出网卡地址：按仅 IPv4 的主机处理'],
  [/no usable interface address \(the tool aborts\)/g, '没有可用的网卡地址（工具会中止）'],
  [/dual stack: the host has the IPv6 address /g, '双栈：主机有 IPv6 地址 '],
  [/dual stack: the host has no usable IPv6 address/g, '双栈：主机没有可用的 IPv6 地址'],
  [/first usable interface address (\S+) is (IPv\d)/g, '第一个可用的网卡地址 $1 是 $2'],
  [/resolv\.conf nameservers /g, 'resolv.conf 的 nameserver '],
  [/resolv\.conf not read \(DNS capture off\)/g, '未读取 resolv.conf（DNS 捕获关闭）'],
  [/^read from the rules$/, '从规则中读出'],
  [/^form$/, '表单'],
  [/, default of (\S+)/g, '，作为 $1 的默认值'],
  [/, overrides (\S+)/g, '，覆盖 $1'],
]

/** Where a configuration value came from (the generator words it in English), in the user's language. */
export function localizeOrigin(origin: string, language: Language): string {
  if (language === 'en') return origin
  // An origin quotes the section it was read from (`flag -u (istio-iptables command line:1)`): that label too.
  return localizeSectionLabel(ORIGIN_ZH.reduce((text, [pattern, zh]) => text.replace(pattern, zh), origin), language)
}
