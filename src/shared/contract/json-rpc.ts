import { z } from 'zod';
import type { ApiErrorShape } from './errors';
import { JSON_RPC_ERROR_CODES } from './errors';

/** A JSON-RPC 2.0 request or notification, as read off the wire. */
export const jsonRpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string().min(1),
  params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});
export type JsonRpcRequest = z.infer<typeof jsonRpcRequestSchema>;
export type JsonRpcId = string | number | null;

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  /** Always carries the stable string code; `fields` for invalid params. */
  data: { code: ApiErrorShape['code'] } & Record<string, unknown>;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: JsonRpcErrorObject };

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params: unknown;
}

export function toJsonRpcError(shape: ApiErrorShape): JsonRpcErrorObject {
  const extra = shape.data && typeof shape.data === 'object' && !Array.isArray(shape.data) ? shape.data : shape.data === undefined ? {} : { detail: shape.data };
  return { code: JSON_RPC_ERROR_CODES[shape.code], message: shape.message, data: { ...extra, code: shape.code } };
}

/** The inverse, for clients: a JSON-RPC error back to the stable shape. */
export const jsonRpcErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  data: z.looseObject({ code: z.string() }).optional(),
});
