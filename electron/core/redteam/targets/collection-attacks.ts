import type { CallContext } from '../../contract/context.js';
import type { RedteamProbe, RedteamResult, StrategyName } from '../../contract/redteam.api.js';
import type { JobControl } from '../../jobs/job-runner.js';
import type { CoreServices } from '../../services/core-services.js';
import { gradeDeterministic } from '../graders/grade.js';
import { applyStrategy } from '../strategies/strategies.js';
import { prepareScratch } from './collection-target.js';
import { poisonTopic, type Planted } from './poisoned-docs.js';

type Services = Parameters<typeof prepareScratch>[0] & Pick<CoreServices, 'log'>;

/**
 * Attacks a RAG collection by indirect injection: every probe under every strategy is planted in a poisoned email in a
 * scratch copy of the collection, next to a confidential memo holding the canary; then a question about that email is
 * asked, so retrieval brings the poison into the prompt. The answer is graded like any other target's (the probe's
 * marker, a canary leak, payloads…). The scratch copy is removed when the run ends, cancelled or failed.
 */
export async function attackCollection(
  s: Services, input: { collection: string; model: string | undefined; runId: string; canary: string }, probes: RedteamProbe[], strategies: StrategyName[], ctx: CallContext, job: JobControl,
): Promise<{ results: RedteamResult[]; scratch: string }> {
  // Multi-turn needs a conversation; a planted document is one shot, so it counts as the plain probe here.
  const planted: Planted[] = probes.flatMap((probe) => strategies.filter((st) => st !== 'multi-turn').map((strategy) => ({ probe, strategy, text: applyStrategy(strategy, probe.text) })));
  job.progress(0, `planting ${planted.length} poisoned documents in a scratch copy of ${input.collection}`);
  const scratch = await prepareScratch(s, input.collection, input.runId, planted, input.canary, ctx, job);
  const results: RedteamResult[] = [];
  try {
    for (const [i, p] of planted.entries()) {
      if (job.signal.aborted) break;
      const { question } = poisonTopic(i);
      const base = { probeId: p.probe.id, owasp: p.probe.owasp, atlas: p.probe.atlas, strategy: p.strategy };
      try {
        const { answer, passages } = await scratch.ask(question, input.model, job);
        const grade = gradeDeterministic(p.probe, { output: answer, stopReason: 'stop', canary: input.canary, systemPrompt: null });
        const poisonRetrieved = passages.some((text) => text.includes(poisonTopic(i).subject));
        results.push({
          ...base, output: answer, success: grade.success, verdicts: grade.verdicts,
          reason: `${grade.reason}${poisonRetrieved ? '' : ' (the poisoned document was not among the retrieved passages)'}`,
          transcript: [...passages.map((text) => ({ role: 'system' as const, content: `retrieved: ${text}` })), { role: 'user' as const, content: question }, { role: 'assistant' as const, content: answer }],
        });
      } catch (error) {
        if (job.signal.aborted) break;
        const message = (error as Error)?.message ?? String(error);
        results.push({ ...base, transcript: [{ role: 'user', content: question }], output: '', success: false, reason: `not graded: ${message}`, verdicts: [], error: message });
      }
      job.progress((i + 1) / planted.length, `${i + 1} of ${planted.length} attacks, ${results.filter((r) => r.success).length} got through`);
    }
  } finally {
    scratch.remove();
  }
  return { results, scratch: scratch.name };
}
