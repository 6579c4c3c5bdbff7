import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames, topicNames } from '../../../src/shared/contract';
import { renderApiDocs } from '../../../scripts/api-docs';

describe('docs/api.md', () => {
  it('is what the contract generates (run `npm run docs:api` when this fails)', () => {
    const committed = fs.readFileSync(path.resolve('docs/api.md'), 'utf8');
    expect(committed).toBe(renderApiDocs());
  });

  it('documents every method and event topic', () => {
    const docs = renderApiDocs();
    for (const name of [...methodNames, ...topicNames]) expect(docs).toContain(`### \`${name}\``);
  });
});
