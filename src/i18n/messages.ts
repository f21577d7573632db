/** UI strings in both languages. Technical terms (iptables, chain, Envoy, uid, REDIRECT) stay in English in zh. */
export type Language = 'en' | 'zh'

export const LANGUAGES: readonly Language[] = ['en', 'zh']

const en = {
  'app.title': 'Istio iptables explorer',
  'app.tagline': 'How the sidecar captures traffic, rule by rule',
  'header.example': 'Example',
  'header.language': '中文',
  'header.languageLabel': 'Switch language to Chinese',
  'header.theme.dark': 'Dark',
  'header.theme.light': 'Light',
  'header.themeLabel': 'Switch colour theme',
  'editor.label': 'Input: an iptables dump, a log or an Istio configuration',
  'editor.loading': 'Loading the editor…',
  'graph.label': 'netfilter chains',
  'graph.empty': 'Paste an iptables-save dump, an `iptables -L -v` listing, an istio-init log or a sidecar configuration on the left.',
  'graph.laying-out': 'Laying out the graph…',
  'graph.rules': '{count} rules',
  'graph.policy': 'policy {policy}',
  'status.analyzing': 'Analysing…',
  'status.diagnostics': '{errors} errors, {warnings} warnings',
  'engine.timeout': 'The analysis took longer than {seconds} s and was stopped. Your input is kept; edit it to try again.',
  'engine.crashed': 'The analysis worker stopped ({detail}). It has been restarted; your input is kept.',
  'engine.error': 'The analysis failed: {detail}',
} as const

export type MessageKey = keyof typeof en

const zh: Record<MessageKey, string> = {
  'app.title': 'Istio iptables 规则浏览器',
  'app.tagline': '逐条看懂 sidecar 如何拦截流量',
  'header.example': '示例',
  'header.language': 'English',
  'header.languageLabel': '切换为英文',
  'header.theme.dark': '深色',
  'header.theme.light': '浅色',
  'header.themeLabel': '切换配色',
  'editor.label': '输入：iptables 导出、日志或 Istio 配置',
  'editor.loading': '正在加载编辑器…',
  'graph.label': 'netfilter chain',
  'graph.empty': '在左侧粘贴 iptables-save 导出、`iptables -L -v` 列表、istio-init 日志或 sidecar 配置。',
  'graph.laying-out': '正在布局…',
  'graph.rules': '{count} 条规则',
  'graph.policy': '默认策略 {policy}',
  'status.analyzing': '分析中…',
  'status.diagnostics': '{errors} 个错误，{warnings} 个警告',
  'engine.timeout': '分析超过 {seconds} 秒，已停止。输入已保留，修改后可重试。',
  'engine.crashed': '分析 worker 意外停止（{detail}），已重启；输入已保留。',
  'engine.error': '分析失败：{detail}',
}

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, zh }

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[language][key]
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}

export function defaultLanguage(browserLanguages: readonly string[]): Language {
  for (const l of browserLanguages) {
    const lower = l.toLowerCase()
    if (lower.startsWith('zh')) return 'zh'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}
