#!/usr/bin/env node
// The `enclave` command. Runs the compiled CLI; in a source checkout that has not been built yet, runs the
// TypeScript sources through tsx so `npx enclave` works right after `npm ci`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/electron/cli/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
