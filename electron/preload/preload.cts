// The renderer's only door to the app: rpc and events, nothing else. Runs sandboxed, so it is CommonJS.
import electron = require('electron');

const { contextBridge, ipcRenderer, webUtils } = electron;

contextBridge.exposeInMainWorld('enclave', {
  rpc: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke('enclave:rpc', method, params),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on('enclave:event', forward);
    return () => ipcRenderer.off('enclave:event', forward);
  },
  /** The absolute path of a dropped or picked file: the renderer cannot see paths itself. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
