/** Field names whose values never reach a log file, at any depth. */
const SECRET_KEY = /secret|password|passphrase|token|api[-_]?key|authorization|cookie|private[-_]?key/i;

export const REDACTED = '[redacted]';

const MAX_DEPTH = 6;

export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Past the depth limit nothing is inspected, so nothing is shown.
  if (depth > MAX_DEPTH) return '[truncated]';
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
