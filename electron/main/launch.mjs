// `npm start`: the desktop app where Electron's binary is installed, else the same UI from the headless server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // In plain Node the electron package exports the path of its binary, and throws when it was never downloaded.
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log("Electron's binary is not installed (it cannot be downloaded here); serving the same UI headless instead."),
    spawn(process.execPath, [fileURLToPath(new URL('../../bin/enclave.js', import.meta.url)), 'serve', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
