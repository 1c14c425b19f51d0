import type { Model } from '../../api/contract.types.js';
import { ModelRow } from './ModelRow.js';

interface ModelTableProps {
  models: Model[];
  selectedId: string | null;
  onInspect: (id: string) => void;
}

const numeric = new Set(['Params', 'Context', 'Embedding', 'Size', 'Actions']);
const columns = ['Name', 'Role', 'Approval', 'Architecture', 'Params', 'Quant.', 'Context', 'Embedding', 'Size', 'SHA-256', 'Actions'];

export function ModelTable({ models, selectedId, onInspect }: ModelTableProps) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="model-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} className={numeric.has(column) ? 'cell-number' : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <ModelRow key={model.id} model={model} selected={model.id === selectedId} onInspect={() => onInspect(model.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
