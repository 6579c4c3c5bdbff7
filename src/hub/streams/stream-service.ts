import type { Database } from 'better-sqlite3';
import { ApiError } from '../../shared/contract/errors';
import { strategyProofText } from '../../shared/social/hub-methods';
import type { AssetClass } from '../../shared/market/instrument';
import type { Strategy } from '../../shared/social/social-types';
import { checkNext, EMPTY_HEAD, eventHash, signingText, type ChainHead, type StreamCrypto } from '../../shared/social/stream-chain';
import { strategyEventSchema, type StrategyEvent } from '../../shared/social/strategy-event';
import type { UsersRepository } from '../accounts/users-repository';
import type { HubLogger } from '../hub-api';
import { createSlicer, type WriteGate } from '../store/write-gate';
import type { EventsRepository, VerifiedEvent } from './events-repository';
import { verifySignatures, type SignatureCheck } from './signature-pool';
import { headOf, type StrategiesRepository } from './strategies-repository';

/** A published event's `ts` may differ from the hub clock by this much (live publishing). */
export const PUBLISH_CLOCK_WINDOW_MS = 5 * 60_000;
/** Strategies one member may publish. */
export const MAX_STRATEGIES_PER_MEMBER = 20;
/** An import hands the event loop back after this long (ms) of checking or writing. */
const SLICE_MS = 10;
/** Imports at least this large check signatures on worker threads. */
export const POOL_MIN_EVENTS = 2000;
/** Rows written between two checks of the slice clock. */
const WRITE_CHUNK = 200;

/** Why a stream was refused: a chain problem of stream-chain.ts, or a clock the hub does not accept. */
export interface StreamProblem {
  code: 'wrong_strategy' | 'gap' | 'reordered' | 'fork' | 'bad_signature' | 'backdated' | 'clock_skew';
  seq: number;
  message: string;
}

export function streamRejected(problem: StreamProblem, what = 'The batch'): ApiError {
  return new ApiError('INVALID_PARAMS', `${what} was rejected at seq ${problem.seq}: ${problem.message}. Nothing of it was stored.`, { problem });
}

export interface StreamServiceOptions {
  db: Database;
  /** Held while an import writes, so no other write joins its transaction. */
  gate: WriteGate;
  users: UsersRepository;
  strategies: StrategiesRepository;
  events: EventsRepository;
  crypto: StreamCrypto;
  log: HubLogger;
}

export interface CreateStrategyParams {
  strategyId: string;
  publicKey: string;
  proof: string;
  name: string;
  description: string;
  currency: string;
  assetClasses: AssetClass[];
}

/** Strategies and their signed streams: who may publish what, and the chain rules on the way in. */
export interface StreamService {
  create(ownerId: string, p: CreateStrategyParams, now: number): Strategy;
  /** Appends a batch of one strategy's events for its owner; returns the head and the events new to the hub. */
  publish(userId: string, events: readonly StrategyEvent[], now: number): { head: ChainHead; appended: StrategyEvent[] };
  /**
   * Backfill: checks every event (old `ts` allowed), yielding to the event loop between chunks,
   * then stores them all in one transaction. Returns the new events per strategy.
   */
  import(events: readonly unknown[], now: () => number): Promise<Map<string, StrategyEvent[]>>;
}

const sameEvent = (crypto: StreamCrypto, a: StrategyEvent, b: StrategyEvent): boolean => a.sig === b.sig && eventHash(crypto, a) === eventHash(crypto, b);

const iso = (ms: number): string => new Date(ms).toISOString();

