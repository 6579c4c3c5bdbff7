import { decodeJournal, type JournalEntry } from './copy-journal';
import type { Book, CopyRepository, Intent } from './copy-repository';

const DAY_MS = 86_400_000;
/** Longest an answer stays only in memory: losing it costs a lookup at the next start, never an order. */
const WRITE_DELAY_MS = 20;

/** Where the write-behind reads what it writes: the executor's memory of each follow. */
export interface WriteBehindSource {
  book(followId: string, symbol: string): Book | undefined;
  /** The copy's equity and gross exposure now, for its end-of-day mark. */
  mark(followId: string): { equity: number; gross: number } | undefined;
  /** The newest state of an intent (its answer may have come before the journal was spread). */
  latest(intent: Intent): Intent;
}

/**
 * What the copy ledger writes after the decision: the journal of each decision spread into the
 * ledger's tables, intents' answers, books changed by fills together with the account's fill
 * cursor, marks, and leader seqs moved by events that decide nothing. One transaction per turn of
 * the event loop, or inside the next decision's. Nothing is forgotten until its transaction
 * commits, so a failed write is tried again with the next one; a crash loses none of it for good
 * (journals are spread at start, open intents looked up by client order id, fills after the
 * stored cursor applied again).
 */
export interface WriteBehind {
  journal(id: number, entry: JournalEntry): void;
  intent(intent: Intent): void;
  book(followId: string, symbol: string): void;
  fillCursor(accountId: string, seq: number): void;
  mark(followId: string): void;
  leaderSeq(followId: string, seq: number): void;
  /** Writes what is pending, inside the caller's transaction; `settle` once it committed. */
  write(): () => void;
  /** Writes what is pending in a transaction of its own. */
  flush(): void;
  /** The newest unwritten state of an intent, if any. */
  pendingIntent(clientOrderId: string): Intent | undefined;
}

export function createWriteBehind(repo: CopyRepository, source: WriteBehindSource, now: () => number, onError: (error: unknown) => void): WriteBehind {
  const journals: Array<{ id: number; entry: JournalEntry }> = [];
  const intents = new Map<string, Intent>();
  const books = new Map<string, { followId: string; symbol: string }>();
  const cursors = new Map<string, number>();
  const marks = new Set<string>();
  const seqs = new Map<string, number>();
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // A short wait lets an event's acknowledgements and fills join its decisions in one write.
    setTimeout(() => {
      scheduled = false;
      try {
        wb.flush();
      } catch (error) {
        // Kept for the next write (a decision's, or the next turn's).
        onError(error);
      }
    }, WRITE_DELAY_MS).unref();
  };
  const empty = (): boolean => journals.length === 0 && intents.size === 0 && books.size === 0 && cursors.size === 0 && marks.size === 0 && seqs.size === 0;

  const wb: WriteBehind = {
    journal(id, entry) {
      journals.push({ id, entry });
      schedule();
    },
    intent(intent) {
      intents.set(intent.clientOrderId, intent);
      schedule();
    },
    book(followId, symbol) {
      books.set(`${followId}|${symbol}`, { followId, symbol });
      schedule();
    },
    fillCursor(accountId, seq) {
      cursors.set(accountId, seq);
      schedule();
    },
    mark(followId) {
      marks.add(followId);
      schedule();
    },
    leaderSeq(followId, seq) {
      seqs.set(followId, seq);
      schedule();
    },
    pendingIntent: (clientOrderId) => intents.get(clientOrderId),
    write() {
      const taken = { journals: [...journals], intents: [...intents.values()], books: [...books], cursors: [...cursors], marks: [...marks], seqs: [...seqs] };
      // Journal rows first: the intents and books they create are what the updates below touch.
      // An intent is inserted as it stands now, so an answer already in is not written twice.
      const insertedAsIs = new Set<Intent>();
      for (const { id, entry } of taken.journals) {
        for (const d of entry.decisions) {
          repo.insertLogWithId(d.entry.followId, d.entry);
          for (const i of d.intents) {
            const current = source.latest(i);
            if (repo.insertIntentIfAbsent(current)) insertedAsIs.add(current);
          }
          if (d.symbol) books.set(`${d.entry.followId}|${d.symbol}`, { followId: d.entry.followId, symbol: d.symbol });
          if (entry.leaderSeq !== null) repo.setLeaderSeq(d.entry.followId, entry.leaderSeq);
        }
        repo.deleteJournal(id);
      }
      for (const i of taken.intents) if (!insertedAsIs.has(i)) repo.updateIntent(i);
      const allBooks = [...books];
      for (const [, { followId, symbol }] of allBooks) {
        const b = source.book(followId, symbol);
        if (b) repo.saveBook(followId, b);
      }
      for (const [accountId, seq] of taken.cursors) repo.setFillCursor(accountId, seq);
      for (const [followId, seq] of taken.seqs) repo.setLeaderSeq(followId, seq);
      const t = now();
      for (const followId of taken.marks) {
        const m = source.mark(followId);
        if (m) repo.upsertMark(followId, Math.floor(t / DAY_MS) * DAY_MS + DAY_MS - 1, m.equity, m.gross);
      }
      // Forget only what was written and has not changed since.
      return () => {
        for (const j of taken.journals) journals.splice(journals.indexOf(j), 1);
        for (const i of taken.intents) if (intents.get(i.clientOrderId) === i) intents.delete(i.clientOrderId);
        for (const [key] of allBooks) books.delete(key);
        for (const [accountId, seq] of taken.cursors) if (cursors.get(accountId) === seq) cursors.delete(accountId);
        for (const followId of taken.marks) marks.delete(followId);
        for (const [followId, seq] of taken.seqs) if (seqs.get(followId) === seq) seqs.delete(followId);
      };
    },
    flush() {
      if (empty()) return;
      const settle = repo.transaction(() => wb.write());
      settle();
    },
  };
  return wb;
}

/** Decisions journaled by a process that died before spreading them into the ledger. */
export function replayJournal(repo: CopyRepository): number {
  const rows = repo.journal();
  if (rows.length === 0) return 0;
  repo.transaction(() => {
    for (const row of rows) {
      const j = decodeJournal(row.data);
      for (const d of j.decisions) {
        repo.insertLogWithId(d.entry.followId, d.entry);
        for (const i of d.intents) repo.insertIntentIfAbsent(i);
        if (d.symbol) repo.setIdeal(d.entry.followId, d.symbol, d.ideal);
        if (j.leaderSeq !== null) repo.setLeaderSeq(d.entry.followId, j.leaderSeq);
      }
      repo.deleteJournal(row.id);
    }
  });
  return rows.length;
}

