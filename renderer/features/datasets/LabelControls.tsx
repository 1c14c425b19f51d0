import type { DatasetCase, Preference } from './dataset-types.js';
import { useDatasets } from './datasets.store.js';
import { effectiveLabel, isPairwise, labelSummary, SHORTCUTS, type LabelCommand } from './label-edit.js';

const SCORES = [1, 2, 3, 4, 5] as const;
const PREFERENCES: ReadonlyArray<readonly [Preference, string]> = [['A', 'a'], ['B', 'b'], ['tie', 't']];

function Choice({ active, onClick, children, shortcut, testId }: { active: boolean; onClick: () => void; children: string; shortcut: string; testId: string }) {
  return (
    <button type="button" className={active ? 'label-choice label-choice-active' : 'label-choice'} aria-pressed={active} onClick={onClick} title={`Key: ${shortcut}`} data-testid={testId}>
      {children}
    </button>
  );
}

/** Score, pass/fail and (pairwise cases) preference of the current case; a click on the chosen value takes it away. */
export function LabelControls({ item }: { item: DatasetCase }) {
  const pending = useDatasets((state) => state.pending);
  const everyCase = useDatasets((state) => state.preferenceEverywhere);
  const label = effectiveLabel(item, pending);
  const unsaved = Object.hasOwn(pending, item.key);
  const pairwise = isPairwise(item, pending[item.key], everyCase);
  const click = (command: LabelCommand) => useDatasets.getState().command(command, true);

  return (
    <div className="label-controls" data-testid="label-controls" data-label={labelSummary(label)} data-unsaved={unsaved}>
      <div className="label-row">
        <span className="label-row-name">Score</span>
        {SCORES.map((score) => (
          <Choice key={score} active={label?.score === score} onClick={() => click({ kind: 'score', value: score })} shortcut={String(score)} testId={`label-score-${score}`}>
            {String(score)}
          </Choice>
        ))}
      </div>
      <div className="label-row">
        <span className="label-row-name">Verdict</span>
        <Choice active={label?.pass === true} onClick={() => click({ kind: 'pass', value: true })} shortcut="p" testId="label-pass">
          Pass
        </Choice>
        <Choice active={label?.pass === false} onClick={() => click({ kind: 'pass', value: false })} shortcut="f" testId="label-fail">
          Fail
        </Choice>
      </div>
      {pairwise && (
        <div className="label-row">
          <span className="label-row-name">Preference</span>
          {PREFERENCES.map(([value, key]) => (
            <Choice key={value} active={label?.preference === value} onClick={() => click({ kind: 'preference', value })} shortcut={key} testId={`label-preference-${value}`}>
              {value === 'tie' ? 'Tie' : value}
            </Choice>
          ))}
        </div>
      )}
      <div className="label-row label-row-status">
        <span className={unsaved ? 'label-state label-state-unsaved' : 'label-state'} data-testid="label-state">
          {unsaved ? `Unsaved · was ${labelSummary(item.human)}` : item.human ? 'Saved label' : 'Not labeled'}
        </span>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => click({ kind: 'clear' })} disabled={label === null} title="Key: x" data-testid="label-clear">
          Clear
        </button>
        <button type="button" className="button button-small" onClick={() => click({ kind: 'revert' })} disabled={!unsaved} title="Key: u" data-testid="label-revert">
          Undo
        </button>
      </div>
      <p className="hint label-shortcuts" data-testid="label-shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <span key={keys} className="label-shortcut">
            <kbd>{keys}</kbd> {what}
          </span>
        ))}
      </p>
    </div>
  );
}
