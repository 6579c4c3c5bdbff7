import type { ApiError } from '../../../shared/contract';

/** Messages by request path (`qty`, `endpoints.rest`, `bracket.stopLoss`…), as INVALID_PARAMS names them. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The fields an `INVALID_PARAMS` error reported in `data.fields`, by path (the first message of each). */
export function fieldsOf(error: ApiError): FieldErrors | null {
  if (error.code !== 'INVALID_PARAMS') return null;
  const fields = (error.data as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return null;
  const out: Record<string, string> = {};
  for (const f of fields as Array<{ path?: unknown; message?: unknown }>) if (typeof f.path === 'string' && typeof f.message === 'string') out[f.path] ??= f.message;
  return out;
}
