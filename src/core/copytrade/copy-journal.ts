import { z } from 'zod';
import { GUARD_NAMES } from '../../shared/copy/copy-settings';
import { sideSchema } from '../../shared/trading/order';
import type { StoredLogEntry } from './copy-log-view';
import { copyClientOrderId } from './client-order-id';
import { pendingIntent, type Intent } from './copy-repository';

/**
 * One row per leader event for all its follows: the durable decision, compact so that hundreds
 * of follows cost one insert before their orders leave. It is spread into the ledger's tables
 * right after, or at the next start if the process died first.
 */
export interface JournalEntry {
  time: number;
  leaderSeq: number;
  leader: StoredLogEntry['leader'];
  decisions: JournalDecision[];
}

export interface JournalDecision {
  entry: StoredLogEntry;
  accountId: string;
  /** The book whose ideal the decision set, if any. */
  symbol: string | null;
  ideal: number;
  intents: Intent[];
}

/** A leg: [symbol, or null when the decision's own; side; qty; type; limit price; reduces]. Its client order id is derived. */
const leg = z.tuple([z.string().nullable(), sideSchema, z.number(), z.enum(['market', 'limit']), z.number().nullable(), z.boolean()]);
const decision = z.tuple([
  z.string(), // follow id
  z.int().nonnegative(), // account: index into `a`
  z.int(), // log id
  z.enum(['copied', 'skipped', 'blocked', 'failed']),
  z.enum(GUARD_NAMES).nullable(),
  z.string(), // message
  z.string().nullable(), // symbol
  z.number(), // ideal
  z.array(leg),
]);
const journalSchema = z.object({
  t: z.int(),
  s: z.int().nonnegative(),
  l: z.object({ symbol: z.string(), side: sideSchema, qty: z.number(), price: z.number(), time: z.int(), positionQty: z.number() }).nullable(),
  a: z.array(z.string()),
  d: z.array(decision),
});

/** The client order id of a leg decided on leader event `leaderSeq`: the journal stores none, it derives them. */
export const journalClientOrderId = (followId: string, leaderSeq: number, leg: number): string => copyClientOrderId(followId, leaderSeq, leg);

/** Compact: hundreds of decisions per row, so accounts are listed once and what can be derived is not stored. */
export function encodeJournal(j: JournalEntry): string {
  const accounts: string[] = [];
  const index = new Map<string, number>();
  const accountIndex = (id: string): number => {
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = accounts.push(id) - 1));
    return k;
  };
  const d = j.decisions.map((x) => [
    x.entry.followId,
    accountIndex(x.accountId),
    x.entry.id,
    x.entry.outcome,
    x.entry.guard,
    x.entry.message,
    x.symbol,
    x.ideal,
    x.intents.map((i) => [i.symbol === x.symbol ? null : i.symbol, i.side, i.qty, i.type, i.price, i.reduces]),
  ]);
  return JSON.stringify({ t: j.time, s: j.leaderSeq, l: j.leader, a: accounts, d });
}

/** The entry as written; its intents as they were decided (pending, nothing filled). */
export function decodeJournal(text: string): JournalEntry {
  const j = journalSchema.parse(JSON.parse(text));
  return {
    time: j.t,
    leaderSeq: j.s,
    leader: j.l,
    decisions: j.d.map(([followId, account, logId, outcome, guard, message, symbol, ideal, legs]) => {
      const accountId = j.a[account];
      if (accountId === undefined) throw new Error(`copy journal names account #${account} of ${j.a.length}`);
      return {
        entry: { id: logId, followId, time: j.t, leaderSeq: j.s, leader: j.l, outcome, guard, message },
        accountId,
        symbol,
        ideal,
        intents: legs.map(([sym, side, qty, type, price, reduces], k) => {
          const legSymbol = sym ?? symbol;
          if (legSymbol === null) throw new Error(`copy journal leg ${k} of log ${logId} has no symbol`);
          return pendingIntent({ clientOrderId: journalClientOrderId(followId, j.s, k), followId, accountId, leaderSeq: j.s, createdAt: j.t, logId, symbol: legSymbol, side, qty, type, price, reduces, leaderPrice: j.l?.price ?? null, leaderTime: j.l?.time ?? null });
        }),
      };
    }),
  };
}
