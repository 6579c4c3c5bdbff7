import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CHAIN_PROBLEMS, EMPTY_HEAD, type ChainHead, type ChainProblem } from '../../shared/social/stream-chain';
import { eventBodySchema, type StrategyEvent } from '../../shared/social/strategy-event';

/** Where a strategy's verified chain ends, and what its last check found. */
export interface VerifiedHead extends ChainHead {
  publicKey: string;
  /** The head the hub last claimed (at least `seq` once verified). */
  hubHeadSeq: number;
  /** The first problem the last check found; null when the stream checked out. */
  problem: ChainProblem | null;
  checkedAt: number | null;
}

/**
 * Events whose signature and chain this core checked itself, per strategy, with the head they
 * were verified to. Nothing unverified is ever written here: it is what figures and the copy
 * executor read.
 */
export interface VerifiedEventStore {
  head(strategyId: string): VerifiedHead | undefined;
  /**
   * Appends events verified to follow the stored head (in order, `head` their new end) and
   * records the check, in one transaction.
   */
  append(strategyId: string, publicKey: string, events: readonly StrategyEvent[], head: ChainHead, check: { hubHeadSeq: number; problem: ChainProblem | null; checkedAt: number }): void;
  /** Records a check that added nothing (a problem found, or nothing new). */
  recordCheck(strategyId: string, publicKey: string, check: { hubHeadSeq: number; problem: ChainProblem | null; checkedAt: number }): void;
  /** Verified events after `afterSeq`, ascending, at most `limit`. */
  events(strategyId: string, afterSeq: number, limit: number): StrategyEvent[];
  /** The hash of a verified event. */
  hashAt(strategyId: string, seq: number): string | undefined;
}

const headRowSchema = z.object({
  public_key: z.string(),
  seq: z.int(),
  hash: z.string(),
  ts: z.int(),
  body_time: z.int(),
  hub_head_seq: z.int(),
  problem: z.string().nullable(),
  checked_at: z.int().nullable(),
});
const problemSchema = z.object({ code: z.enum(CHAIN_PROBLEMS), seq: z.int(), message: z.string() });
const eventRowSchema = z.object({ seq: z.int(), prev_hash: z.string(), ts: z.int(), body: z.string(), sig: z.string() });

export function createVerifiedEventStore(db: Database): VerifiedEventStore {
  const selectHead = db.prepare('SELECT public_key, seq, hash, ts, body_time, hub_head_seq, problem, checked_at FROM strategy_heads WHERE strategy_id = ?');
  const upsertHead = db.prepare(`
    INSERT INTO strategy_heads (strategy_id, public_key, seq, hash, ts, body_time, hub_head_seq, problem, checked_at)
    VALUES (@strategyId, @publicKey, @seq, @hash, @ts, @bodyTime, @hubHeadSeq, @problem, @checkedAt)
    ON CONFLICT (strategy_id) DO UPDATE SET public_key = excluded.public_key, seq = excluded.seq, hash = excluded.hash, ts = excluded.ts,
      body_time = excluded.body_time, hub_head_seq = excluded.hub_head_seq, problem = excluded.problem, checked_at = excluded.checked_at`);
  const insertEvent = db.prepare(
    'INSERT INTO strategy_events (strategy_id, seq, prev_hash, hash, ts, type, time, body, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectEvents = db.prepare('SELECT seq, prev_hash, ts, body, sig FROM strategy_events WHERE strategy_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const selectHash = db.prepare('SELECT hash FROM strategy_events WHERE strategy_id = ? AND seq = ?').pluck();

  const head = (strategyId: string): VerifiedHead | undefined => {
    const raw = selectHead.get(strategyId);
    if (raw === undefined) return undefined;
    const row = headRowSchema.parse(raw);
    const problem = row.problem === null ? null : problemSchema.safeParse(JSON.parse(row.problem));
    return {
      publicKey: row.public_key,
      seq: row.seq,
      hash: row.hash,
      ts: row.ts,
      bodyTime: row.body_time,
      hubHeadSeq: row.hub_head_seq,
      // A problem record that cannot be read still says something was wrong.
      problem: problem === null ? null : problem.success ? problem.data : { code: 'fork', seq: row.seq + 1, message: 'an earlier check found a problem' },
      checkedAt: row.checked_at,
    };
  };

  const writeHead = (strategyId: string, publicKey: string, h: ChainHead, check: { hubHeadSeq: number; problem: ChainProblem | null; checkedAt: number }): void => {
    upsertHead.run({
      strategyId,
      publicKey,
      seq: h.seq,
      hash: h.hash,
      ts: h.ts,
      bodyTime: h.bodyTime,
      hubHeadSeq: Math.max(check.hubHeadSeq, h.seq),
      problem: check.problem ? JSON.stringify(check.problem) : null,
      checkedAt: check.checkedAt,
    });
  };

  const append = db.transaction((strategyId: string, publicKey: string, events: readonly StrategyEvent[], h: ChainHead, check: { hubHeadSeq: number; problem: ChainProblem | null; checkedAt: number }) => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      // Each event's hash is what the next one links to; the last one's is the new head's.
      const hash = i + 1 < events.length ? events[i + 1]!.prevHash : h.hash;
      insertEvent.run(strategyId, e.seq, e.prevHash, hash, e.ts, e.body.type, e.body.time, JSON.stringify(e.body), e.sig);
    }
    writeHead(strategyId, publicKey, h, check);
  });

  return {
    head,
    append: (strategyId, publicKey, events, h, check) => append(strategyId, publicKey, events, h, check),
    recordCheck(strategyId, publicKey, check) {
      writeHead(strategyId, publicKey, head(strategyId) ?? EMPTY_HEAD, check);
    },
    events(strategyId, afterSeq, limit) {
      return selectEvents.all(strategyId, afterSeq, limit).map((raw) => {
        const row = eventRowSchema.parse(raw);
        return { strategyId, seq: row.seq, prevHash: row.prev_hash, ts: row.ts, body: eventBodySchema.parse(JSON.parse(row.body)), sig: row.sig };
      });
    },
    hashAt: (strategyId, seq) => z.string().optional().parse(selectHash.get(strategyId, seq)),
  };
}
