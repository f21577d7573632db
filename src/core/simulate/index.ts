/**
 * The packet simulator: a pod's netfilter as the Linux kernel runs it, connection by connection, checked against the
 * kernel oracle. Plain data in and out (the compiled form stays in the worker). See simulate.ts for the pipeline.
 */
export { compileSimulation, countBatch, simulate, simulateCompiled, type CompiledSimulation } from './simulate.ts'
export { followLegs, nextLeg, presetsFor, type Leg, type Preset, type PresetSet } from './presets.ts'
export { defaultPodFacts, derivePodFacts, withFamily, ISTIO_TPROXY_ROUTE_TABLE, type RulesetInput } from './pod-facts.ts'
export { deriveIstioFacts, type IstioFacts } from './istio-facts.ts'
export { verdictWords, roleWords, VERDICT_WORDS, type Language } from './verdict-words.ts'
export { compareWithOracle, replayOracleReport, policyRoutesOf, type CompareOptions, type Mismatch, type OracleReport } from './oracle-compare.ts'
export type {
  ClauseReport,
  ClientReport,
  ConnectionResult,
  ConntrackView,
  Direction,
  EventCode,
  FamilyFacts,
  Hit,
  ListenerRole,
  NormalizedPacket,
  Note,
  PacketKind,
  PacketSpec,
  PacketTrace,
  PodFacts,
  PolicyHit,
  PolicyRoute,
  Proto,
  ReceivedBy,
  RuleAction,
  SimulateOptions,
  SimulationResult,
  TraceStep,
  Verdict,
} from './types.ts'
