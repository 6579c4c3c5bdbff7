import { describe, expect, it } from 'vitest';
import { events, methodNames, methods, systemInfoSchema, topicNames } from '../../../src/shared/contract';

describe('the contract', () => {
  it('names every method domain.verb and documents it', () => {
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(methods[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('names every event topic domain.noun and documents it', () => {
    for (const topic of topicNames) {
      expect(topic).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(events[topic].summary.length).toBeGreaterThan(10);
    }
  });

  it('declares the system domain of the foundation', () => {
    expect(methodNames).toEqual(expect.arrayContaining(['system.info', 'system.backup', 'events.subscribe', 'events.unsubscribe']));
    expect(topicNames).toContain('system.status');
  });

  it('accepts a system.info result and rejects one with a wrong host', () => {
    const ok = { app: 'IST', version: '1.0.0', host: 'headless', dataDir: '/d', schemaVersion: 1, startedAt: '2026-01-01T00:00:00.000Z' };
    expect(systemInfoSchema.safeParse(ok).success).toBe(true);
    expect(systemInfoSchema.safeParse({ ...ok, host: 'cloud' }).success).toBe(false);
  });

  it('rejects unknown fields on methods without params', () => {
    expect(methods['system.info'].params.safeParse({}).success).toBe(true);
    expect(methods['system.info'].params.safeParse({ verbose: true }).success).toBe(false);
  });

  it('only lets events.subscribe name known topics', () => {
    const params = methods['events.subscribe'].params;
    expect(params.safeParse({ topics: ['system.status'] }).success).toBe(true);
    expect(params.safeParse({ topics: ['market.nope'] }).success).toBe(false);
    expect(params.safeParse({ topics: [] }).success).toBe(false);
  });
});

describe('the content security policy', () => {
  it('is one policy, without eval or remote origins, and the built page carries it', async () => {
    const { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } = await import('../../../src/shared/csp');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
    const fs = await import('node:fs');
    expect(fs.readFileSync('src/renderer/index.html', 'utf8')).toContain('content="%IST_CSP%"');
  });
});
