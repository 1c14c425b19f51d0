import type { LabelValue, Question } from './expert-labeling.store.js';

/** One question's control: a 1–5 rating, a label, several labels, free text, a ranking or a corrected answer. */
export function QuestionInput({ question, value, onChange }: { question: Question; value: LabelValue | undefined; onChange: (value: LabelValue | undefined) => void }) {
  const testId = `expert-input-${question.name}`;
  switch (question.type) {
    case 'rating':
      return (
        <select className="select select-small" value={typeof value === 'number' ? String(value) : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} data-testid={testId}>
          <option value="">—</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      );
    case 'label':
      return (
        <select className="select select-small" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} data-testid={testId}>
          <option value="">—</option>
          {question.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'multi-label': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <span data-testid={testId}>
          {question.options.map((o) => (
            <label key={o} className="checkbox">
              <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(question.options.filter((x) => (x === o ? e.target.checked : chosen.includes(x))))} /> {o}
            </label>
          ))}
        </span>
      );
    }
    case 'ranking':
      // Typed best first, comma-separated; the core checks that every option appears once.
      return (
        <input
          className="input"
          placeholder={question.options.join(', ')}
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value.split(',').map((s) => s.trim()))}
          data-testid={testId}
        />
      );
    case 'text':
    case 'corrected':
      return <textarea className="textarea" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} data-testid={testId} />;
  }
}
