import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHub, type Hub } from '../../../src/hub';
import type { Core } from '../../../src/core/create-core';
import type { HubStatus } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { createSocialCore, hubStatus, online } from './social-core';

const PASS = 'switching passphrase';
const cores: Core[] = [];
let remote: Hub | undefined;
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await remote?.close();
  remote = undefined;
});
const start = (dataDir: string, hubUrl?: string): Core => {
  const core = createSocialCore(dataDir, { passphrase: PASS, ...(hubUrl ? { hubUrl } : {}) });
  cores.push(core);
  return core;
};
const stop = async (core: Core): Promise<void> => {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
};

/** Whether anything still listens at a ws:// URL. */
const listening = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });

describe('choosing the hub', () => {
  it('switches to a remote hub and back, signing out of the previous one, and remembers the choice', async () => {
    const dataDir = tempDir();
    remote = await startHub({ dataDir: tempDir(), port: 0, name: 'Remote test hub' });
    let core = start(dataDir);
    const embedded = await online(core);
    await core.call('hub.signUp', { username: 'mallory', password: 'mallory password' });

    const seen: HubStatus[] = [];
    core.on('hub.status', (s) => seen.push(s));
    const switched = (await core.call('hub.configure', { url: remote.url })) as HubStatus;
    expect(switched).toMatchObject({ mode: 'remote', url: remote.url, user: null, community: null });
    const there = await online(core);
    expect(there.detail).toMatch(/^Connected to Remote test hub/);
    expect(seen.some((s) => s.mode === 'remote' && s.state === 'online')).toBe(true);
    // The embedded hub is stopped, and the member is signed out of it.
    expect(core.social.hub.embedded()).toBeNull();
    expect(await listening(embedded.url)).toBe(false);

    await core.call('hub.signUp', { username: 'mallory', password: 'remote password' });
    await stop(core);
    core = start(dataDir);
    expect(await hubStatus(core, (s) => s.state === 'online' && s.user !== null)).toMatchObject({ mode: 'remote', url: remote.url, user: { username: 'mallory' } });

    expect(await core.call('hub.configure', { url: null })).toMatchObject({ mode: 'embedded', user: null });
    const back = await online(core);
    expect(back).toMatchObject({ mode: 'embedded', user: null });
    // The embedded hub kept its members: the first account signs in again.
    expect(await core.call('hub.signIn', { username: 'mallory', password: 'mallory password' })).toMatchObject({ user: { username: 'mallory' } });
    await stop(core);
    core = start(dataDir);
    expect(await online(core)).toMatchObject({ mode: 'embedded' });
  });

  it('takes a hub for one run from the host (--hub-url) over the stored choice', async () => {
    remote = await startHub({ dataDir: tempDir(), port: 0 });
    const dataDir = tempDir();
    let core = start(dataDir, remote.url);
    expect(await online(core)).toMatchObject({ mode: 'remote', url: remote.url });
    await stop(core);
    core = start(dataDir);
    expect(await online(core)).toMatchObject({ mode: 'embedded' });
  });

  it('refuses anything but a ws:// or wss:// URL', async () => {
    const core = start(tempDir());
    await expect(core.call('hub.configure', { url: 'https://hub.example.org' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/ws:\/\/ or wss:\/\//) });
    await expect(core.call('hub.configure', { url: 'not a url' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('reports a remote hub that cannot be reached, and keeps trying', async () => {
    const hub = await startHub({ dataDir: tempDir(), port: 0 });
    const url = hub.url;
    await hub.close();
    const core = start(tempDir(), url);
    const down = await hubStatus(core, (s) => s.state === 'offline');
    expect(down.detail).toMatch(/Cannot reach the hub at 127\.0\.0\.1:\d+: .*Trying again in \d+ s/);
    await expect(core.call('social.feed', { tab: 'trending' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
