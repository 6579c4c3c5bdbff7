import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, type StrategyEvent, type UnsignedEvent } from './strategy-event';

/**
 * The primitives a stream needs, supplied by the runtime (Node's crypto in the core and the hub),
 * so the rules below stay one implementation shared by publisher, hub and follower.
 */
export interface StreamCrypto {
  /** SHA-256 of the UTF-8 text, lowercase hex. */
  sha256Hex(text: string): string;
  /** Ed25519 verification of the UTF-8 text; false for a malformed key or signature. */
  verify(publicKey: string, text: string, signature: string): boolean;
  /** The strategy id bound to a public key (`st_` + 24 base64url chars of SHA-256 of the raw key). */
  strategyIdFor(publicKey: string): string;
}

/** Signs UTF-8 text with a strategy's private key; returns the base64url signature. */
export type Signer = (text: string) => string;

const DOMAIN = 'IST-STREAM-1\n';

/** The exact text an event's signature and hash cover. */
export function signingText(event: UnsignedEvent): string {
  return DOMAIN + canonicalJson({ strategyId: event.strategyId, seq: event.seq, prevHash: event.prevHash, ts: event.ts, body: event.body });
}

export function eventHash(crypto: Pick<StreamCrypto, 'sha256Hex'>, event: UnsignedEvent): string {
  return crypto.sha256Hex(signingText(event));
}

export function signEvent(sign: Signer, event: UnsignedEvent): StrategyEvent {
  return { ...event, sig: sign(signingText(event)) };
}

/** Where a verified chain ends: the next event must follow it. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** `ts` of the head event. */
  ts: number;
  /** Latest body time so far: bodies never go back in time. */
  bodyTime: number;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH, ts: 0, bodyTime: 0 };

export const CHAIN_PROBLEMS = ['wrong_strategy', 'gap', 'reordered', 'fork', 'bad_signature', 'backdated'] as const;
export type ChainProblemCode = (typeof CHAIN_PROBLEMS)[number];
export interface ChainProblem {
  code: ChainProblemCode;
  seq: number;
  message: string;
}

export type ChainStep = { ok: true; head: ChainHead; hash: string } | { ok: false; problem: ChainProblem };

/** Body times may run this far ahead of the signature time (the publisher's clock granularity). */
const BODY_AHEAD_MS = 1000;

/**
 * Checks that `event` is the next event of the stream after `head`: right strategy, next seq,
 * linked to the head's hash, signed by the strategy's key, not dated before what came earlier.
 */
export function checkNext(crypto: StreamCrypto, publicKey: string, head: ChainHead, strategyId: string, event: StrategyEvent): ChainStep {
  const fail = (code: ChainProblemCode, message: string): ChainStep => ({ ok: false, problem: { code, seq: event.seq, message } });
  if (event.strategyId !== strategyId) return fail('wrong_strategy', `event of ${event.strategyId} in the stream of ${strategyId}`);
  if (event.seq > head.seq + 1) return fail('gap', `seq ${event.seq} follows ${head.seq}: events ${head.seq + 1}–${event.seq - 1} are missing`);
  if (event.seq <= head.seq) return fail('reordered', `seq ${event.seq} arrived after ${head.seq}`);
  if (event.prevHash !== head.hash) return fail('fork', `seq ${event.seq} does not link to the event before it: the stream was forked or altered`);
  const hash = eventHash(crypto, event);
  if (!crypto.verify(publicKey, signingText(event), event.sig)) return fail('bad_signature', `seq ${event.seq} is not signed by the strategy's key`);
  if (event.ts < head.ts) return fail('backdated', `seq ${event.seq} is signed at ${event.ts}, before seq ${head.seq} (${head.ts})`);
  if (event.body.time < head.bodyTime) return fail('backdated', `seq ${event.seq} reports a ${event.body.type} at ${event.body.time}, before an earlier event's ${head.bodyTime}`);
  if (event.body.time > event.ts + BODY_AHEAD_MS) return fail('backdated', `seq ${event.seq} reports a ${event.body.type} after the moment it was signed`);
  return { ok: true, hash, head: { seq: event.seq, hash, ts: event.ts, bodyTime: event.body.time } };
}

export type ChainResult = { head: ChainHead; verified: number; problem: ChainProblem | null };

/** Checks events in order from `head`; stops at the first problem, reporting how far it got. */
export function verifyChain(crypto: StreamCrypto, publicKey: string, strategyId: string, events: readonly StrategyEvent[], head: ChainHead = EMPTY_HEAD): ChainResult {
  if (crypto.strategyIdFor(publicKey) !== strategyId) {
    return { head, verified: 0, problem: { code: 'wrong_strategy', seq: head.seq + 1, message: `${strategyId} is not the id of the key it was published with` } };
  }
  let current = head;
  let verified = 0;
  for (const event of events) {
    const step = checkNext(crypto, publicKey, current, strategyId, event);
    if (!step.ok) return { head: current, verified, problem: step.problem };
    current = step.head;
    verified++;
  }
  return { head: current, verified, problem: null };
}
