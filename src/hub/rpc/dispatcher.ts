import { ApiError, invalidParams } from '../../shared/contract/errors';
import { hubMethods, isHubMethodName, type HubMethodName } from '../../shared/social/hub-methods';
import type { HubLogger } from '../hub-api';
import type { WriteGate } from '../store/write-gate';
import type { HubConnection } from './hub-connection';
import type { CallContext, HubHandlers } from './hub-handlers';
import { METHOD_ACCESS } from './method-access';

/** The checks a call passes before its handler runs; they throw an `ApiError` when it may not. */
export interface CallGuards {
  /**
   * The connection's member if its session is still good; otherwise signs the connection out, tells
   * it why (`session.revoked`) and returns that reason.
   */
  member(connection: HubConnection, now: number): { userId: string } | { userId: null; reason: string };
  /** Counts a sign-in attempt from the connection's address. */
  authAttempt(connection: HubConnection, now: number): void;
  /** Counts a write by the member. */
  write(connection: HubConnection, userId: string, now: number): void;
}

export interface HubDispatcherOptions {
  handlers: HubHandlers;
  guards: CallGuards;
  clock: { now(): number };
  log: HubLogger;
  /** Calls wait while an import holds the database. */
  gate: WriteGate;
  /** Check results against hub-methods.ts too (tests): drift fails loudly. */
  validateResults?: boolean;
}

/** Runs one call for a connection: the same validation for WebSocket and local clients. */
export interface HubDispatcher {
  call(connection: HubConnection, method: string, params: unknown): Promise<unknown>;
  /** Refuses calls from now on (`UNAVAILABLE`): the hub is closing. */
  stop(): void;
  /** Resolves when no call is running (for a clean shutdown). */
  idle(): Promise<void>;
}

export function createHubDispatcher(options: HubDispatcherOptions): HubDispatcher {
  const { handlers, guards, clock, log } = options;
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const run = async (connection: HubConnection, method: string, rawParams: unknown): Promise<unknown> => {
    if (stopped) throw new ApiError('UNAVAILABLE', 'The hub is shutting down; reconnect in a moment');
    if (!isHubMethodName(method)) throw new ApiError('METHOD_NOT_FOUND', `Unknown method "${method}"`);
    const parsed = hubMethods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) throw invalidParams(parsed.error);
    if (options.gate.busy) await options.gate.idle();
    const now = clock.now();
    const access = METHOD_ACCESS[method];
    const member = connection.auth ? guards.member(connection, now) : { userId: null, reason: `Sign in first: ${method} needs a signed-in member` };
    const userId = member.userId;
    if (access === 'auth') guards.authAttempt(connection, now);
    if (access === 'member' || access === 'write') {
      if (member.userId === null) throw new ApiError('UNAUTHORIZED', member.reason);
      if (access === 'write') guards.write(connection, member.userId, now);
    }
    const context: CallContext = {
      connection,
      now,
      userId,
      member() {
        if (!userId) throw new ApiError('UNAUTHORIZED', `Sign in first: ${method} needs a signed-in member`);
        return userId;
      },
    };
    let result: unknown;
    try {
      result = await (handlers[method] as (p: unknown, c: CallContext) => unknown)(parsed.data, context);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      log.error({ method, err: describeError(error) }, 'hub handler failed');
      throw new ApiError('INTERNAL', `Internal error in ${method}; the hub logged the details`);
    }
    if (options.validateResults) checkResult(method, result, log);
    return result;
  };

  return {
    call(connection, method, params) {
      const p = run(connection, method, params);
      running.add(p);
      const done = (): void => void running.delete(p);
      p.then(done, done);
      return p;
    },
    stop() {
      stopped = true;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

function checkResult(method: HubMethodName, result: unknown, log: HubLogger): void {
  const checked = hubMethods[method].result.safeParse(result);
  if (checked.success) return;
  log.error({ method, issues: checked.error.issues }, 'hub result does not match hub-methods.ts');
  throw new ApiError('INTERNAL', `The result of ${method} does not match the protocol: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

export function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return error.stack ? { message: error.message, stack: error.stack } : { message: error.message };
  return { message: String(error) };
}
