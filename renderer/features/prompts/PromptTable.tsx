import { LabelChip } from './LabelChip.js';
import { formatTime } from './prompt-time.js';
import { usePrompts, type PromptSummary } from './prompts.store.js';

const columns: Array<[string, boolean]> = [
  ['Name', false],
  ['Latest', false],
  ['Versions', true],
  ['Labels', false],
  ['Created', false],
];

/** Every prompt with its latest version and where its labels point; a click opens its page below. */
export function PromptTable({ prompts }: { prompts: PromptSummary[] }) {
  const selected = usePrompts((state) => state.selected);
  const select = usePrompts((state) => state.select);
  return (
    <div className="table-scroll prompts-table">
      <table className="table" data-testid="prompts-table">
        <thead>
          <tr>
            {columns.map(([label, numeric]) => (
              <th key={label} className={numeric ? 'cell-number' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {prompts.map((prompt) => {
            const isSelected = prompt.name === selected;
            return (
              <tr
                key={prompt.id}
                className={isSelected ? 'row-selected row-clickable' : 'row-clickable'}
                onClick={() => select(prompt.name)}
                aria-selected={isSelected}
                data-testid="prompts-row"
                data-name={prompt.name}
              >
                <td className="cell-name">
                  <button type="button" className="row-select" onClick={() => select(prompt.name)} data-testid="prompts-open">
                    {prompt.name}
                  </button>
                  {prompt.description && <div className="prompt-description">{prompt.description}</div>}
                </td>
                <td className="cell-mono" data-testid="prompts-latest">
                  {prompt.latest}
                </td>
                <td className="cell-number">{prompt.versions}</td>
                <td className="prompt-labels-cell">
                  {prompt.labels.length === 0 ? <span className="muted">none</span> : prompt.labels.map((label) => <LabelChip key={label.label} label={label} />)}
                </td>
                <td title={prompt.createdAt}>{formatTime(prompt.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
