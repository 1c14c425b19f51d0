import { useTraces, type TraceFilterForm } from './traces.store.js';

const RANGES = [['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['365d', 'Last year']] as const;

/** Time, words in inputs and outputs, and the columns a trace is filtered by; Enter or Apply lists again. */
export function TraceFilters() {
  const form = useTraces((s) => s.form);
  const setField = useTraces((s) => s.setField);
  const apply = useTraces((s) => s.apply);
  const text = (key: keyof TraceFilterForm, label: string, width = 'input-narrow') => (
    <input className={`input ${width}`} placeholder={label} aria-label={label} value={form[key]} data-testid={`traces-filter-${key}`}
      onChange={(e) => setField(key, e.target.value as never)} />
  );
  return (
    <form className="toolbar traces-filters" onSubmit={(e) => { e.preventDefault(); void apply(); }} data-testid="traces-filters">
      <select className="select" aria-label="Time range" value={form.since} onChange={(e) => setField('since', e.target.value)} data-testid="traces-filter-since">
        {RANGES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <input className="input toolbar-grow" placeholder="Search inputs and outputs" aria-label="Search inputs and outputs" value={form.text}
        onChange={(e) => setField('text', e.target.value)} data-testid="traces-filter-text" />
      {text('operation', 'Operation')}
      {text('model', 'Model')}
      {text('prompt', 'Prompt')}
      {text('collection', 'Collection')}
      {text('user', 'User')}
      <select className="select" aria-label="Status" value={form.status} onChange={(e) => setField('status', e.target.value as TraceFilterForm['status'])}>
        <option value="">Any status</option><option value="ok">OK</option><option value="error">Errors</option>
      </select>
      {text('minLatencyMs', 'Min ms')}
      <select className="select" aria-label="Feedback" value={form.feedback} onChange={(e) => setField('feedback', e.target.value as TraceFilterForm['feedback'])} data-testid="traces-filter-feedback">
        <option value="">Any feedback</option><option value="up">Thumbs up</option><option value="down">Thumbs down</option><option value="any">Rated</option><option value="none">Not rated</option>
      </select>
      {text('minScore', 'Min score')}
      <button type="submit" className="button button-primary" data-testid="traces-apply">Apply</button>
    </form>
  );
}
