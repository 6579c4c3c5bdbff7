import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { EventBody, StrategyEvent } from '../../shared/social/strategy-event';

/** An event as stored, with the hash the chain check computed. */
export interface VerifiedEvent {
  event: StrategyEvent;
  hash: string;
}

const eventRowSchema = z.object({ seq: z.int(), prev_hash: z.string(), ts: z.int(), body: z.string(), sig: z.string() });

export interface EventsRepository {
  /** Appends verified events (the caller holds the transaction and moves the head). */
  append(events: readonly VerifiedEvent[], receivedAt: number): void;
  get(strategyId: string, seq: number): StrategyEvent | undefined;
  after(strategyId: string, afterSeq: number, limit: number): StrategyEvent[];
  /** Every body of a stream in seq order: what the leaderboard figures are computed from. */
  bodies(strategyId: string): EventBody[];
}

export function createEventsRepository(db: Database): EventsRepository {
  const insert = db.prepare(
    'INSERT INTO strategy_events (strategy_id, seq, prev_hash, hash, ts, type, body, sig, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare('SELECT seq, prev_hash, ts, body, sig FROM strategy_events WHERE strategy_id = ? AND seq = ?');
  const after = db.prepare('SELECT seq, prev_hash, ts, body, sig FROM strategy_events WHERE strategy_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const bodies = db.prepare('SELECT body FROM strategy_events WHERE strategy_id = ? ORDER BY seq').pluck();
  // Bodies were checked against strategyEventSchema when they entered the hub; the row shape is checked here.
  const toEvent = (strategyId: string, raw: unknown): StrategyEvent => {
    const r = eventRowSchema.parse(raw);
    return { strategyId, seq: r.seq, prevHash: r.prev_hash, ts: r.ts, body: JSON.parse(r.body) as EventBody, sig: r.sig };
  };
  return {
    append(events, receivedAt) {
      for (const { event: e, hash } of events) insert.run(e.strategyId, e.seq, e.prevHash, hash, e.ts, e.body.type, JSON.stringify(e.body), e.sig, receivedAt);
    },
    get: (strategyId, seq) => {
      const row = get.get(strategyId, seq);
      return row === undefined ? undefined : toEvent(strategyId, row);
    },
    after: (strategyId, afterSeq, limit) => after.all(strategyId, afterSeq, limit).map((r) => toEvent(strategyId, r)),
    bodies: (strategyId) => z.array(z.string()).parse(bodies.all(strategyId)).map((b) => JSON.parse(b) as EventBody),
  };
}
