import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (ARCHITECTURE.md import table)', () => {
  it('fires when src/core imports electron', async () => {
    const messages = await restrictedImports('src/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/src\/core is host-agnostic/);
  });

  it('fires when src/core imports React or the renderer', async () => {
    expect(await restrictedImports('src/core/probe.ts', "import React from 'react';\nexport const x = React;\n")).toHaveLength(1);
    expect(await restrictedImports('src/core/probe.ts', "import { App } from '../renderer/src/app/App';\nexport const x = App;\n")).toHaveLength(1);
  });

  it('fires when src/shared imports a Node built-in, and not for a sibling named like one', async () => {
    expect(await restrictedImports('src/shared/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('src/shared/probe.ts', "import path from 'path';\nexport const x = path;\n")).toHaveLength(1);
    expect(await restrictedImports('src/shared/contract/probe.ts', "import { createEventMethods } from './events';\nexport const x = createEventMethods;\n")).toEqual([]);
  });

  it('fires when the renderer imports Node, electron or the core', async () => {
    expect(await restrictedImports('src/renderer/src/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('src/renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('src/renderer/src/probe.ts', "import { createCore } from '../../core/create-core';\nexport const x = createCore;\n")).toHaveLength(1);
  });

  it('lets the Electron shell import electron and the core', async () => {
    expect(await restrictedImports('src/main/probe.ts', "import { app } from 'electron';\nimport { createCore } from '../core/create-core';\nexport const x = [app, createCore];\n")).toEqual([]);
  });

  it('lets the core reach the hub through its public entry only', async () => {
    expect(await restrictedImports('src/core/social/probe.ts', "import { startHub } from '../../hub';\nexport const x = startHub;\n")).toEqual([]);
    expect(await restrictedImports('src/core/social/probe.ts', "import { x } from '../../hub/store/hub-db';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('src/core/social/probe.ts', "import { x } from '../../shared/social/strategy-event';\nexport const y = x;\n")).toEqual([]);
  });

  it('keeps the hub out of the core', async () => {
    expect(await restrictedImports('src/hub/probe.ts', "import { createCore } from '../core/create-core';\nexport const x = createCore;\n")).toHaveLength(1);
  });
});
