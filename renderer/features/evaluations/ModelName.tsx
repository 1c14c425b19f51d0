import { useModels } from '../models/models.store.js';
import { modelLabel } from './eval-format.js';

/** A run's model key, shown by name when it is an installed model's id (the id stays in the tooltip). */
export function ModelName({ value }: { value: string }) {
  const label = useModels((state) => modelLabel(value, state.models));
  return <span title={value}>{label}</span>;
}

/** Several model keys, comma-separated. */
export function ModelNames({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((value, index) => (
        <span key={value}>
          {index > 0 && ', '}
          <ModelName value={value} />
        </span>
      ))}
    </>
  );
}
