import { describeStartupFailure } from '../core/startup-failure';
import { parseServeOptions, UsageError } from './cli-options';
import { startHeadlessHost } from './headless-host';
import { appVersion, PROJECT_ROOT, RENDERER_DIR } from './project-root';
import { ensureRendererBuilt } from './renderer-build';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 64;
/** A shutdown that hangs (a stuck client, a stuck disk) must not keep a supervisor waiting forever. */
const SHUTDOWN_DEADLINE_MS = 10_000;

function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : describeStartupFailure(error).exitCode;
}

async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const options = parseServeOptions(process.argv.slice(2), process.env);
  // Children (the UI build) must not inherit the passphrase.
  delete process.env.IST_PASSPHRASE;
  if (options.build) ensureRendererBuilt(PROJECT_ROOT, RENDERER_DIR, say);
  const host = await startHeadlessHost({
    dataDir: options.dataDir,
    rendererDir: RENDERER_DIR,
    version: appVersion(),
    host: options.host,
    port: options.port,
    allowRemote: options.allowRemote,
    passphrase: options.passphrase,
    community: options.community,
    hubUrl: options.hubUrl,
    // Set by the test suites: every result is checked against the contract.
    validateResults: process.env.IST_VALIDATE_RESULTS === '1',
  });
  say(`Instant Social Trading ${appVersion()} (headless) — data in ${options.dataDir}`);
  say(host.url);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    host.core.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      process.stderr.write(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting.\n`);
      process.exit(EXIT_FAILURE);
    }, SHUTDOWN_DEADLINE_MS).unref();
    host.close().then(
      () => process.exit(EXIT_OK),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(EXIT_FAILURE);
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
