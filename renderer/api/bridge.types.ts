import type { CoreEvent, Result } from './contract.types.js';

/** What electron/preload exposes through contextBridge as `window.enclave`. */
export interface EnclaveBridge {
  rpc(method: string, params: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Absolute path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    /** Present only under Electron; the browser build talks HTTP to `enclave serve`. */
    enclave?: EnclaveBridge;
  }
}

/** The bridge when running under Electron, otherwise undefined. */
export function electronBridge(): EnclaveBridge | undefined {
  return typeof window !== 'undefined' ? window.enclave : undefined;
}
