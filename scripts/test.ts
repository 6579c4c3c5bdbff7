import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `npm test`: typecheck, lint, vitest (unit + integration), Playwright (e2e). Every step runs even
 * after a failure, so one run shows everything; the last line totals the tests of both runners.
 */
const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

const failedSteps: string[] = [];
if (!run('typecheck', 'npm', ['run', '--silent', 'typecheck'])) failedSteps.push('typecheck');
if (!run('lint', 'npm', ['run', '--silent', 'lint'])) failedSteps.push('lint');

const vitestJson = path.join(results, 'vitest.json');
const playwrightJson = path.join(results, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });
if (!run('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])) failedSteps.push('vitest');
if (!run('e2e (Playwright, Chromium)', bin('playwright'), ['test'])) failedSteps.push('playwright');

const vitestSchema = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numPendingTests: z.number().default(0), numTodoTests: z.number().default(0) });
const playwrightSchema = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }) });

let passed = 0;
let failed = 0;
let skipped = 0;
const readJson = (file: string): unknown => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);

const v = vitestSchema.safeParse(readJson(vitestJson));
if (v.success) {
  passed += v.data.numPassedTests;
  failed += v.data.numFailedTests;
  skipped += v.data.numPendingTests + v.data.numTodoTests;
} else {
  failed += 1; // vitest did not report: count the runner itself as a failure
  failedSteps.push('vitest report missing');
}
const p = playwrightSchema.safeParse(readJson(playwrightJson));
if (p.success) {
  passed += p.data.stats.expected + p.data.stats.flaky;
  failed += p.data.stats.unexpected;
  skipped += p.data.stats.skipped;
} else {
  failed += 1;
  failedSteps.push('playwright report missing');
}

console.log('');
if (failedSteps.length > 0) console.log(`Failed steps: ${[...new Set(failedSteps)].join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
