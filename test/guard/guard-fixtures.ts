import path from 'node:path';
import { sharedDir } from '../helpers/fixtures.js';

export const presidioDir = path.join(sharedDir, 'eval/pii/presidio-tests');
export const securityDir = path.join(sharedDir, 'eval/security');
