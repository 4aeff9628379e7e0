import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';
import { bridgeGlobalName } from '../../shared/contract';

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer));
