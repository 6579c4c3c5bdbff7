import { signingText, type ChainHead, type Signer, type StreamCrypto } from '../../shared/social/stream-chain';
import type { EventBody, StrategyEvent } from '../../shared/social/strategy-event';

/** Appends events to one strategy's chain: next seq, linked hash, signed, `ts` never going back. */
export interface StreamWriter {
  readonly head: ChainHead;
  append(body: EventBody, ts: number): StrategyEvent;
}

export function createStreamWriter(options: { strategyId: string; sign: Signer; crypto: Pick<StreamCrypto, 'sha256Hex'>; head: ChainHead }): StreamWriter {
  const { strategyId, sign, crypto } = options;
  let head = options.head;
  return {
    get head() {
      return head;
    },
    append(body, ts) {
      const unsigned = { strategyId, seq: head.seq + 1, prevHash: head.hash, ts: Math.max(ts, head.ts, body.time), body };
      // One canonical text for both the signature and the hash (what signEvent and eventHash cover).
      const text = signingText(unsigned);
      const event: StrategyEvent = { ...unsigned, sig: sign(text) };
      head = { seq: event.seq, hash: crypto.sha256Hex(text), ts: event.ts, bodyTime: Math.max(head.bodyTime, body.time) };
      return event;
    },
  };
}

/**
 * When a backfilled event is said to have been signed: a moment after what it reports, the delay
 * varying with its seq (a publisher's latency), so timestamps look like a live stream's.
 */
export function backfillTs(body: EventBody, seq: number): number {
  return body.time + 150 + ((seq * 7919) % 1200);
}
