// Runs once before any test file: makes sure llama.cpp's own tools are built (tests use llama-server as a real
// OpenAI-compatible peer) and exports their directory as ENCLAVE_LLAMA_TOOLS, which the forked test workers inherit.
// When the tools are already built this takes a few milliseconds; on a fresh machine the first build takes minutes.
import { llamaToolsDir, LLAMA_TOOLS_ENV } from './helpers/llama-tools.js';

export default function setup(): void {
  process.env[LLAMA_TOOLS_ENV] = llamaToolsDir();
}
