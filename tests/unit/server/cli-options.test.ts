import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertHostAllowed, isLoopbackHost, parseServeOptions, UsageError } from '../../../src/server/cli-options';
import { defaultDataDir } from '../../../src/server/default-data-dir';
import { tempDir } from '../../helpers/temp-dir';

describe('serve options', () => {
  it('defaults to 127.0.0.1:7420 and the per-user data folder', () => {
    const o = parseServeOptions([], { XDG_CONFIG_HOME: '/home/u/.config' });
    expect(o).toMatchObject({ host: '127.0.0.1', port: 7420, allowRemote: false, build: true });
    expect(o.dataDir).toBe(defaultDataDir(process.platform, { XDG_CONFIG_HOME: '/home/u/.config' }));
  });

  it('reads --host, --port, --data-dir, --allow-remote and --no-build', () => {
    const o = parseServeOptions(['--host', '0.0.0.0', '--port', '9000', '--data-dir', '/d', '--allow-remote', '--no-build'], {});
    expect(o).toMatchObject({ host: '0.0.0.0', port: 9000, dataDir: '/d', allowRemote: true, build: false });
  });

  it('rejects a port out of range or not a number, and unknown flags, with usage', () => {
    expect(() => parseServeOptions(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseServeOptions(['--port', 'http'], {})).toThrow(/--port/);
    expect(() => parseServeOptions(['--bogus'], {})).toThrow(/Usage: npm run serve/);
  });

  it('takes the passphrase from --passphrase-file (trailing newline dropped) over IST_PASSPHRASE', () => {
    const file = path.join(tempDir(), 'pass');
    fs.writeFileSync(file, 'correct horse\n');
    expect(parseServeOptions(['--passphrase-file', file], { IST_PASSPHRASE: 'env' }).passphrase).toBe('correct horse');
    expect(parseServeOptions([], { IST_PASSPHRASE: 'env' }).passphrase).toBe('env');
    expect(() => parseServeOptions(['--passphrase-file', '/nonexistent/p'], {})).toThrow(/Cannot read --passphrase-file/);
  });

  it('runs the embedded hub with its community unless --no-community, and takes a remote hub from --hub-url', () => {
    expect(parseServeOptions([], {})).toMatchObject({ community: true, hubUrl: undefined });
    expect(parseServeOptions(['--no-community', '--hub-url', 'wss://hub.example.org/hub/v1'], {})).toMatchObject({ community: false, hubUrl: 'wss://hub.example.org/hub/v1' });
    expect(() => parseServeOptions(['--hub-url', 'https://hub.example.org'], {})).toThrow(/--hub-url: a ws:\/\/ or wss:\/\/ URL/);
  });

  it('refuses a non-loopback host unless --allow-remote is given', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(() => assertHostAllowed('0.0.0.0', false)).toThrow(/--allow-remote/);
    expect(() => assertHostAllowed('0.0.0.0', true)).not.toThrow();
  });

  it('uses the folder Electron uses for userData on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/Instant Social Trading');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/Instant Social Trading');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toContain('Instant Social Trading');
  });
});