export function createStreamService(options: StreamServiceOptions): StreamService {
  const { db, gate, users, strategies, events, crypto, log } = options;

  /**
   * One step of a stream: an event the hub already holds is acknowledged again (an idempotent
   * retry) as long as nothing new came before it in the batch; anything else must follow the head.
   */
  const step = (
    check: StreamCrypto,
    publicKey: string,
    head: ChainHead,
    strategyId: string,
    e: StrategyEvent,
    freshSoFar: number,
  ): { kind: 'known' } | { kind: 'new'; verified: VerifiedEvent; head: ChainHead } => {
    if (e.seq <= head.seq && freshSoFar === 0) {
      const stored = events.get(strategyId, e.seq);
      if (stored && sameEvent(crypto, stored, e)) return { kind: 'known' };
      throw streamRejected({ code: 'fork', seq: e.seq, message: `seq ${e.seq} differs from the event the hub already holds at seq ${e.seq}: the stream was forked or altered` });
    }
    const next = checkNext(check, publicKey, head, strategyId, e);
    if (!next.ok) throw streamRejected(next.problem);
    return { kind: 'new', verified: { event: e, hash: next.hash }, head: next.head };
  };

  const checkClock = (e: StrategyEvent, now: number, allowOld: boolean): void => {
    if (e.ts > now + PUBLISH_CLOCK_WINDOW_MS) {
      throw streamRejected({ code: 'clock_skew', seq: e.seq, message: `seq ${e.seq} is signed at ${iso(e.ts)}, more than 5 minutes after the hub clock (${iso(now)}): check this computer's clock` });
    }
    if (!allowOld && e.ts < now - PUBLISH_CLOCK_WINDOW_MS) {
      throw streamRejected({ code: 'backdated', seq: e.seq, message: `seq ${e.seq} is signed at ${iso(e.ts)}, more than 5 minutes before the hub clock (${iso(now)}): events are published as they happen` });
    }
  };

  return {
    create(ownerId, p, now) {
      const owner = users.byId(ownerId)!;
      const field = (path: string, message: string): ApiError => new ApiError('INVALID_PARAMS', message, { fields: [{ path, message }] });
      if (crypto.strategyIdFor(p.publicKey) !== p.strategyId) throw field('strategyId', `${p.strategyId} is not the id of this public key (it would be ${crypto.strategyIdFor(p.publicKey)})`);
      if (!crypto.verify(p.publicKey, strategyProofText(owner.username, p.strategyId), p.proof)) {
        throw field('proof', `The proof is not a signature of "IST-STRATEGY-1\\n${owner.username}\\n${p.strategyId}" by this key: only the holder of a strategy's key can publish it`);
      }
      const existing = strategies.row(p.strategyId);
      if (existing) {
        if (existing.owner_id !== ownerId) throw new ApiError('CONFLICT', `Strategy ${p.strategyId} is already published by another member`);
        // The owner retrying a create (a lost reply) gets the strategy as it is.
        return strategies.view(p.strategyId, ownerId)!;
      }
      if (strategies.countByOwner(ownerId) >= MAX_STRATEGIES_PER_MEMBER) throw new ApiError('CONFLICT', `A member can publish at most ${MAX_STRATEGIES_PER_MEMBER} strategies`);
      strategies.insert({ strategyId: p.strategyId, ownerId, name: p.name, description: p.description, publicKey: p.publicKey, currency: p.currency, assetClasses: [...new Set(p.assetClasses)], createdAt: now, headHash: EMPTY_HEAD.hash });
      return strategies.view(p.strategyId, ownerId)!;
    },

    publish(userId, batch, now) {
      const strategyId = batch[0]!.strategyId;
      const stray = batch.find((e) => e.strategyId !== strategyId);
      if (stray) throw streamRejected({ code: 'wrong_strategy', seq: stray.seq, message: `a batch holds the events of one strategy, but seq ${stray.seq} belongs to ${stray.strategyId}, not ${strategyId}` });
      const row = strategies.row(strategyId);
      if (!row) throw new ApiError('NOT_FOUND', `Strategy ${strategyId} is not on this hub: create it first (strategies.create)`);
      if (row.owner_id !== userId) throw new ApiError('UNAUTHORIZED', `You can publish only your own strategies: ${strategyId} belongs to @${row.username}`);
      return db.transaction(() => {
        let head = headOf(strategies.row(strategyId)!);
        const fresh: VerifiedEvent[] = [];
        for (const e of batch) {
          const s = step(crypto, row.public_key, head, strategyId, e, fresh.length);
          if (s.kind === 'known') continue;
          checkClock(e, now, false);
          fresh.push(s.verified);
          head = s.head;
        }
        if (fresh.length > 0) {
          events.append(fresh, now);
          strategies.setHead(strategyId, head);
        }
        return { head, appended: fresh.map((f) => f.event) };
      })();
    },

    async import(input, now) {
      const slice = createSlicer(SLICE_MS);
      const timing = { parseMs: 0, signaturesMs: 0, chainMs: 0, writeMs: 0 };
      let mark = performance.now();
      const lap = (phase: keyof typeof timing): void => {
        const t = performance.now();
        timing[phase] = Math.round(t - mark);
        mark = t;
      };
      const parsed: StrategyEvent[] = [];
      const keys = new Map<string, { publicKey: string; start: ChainHead }>();
      for (const raw of input) {
        const result = strategyEventSchema.safeParse(raw);
        if (!result.success) throw new ApiError('INVALID_PARAMS', `Event ${parsed.length + 1} of the import is not a strategy event: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        const e = result.data;
        if (!keys.has(e.strategyId)) {
          const row = strategies.row(e.strategyId);
          if (!row) throw new ApiError('NOT_FOUND', `Strategy ${e.strategyId} is not on this hub: create it before importing its events`);
          keys.set(e.strategyId, { publicKey: row.public_key, start: headOf(row) });
        }
        parsed.push(e);
        if (slice.due()) await slice.pause();
      }

      // Signatures are the cost of a backfill: a large one checks them on worker threads first,
      // and the chain walk below (checkNext, every rule) takes those answers instead of re-verifying.
      lap('parseMs');
      let checkCrypto = crypto;
      if (parsed.length >= POOL_MIN_EVENTS) {
        const checks: SignatureCheck[] = [];
        for (const e of parsed) {
          checks.push([keys.get(e.strategyId)!.publicKey, signingText(e), e.sig]);
          if (slice.due()) await slice.pause();
        }
        const valid = await verifySignatures(checks);
        const verified = new Map<string, string>();
        checks.forEach(([, text, sig], i) => valid[i] === 1 && verified.set(sig, text));
        checkCrypto = { ...crypto, verify: (x, text, sig) => verified.get(sig) === text || crypto.verify(x, text, sig) };
      }

      lap('signaturesMs');
      const plans = new Map<string, { publicKey: string; start: ChainHead; head: ChainHead; fresh: VerifiedEvent[] }>();
      for (const e of parsed) {
        let plan = plans.get(e.strategyId);
        if (!plan) {
          const { publicKey, start } = keys.get(e.strategyId)!;
          plan = { publicKey, start, head: start, fresh: [] };
          plans.set(e.strategyId, plan);
        }
        const s = step(checkCrypto, plan.publicKey, plan.head, e.strategyId, e, plan.fresh.length);
        if (s.kind === 'new') {
          checkClock(e, now(), true);
          plan.fresh.push(s.verified);
          plan.head = s.head;
        }
        if (slice.due()) await slice.pause();
      }
      lap('chainMs');
      const pending = [...plans].filter(([, plan]) => plan.fresh.length > 0);
      if (pending.length === 0) return new Map();
      // One transaction, written in slices: the gate keeps every other write out of it meanwhile.
      const release = await gate.hold();
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const receivedAt = now();
          for (const [strategyId, plan] of pending) {
            const current = headOf(strategies.row(strategyId)!);
            if (current.seq !== plan.start.seq || current.hash !== plan.start.hash) {
              throw new ApiError('CONFLICT', `The stream of ${strategyId} moved on while the import was being checked (seq ${plan.start.seq} → ${current.seq}); import again`);
            }
          }
          for (const [strategyId, plan] of pending) {
            for (let i = 0; i < plan.fresh.length; i += WRITE_CHUNK) {
              events.append(plan.fresh.slice(i, i + WRITE_CHUNK), receivedAt);
              if (slice.due()) await slice.pause();
            }
            strategies.setHead(strategyId, plan.head);
          }
          db.exec('COMMIT');
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        release();
      }
      lap('writeMs');
      log.info({ events: parsed.length, strategies: pending.length, ...timing }, 'import checked and stored');
      return new Map(pending.map(([strategyId, plan]) => [strategyId, plan.fresh.map((f) => f.event)]));
    },
  };
}
