import { describe, expect, it } from 'vitest';
import { decodeJournal, encodeJournal, journalClientOrderId, type JournalEntry } from '../../../src/core/copytrade/copy-journal';
import { pendingIntent } from '../../../src/core/copytrade/copy-repository';

const T = Date.UTC(2026, 11, 2, 12);
const leader = { symbol: 'BTC-USD', side: 'sell' as const, qty: 1.5, price: 50_000, time: T - 80, positionQty: -0.5 };

/** Follow f1 on account A flips (close, then open); f2 on account B is blocked; f3 on A maps to another symbol. */
function journal(): JournalEntry {
  const intent = (followId: string, accountId: string, logId: number, leg: number, symbol: string, qty: number, reduces: boolean) =>
    pendingIntent({ clientOrderId: journalClientOrderId(followId, 42, leg), followId, accountId, leaderSeq: 42, createdAt: T, logId, symbol, side: 'sell', qty, type: 'market', price: null, reduces, leaderPrice: 50_000, leaderTime: T - 80 });
  const entry = (id: number, followId: string, outcome: 'copied' | 'blocked', guard: 'maxLeverage' | null, message: string) => ({ id, followId, time: T, leaderSeq: 42, leader, outcome, guard, message });
  return {
    time: T,
    leaderSeq: 42,
    leader,
    decisions: [
      { entry: entry(7, 'f_one', 'copied', null, 'sell 0.1 BTC/USDT, then sell 0.05 BTC/USDT'), accountId: 'acc-A', symbol: 'BTC/USDT', ideal: -0.05, intents: [intent('f_one', 'acc-A', 7, 0, 'BTC/USDT', 0.1, true), intent('f_one', 'acc-A', 7, 1, 'BTC/USDT', 0.05, false)] },
      { entry: entry(8, 'f_two', 'blocked', 'maxLeverage', 'Leverage 3.1× would exceed 2×'), accountId: 'acc-B', symbol: 'BTC/USDT', ideal: 0, intents: [] },
      { entry: entry(9, 'f_three', 'copied', null, 'sell 0.2 XBT/EUR'), accountId: 'acc-A', symbol: 'XBT/EUR', ideal: -0.2, intents: [intent('f_three', 'acc-A', 9, 0, 'XBT/EUR', 0.2, false)] },
    ],
  };
}

describe('the copy journal', () => {
  it('reads back every decision and intent as written, client order ids included', () => {
    expect(decodeJournal(encodeJournal(journal()))).toEqual(journal());
  });

  it('lists each account once and stores no derivable client order id', () => {
    const text = encodeJournal(journal());
    expect(text.split('acc-A')).toHaveLength(2);
    expect(text).not.toContain(journal().decisions[0]!.intents[0]!.clientOrderId);
  });

  it('refuses a row that names an account it does not list', () => {
    const row = JSON.parse(encodeJournal(journal())) as { a: string[] };
    row.a = ['acc-A'];
    expect(() => decodeJournal(JSON.stringify(row))).toThrow(/account #1 of 1/);
  });
});
