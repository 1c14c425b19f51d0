import { useEffect } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { AgreementTable } from './AgreementTable.js';
import { QuestionInput } from './QuestionInput.js';
import { useExpertLabeling } from './expert-labeling.store.js';

/**
 * Labeling by several experts: the caller's assigned cases one at a time with each question's guidelines beside
 * it; only the caller's own labels are written. Progress per labeler and agreement per question follow below.
 */
export function ExpertLabelingPanel({ name }: { name: string }) {
  const { queue, progress, agreement, index, draft, saving, error } = useExpertLabeling();
  const { open, go, setAnswer, save, dismissError } = useExpertLabeling.getState();
  const canLabel = holds(useAuth((state) => state.me), 'eval.label');
  useEffect(() => void open(name, canLabel), [name, open, canLabel]);
  if (!queue || queue.questions.length === 0) {
    return (
      <section className="panel" data-testid="expert-labeling">
        <span className="panel-label">Expert labeling</span>
        <p className="hint">No labeling questions yet: define them with `enclave datasets questions {name} --file questions.json`.</p>
      </section>
    );
  }
  const current = queue.cases[index];
  return (
    <section className="panel" aria-label="Expert labeling" data-testid="expert-labeling">
      <div className="panel-header">
        <span className="panel-label">Expert labeling · your cases</span>
        <span className="spacer" />
        <button type="button" className="button button-small" disabled={index === 0} onClick={() => go(index - 1)} data-testid="expert-prev">
          Previous
        </button>
        <span className="muted" data-testid="expert-position">
          {queue.cases.length === 0 ? 'no cases assigned to you' : `${index + 1} of ${queue.cases.length}`}
        </span>
        <button type="button" className="button button-small" disabled={index >= queue.cases.length - 1} onClick={() => go(index + 1)} data-testid="expert-next">
          Next
        </button>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="expert-error" />}
      {current && (
        <div data-testid="expert-case" data-key={current.key}>
          <pre className="input-mono">{JSON.stringify(current.vars, null, 2)}</pre>
          {current.expected !== null && <p className="hint">Expected: {current.expected}</p>}
          {queue.questions.map((q) => (
            <div key={q.name} className="param" data-testid={`expert-question-${q.name}`}>
              <span className="param-label">
                {q.name} ({q.type})
              </span>
              {q.guidelines && <p className="hint">{q.guidelines}</p>}
              <QuestionInput question={q} value={draft[q.name]} onChange={(value) => setAnswer(q.name, value)} />
            </div>
          ))}
          <div className="actions">
            <button type="button" className="button button-primary" disabled={saving || Object.keys(draft).length === 0} onClick={() => void save()} data-testid="expert-save">
              Save my labels
            </button>
          </div>
        </div>
      )}
      <h3 className="panel-label">Progress</h3>
      <table className="table" data-testid="expert-progress">
        <thead>
          <tr>
            <th>Labeler</th>
            <th className="cell-number">Assigned</th>
            <th className="cell-number">Labeled</th>
          </tr>
        </thead>
        <tbody>
          {progress.map((p) => (
            <tr key={p.labeler}>
              <td>{p.labeler}</td>
              <td className="cell-number">{p.assigned}</td>
              <td className="cell-number">{p.labeled}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {agreement && <AgreementTable report={agreement} />}
    </section>
  );
}
