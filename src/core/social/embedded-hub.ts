import path from 'node:path';
import { startHub, type Hub } from '../../hub';
import type { MarketFeed } from '../market/market-feed';
import type { Clock, Logger } from '../ports';

/** The simulated community an embedded hub runs (src/core/sim), as this module drives it. */
export interface Community {
  /** Simulated members. */
  readonly members: number;
  /** Backfill progress 0–1. */
  progress(): number;
  /** Resolves when the backfill is done and the community trades live. */
  readonly ready: Promise<void>;
  onProgress(listener: (progress: number) => void): () => void;
  stop(): Promise<void>;
}

export interface CommunityDeps {
  hub: Hub;
  /** The market the community trades on, and the synthetic market's seed it regenerates history from. */
  feed: MarketFeed;
  marketSeed: number;
  clock: Clock;
  log: Logger;
  seed: number;
}

/** `startCommunity` of src/core/sim, passed in so this module does not depend on it. */
export type StartCommunity = (deps: CommunityDeps) => Community | Promise<Community>;

export interface CommunityStatus {
  state: 'backfilling' | 'running' | 'stopped';
  members: number;
  progress: number;
}

export interface EmbeddedHubDeps {
  /** The profile's data directory; the hub keeps its database in `hub/` inside it. */
  dataDir: string;
  clock: Clock;
  log: Logger;
  feed: MarketFeed;
  /** Null: the hub runs without a simulated community. */
  startCommunity: StartCommunity | null;
  seed: number;
  marketSeed: number;
  /** The community's state changed or its backfill progressed. */
  onCommunity(status: CommunityStatus | null): void;
}

export interface EmbeddedHub {
  readonly url: string;
  readonly hub: Hub;
  community(): CommunityStatus | null;
  /** Stops the community, then the hub. */
  close(): Promise<void>;
}

/**
 * The hub this app runs for itself on 127.0.0.1 (the offline default), with its simulated
 * community backfilling in the background. The community is started after the hub is listening,
 * and a failing community leaves the hub running (the app is still usable, just quieter).
 */
export async function startEmbeddedHub(deps: EmbeddedHubDeps): Promise<EmbeddedHub> {
  const { clock, log } = deps;
  const hub = await startHub({ dataDir: path.join(deps.dataDir, 'hub'), host: '127.0.0.1', port: 0, embedded: true, clock, log: log.child({ component: 'hub' }) });
  log.info({ url: hub.url }, 'embedded hub started');
  let community: Community | null = null;
  let status: CommunityStatus | null = null;
  let offProgress: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  let lastReported = -1;

  const report = (next: CommunityStatus | null): void => {
    status = next;
    deps.onCommunity(next);
  };

  const failed = (error: unknown): void => {
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'the simulated community failed; the hub runs without it');
    if (!closing) report({ state: 'stopped', members: community?.members ?? 0, progress: clamp(community?.progress() ?? 0) });
  };
  // Resolves once the community object exists (not when its backfill is done): close waits for it.
  const starting: Promise<Community | null> = deps.startCommunity
    ? (async () => {
        try {
          return await deps.startCommunity!({ hub, feed: deps.feed, marketSeed: deps.marketSeed, clock, log: log.child({ component: 'community' }), seed: deps.seed });
        } catch (error) {
          failed(error);
          return null;
        }
      })()
    : Promise.resolve(null);
  void starting.then((c) => {
    if (!c || closing) return;
    community = c;
    report({ state: 'backfilling', members: c.members, progress: clamp(c.progress()) });
    offProgress = c.onProgress((p) => {
      // Whole percents are enough for a progress bar; every tick would flood `hub.status`.
      const percent = Math.floor(clamp(p) * 100);
      if (percent === lastReported || status?.state !== 'backfilling') return;
      lastReported = percent;
      report({ state: 'backfilling', members: c.members, progress: clamp(p) });
    });
    c.ready.then(
      () => {
        if (!closing) report({ state: 'running', members: c.members, progress: 1 });
      },
      (error: unknown) => failed(error),
    );
  });

  return {
    url: hub.url,
    hub,
    community: () => status,
    close() {
      closing ??= (async () => {
        const c = await starting;
        offProgress?.();
        try {
          await c?.stop();
        } catch (error) {
          log.error({ err: String(error) }, 'stopping the simulated community failed');
        }
        if (status) report({ ...status, state: 'stopped' });
        await hub.close();
        log.info({}, 'embedded hub stopped');
      })();
      return closing;
    },
  };
}

const clamp = (p: number): number => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);
