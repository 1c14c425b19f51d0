import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: three levels above electron/core/services, in source and in dist. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..';
  return path.resolve(here, up);
}

/** `--data-dir`, else ENCLAVE_DATA_DIR, else the folder the OS gives applications (the same one Electron's userData uses). */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.ENCLAVE_DATA_DIR) return path.resolve(env.ENCLAVE_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Enclave');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Enclave');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Enclave');
  }
}

/** `--models-dir`, else ENCLAVE_MODELS_DIR, else the repository's models/ folder. */
export function resolveModelsDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.ENCLAVE_MODELS_DIR) return path.resolve(env.ENCLAVE_MODELS_DIR);
  return path.join(packageRoot(), 'models');
}
