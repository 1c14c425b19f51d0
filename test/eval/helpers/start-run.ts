// A process that starts an eval run and works on it until it is killed (the crash test SIGKILLs it mid-run).
// Usage: node --import tsx start-run.ts <data-dir> <suite.yaml> <concurrency>
import { coreClient } from '../../../electron/core/host/core-client.js';
import { createEvalCore } from './eval-core.js';

const [dataDir = '', suitePath = '', concurrency = '4'] = process.argv.slice(2);
const core = createEvalCore({ dataDir });
const { call } = coreClient(core);
const { jobId } = await call<{ jobId: string }>('eval.runs.start', { path: suitePath, concurrency: Number(concurrency) });
process.stdout.write(`started ${jobId}\n`);
await call('jobs.wait', { jobId });
await core.close();
