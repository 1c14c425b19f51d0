// Where generation happens. The interface lives in native/ (native never imports the core), and the core uses it as
// is: the local llama.cpp host implements it, and a remote OpenAI-compatible endpoint (vLLM, llama-server) implements
// the same interface. Its types match the contract's; electron/core/contract/native-compat.ts checks that.
export type { GenerateHooks, InferenceProvider } from '../../../native/llama/provider.js';
