import type { redteamApi } from '../contract/redteam.api.js';
import type { AreaHandlers } from '../eval/area-handlers.js';
import { promptServices } from '../prompts/prompts.handlers.js';
import type { CoreServices } from '../services/core-services.js';
import { assembleProbes, RedteamService } from './redteam.service.js';
import { RedteamStore } from './redteam-store.js';
import { compareRuns } from './redteam-summary.js';
import { renderReport } from './report/report-html.js';

/** Red-team runs: attack a model or a registry prompt, keep the run, report and compare. */
export function createRedteamHandlers(s: CoreServices): AreaHandlers<typeof redteamApi> {
  const { registry } = promptServices(s);
  const store = new RedteamStore(s.dataDir);
  const service = new RedteamService(s, registry, store);
  return {
    'redteam.runs.start': (input, ctx) => {
      service.validate(input);
      return { jobId: s.jobs.start('redteam.run', (job) => service.execute(input, job, ctx)) };
    },
    'redteam.runs.list': ({ limit }) => store.list(limit),
    'redteam.runs.get': ({ runId, failedOnly }) => {
      const run = store.get(runId);
      return failedOnly ? { ...run, results: run.results.filter((r) => r.success) } : run;
    },
    'redteam.runs.report': ({ runId }) => ({ html: renderReport(store.get(runId)) }),
    'redteam.runs.compare': ({ base, head }) => compareRuns(store.get(base), store.get(head)),
    'redteam.probes.list': ({ sharedCorpus }) => {
      const { probes, sources } = assembleProbes({ probeFiles: [], probes: [], sharedCorpus });
      return { probes, sources };
    },
  };
}
