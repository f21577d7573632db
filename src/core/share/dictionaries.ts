/**
 * Preset dictionaries of link format v1, by their index in the link (1-based; 0 = none). The texts are frozen files
 * beside this module: changing one would break every link made with it, so a test pins their fingerprints, and a
 * new dictionary is only ever appended (or goes into a new format version).
 */
export const DICTIONARY_IDS_V1 = ['seed-001-vm-log', 'seed-000-k8s-listing', 'istio-sidecar-dumps'] as const

export type DictionaryId = (typeof DICTIONARY_IDS_V1)[number]
