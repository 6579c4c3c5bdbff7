/** The hub's public entry: what the core (embedded hub) and the `hub` command may use. */
export type { CommunitySeed, Hub, HubLimits, HubLogger, HubOptions, HubStats, LocalHubClient, SimulatedMember } from './hub-api';
export { startHub } from './start-hub';
export { DEFAULT_HUB_LIMITS } from './limits/hub-limits';
export { HubDatabaseCorruptError, HubDatabaseFromFutureError } from './store/hub-store-errors';
export { createNodeStreamCrypto, createSigner, generateStrategyKey, strategyIdFor, type StrategyKey } from './streams/node-stream-crypto';
