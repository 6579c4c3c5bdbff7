import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { strategySchema } from '../../shared/social/social-types';
import { strategyEventSchema, type StrategyEvent } from '../../shared/social/strategy-event';
import type { ChainHead } from '../../shared/social/stream-chain';

/** What a publisher carries from one event to the next, saved with the head it belongs to. */
export const publisherStateSchema = z.object({
  /** The strategy as the hub created it (shown by `strategy.mine` offline). */
  strategy: strategySchema,
  /** Signed position per symbol after the last published fill, on the lot grid. */
  positions: z.record(z.string(), z.number()),
  /** The account's last fill seq taken into the stream (earlier fills are not published). */
  lastFillSeq: z.int().nonnegative(),
  /** UTC day index of the last equity mark. */
  lastMarkDay: z.int().nullable(),
});
export type PublisherState = z.infer<typeof publisherStateSchema>;

/** A strategy this profile publishes. */
export interface PublishedRecord {
  strategyId: string;
  accountId: string;
  /** 'embedded' or the remote hub's URL: events go only to the hub it was created at. */
  hub: string;
  ownerId: string;
  publicKey: string;
  active: boolean;
  createdAt: number;
  stoppedAt: number | null;
  head: ChainHead;
  state: PublisherState;
}

/**
 * Published strategies and their outbox. `append` signs the next event and writes it with the
 * advanced head in one transaction, so a crash leaves either both or neither: the chain continues
 * exactly after a restart and nothing signed is ever lost before the hub has it.
 */
export interface PublisherStore {
  all(): PublishedRecord[];
  get(strategyId: string): PublishedRecord | undefined;
  insert(record: PublishedRecord): void;
  /**
   * Builds the next event from the stored record (read inside the transaction) and stores it
   * with the new head and state. `build` returns null to skip.
   */
  append(strategyId: string, now: number, build: (record: PublishedRecord) => { event: StrategyEvent; head: ChainHead; state: PublisherState } | null): StrategyEvent | null;
  saveState(strategyId: string, state: PublisherState): void;
  setActive(strategyId: string, active: boolean, at: number): void;
  /** Signed events the hub has not acknowledged, ascending. */
  pending(strategyId: string, limit: number): StrategyEvent[];
  pendingCount(strategyId: string): number;
  /** Marks events up to `seq` acknowledged by the hub. */
  ack(strategyId: string, seq: number, at: number): void;
  /** Marks events after `seq` unacknowledged (a hub that lost them gets them again). */
  unack(strategyId: string, afterSeq: number): void;
  /** One of its own signed events. */
  eventAt(strategyId: string, seq: number): StrategyEvent | undefined;
  /**
   * Signs the unacknowledged events again after `base` (the hub's head): the same bodies, new
   * signature times, a new chain from there — with the publisher's head, in one transaction.
   * Returns how many were re-signed.
   */
  restamp(strategyId: string, base: ChainHead, resign: (head: ChainHead, body: StrategyEvent['body']) => { event: StrategyEvent; head: ChainHead }): number;
  lastAckedAt(strategyId: string): number | null;
}

const rowSchema = z.object({
  strategy_id: z.string(),
  account_id: z.string(),
  hub: z.string(),
  owner_id: z.string(),
  public_key: z.string(),
  active: z.int(),
  created_at: z.int(),
  stopped_at: z.int().nullable(),
  seq: z.int(),
  head_hash: z.string(),
  head_ts: z.int(),
  body_time: z.int(),
  state: z.string(),
});

