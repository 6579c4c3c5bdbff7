import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';

const created: Array<{ options: Record<string, unknown>; instance: FakeWindow }> = [];

class FakeWindow {
  listeners = new Map<string, () => void>();
  loaded: string[] = [];
  maximized = false;
  constructor(options: Record<string, unknown>) {
    created.push({ options, instance: this });
  }
  once(event: string, fn: () => void) {
    this.listeners.set(event, fn);
  }
  on(event: string, fn: () => void) {
    this.listeners.set(event, fn);
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  show() {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 800 };
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  loadFile(file: string) {
    this.loaded.push(file);
    return Promise.resolve();
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
}));

const { createMainWindow } = await import('../../../src/main/main-window');

describe('main window', () => {
  beforeEach(() => void created.splice(0));

  it('is created with the hardened web preferences and loads the built renderer', () => {
    const dir = tempDir();
    createMainWindow({ stateFile: path.join(dir, 'w.json'), preloadPath: '/p.cjs', devUrl: undefined, rendererFile: '/r/index.html', iconPath: '/i.png' });
    const [{ options, instance }] = created as [(typeof created)[0]];
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/p.cjs' });
    expect(options.show).toBe(false);
    expect(instance.loaded).toEqual(['/r/index.html']);
  });

  it('restores the saved bounds and saves them on close', () => {
    const dir = tempDir();
    const stateFile = path.join(dir, 'w.json');
    fs.writeFileSync(stateFile, JSON.stringify({ x: 100, y: 50, width: 1300, height: 900, maximized: true }));
    createMainWindow({ stateFile, preloadPath: '/p.cjs', devUrl: 'http://localhost:5173', rendererFile: '/r/index.html', iconPath: '/i.png' });
    const [{ options, instance }] = created as [(typeof created)[0]];
    expect(options).toMatchObject({ x: 100, y: 50, width: 1300, height: 900 });
    expect(instance.maximized).toBe(true);
    expect(instance.loaded).toEqual(['http://localhost:5173']);
    instance.listeners.get('close')?.();
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });
});
