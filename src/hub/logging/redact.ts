/** Field names whose values never reach a log line, at any depth. */
const SECRET_KEY = /secret|password|passphrase|token|authorization|cookie|private[-_]?key/i;
const MAX_DEPTH = 6;

/** A copy of log fields with secret-looking members replaced, so a careless field cannot leak one. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[deep]';
  if (value instanceof Error) return { message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v: unknown) => redactFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactFields(v, depth + 1);
  return out;
}
