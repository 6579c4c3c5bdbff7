import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ERROR_CODES, invalidParams, JSON_RPC_ERROR_CODES } from '../../../src/shared/contract';
import { toJsonRpcError } from '../../../src/shared/contract/json-rpc';

describe('error codes', () => {
  it('maps protocol errors to the JSON-RPC 2.0 codes', () => {
    expect(JSON_RPC_ERROR_CODES.PARSE_ERROR).toBe(-32700);
    expect(JSON_RPC_ERROR_CODES.INVALID_REQUEST).toBe(-32600);
    expect(JSON_RPC_ERROR_CODES.METHOD_NOT_FOUND).toBe(-32601);
    expect(JSON_RPC_ERROR_CODES.INVALID_PARAMS).toBe(-32602);
    expect(JSON_RPC_ERROR_CODES.INTERNAL).toBe(-32603);
  });

  it('gives every application code its own number in the server-error range', () => {
    const app = ERROR_CODES.filter((c) => !['PARSE_ERROR', 'INVALID_REQUEST', 'METHOD_NOT_FOUND', 'INVALID_PARAMS', 'INTERNAL'].includes(c));
    const numbers = app.map((c) => JSON_RPC_ERROR_CODES[c]);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(-32099);
      expect(n).toBeLessThanOrEqual(-32000);
    }
  });

  it('lists each failing field of invalid params with its path', () => {
    const schema = z.object({ qty: z.number().positive(), symbol: z.string(), nested: z.object({ x: z.int() }) });
    const result = schema.safeParse({ qty: -1, nested: { x: 1.5 } });
    expect(result.success).toBe(false);
    const error = invalidParams(result.error!);
    expect(error.code).toBe('INVALID_PARAMS');
    const fields = (error.data as { fields: Array<{ path: string }> }).fields.map((f) => f.path);
    expect(fields).toEqual(['qty', 'symbol', 'nested.x']);
    expect(error.message).toMatch(/qty: /);
  });

  it('carries the stable string code inside JSON-RPC error data', () => {
    const wire = toJsonRpcError(new ApiError('NOT_FOUND', 'No such account', { accountId: 'a1' }).toShape());
    expect(wire).toEqual({ code: -32004, message: 'No such account', data: { accountId: 'a1', code: 'NOT_FOUND' } });
    expect(toJsonRpcError({ code: 'INTERNAL', message: 'x' }).data).toEqual({ code: 'INTERNAL' });
  });
});
