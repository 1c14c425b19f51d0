// Compile-time checks that native/'s own vocabulary (it imports nothing from electron/) still matches the contract.
// Nothing here runs: a drift on either side fails `tsc`. Add a line when native/ mirrors another contract type.
import type { NativeErrorCode, NativeErrorShape } from '../../../native/native-error.js';
import type * as Native from '../../../native/llama/protocol.js';
import type { AppErrorShape, ErrorCode } from './errors.js';
import type { ChatMessage, GenerationResult, GpuChoice, HostStatus } from './schemas.js';

/** true when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** true when A is assignable to B. */
type Fits<A, B> = [A] extends [B] ? true : false;

const checks: {
  // Every code native/ throws is a code every shell understands.
  nativeCodes: Fits<NativeErrorCode, ErrorCode>;
  nativeShape: Fits<NativeErrorShape, AppErrorShape>;
  chatMessage: Same<Native.ChatMessage, ChatMessage>;
  generationResult: Same<Native.GenerationResult, GenerationResult>;
  gpuChoice: Same<Native.GpuChoice, GpuChoice>;
  hostStatus: Same<Native.HostStatusInfo, HostStatus>;
} = { nativeCodes: true, nativeShape: true, chatMessage: true, generationResult: true, gpuChoice: true, hostStatus: true };
void checks;
