import { HubUsageError, parseHubOptions } from './cli-options';
import { createStreamLogger } from './logging/stdout-logger';
import { startHub } from './start-hub';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 64;
/** A shutdown that hangs (a stuck client, a stuck disk) must not keep a supervisor waiting forever. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** `npm run hub -- --data-dir DIR …`: a standalone hub, JSON-lines logs on stdout. */
async function main(): Promise<void> {
  const options = parseHubOptions(process.argv.slice(2), process.env);
  const clock = { now: () => Date.now() };
  const log = createStreamLogger({ level: options.logLevel, clock, write: (line) => void process.stdout.write(line) });
  const hub = await startHub({ dataDir: options.dataDir, host: options.host, port: options.port, ...(options.name ? { name: options.name } : {}), clock, log });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
      process.exit(EXIT_FAILURE);
    }, SHUTDOWN_DEADLINE_MS).unref();
    hub.close().then(
      () => process.exit(EXIT_OK),
      (error: unknown) => {
        log.error({ err: String(error) }, 'shutdown failed');
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof HubUsageError ? EXIT_USAGE : EXIT_FAILURE);
});
