import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from '../../../src/main/window-state';
import { tempDir } from '../../helpers/temp-dir';

const display = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips bounds', () => {
    const file = path.join(tempDir(), 'w.json');
    saveWindowState(file, { x: 5, y: 6, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file, display)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false });
  });

  it('ignores a missing, corrupt or invalid file', () => {
    const dir = tempDir();
    expect(loadWindowState(path.join(dir, 'none.json'), display)).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{not json');
    expect(loadWindowState(path.join(dir, 'bad.json'), display)).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false }));
    expect(loadWindowState(path.join(dir, 'tiny.json'), display)).toBeUndefined();
  });

  it('ignores bounds on a display that is no longer attached', () => {
    const file = path.join(tempDir(), 'w.json');
    saveWindowState(file, { x: 3000, y: 100, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file, display)).toBeUndefined();
  });
});
