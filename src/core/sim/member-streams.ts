import { createNodeStreamCrypto, createSigner, type Hub, type LocalHubClient, type StrategyKey } from '../../hub';
import type { AssetClass } from '../../shared/market/instrument';
import { canonicalJson } from '../../shared/social/canonical-json';
import { strategyProofText } from '../../shared/social/hub-methods';
import type { Strategy } from '../../shared/social/social-types';
import { EMPTY_HEAD } from '../../shared/social/stream-chain';
import type { StrategyEvent } from '../../shared/social/strategy-event';
import type { Logger } from '../ports';
import type { CommunityMember } from './community-member';
import type { MemberProfile } from './member-profile';
import { backfillTs, createStreamWriter } from './stream-writer';
import { createTimeSlicer } from './time-slicer';

/** Events per `importEvents` call: one hub transaction each. */
const IMPORT_CHUNK = 1500;
/** Live events per `strategies.publish` (the method's limit). */
const PUBLISH_BATCH = 100;

/** Keeps members' signed streams in step with the hub: backfill by import, live by publish. */
export interface MemberStreams {
  /** The member's strategy on the hub, published (bound to its key) if it is not there yet. */
  strategyOf(client: LocalHubClient, profile: MemberProfile, key: StrategyKey, assetClasses: AssetClass[]): Promise<Strategy>;
  /** Event `seq` of a stream as the hub holds it. */
  eventAt(client: LocalHubClient, strategyId: string, seq: number): Promise<StrategyEvent>;
  /** Signs what the hub lacks of each member's regenerated history and imports it in chunks. */
  backfill(members: readonly CommunityMember[], onProgress: (done: number, total: number) => void): Promise<number>;
  /** Signs the member's new events with a current `ts` and publishes them as a live publisher does. */
  publish(member: CommunityMember, now: () => number): Promise<void>;
}

const isNotFound = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'NOT_FOUND';
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createMemberStreams(deps: { hub: Hub; log: Logger; stopped: () => boolean }): MemberStreams {
  const { hub, log } = deps;
  const crypto = createNodeStreamCrypto();
  const checkStopped = (): void => {
    if (deps.stopped()) throw new Error('the simulated community was stopped before its backfill finished');
  };

  const eventAt = async (client: LocalHubClient, strategyId: string, seq: number): Promise<StrategyEvent> => {
    const { events } = await client.call('strategies.events', { strategyId, afterSeq: seq - 1, limit: 1 });
    const event = events[0];
    if (!event || event.seq !== seq) throw new Error(`the hub did not return event ${seq} of ${strategyId}`);
    return event;
  };

  /**
   * Whether the hub's head event is the one this simulation produces at that seq; undefined while
   * the simulation has not got that far (a clock that went back). A member whose history differs
   * stops publishing: nothing may be appended to a chain it cannot stand behind.
   */
  const checkHead = (m: CommunityMember): boolean | undefined => {
    const head = m.hubHead;
    if (!head || m.headChecked) return true;
    const mine = m.sim.bodies[head.seq - 1];
    if (!mine) return undefined;
    m.headChecked = true;
    if (canonicalJson(mine) === canonicalJson(head.body)) return true;
    m.diverged = true;
    log.warn({ member: m.profile.username, seq: head.seq }, 'simulated member history differs from the hub; it stops publishing');
    return false;
  };

  /** Continues a member's stream from the hub's head. */
  const attach = (m: CommunityMember): boolean => {
    const head = m.hubHead;
    m.headChecked = false;
    if (checkHead(m) === false) return false;
    m.writer = createStreamWriter({
      strategyId: m.key.strategyId,
      sign: createSigner(m.key),
      crypto,
      head: head ? { seq: head.seq, hash: m.strategy.headHash, ts: head.ts, bodyTime: head.body.time } : EMPTY_HEAD,
    });
    m.pending = [];
    return true;
  };

  /** Reads a member's head from the hub again (after a failed publish) and continues from it. */
  const resync = async (m: CommunityMember): Promise<void> => {
    m.strategy = await m.client.call('strategies.get', { strategyId: m.key.strategyId });
    m.hubHead = m.strategy.headSeq > 0 ? await eventAt(m.client, m.key.strategyId, m.strategy.headSeq) : null;
    m.resync = false;
    attach(m);
  };

  const importChunk = async (parts: ReadonlyArray<{ member: CommunityMember; events: StrategyEvent[] }>): Promise<void> => {
    try {
      await hub.importEvents(parts.flatMap((p) => p.events));
    } catch (err) {
      // One bad stream must not keep the others out: retry member by member.
      log.warn({ err: message(err) }, 'community import failed; retrying per member');
      for (const p of parts) {
        try {
          await hub.importEvents(p.events);
        } catch (e) {
          p.member.diverged = true;
          log.error({ member: p.member.profile.username, err: message(e) }, 'simulated member stream rejected by the hub; it stops publishing');
        }
      }
    }
  };

  return {
    eventAt,

    async strategyOf(client, profile, key, assetClasses) {
      try {
        return await client.call('strategies.get', { strategyId: key.strategyId });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return client.call('strategies.create', {
        strategyId: key.strategyId,
        publicKey: key.publicKey,
        proof: createSigner(key)(strategyProofText(profile.username, key.strategyId)),
        name: profile.strategy.name,
        description: profile.strategy.description,
        currency: 'USD',
        assetClasses,
      });
    },

    async backfill(members, onProgress) {
      const slicer = createTimeSlicer();
      const total = members.reduce((n, m) => n + Math.max(0, m.sim.bodies.length - (m.hubHead?.seq ?? 0)), 0);
      let chunk: Array<{ member: CommunityMember; events: StrategyEvent[] }> = [];
      let inChunk = 0;
      let done = 0;
      for (const m of members) {
        checkStopped();
        if (!attach(m)) continue;
        const writer = m.writer!;
        const events: StrategyEvent[] = [];
        for (let i = writer.head.seq; i < m.sim.bodies.length; i++) {
          const body = m.sim.bodies[i]!;
          events.push(writer.append(body, backfillTs(body, i + 1)));
          if (events.length % 100 === 0) {
            await slicer.pause();
            checkStopped();
          }
        }
        if (events.length > 0) {
          chunk.push({ member: m, events });
          inChunk += events.length;
        }
        done += events.length;
        if (inChunk >= IMPORT_CHUNK) {
          await importChunk(chunk);
          chunk = [];
          inChunk = 0;
        }
        onProgress(done, total);
      }
      if (inChunk > 0) await importChunk(chunk);
      return done;
    },

    async publish(m, now) {
      if (m.resync) {
        try {
          await resync(m);
        } catch (err) {
          log.warn({ member: m.profile.username, err: message(err) }, 'simulated member could not read its stream; retrying later');
          return;
        }
      }
      if (m.diverged || !m.writer || checkHead(m) !== true) return;
      for (let i = m.writer.head.seq; i < m.sim.bodies.length; i++) m.pending.push(m.writer.append(m.sim.bodies[i]!, now()));
      while (m.pending.length > 0 && !deps.stopped()) {
        const batch = m.pending.slice(0, PUBLISH_BATCH);
        try {
          await m.client.call('strategies.publish', { events: batch });
          m.pending.splice(0, batch.length);
        } catch (err) {
          // Signed events the hub did not take are dropped and signed again, with a fresh `ts`,
          // from wherever the hub's head turns out to be (it acknowledges what it already holds).
          log.warn({ member: m.profile.username, err: message(err) }, 'simulated member could not publish; retrying later');
          m.resync = true;
          return;
        }
      }
    },
  };
}
