import type { GenerationResult } from '../../api/contract.types.js';
import { usePlayground } from './playground.store.js';

const stopReasons: Record<GenerationResult['stopReason'], string> = {
  eos: 'end of text',
  maxTokens: 'max tokens',
  stopSequence: 'stop sequence',
  cancelled: 'stopped',
};

interface Stat {
  testId: string;
  label: string;
  value: string;
  unit?: string;
}

/** The numbers of a finished generation; each value is plain digits so it can be read back as a number. */
export function GenerationStats({ result }: { result: GenerationResult }) {
  // A chat is a chat to the person who sent it; the core's mode says whether the model's own template formatted it
  // ('chat') or, for a model file without one, a plain "User:/Assistant:" transcript ('completion').
  const sentChat = usePlayground((state) => state.sentChat);
  const stats: Stat[] = [
    { testId: 'stat-ttft', label: 'Time to first token', value: result.ttftMs.toFixed(0), unit: 'ms' },
    { testId: 'stat-tps', label: 'Speed', value: result.tokensPerSecond.toFixed(1), unit: 'tok/s' },
    { testId: 'stat-prompt-tokens', label: 'Prompt tokens', value: String(result.promptTokens) },
    { testId: 'stat-completion-tokens', label: 'Completion tokens', value: String(result.completionTokens) },
    { testId: 'stat-total-ms', label: 'Total', value: result.totalMs.toFixed(0), unit: 'ms' },
    { testId: 'stat-stop-reason', label: 'Stopped by', value: stopReasons[result.stopReason] },
  ];
  return (
    <dl className="stats" data-testid="generation-stats">
      {stats.map((stat) => (
        <div key={stat.testId} className="stat">
          <dt className="stat-label">{stat.label}</dt>
          <dd className="stat-value">
            <span data-testid={stat.testId}>{stat.value}</span>
            {stat.unit && <span className="stat-unit"> {stat.unit}</span>}
          </dd>
        </div>
      ))}
      <div className="stat">
        <dt className="stat-label">Mode</dt>
        <dd className="stat-value">
          <span data-testid="stat-mode">{sentChat ? 'chat' : result.mode}</span>
          {sentChat && (
            <span className="stat-unit" title={result.mode === 'chat' ? "Formatted with the model's chat template" : 'The model file has no chat template: the turns were sent as a User:/Assistant: transcript'}>
              {result.mode === 'chat' ? " · model's template" : ' · plain transcript'}
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}
