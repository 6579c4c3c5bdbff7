// @ts-check
/**
 * The import table of ARCHITECTURE.md, enforced. Each layer lists what it must not import;
 * tests/unit/lint-layers.test.ts proves the rules fire.
 */
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];
const ui = ['react', 'react-dom', 'react/*', 'react-dom/*', 'dockview', 'dockview-react', 'lightweight-charts', 'zustand', 'zustand/*'];
const nativeOrServer = ['better-sqlite3', 'ws', 'electron-updater', 'electron-log', 'electron-log/*'];

/** @param {string} layer @param {string[]} others */
const relativeInto = (layer, others) => others.map((o) => ({ group: [`**/${o}/**`, `**/${o}`], message: `${layer} must not import from src/${o} (see ARCHITECTURE.md).` }));

/**
 * Bare names are matched exactly (so './events' is not the `events` built-in); names with `*`
 * are globs.
 * @param {string} message @param {string[]} names
 */
const banned = (message, names) => names.map((name) => (name.includes('*') ? { group: [name], message } : { name, message }));

/**
 * @param {string[]} files
 * @param {Array<{group: string[], message: string} | {name: string, message: string}>} rules
 */
const layer = (files, rules) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: rules.filter((r) => 'name' in r),
        patterns: rules.filter((r) => 'group' in r),
      },
    ],
  },
});

export const layerRules = [
  layer(['src/shared/**'], [
    ...banned('src/shared runs in the browser and in Node: no Node built-ins.', nodeBuiltins),
    ...banned('src/shared never imports electron.', ['electron', 'electron/*']),
    ...banned('src/shared never imports React or UI libraries.', ui),
    ...banned('src/shared never imports Node-only packages.', nativeOrServer),
    ...relativeInto('src/shared', ['core', 'hub', 'main', 'server', 'preload', 'renderer']),
  ]),
  layer(['src/core/**'], [
    ...banned('src/core is host-agnostic: it never imports electron; hosts pass ports to createCore.', ['electron', 'electron/*', 'electron-updater', 'electron-log', 'electron-log/*']),
    ...banned('src/core never imports React, UI libraries or the DOM.', ui),
    ...relativeInto('src/core', ['main', 'server', 'preload', 'renderer']),
    // The core may start an embedded hub and use its stream crypto, through the hub's public entry (`../hub`) only.
    { group: ['**/hub/**'], message: 'src/core reaches the hub only through its public entry, src/hub/index.ts (see ARCHITECTURE.md).' },
  ]),
  layer(['src/hub/**'], [
    ...banned('src/hub never imports electron.', ['electron', 'electron/*']),
    ...banned('src/hub never imports React or UI libraries.', ui),
    ...relativeInto('src/hub', ['core', 'main', 'server', 'preload', 'renderer']),
  ]),
  layer(['src/server/**'], [
    ...banned('src/server is the headless host: no electron.', ['electron', 'electron/*', 'electron-updater', 'electron-log', 'electron-log/*']),
    ...banned('src/server never imports React or UI libraries.', ui),
    ...relativeInto('src/server', ['hub', 'main', 'preload', 'renderer']),
  ]),
  layer(['src/main/**'], [
    ...banned('src/main never imports React or UI libraries.', ui),
    ...relativeInto('src/main', ['hub', 'server', 'preload', 'renderer']),
  ]),
  layer(['src/preload/**'], [
    ...banned('src/preload only bridges IPC: no Node built-ins (it is sandboxed).', nodeBuiltins),
    ...banned('src/preload never imports UI or Node-only packages.', [...ui, ...nativeOrServer]),
    ...relativeInto('src/preload', ['core', 'hub', 'main', 'server', 'renderer']),
  ]),
  layer(['src/renderer/**'], [
    ...banned('src/renderer runs in the browser: no Node built-ins.', nodeBuiltins),
    ...banned('src/renderer never imports electron: it reaches the core through window.ist or WebSocket.', ['electron', 'electron/*']),
    ...banned('src/renderer never imports Node-only packages.', nativeOrServer),
    ...relativeInto('src/renderer', ['core', 'hub', 'main', 'server', 'preload']),
  ]),
];
