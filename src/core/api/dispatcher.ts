import {
  ApiError,
  invalidParams,
  isMethodName,
  methods,
  type Handlers,
  type MethodName,
} from '../../shared/contract';
import type { Logger } from '../ports';

/** Any subset of handlers, e.g. the core's plus a session's `events.*`. */
export type HandlerMap = Partial<Handlers<MethodName>>;

/**
 * Validates a call against the contract and runs its handler. Every host (IPC bridge, WebSocket
 * server) goes through here, so the core only ever sees parsed params.
 */
export interface DispatchOptions {
  /** Check results against the contract too (tests and development): drift fails loudly. */
  validateResults?: boolean;
}

export async function dispatch(handlers: HandlerMap, method: string, rawParams: unknown, log: Logger, options: DispatchOptions = {}): Promise<unknown> {
  if (!isMethodName(method)) throw new ApiError('METHOD_NOT_FOUND', `Unknown method "${method}"`);
  const handler = handlers[method] as ((params: unknown) => unknown) | undefined;
  if (!handler) throw new ApiError('METHOD_NOT_FOUND', `Method "${method}" is not available on this connection`);
  const parsed = methods[method].params.safeParse(rawParams ?? {});
  if (!parsed.success) throw invalidParams(parsed.error);
  let result: unknown;
  try {
    result = await handler(parsed.data);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    log.error({ method, err: describeError(error) }, 'handler failed');
    throw new ApiError('INTERNAL', `Internal error in ${method}; details are in the log`);
  }
  if (options.validateResults) {
    const checked = methods[method].result.safeParse(result);
    if (!checked.success) {
      log.error({ method, issues: checked.error.issues }, 'result does not match the contract');
      throw new ApiError('INTERNAL', `The result of ${method} does not match the contract: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
  }
  return result;
}

export function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return error.stack ? { message: error.message, stack: error.stack } : { message: error.message };
  return { message: String(error) };
}
