import type { Output } from '../../api/contract.types.js';

type Suggestion = Output<'prompts.suggestBump'>['suggestion'];

/** A suggested semver bump and the changes that decided it. */
export function BumpSuggestionView({ suggestion, next, testId }: { suggestion: Suggestion; next?: string; testId: string }) {
  if (suggestion.bump === null) {
    return (
      <p className="hint" data-testid={testId} data-bump="none">
        No change from the latest version yet.
      </p>
    );
  }
  return (
    <div className="bump" data-testid={testId} data-bump={suggestion.bump}>
      <span className={`bump-kind bump-${suggestion.bump}`}>{suggestion.bump}</span>
      {next && (
        <span className="bump-next">
          → <span className="cell-mono">{next}</span>
        </span>
      )}
      <ul className="bump-reasons">
        {suggestion.reasons.map((reason, index) => (
          <li key={index} data-bump={reason.bump}>
            <span className={`bump-dot bump-${reason.bump}`} title={reason.bump} />
            {reason.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
