import fs from 'node:fs';
import path from 'node:path';
import type { Clock, LogFields, Logger } from '../ports';
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface FileLoggerOptions {
  dir: string;
  /** Base file name; rotated files get `.1`, `.2`, … (newest first). */
  name?: string;
  level?: LogLevel;
  maxBytes?: number;
  maxFiles?: number;
  clock: Clock;
}

export interface FileLogger extends Logger {
  /** Lines that could not be written (closed file, full disk). */
  readonly dropped: number;
  /** Closes the file; later writes are dropped. */
  close(): void;
}

/**
 * JSON-lines logger with size-based rotation. Writes are synchronous so the last lines before
 * a crash are on disk — logs are how we explain what a copy executor did.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const name = options.name ?? 'core.log';
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 5;
  const threshold = LEVELS[options.level ?? 'info'];
  const file = path.join(options.dir, name);
  fs.mkdirSync(options.dir, { recursive: true });

  let fd: number | undefined = fs.openSync(file, 'a', 0o600);
  let size = fs.fstatSync(fd).size;
  let dropped = 0;

  const rotate = (): void => {
    if (fd === undefined) return;
    const old = fd;
    // Forget the descriptor before anything can fail: the OS reuses its number for the next open.
    fd = undefined;
    fs.closeSync(old);
    if (maxFiles <= 1) {
      fd = fs.openSync(file, 'w', 0o600);
    } else {
      for (let i = maxFiles - 1; i >= 1; i--) {
        const from = i === 1 ? file : `${file}.${i - 1}`;
        if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i}`);
      }
      fd = fs.openSync(file, 'a', 0o600);
    }
    size = 0;
  };

  const write = (level: LogLevel, bindings: LogFields, fields: LogFields, msg: string): void => {
    if (LEVELS[level] < threshold) return;
    // A logger never throws: a full disk must not take the copy executor down with it.
    try {
      if (fd === undefined) throw new Error('log file closed');
      const record = { time: new Date(options.clock.now()).toISOString(), level, msg, ...(redact({ ...bindings, ...fields }) as LogFields) };
      const line = `${safeStringify(record)}\n`;
      const bytes = Buffer.byteLength(line);
      if (size + bytes > maxBytes && size > 0) rotate();
      if (fd === undefined) throw new Error('log file unavailable');
      fs.writeSync(fd, line);
      size += bytes;
    } catch {
      dropped++;
    }
  };

  const make = (bindings: LogFields): Logger => ({
    debug: (fields, msg) => write('debug', bindings, fields, msg),
    info: (fields, msg) => write('info', bindings, fields, msg),
    warn: (fields, msg) => write('warn', bindings, fields, msg),
    error: (fields, msg) => write('error', bindings, fields, msg),
    child: (more) => make({ ...bindings, ...more }),
  });

  return {
    ...make({}),
    get dropped() {
      return dropped;
    },
    close() {
      const old = fd;
      fd = undefined;
      if (old !== undefined) fs.closeSync(old);
    },
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Error ? { message: v.message, stack: v.stack } : v));
  } catch {
    return JSON.stringify({ msg: 'unserialisable log record' });
  }
}

/** A logger that drops everything; for tests and benches that do not look at logs. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
