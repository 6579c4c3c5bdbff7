import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/contract';
import { hubApiError } from '../../../src/core/social/hub-errors';

describe('hub errors', () => {
  it('keep the hub’s stable code, message and field errors', () => {
    const error = hubApiError({ code: -32602, message: 'Invalid parameters — username: taken', data: { code: 'INVALID_PARAMS', fields: [{ path: 'username', message: 'taken' }] } }, 'auth.signUp');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.toShape()).toEqual({ code: 'INVALID_PARAMS', message: 'Invalid parameters — username: taken', data: { fields: [{ path: 'username', message: 'taken' }] } });
  });

  it('fall back to the JSON-RPC number when the stable code is missing or unknown', () => {
    expect(hubApiError({ code: -32004, message: 'No such post' }, 'posts.get').code).toBe('NOT_FOUND');
    expect(hubApiError({ code: -32029, message: 'Slow down', data: { code: 'SOMETHING_NEW' } }, 'posts.create').code).toBe('RATE_LIMITED');
    expect(hubApiError({ code: 1, message: '?' }, 'posts.create').code).toBe('UNAVAILABLE');
  });

  it('treat an unreadable error as the hub misbehaving', () => {
    const error = hubApiError('boom', 'feed.get');
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/feed\.get/);
  });
});
