import type { GgufHeader } from './gguf-header.validator.js';

/** App → inspector: read the header of one file. */
export interface InspectorRequest {
  id: number;
  path: string;
}

/** Inspector → app: once `ready` after start, then one answer per request. */
export type InspectorReply =
  | { ready: true }
  | { id: number; ok: true; header: GgufHeader }
  | { id: number; ok: false; error: { code: 'MODEL_INVALID' | 'MODEL_NOT_FOUND'; message: string } };
