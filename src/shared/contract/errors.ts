import { z } from 'zod';

/**
 * Stable error codes that cross every boundary (IPC, JSON-RPC, hub). Clients branch on these,
 * never on messages, so a code is never renamed once it ships.
 */
export const ERROR_CODES = [
  'PARSE_ERROR',
  'INVALID_REQUEST',
  'METHOD_NOT_FOUND',
  'INVALID_PARAMS',
  'INTERNAL',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'BROKER_REJECTED',
  'RISK_BLOCKED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** JSON-RPC 2.0 numeric codes: the spec's own for protocol errors, -32000…-32099 for ours. */
export const JSON_RPC_ERROR_CODES: Readonly<Record<ErrorCode, number>> = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  UNAVAILABLE: -32003,
  UNAUTHORIZED: -32001,
  RATE_LIMITED: -32029,
  BROKER_REJECTED: -32010,
  RISK_BLOCKED: -32011,
};

/** One invalid field, as reported in the `data.fields` of an `INVALID_PARAMS` error. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The error shape every boundary carries. */
export const apiErrorShapeSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  data: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorShapeSchema>;

/** An error with a stable code; anything else thrown by a handler becomes `INTERNAL`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly data: unknown;

  constructor(code: ErrorCode, message: string, data?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.data = data;
  }

  toShape(): ApiErrorShape {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.data);
  }
}

/**
 * Maps a zod failure to the fields a client can show next to its inputs: the first issue per
 * field, since later checks on a value of the wrong type only repeat the problem.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(params)';
    if (!byPath.has(path)) byPath.set(path, { path, message: issue.message });
  }
  return [...byPath.values()];
}

export function invalidParams(error: z.ZodError): ApiError {
  const fields = fieldErrors(error);
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new ApiError('INVALID_PARAMS', `Invalid parameters — ${summary}`, { fields });
}
