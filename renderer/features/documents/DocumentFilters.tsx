import type { DocumentView } from './documents.store.js';
import { useDocuments } from './documents.store.js';

/** Formats the extractors produce; the list filters on exactly these names. */
const FORMATS = ['pdf', 'docx', 'pptx', 'xlsx', 'xls', 'html', 'markdown', 'text', 'csv', 'json', 'jsonl', 'ipynb', 'epub', 'msg', 'feed'];

/** Name, status and type filters; each change reloads the list from the core. */
export function DocumentFilters() {
  const view = useDocuments((state) => state.view);
  const setView = useDocuments((state) => state.setView);
  return (
    <>
      <label className="param">
        <span className="param-label">Name contains</span>
        <input className="input" type="search" value={view.query} onChange={(e) => setView({ query: e.target.value })} data-testid="documents-filter-name" />
      </label>
      <label className="param">
        <span className="param-label">Status</span>
        <select className="select" value={view.status} onChange={(e) => setView({ status: e.target.value as DocumentView['status'] })} data-testid="documents-filter-status">
          <option value="all">all</option>
          <option value="ok">indexed with text</option>
          <option value="attention">needs attention (no text, warnings, flags)</option>
        </select>
      </label>
      <label className="param">
        <span className="param-label">Type</span>
        <select className="select" value={view.format} onChange={(e) => setView({ format: e.target.value })} data-testid="documents-filter-format">
          <option value="">all</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
