import { ApiError, ERROR_CODES, JSON_RPC_ERROR_CODES, type ErrorCode } from '../../shared/contract';
import { jsonRpcErrorSchema } from '../../shared/contract/json-rpc';

const byNumber = new Map<number, ErrorCode>(Object.entries(JSON_RPC_ERROR_CODES).map(([code, n]) => [n, code as ErrorCode]));
const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/**
 * A hub's JSON-RPC error as the app's `ApiError`: the same stable code and the hub's message, so
 * "username taken" or "post not found" reach the trader as the hub said them. Field errors of
 * `INVALID_PARAMS` are kept for forms; anything unreadable is the hub misbehaving (`UNAVAILABLE`).
 */
export function hubApiError(raw: unknown, method: string): ApiError {
  const parsed = jsonRpcErrorSchema.safeParse(raw);
  if (!parsed.success) return new ApiError('UNAVAILABLE', `The hub answered ${method} with an error this app cannot read`);
  const { code: numeric, message, data } = parsed.data;
  const code = isErrorCode(data?.code) ? data.code : (byNumber.get(numeric) ?? 'UNAVAILABLE');
  const { code: _code, ...rest } = data ?? {};
  return new ApiError(code, message, Object.keys(rest).length > 0 ? rest : undefined);
}

/** The hub cannot be reached (or did not answer): reads fall back to the cache on this. */
export function hubUnavailable(detail: string): ApiError {
  return new ApiError('UNAVAILABLE', detail);
}
