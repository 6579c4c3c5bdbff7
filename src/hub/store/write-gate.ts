/**
 * Lets a long write (an import's transaction, spread over several turns of the event loop so the
 * host stays responsive) have the database to itself: while it is held, calls and background
 * writes wait for it instead of landing inside its transaction.
 */
export interface WriteGate {
  /** Whether a long write holds the database now. */
  readonly busy: boolean;
  /** Resolves once no long write holds the database (at once when none does). */
  idle(): Promise<void>;
  /** Waits for the gate, takes it, and resolves with the function that releases it. */
  hold(): Promise<() => void>;
}

export function createWriteGate(): WriteGate {
  let current: Promise<void> | null = null;
  return {
    get busy() {
      return current !== null;
    },
    async idle() {
      while (current) await current;
    },
    async hold() {
      while (current) await current;
      let release!: () => void;
      current = new Promise<void>((resolve) => {
        release = () => {
          current = null;
          resolve();
        };
      });
      return release;
    },
  };
}

/** Hands the event loop back (after pending I/O) and resolves. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A time slicer for long loops: `due()` says when the current slice has run for `sliceMs`, and
 * `pause()` yields and starts the next slice.
 */
export function createSlicer(sliceMs = 10): { due(): boolean; pause(): Promise<void> } {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async pause() {
      await yieldToEventLoop();
      started = performance.now();
    },
  };
}
