import type { Result } from '../../shared/contract';
import type { EventBody } from '../../shared/social/strategy-event';
import type { Clock } from '../ports';
import type { CachedReads } from './cached-reads';
import { streamInputs } from '../../shared/social/stream-inputs';
import { streamFigures } from './stream-figures';
import type { VerifiedStreams } from './verified-streams';
import { ApiError } from '../../shared/contract';

const PAGE = 5000;

/** Every verified body of a strategy, read a page at a time so a long history never stalls the loop. */
async function verifiedBodies(streams: VerifiedStreams, strategyId: string): Promise<EventBody[]> {
  const bodies: EventBody[] = [];
  for (let after = 0; ; ) {
    const page = streams.events(strategyId, after, PAGE);
    for (const e of page) bodies.push(e.body);
    if (page.length < PAGE) return bodies;
    after = page.at(-1)!.seq;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * `strategy.get`: the hub's metadata (cached for offline reading), the stream caught up and
 * verified here, and every figure computed from the verified events alone — after a failed check,
 * from the verified prefix only.
 */
export async function strategyDetail(
  deps: { reads: CachedReads; streams: VerifiedStreams; clock: Clock; signedIn(): boolean; publishedAccount(strategyId: string): string | null },
  strategyId: string,
): Promise<Result<'strategy.get'>> {
  const { reads, streams } = deps;
  streams.opened(strategyId);
  const meta = await reads.read('strategies.get', { strategyId });
  let stale = meta.stale;
  if (!stale) {
    // Follows made elsewhere (another device) keep the stream live here too.
    if (deps.signedIn()) streams.setFollowed(strategyId, meta.value.followedByMe);
    try {
      await streams.sync(strategyId, meta.value);
    } catch (error) {
      if (!(error instanceof ApiError && (error.code === 'UNAVAILABLE' || error.code === 'RATE_LIMITED'))) throw error;
      // Lost the hub halfway: what was verified so far is shown, marked as not current.
      stale = true;
    }
  }
  const bodies = await verifiedBodies(streams, strategyId);
  const { metrics, recentTrades } = streamFigures(streamInputs(bodies), deps.clock.now());
  return {
    strategy: meta.value,
    metrics,
    recentTrades,
    verification: streams.verification(strategyId, meta.value.headSeq),
    publishedAccountId: deps.publishedAccount(strategyId),
    stale,
    fetchedAt: meta.fetchedAt,
  };
}
