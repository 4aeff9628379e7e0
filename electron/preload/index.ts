import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';
import { bridgeGlobalName } from './names';

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer));
