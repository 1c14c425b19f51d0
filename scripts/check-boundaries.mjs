import { fileURLToPath } from 'node:url';
import { findBoundaryViolations } from './boundaries.mjs';

const violations = findBoundaryViolations(fileURLToPath(new URL('..', import.meta.url)));
if (violations.length > 0) {
  console.error(`Layering violations:\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('boundaries: ok');
