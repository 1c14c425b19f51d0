import { app, BrowserWindow, dialog, ipcMain, safeStorage, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { CoreHandle } from '../core/host/core-handle.js';
import { resolveDataDir, resolveModelsDir } from '../core/services/paths.js';
import { startCoreUtilityProcess } from './core-utility.client.js';
import { desktopAuditKeys, type AuditKeysOption } from './desktop-keychain.js';
import { DesktopSession } from './desktop-session.js';
import { hardenApp } from './hardening.js';
import { startOpenAiServerIfEnabled, type RunningOpenAiServer } from '../server/openai/openai-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.resolve(here, '../../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let core: CoreHandle | undefined;
let session: DesktopSession | undefined;
/** The OpenAI-compatible API on loopback, when turned on in the settings (off by default). */
let openaiServer: RunningOpenAiServer | undefined;

/** IPC is answered only for our own top-level page, never for another frame or a navigated-away document. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && frame.url.split('#')[0] === rendererUrl;
}

async function createWindow(): Promise<void> {
  // The options stay written out here, where a reviewer (and electronegativity) reads them with the window.
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Enclave',
    webPreferences: {
      preload: path.resolve(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows without going through the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const unsubscribe = core!.subscribe((event) => {
    const deliverable = session!.deliverable(event);
    if (deliverable && !window.isDestroyed()) window.webContents.send('enclave:event', deliverable);
  });
  window.on('closed', unsubscribe);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererUrl);
}

async function start(): Promise<void> {
  app.enableSandbox();
  await app.whenReady();
  hardenApp(rendererUrl);
  const dataDir = resolveDataDir(argValue('--data-dir'));
  let auditKeys: AuditKeysOption;
  try {
    auditKeys = desktopAuditKeys(dataDir, safeStorage, { keyFile: process.argv.includes('--audit-key-file') });
  } catch (error) {
    dialog.showErrorBox('Enclave cannot protect its audit keys', (error as Error).message);
    app.exit(1);
    return;
  }
  core = await startCoreUtilityProcess({ dataDir, modelsDir: resolveModelsDir(argValue('--models-dir')), background: true, auditKeys });
  // The desktop signs in the OS account it runs as (the administrator on first run), unless an administrator marked
  // the workstation shared: then the window shows the sign-in screen and the session stays in this process.
  session = new DesktopSession(core, os.userInfo().username);
  await session.refreshViewer();
  openaiServer = await startOpenAiServerIfEnabled(core, session.caller(), (line) => process.stderr.write(`${line}\n`));
  ipcMain.handle('enclave:rpc', async (event, method: unknown, params: unknown) => {
    if (!fromOurPage(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC is only accepted from the Enclave window' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'Method must be a string' } };
    return session!.call(method, params);
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = undefined;
  void Promise.resolve(openaiServer?.close()).then(() => closing.close()).finally(() => app.exit(0));
});

start().catch((error: unknown) => {
  process.stderr.write(`Enclave could not start: ${(error as Error)?.message ?? String(error)}\n`);
  app.exit(1);
});
