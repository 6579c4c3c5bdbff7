import { WrongPassphraseError } from '../core/secrets/encrypted-file-secret-store';
import { DatabaseCorruptError, DatabaseFromFutureError, ProfileLockedError } from '../core/store/store-errors';
import { parseServeOptions, UsageError } from './cli-options';
import { startHeadlessHost } from './headless-host';
import { appVersion, PROJECT_ROOT, RENDERER_DIR } from './project-root';
import { ensureRendererBuilt } from './renderer-build';

/** Exit codes a supervisor (systemd, a script) can act on. */
export const EXIT = { ok: 0, failure: 1, databaseFromFuture: 2, databaseCorrupt: 3, profileLocked: 4, wrongPassphrase: 5, usage: 64 } as const;

function exitCodeFor(error: unknown): number {
  if (error instanceof DatabaseFromFutureError) return EXIT.databaseFromFuture;
  if (error instanceof DatabaseCorruptError) return EXIT.databaseCorrupt;
  if (error instanceof ProfileLockedError) return EXIT.profileLocked;
  if (error instanceof WrongPassphraseError) return EXIT.wrongPassphrase;
  if (error instanceof UsageError) return EXIT.usage;
  return EXIT.failure;
}

async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const options = parseServeOptions(process.argv.slice(2), process.env);
  if (options.build) ensureRendererBuilt(PROJECT_ROOT, RENDERER_DIR, say);
  const host = await startHeadlessHost({
    dataDir: options.dataDir,
    rendererDir: RENDERER_DIR,
    version: appVersion(),
    host: options.host,
    port: options.port,
    allowRemote: options.allowRemote,
    passphrase: options.passphrase,
  });
  say(`Instant Social Trading ${appVersion()} (headless) — data in ${options.dataDir}`);
  say(host.url);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    host.core.log.info({ signal }, 'shutting down');
    host.close().then(
      () => process.exit(EXIT.ok),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(EXIT.failure);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Error: ${message}\n`);
  process.exit(exitCodeFor(error));
});
