import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../../src/core/create-core';
import type { Logger } from '../../../src/core/ports';
import { createEncryptedFileSecretStore } from '../../../src/core/secrets/encrypted-file-secret-store';
import type { HubStatus } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { createSocialCore, hubStatus, online, watchingLogger } from './social-core';

const PASS = 'correct horse battery staple';
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});
const start = (dataDir: string, passphrase?: string, logger?: Logger): Core => {
  const core = createSocialCore(dataDir, { ...(passphrase ? { passphrase } : {}), ...(logger ? { logger } : {}) });
  open.push(core);
  return core;
};
const restart = async (core: Core, dataDir: string, passphrase?: string, logger?: Logger): Promise<Core> => {
  await core.close();
  open.splice(open.indexOf(core), 1);
  return start(dataDir, passphrase, logger);
};

describe('the embedded hub', () => {
  it('starts with the core on 127.0.0.1 and reports each step as hub.status', async () => {
    const core = start(tempDir());
    const seen: HubStatus[] = [core.social.status()];
    core.on('hub.status', (s) => seen.push(s));
    const status = await online(core);
    expect(status).toMatchObject({ mode: 'embedded', url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/hub\/v1$/), state: 'online', user: null, community: null, detail: expect.stringMatching(/^Connected to Local community/) });
    expect(seen[0]).toMatchObject({ state: 'starting', detail: 'Starting the built-in hub' });
    expect(seen.map((s) => s.state)).toContain('online');
    expect(seen.findIndex((s) => s.state === 'connecting')).toBeLessThan(seen.findIndex((s) => s.state === 'online'));
    // A new subscriber gets the current status at once.
    let session: ReturnType<Core['openSession']> | undefined;
    const delivered = new Promise<unknown>((resolve) => {
      session = core.openSession((topic, payload) => {
        if (topic === 'hub.status') resolve(payload);
      });
      void core.call('events.subscribe', { topics: ['hub.status'] }, session.handlers);
    });
    expect(await delivered).toMatchObject({ state: 'online', mode: 'embedded' });
    session?.close();
  });
});

describe('signing in', () => {
  it('signs up, keeps the session encrypted across a restart, and signs out for good', async () => {
    const dataDir = tempDir();
    const log = watchingLogger();
    let core = start(dataDir, PASS, log);
    await online(core);
    const signedUp = (await core.call('hub.signUp', { username: 'Alice_1', password: 'long enough pw', displayName: 'Alice' })) as HubStatus;
    expect(signedUp.user).toMatchObject({ username: 'alice_1', displayName: 'Alice' });
    expect(signedUp.detail).not.toMatch(/this run only/);
    // The token is kept encrypted and never logged.
    const secretsFile = path.join(dataDir, 'secrets.enc.json');
    const token = z.object({ token: z.string() }).parse(JSON.parse((await createEncryptedFileSecretStore(secretsFile, PASS).get('hub.session'))!)).token;
    expect(fs.readFileSync(secretsFile, 'utf8')).not.toContain(token);
    expect(JSON.stringify(log.records)).not.toContain(token);
    expect(JSON.stringify(log.records)).not.toContain('long enough pw');

    core = await restart(core, dataDir, PASS, log);
    // The stored member is known at once, and the session is resumed when the hub is reached.
    const resumed = await hubStatus(core, (s) => s.state === 'online' && s.user !== null);
    expect(resumed.user).toMatchObject({ username: 'alice_1' });
    const me = (await core.call('social.profile', { username: 'alice_1' })) as { user: { followedByMe: boolean } };
    expect(me.user).toBeDefined();
    await core.call('social.post', { text: 'Back after a restart, still signed in $BTC' });

    expect(await core.call('hub.signOut', {})).toMatchObject({ user: null });
    core = await restart(core, dataDir, PASS);
    expect(await online(core)).toMatchObject({ user: null });
    await expect(core.call('social.post', { text: 'signed out' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('signs in again with the password, and refuses a wrong one with the hub’s message', async () => {
    const core = start(tempDir(), PASS);
    await online(core);
    await core.call('hub.signUp', { username: 'bob_b', password: 'bob password' });
    await core.call('hub.signOut', {});
    await expect(core.call('hub.signIn', { username: 'bob_b', password: 'wrong password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/password/i) });
    await expect(core.call('hub.signUp', { username: 'BOB_B', password: 'another password' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/taken/) });
    expect(await core.call('hub.signIn', { username: 'BOB_B', password: 'bob password' })).toMatchObject({ state: 'online', user: { username: 'bob_b' } });
  });

  it('without a secret store, stays signed in for this run only and says so', async () => {
    const dataDir = tempDir();
    let core = start(dataDir);
    await online(core);
    const status = (await core.call('hub.signUp', { username: 'carol', password: 'carol password' })) as HubStatus;
    expect(status.user).toMatchObject({ username: 'carol' });
    expect(status.detail).toMatch(/Signed in for this run only: the session cannot be kept \(No passphrase was given/);
    core = await restart(core, dataDir);
    expect(await online(core)).toMatchObject({ user: null });
  });

  it('forgets a session the hub no longer knows, and says why', async () => {
    const dataDir = tempDir();
    let core = start(dataDir, PASS);
    await online(core);
    await core.call('hub.signUp', { username: 'dave', password: 'dave password' });
    // Another device signs in as the same member and revokes every other session.
    const other = core.social.hub.embedded()!.hub.local();
    await other.call('auth.signIn', { username: 'dave', password: 'dave password' });
    const revoked = hubStatus(core, (s) => s.user === null);
    await other.call('auth.revokeOthers', {});
    other.close();
    expect((await revoked).detail).toMatch(/Signed out by the hub/);
    core = await restart(core, dataDir, PASS);
    expect(await online(core)).toMatchObject({ user: null });
  });
});
