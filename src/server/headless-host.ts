import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCore, type Core } from '../core/create-core';
import { createFileLogger, type LogLevel } from '../core/logging/file-logger';
import { systemClock, type Clock } from '../core/ports';
import { profilePaths } from '../core/profile/profile-paths';
import { createEncryptedFileSecretStore } from '../core/secrets/encrypted-file-secret-store';
import { loadOrCreateToken } from './api-token';
import { assertHostAllowed, isLoopbackHost } from './cli-options';
import { createHttpHandler } from './http-handler';
import { attachWsApi, type WsApi } from './ws-api';

export interface HeadlessHostOptions {
  dataDir: string;
  rendererDir: string;
  version: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  allowRemote?: boolean;
  passphrase?: string | undefined;
  clock?: Clock;
  logLevel?: LogLevel;
  statusIntervalMs?: number;
  rate?: { burst: number; perSecond: number };
  validateResults?: boolean;
  syntheticTicksPerSecond?: number;
  /** The embedded hub's simulated community (default true). */
  community?: boolean;
  /** A remote social hub instead of the embedded one. */
  hubUrl?: string | undefined;
}

export interface HeadlessHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly core: Core;
  readonly api: WsApi;
  /** Closes clients, the HTTP server and the core, in that order. Idempotent. */
  close(): Promise<void>;
}

/** The core behind HTTP (the built renderer) and JSON-RPC over WebSocket, for a browser or scripts. */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const host = options.host ?? '127.0.0.1';
  assertHostAllowed(host, options.allowRemote ?? false);
  const clock = options.clock ?? systemClock;
  const paths = profilePaths(options.dataDir);
  const logger = createFileLogger({ dir: paths.logsDir, clock, level: options.logLevel ?? 'info' });
  let core: Core;
  try {
    const secrets = createEncryptedFileSecretStore(path.join(paths.dataDir, 'secrets.enc.json'), options.passphrase);
    core = createCore({
      host: 'headless',
      version: options.version,
      ports: { clock, logger, secrets, paths },
      statusIntervalMs: options.statusIntervalMs ?? 5000,
      validateResults: options.validateResults ?? false,
      ...(options.syntheticTicksPerSecond ? { syntheticTicksPerSecond: options.syntheticTicksPerSecond } : {}),
      ...(options.community === false ? { community: false } : {}),
      ...(options.hubUrl ? { hubUrl: options.hubUrl } : {}),
    });
  } catch (error) {
    logger.close();
    throw error;
  }

  let token: string;
  try {
    token = loadOrCreateToken(paths.dataDir);
  } catch (error) {
    await core.close();
    logger.close();
    throw error;
  }
  let boundPort = options.port ?? 7420;
  const remote = !isLoopbackHost(host);
  const server = http.createServer(
    createHttpHandler({ token, rendererDir: options.rendererDir, remote, listenHost: host, port: () => boundPort, onError: (error) => core.log.error({ err: String(error) }, 'http handler failed') }),
  );
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const api = attachWsApi({ server, core, token, remote, listenHost: host, clock, port: () => boundPort, ...(options.rate ? { rate: options.rate } : {}) });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(boundPort, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await api.close();
    await core.close();
    logger.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${boundPort} on ${host} is already in use. Pick another with --port.`, { cause: error });
    throw error;
  }
  boundPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${boundPort}/?token=${token}`;
  core.log.info({ host, port: boundPort }, 'headless host listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: boundPort,
    token,
    core,
    api,
    close() {
      closing ??= (async () => {
        await api.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await core.close();
        logger.close();
      })();
      return closing;
    },
  };
}
