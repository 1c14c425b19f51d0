import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'native/**/*.test.ts'],
    // Real processes, real native addons: forks isolate them better than threads.
    pool: 'forks',
    // Builds llama.cpp's tools once per machine (cached; instant when built) and exports ENCLAVE_LLAMA_TOOLS.
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
