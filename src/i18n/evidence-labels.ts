import type { Language } from './messages.ts'

/**
 * Version detection words its clues in English (src/core/istio/detect-from-log.ts, detect-from-ruleset.ts); in
 * Chinese the sentence is translated and the quoted log text, chain names and flags stay as they are.
 */
const ZH: readonly (readonly [RegExp, string])[] = [
  [/^ISTIO_META_ISTIO_VERSION names (\S+) \(istio-start\.sh keeps the minor's first tag\)$/, 'ISTIO_META_ISTIO_VERSION 写的是 $1（istio-start.sh 保留该 minor 的第一个 tag）'],
  [/^image or binary tag (\S+)$/, '镜像或程序的 tag $1'],
  [/^image or binary (\S+)$/, '镜像或程序版本 $1'],
  [/^an istio-(\S+) directory$/, 'istio-$1 目录'],
  [/^the Environment block lists (\d+) variables \((.*) last\)$/, 'Environment 段列出 $1 个变量（最后是 $2）'],
  [/^plain "Environment:" block \(before the structured log of 1\.11\)$/, '普通的 "Environment:" 段（1.11 的结构化日志之前）'],
  [/^"Istio iptables environment:" block$/, '"Istio iptables environment:" 段'],
  [/^the Variables block lists (\d+) labels, with (\S+), with (\S+)$/, 'Variables 段列出 $1 个标签，含 $2，含 $3'],
  [/^the Variables block lists (\d+) labels, with (\S+), without (\S+)$/, 'Variables 段列出 $1 个标签，含 $2，不含 $3'],
  [/^the Variables block lists (\d+) labels, without (\S+), with (\S+)$/, 'Variables 段列出 $1 个标签，不含 $2，含 $3'],
  [/^the Variables block lists (\d+) labels, without (\S+), without (\S+)$/, 'Variables 段列出 $1 个标签，不含 $2，不含 $3'],
  [/^("Writing following contents to rules file:") with two spaces$/, '$1 后有两个空格'],
  [/^("Writing following contents to rules file:") with one space$/, '$1 后有一个空格'],
  [/^("Running .*")$/, '日志行 $1'],
  [/^istio-clean-iptables is run$/, '运行了 istio-clean-iptables'],
  [/^nat OUTPUT jumps to ISTIO_OUTPUT for every protocol \(no -p tcp\)$/, 'nat OUTPUT 对所有协议跳转到 ISTIO_OUTPUT（没有 -p tcp）'],
  [/^nat OUTPUT jumps to ISTIO_OUTPUT with -p tcp$/, 'nat OUTPUT 带 -p tcp 跳转到 ISTIO_OUTPUT'],
  [/^nat OUTPUT has a separate -p udp jump to ISTIO_OUTPUT \(DNS\)$/, 'nat OUTPUT 另有一条 -p udp 跳转到 ISTIO_OUTPUT（DNS）'],
  [/^DNS rules live in an ISTIO_OUTPUT_DNS chain$/, 'DNS 规则位于 ISTIO_OUTPUT_DNS chain'],
  [/^owner ISTIO_IN_REDIRECT rule skips the tunnel port \((.*)\)$/, 'owner 的 ISTIO_IN_REDIRECT 规则跳过隧道端口（$1）'],
  [/^owner ISTIO_IN_REDIRECT rule does not skip the tunnel port$/, 'owner 的 ISTIO_IN_REDIRECT 规则不跳过隧道端口'],
  [/^owner ISTIO_IN_REDIRECT rule has the port-53 exception of --redirect-dns$/, 'owner 的 ISTIO_IN_REDIRECT 规则带有 --redirect-dns 的 53 端口例外'],
  [/^ISTIO_INBOUND returns the inbound tunnel port (\d+)$/, 'ISTIO_INBOUND 对入站隧道端口 $1 RETURN'],
  [/^"\*" inbound capture starts with a --dport 22 RETURN \(automatic until 1\.12; later only if 22 is excluded by hand\)$/, '"*" 入站捕获以 --dport 22 RETURN 开头（1.12 及之前自动添加；之后只有手动排除 22 时才有）'],
  [/^"\*" inbound capture without a --dport 22 RETURN \(automatic until 1\.12\)$/, '"*" 入站捕获没有 --dport 22 RETURN（1.12 及之前会自动添加）'],
  [/^UDP DNS is redirected to 15053 in the built-in nat OUTPUT chain$/, 'UDP DNS 在内置的 nat OUTPUT chain 中重定向到 15053'],
  [/^UDP DNS is redirected inside ISTIO_OUTPUT$/, 'UDP DNS 在 ISTIO_OUTPUT 中重定向'],
  [/^UDP DNS is redirected to Envoy on 15013 \(DNS_CAPTURE\)$/, 'UDP DNS 重定向到 Envoy 的 15013（DNS_CAPTURE）'],
  [/^UDP DNS is DNATed to 127\.0\.0\.1 with a POSTROUTING SNAT$/, 'UDP DNS 被 DNAT 到 127.0.0.1，并有 POSTROUTING SNAT'],
  [/^ISTIO_REDIRECT starts with a TCP\/53 REDIRECT to 15053$/, 'ISTIO_REDIRECT 以 TCP/53 REDIRECT 到 15053 开头'],
  [/^DNS replies are zoned in raw ISTIO_INBOUND$/, 'DNS 应答在 raw ISTIO_INBOUND 中分配 conntrack zone'],
  [/^DNS replies are zoned by their source server \(-s\)$/, 'DNS 应答按来源服务器（-s）分配 conntrack zone'],
  [/^DNS replies are zoned with -d <server> \(fixed in 1\.20\)$/, 'DNS 应答用 -d <server> 分配 conntrack zone（1.20 修正）'],
  [/^the include-CIDR list ends with ("-A ISTIO_OUTPUT -j RETURN")$/, '包含 CIDR 列表以 $1 结尾'],
  [/^the include-CIDR list has no trailing RETURN$/, '包含 CIDR 列表末尾没有 RETURN'],
  [/^INVALID packets go to an ISTIO_DROP chain$/, 'INVALID 数据包进入 ISTIO_DROP chain'],
  [/^mangle PREROUTING drops INVALID packets directly$/, 'mangle PREROUTING 直接丢弃 INVALID 数据包'],
  [/^TPROXY marks Envoy→app loopback traffic with 1338$/, 'TPROXY 给 Envoy→应用的 loopback 流量打 mark 1338'],
  [/^TPROXY marks traffic from 127\.0\.0\.1 in mangle OUTPUT$/, 'TPROXY 在 mangle OUTPUT 中给来自 127.0.0.1 的流量打 mark'],
  [/^TPROXY restores the connection mark \(CONNMARK --restore-mark\)$/, 'TPROXY 恢复连接的 mark（CONNMARK --restore-mark）'],
  [/^nat OUTPUT returns traffic leaving (\S+) \(exclude interfaces\)$/, 'nat OUTPUT 对从 $1 发出的流量 RETURN（排除网卡）'],
  [/^ISTIO_OUTPUT has an owner-group filter \(! --gid-owner without -o lo\)$/, 'ISTIO_OUTPUT 有 owner group 过滤（! --gid-owner，没有 -o lo）'],
  [/^IPv6 rules include DNS or TPROXY rules$/, 'IPv6 规则中有 DNS 或 TPROXY 规则'],
]

/** A version clue in the user's language. */
export function localizeEvidence(message: string, language: Language): string {
  if (language === 'en') return message
  for (const [re, zh] of ZH) {
    if (re.test(message)) return message.replace(re, zh)
  }
  return message
}

/** The regexes, for the test that every message the detector can give has a translation. */
export const EVIDENCE_PATTERNS: readonly RegExp[] = ZH.map(([re]) => re)
