import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { APP_ID } from '../shared/app-info';
import { createCore, type Core } from '../core/create-core';
import { createFileLogger } from '../core/logging/file-logger';
import { systemClock } from '../core/ports';
import { profilePaths } from '../core/profile/profile-paths';
import { buildMenuTemplate } from './app-menu';
import { registerIpcBridge } from './ipc-bridge';
import { createMainWindow, rendererPaths } from './main-window';
import { describeStartupFailure } from '../core/startup-failure';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { hardenSession, hardenWebContents, isTrustedRendererUrl } from './security';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const DOCS_URL = 'https://github.com/instant-social-trading/ist/tree/main/docs';

log.initialize();
app.setAppUserModelId(APP_ID);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    const paths = profilePaths(app.getPath('userData'));
    const logger = createFileLogger({ dir: paths.logsDir, clock: systemClock });
    try {
      const secrets = createSafeStorageSecretStore(path.join(paths.dataDir, 'secrets.safe.json'), safeStorage, process.platform);
      core = createCore({ host: 'electron', version: app.getVersion(), ports: { clock: systemClock, logger, secrets, paths } });
    } catch (error) {
      const failure = describeStartupFailure(error);
      log.error(failure.title, failure.message);
      dialog.showErrorBox(failure.title, failure.message);
      app.exit(failure.exitCode);
      return;
    }
    const openedCore = core;
    const files = rendererPaths(mainDir);
    const rendererUrl = devUrl ?? pathToFileURL(files.rendererFile).href;
    registerIpcBridge({
      ipcMain,
      core: openedCore,
      isTrustedSender: (event) => event.senderFrame?.parent === null && isTrustedRendererUrl(event.senderFrame.url, rendererUrl),
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(process.platform, {
          isDev: !app.isPackaged,
          openDocs: () => void shell.openExternal(DOCS_URL),
          backup: () => {
            openedCore.call('system.backup', {}).then(
              (result) => void dialog.showMessageBox({ type: 'info', message: 'Backup written', detail: (result as { path: string }).path }),
              (error: unknown) => dialog.showErrorBox('Backup failed', error instanceof Error ? error.message : String(error)),
            );
          },
        }),
      ),
    );

    createMainWindow({ ...files, stateFile: path.join(paths.dataDir, 'window-state.json'), devUrl });

    if (app.isPackaged) {
      electronUpdater.autoUpdater.logger = log;
      void electronUpdater.autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => log.warn('update check failed', error));
    }
  });

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('will-quit', (event) => {
    if (!core || quitting) return;
    // Close the core (flush, checkpoint, unlock) before the process goes.
    event.preventDefault();
    quitting = true;
    void core.close().finally(() => app.quit());
  });
}
