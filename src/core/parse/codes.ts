/**
 * The stable diagnostic codes of the paste parser. Tests, docs and the editor key on them; messages may change.
 * IPT: iptables text (save/restore, -S, commands, listings). LOG: the structure of a log around that text.
 */
export const CODES = {
  /** `*foo`: not one of raw, mangle, nat, filter, security. */
  unknownTable: 'IPT001',
  /** A rule or chain line outside any `*table` block where the table cannot be inferred. */
  outsideTable: 'IPT002',
  /** A line inside a dump that is none of the iptables-save/restore line kinds. */
  unrecognisedLine: 'IPT003',
  /** A `*table` block without COMMIT at the end of its section: the dump looks cut short. */
  missingCommit: 'IPT004',
  /** `-m foo`: a match the parser does not model; kept verbatim. */
  unknownMatch: 'IPT005',
  /** An option a modelled extension does not have, or that no loaded match claims; kept verbatim. */
  unknownOption: 'IPT006',
  /** `-j FOO`: a target extension the parser does not model; kept verbatim. */
  unknownTarget: 'IPT007',
  /** A host, user or group name that only the host that loaded the rules can resolve; kept as written. */
  unresolvedName: 'IPT008',
  /** An argument iptables would refuse (bad port, address, mark, flag list…). */
  invalidArgument: 'IPT009',
  /** An option without its argument(s). */
  missingArgument: 'IPT010',
  /** A word that is not an option where an option was expected. */
  unexpectedWord: 'IPT011',
  /** A jump to a chain that the dump never declares. */
  undeclaredChain: 'IPT012',
  /** Single quotes in iptables-restore input (restore only groups with double quotes). */
  singleQuotes: 'IPT013',
  /** Old syntax `-p ! tcp` / `--dport ! 53` (iptables < 1.4.3); read as `! -p tcp`. */
  oldNegation: 'IPT014',
  /** A command that would fail on the host (`-D` of a missing rule, `-X` of a missing chain…); skipped. */
  commandNoEffect: 'IPT015',
  /** A command list entry that is not a rule change (`-L`, `-S`, `-C`, `-Z`); read as context only. */
  commandIgnored: 'IPT016',
  /** A listing row that does not have the columns its header announces. */
  badListingRow: 'IPT017',
  /** Listing text after the addresses that the parser could not map back to options; kept verbatim. */
  listingTextKept: 'IPT018',
  /** Counters shown with K/M/G suffixes: the exact numbers are not in the paste. */
  approximateCounters: 'IPT019',
  /** The table of a listing, `-S` output or header-less dump was inferred from its chains or targets. */
  tableInferred: 'IPT020',
  /** `nft list ruleset` output: not supported. */
  nftRuleset: 'IPT021',
  /** Typographic dashes or quotes (`—dport`, `“…”`) read as `--` and `"`. */
  typographic: 'IPT022',
  /** `...` or `[snip]`: lines were left out of the paste here; the state may be incomplete. */
  elided: 'IPT023',
  /** A rule that iptables would reject in this table or chain (`DROP` in nat, `-o` in INPUT, …). */
  invalidInContext: 'IPT024',
  /** A chain declared twice, a rule before its chain, or a chain used before `-N`. */
  chainOrder: 'IPT025',
  /** `-s a,b`: several addresses; iptables adds one rule per address (per pair with `-d`). */
  ruleExpanded: 'IPT026',
  /** A listing without -v: the in/out columns, hence -i/-o, are not in the paste. */
  interfacesHidden: 'IPT027',
  /** Text with nothing the parser recognises: no rules, listing, log structure or Istio configuration. */
  nothingRecognised: 'IPT028',
  /** A JSON log line that is not valid JSON; read as plain text. */
  badJsonLine: 'LOG001',
  /** A rules file or dump announced by the log but empty or cut off. */
  truncatedSection: 'LOG002',
  /** CRI partial lines (`P`) joined into one. */
  joinedPartialLines: 'LOG003',
} as const

export type DiagnosticCode = (typeof CODES)[keyof typeof CODES]
