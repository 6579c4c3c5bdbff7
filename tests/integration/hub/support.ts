import { afterEach } from 'vitest';
import type { Hub, HubOptions } from '../../../src/hub';
import { startHub } from '../../../src/hub';
import type { HubSession } from '../../../src/shared/social/hub-methods';
import { RpcTestClient, type RpcMessage } from '../../helpers/json-rpc-client';
import { tempDir } from '../../helpers/temp-dir';
import { T0 } from './stream-fixtures';

export * from './stream-fixtures';

/** A hub clock the test moves by hand. */
export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = T0): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close();
});

/** A real hub on 127.0.0.1 (ephemeral port) in a temp dir; results checked against the protocol. Closed after the test. */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<Hub & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir('ist-hub-');
  const hub = await startHub({ dataDir, port: 0, validateResults: true, ...options });
  const tracked = { close: () => hub.close() };
  open.push(tracked);
  return Object.assign(hub, { dataDir });
}

/** A real `ws` client of the hub, closed after the test. */
export async function connect(hub: Pick<Hub, 'url'>): Promise<RpcTestClient> {
  const client = await RpcTestClient.connect(hub.url);
  open.push(client);
  return client;
}

/** The result of a reply, failing the test with the error if there is one. */
export function ok<T = Record<string, unknown>>(reply: RpcMessage): T {
  if (reply.error) throw new Error(`expected a result, got ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

/** The stable code and message of an error reply, failing the test if it succeeded. */
export function failed(reply: RpcMessage): { code: string; message: string; data: Record<string, unknown> } {
  if (!reply.error) throw new Error(`expected an error, got ${JSON.stringify(reply.result)}`);
  const data = reply.error.data ?? {};
  return { code: String(data.code), message: reply.error.message, data };
}

export async function signUp(client: RpcTestClient, username: string, password = 'correct horse battery'): Promise<HubSession> {
  return ok<HubSession>(await client.request('auth.signUp', { username, password }));
}

/** A connected, signed-up member. */
export async function member(hub: Pick<Hub, 'url'>, username: string): Promise<{ client: RpcTestClient; session: HubSession; userId: string }> {
  const client = await connect(hub);
  const session = await signUp(client, username);
  return { client, session, userId: session.user.userId };
}

/** Resolves with the next push of a topic on a client. */
export function nextPush<T = Record<string, unknown>>(client: RpcTestClient, topic: string): Promise<T> {
  return client.nextNotification(topic).then((m) => m.params as T);
}

