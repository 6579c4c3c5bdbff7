import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_NAME } from '../shared/app-info';
import { secureWebPreferences } from './security';
import { DEFAULT_WINDOW, loadWindowState, saveWindowState } from './window-state';

export interface MainWindowOptions {
  stateFile: string;
  preloadPath: string;
  /** The dev server URL, or undefined to load the built file. */
  devUrl: string | undefined;
  rendererFile: string;
  iconPath: string;
}

/** Creates the terminal window with its last bounds and the hardened preferences. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = loadWindowState(options.stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_WINDOW),
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: APP_NAME,
    backgroundColor: '#0b0e14',
    icon: options.iconPath,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(options.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  if (options.devUrl) void win.loadURL(options.devUrl);
  else void win.loadFile(options.rendererFile);
  return win;
}

export function rendererPaths(mainDir: string): { preloadPath: string; rendererFile: string; iconPath: string } {
  return {
    preloadPath: path.join(mainDir, '../preload/index.cjs'),
    rendererFile: path.join(mainDir, '../renderer/index.html'),
    iconPath: path.join(mainDir, '../../resources/icon.png'),
  };
}
