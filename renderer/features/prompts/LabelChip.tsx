import type { LabelInfo } from './prompts.store.js';

/** `label → version`, with protected labels (they need a passing gate run to move) marked. */
export function LabelChip({ label }: { label: Pick<LabelInfo, 'label' | 'version' | 'protected'> }) {
  return (
    <span
      className={label.protected ? 'label-chip label-chip-protected' : 'label-chip'}
      title={label.protected ? `${label.label} is protected: it only moves to a version with a passing gate run` : `${label.label} points at ${label.version}`}
      data-testid="prompts-label-chip"
      data-label={label.label}
      data-version={label.version}
      data-protected={String(label.protected)}
    >
      <span className="label-chip-name">{label.label}</span>
      <span className="label-chip-arrow" aria-hidden="true">
        →
      </span>
      <span className="label-chip-version">{label.version}</span>
      {label.protected && <span className="label-chip-lock">protected</span>}
    </span>
  );
}