export function createPublisherStore(db: Database, onDamaged: (strategyId: string, problem: string) => void): PublisherStore {
  const selectAll = db.prepare('SELECT * FROM published_strategies ORDER BY created_at');
  const selectOne = db.prepare('SELECT * FROM published_strategies WHERE strategy_id = ?');
  const insert = db.prepare(`
    INSERT INTO published_strategies (strategy_id, account_id, hub, owner_id, public_key, active, created_at, stopped_at, seq, head_hash, head_ts, body_time, state)
    VALUES (@strategyId, @accountId, @hub, @ownerId, @publicKey, @active, @createdAt, @stoppedAt, @seq, @headHash, @headTs, @bodyTime, @state)`);
  const updateHead = db.prepare('UPDATE published_strategies SET seq = ?, head_hash = ?, head_ts = ?, body_time = ?, state = ? WHERE strategy_id = ? AND seq = ?');
  const updateState = db.prepare('UPDATE published_strategies SET state = ? WHERE strategy_id = ?');
  const updateActive = db.prepare('UPDATE published_strategies SET active = ?, stopped_at = ? WHERE strategy_id = ?');
  const insertEvent = db.prepare('INSERT INTO strategy_outbox (strategy_id, seq, event, created_at, acked_at) VALUES (?, ?, ?, ?, NULL)');
  const selectPending = db.prepare('SELECT event FROM strategy_outbox WHERE strategy_id = ? AND acked_at IS NULL ORDER BY seq LIMIT ?').pluck();
  const countPending = db.prepare('SELECT COUNT(*) FROM strategy_outbox WHERE strategy_id = ? AND acked_at IS NULL').pluck();
  const ack = db.prepare('UPDATE strategy_outbox SET acked_at = ? WHERE strategy_id = ? AND seq <= ? AND acked_at IS NULL');
  const unack = db.prepare('UPDATE strategy_outbox SET acked_at = NULL WHERE strategy_id = ? AND seq > ?');
  const selectEvent = db.prepare('SELECT event FROM strategy_outbox WHERE strategy_id = ? AND seq = ?').pluck();
  const selectLastAck = db.prepare('SELECT MAX(acked_at) FROM strategy_outbox WHERE strategy_id = ?').pluck();
  const selectAllPending = db.prepare('SELECT event FROM strategy_outbox WHERE strategy_id = ? AND acked_at IS NULL ORDER BY seq').pluck();
  const updateEvent = db.prepare('UPDATE strategy_outbox SET event = ? WHERE strategy_id = ? AND seq = ? AND acked_at IS NULL');

  const toRecord = (raw: unknown): PublishedRecord | undefined => {
    const row = rowSchema.parse(raw);
    let json: unknown;
    try {
      json = JSON.parse(row.state);
    } catch {
      json = undefined;
    }
    const state = publisherStateSchema.safeParse(json);
    if (!state.success) {
      onDamaged(row.strategy_id, state.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return undefined;
    }
    return {
      strategyId: row.strategy_id,
      accountId: row.account_id,
      hub: row.hub,
      ownerId: row.owner_id,
      publicKey: row.public_key,
      active: row.active === 1,
      createdAt: row.created_at,
      stoppedAt: row.stopped_at,
      head: { seq: row.seq, hash: row.head_hash, ts: row.head_ts, bodyTime: row.body_time },
      state: state.data,
    };
  };

  const parseEvent = (text: unknown): StrategyEvent => strategyEventSchema.parse(JSON.parse(z.string().parse(text)));

  const append = db.transaction((strategyId: string, build: (record: PublishedRecord) => { event: StrategyEvent; head: ChainHead; state: PublisherState } | null, now: number) => {
    const raw = selectOne.get(strategyId);
    const record = raw === undefined ? undefined : toRecord(raw);
    if (!record) return null;
    const next = build(record);
    if (!next) return null;
    insertEvent.run(strategyId, next.event.seq, JSON.stringify(next.event), now);
    // Guarded by the old seq: two writers can never both extend the same head.
    const changed = updateHead.run(next.head.seq, next.head.hash, next.head.ts, next.head.bodyTime, JSON.stringify(next.state), strategyId, record.head.seq).changes;
    if (changed !== 1) throw new Error(`the head of ${strategyId} moved while an event was appended`);
    return next.event;
  });

  const restamp = db.transaction((strategyId: string, base: ChainHead, resign: (head: ChainHead, body: StrategyEvent['body']) => { event: StrategyEvent; head: ChainHead }) => {
    const raw = selectOne.get(strategyId);
    const record = raw === undefined ? undefined : toRecord(raw);
    const pending = selectAllPending.all(strategyId).map(parseEvent);
    if (!record || pending.length === 0) return 0;
    if (pending[0]!.seq !== base.seq + 1 || pending.at(-1)!.seq !== record.head.seq) throw new Error(`the outbox of ${strategyId} does not continue the hub's head ${base.seq}`);
    let head = base;
    for (const e of pending) {
      const next = resign(head, e.body);
      if (next.event.seq !== e.seq) throw new Error(`re-signing ${strategyId} moved seq ${e.seq}`);
      updateEvent.run(JSON.stringify(next.event), strategyId, e.seq);
      head = next.head;
    }
    const changed = updateHead.run(head.seq, head.hash, head.ts, head.bodyTime, JSON.stringify(record.state), strategyId, record.head.seq).changes;
    if (changed !== 1) throw new Error(`the head of ${strategyId} moved while its outbox was re-signed`);
    return pending.length;
  });

  return {
    all: () => selectAll.all().flatMap((raw) => toRecord(raw) ?? []),
    get(strategyId) {
      const raw = selectOne.get(strategyId);
      return raw === undefined ? undefined : toRecord(raw);
    },
    insert(r) {
      insert.run({
        strategyId: r.strategyId,
        accountId: r.accountId,
        hub: r.hub,
        ownerId: r.ownerId,
        publicKey: r.publicKey,
        active: r.active ? 1 : 0,
        createdAt: r.createdAt,
        stoppedAt: r.stoppedAt,
        seq: r.head.seq,
        headHash: r.head.hash,
        headTs: r.head.ts,
        bodyTime: r.head.bodyTime,
        state: JSON.stringify(r.state),
      });
    },
    append: (strategyId, now, build) => append(strategyId, build, now),
    saveState: (strategyId, state) => void updateState.run(JSON.stringify(state), strategyId),
    setActive: (strategyId, active, at) => void updateActive.run(active ? 1 : 0, active ? null : at, strategyId),
    pending: (strategyId, limit) => selectPending.all(strategyId, limit).map(parseEvent),
    pendingCount: (strategyId) => z.int().parse(countPending.get(strategyId)),
    ack: (strategyId, seq, at) => void ack.run(at, strategyId, seq),
    unack: (strategyId, afterSeq) => void unack.run(strategyId, afterSeq),
    eventAt(strategyId, seq) {
      const text = selectEvent.get(strategyId, seq);
      return text === undefined ? undefined : parseEvent(text);
    },
    restamp: (strategyId, base, resign) => restamp(strategyId, base, resign),
    lastAckedAt: (strategyId) => z.int().nullable().parse(selectLastAck.get(strategyId) ?? null),
  };
}
