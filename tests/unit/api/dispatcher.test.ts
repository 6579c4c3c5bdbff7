import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/core/api/dispatcher';
import { ApiError } from '../../../src/shared/contract';
import { recordingLogger } from '../../helpers/test-core';

const info = { app: 'IST', version: '1', host: 'headless' as const, dataDir: '/d', schemaVersion: 1, startedAt: '2026-01-01T00:00:00.000Z' };

describe('dispatch', () => {
  it('runs the handler with parsed params', async () => {
    const log = recordingLogger();
    await expect(dispatch({ 'system.info': () => info }, 'system.info', undefined, log)).resolves.toEqual(info);
  });

  it('answers METHOD_NOT_FOUND for a name outside the contract', async () => {
    await expect(dispatch({}, 'system.reboot', {}, recordingLogger())).rejects.toMatchObject({ code: 'METHOD_NOT_FOUND' });
  });

  it('answers METHOD_NOT_FOUND for a contract method this connection does not serve', async () => {
    await expect(dispatch({}, 'system.info', {}, recordingLogger())).rejects.toMatchObject({ code: 'METHOD_NOT_FOUND' });
  });

  it('answers INVALID_PARAMS with the failing fields and never calls the handler', async () => {
    let called = false;
    const handlers = { 'events.subscribe': () => ((called = true), { topics: [] }) };
    const error = await dispatch(handlers, 'events.subscribe', { topics: 'system.status' }, recordingLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_PARAMS');
    expect((error as ApiError).data).toEqual({ fields: [expect.objectContaining({ path: 'topics' })] });
    expect(called).toBe(false);
  });

  it('passes an ApiError from the handler through unchanged', async () => {
    const handlers = { 'system.backup': () => Promise.reject(new ApiError('UNAVAILABLE', 'disk full')) };
    await expect(dispatch(handlers, 'system.backup', {}, recordingLogger())).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'disk full' });
  });

  it('turns any other failure into INTERNAL, logging the cause but not exposing it', async () => {
    const log = recordingLogger();
    const handlers = { 'system.backup': () => Promise.reject(new Error('SQLITE_IOERR at /secret/path')) };
    const error = (await dispatch(handlers, 'system.backup', {}, log).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('/secret/path');
    expect(log.records.find((r) => r.level === 'error')?.fields).toMatchObject({ method: 'system.backup' });
  });
});

describe('dispatch with result validation', () => {
  it('fails loudly when a handler returns something the contract does not allow', async () => {
    const log = recordingLogger();
    const handlers = { 'system.info': () => ({ ...info, host: 'cloud' }) as never };
    await expect(dispatch(handlers, 'system.info', {}, log, { validateResults: true })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('host') });
    await expect(dispatch(handlers, 'system.info', {}, log)).resolves.toMatchObject({ host: 'cloud' });
  });
});
