import fs from 'node:fs';
import path from 'node:path';
import { renderApiDocs } from './api-docs';

/** Writes docs/api.md; with --check, exits 1 when the committed file is stale. */
const file = path.resolve(import.meta.dirname, '..', 'docs', 'api.md');
const rendered = renderApiDocs();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== rendered) {
    console.error('docs/api.md is stale: run `npm run docs:api` and commit it.');
    process.exit(1);
  }
  console.log('docs/api.md is up to date.');
} else {
  fs.writeFileSync(file, rendered);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
