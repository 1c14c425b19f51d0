// Copies the files tsc does not emit (SQL migrations) next to the compiled code that reads them.
import { cpSync } from 'node:fs';

cpSync('native/sqlite/migrations', 'dist/native/sqlite/migrations', { recursive: true });
