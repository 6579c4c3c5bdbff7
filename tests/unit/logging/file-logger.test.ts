import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src/core/logging/file-logger';
import { redact } from '../../../src/core/logging/redact';
import { tempDir } from '../../helpers/temp-dir';

const clock = { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) };
const lines = (file: string): Array<Record<string, unknown>> =>
  fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('file logger', () => {
  it('writes one JSON record per line with time, level, message, bindings and fields', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock });
    log.child({ component: 'trading' }).info({ orderId: 'o1' }, 'order accepted');
    log.close();
    expect(lines(path.join(dir, 'core.log'))).toEqual([{ time: '2026-01-02T03:04:05.000Z', level: 'info', msg: 'order accepted', component: 'trading', orderId: 'o1' }]);
  });

  it('never writes secrets, at any depth', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock });
    log.info({ apiKey: 'AKIA123', nested: { secret: 's3cr3t', passphrase: 'pp', headers: { Authorization: 'Bearer tok' } }, token: 't' }, 'creds');
    log.close();
    const text = fs.readFileSync(path.join(dir, 'core.log'), 'utf8');
    for (const secret of ['AKIA123', 's3cr3t', '"pp"', 'Bearer tok', '"t"']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('drops records below the level', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock, level: 'warn' });
    log.info({}, 'quiet');
    log.warn({}, 'loud');
    log.close();
    expect(lines(path.join(dir, 'core.log')).map((r) => r.msg)).toEqual(['loud']);
  });

  it('rotates by size and keeps a bounded number of files, newest first', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock, maxBytes: 400, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.info({ i }, 'x'.repeat(40));
    log.close();
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['core.log', 'core.log.1', 'core.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(400);
    const newest = lines(path.join(dir, 'core.log')).at(-1);
    expect(newest?.i).toBe(39);
    const older = lines(path.join(dir, 'core.log.1')).at(-1)?.i as number;
    expect(older).toBeLessThan(lines(path.join(dir, 'core.log'))[0]?.i as number);
  });

  it('keeps non-secret values as they are', () => {
    expect(redact({ a: [1, { b: 2 }], symbol: 'BTC/USDT' })).toEqual({ a: [1, { b: 2 }], symbol: 'BTC/USDT' });
  });
});

describe('file logger robustness', () => {
  it('truncates instead of revealing values nested beyond its depth limit', () => {
    let deep: Record<string, unknown> = { apiKey: 'deep-secret' };
    for (let i = 0; i < 10; i++) deep = { level: deep };
    expect(JSON.stringify(redact(deep))).not.toContain('deep-secret');
    expect(JSON.stringify(redact(deep))).toContain('[truncated]');
  });

  it('logs errors with their message and stack', () => {
    const out = redact({ err: new Error('boom') }) as { err: { message: string; stack: string } };
    expect(out.err.message).toBe('boom');
    expect(out.err.stack).toContain('Error: boom');
  });

  it('never throws once closed; it counts what it dropped', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock });
    log.close();
    expect(() => log.error({}, 'after close')).not.toThrow();
    expect(log.dropped).toBe(1);
  });

  it('truncates a single log file instead of growing it without bound', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, clock, maxBytes: 300, maxFiles: 1 });
    for (let i = 0; i < 30; i++) log.info({ i }, 'x'.repeat(30));
    log.close();
    expect(fs.readdirSync(dir)).toEqual(['core.log']);
    expect(fs.statSync(path.join(dir, 'core.log')).size).toBeLessThanOrEqual(300);
  });
});
