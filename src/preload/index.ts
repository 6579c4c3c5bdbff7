import { contextBridge, ipcRenderer } from 'electron';
import { createIstBridge } from './ist-bridge';

contextBridge.exposeInMainWorld('ist', createIstBridge(ipcRenderer));
