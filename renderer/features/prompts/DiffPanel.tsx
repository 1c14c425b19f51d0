import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { BumpSuggestionView } from './BumpSuggestionView.js';
import { DiffColumns } from './DiffColumns.js';
import { sectionStats, sectionTitle, type VersionDiff } from './diff-columns.js';
import { usePrompts, type PromptDetail } from './prompts.store.js';

/** Base and head of a diff: versions (1.2.0) or labels (staging). */
export interface DiffPair {
  base: string;
  head: string;
}

interface DiffPanelProps {
  detail: PromptDetail;
  pair: DiffPair | null;
  onPairChange: (pair: DiffPair) => void;
}

function RefSelect({ detail, value, onChange, testId, label }: { detail: PromptDetail; value: string; onChange: (v: string) => void; testId: string; label: string }) {
  return (
    <label className="param">
      <span className="param-label">{label}</span>
      <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <optgroup label="Versions">
          {detail.versions.map((v) => (
            <option key={v.version} value={v.version}>
              {v.version}
              {v.labels.length > 0 ? ` (${v.labels.join(', ')})` : ''}
            </option>
          ))}
        </optgroup>
        {detail.prompt.labels.length > 0 && (
          <optgroup label="Labels">
            {detail.prompt.labels.map((l) => (
              <option key={l.label} value={l.label}>
                {l.label} → {l.version}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}

/** Two versions (or labels) of the prompt side by side, every part that changed, with the bump the change calls for. */
export function DiffPanel({ detail, pair, onPairChange }: DiffPanelProps) {
  const revision = usePrompts((state) => state.revision);
  const { versions, prompt } = detail;
  const newest = versions[0]?.version ?? prompt.latest;
  const { base, head } = pair ?? { base: versions[1]?.version ?? newest, head: newest };
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    call('prompts.diff', { prompt: prompt.name, from: base, to: head }).then(
      (value) => live && setDiff(value),
      (failure: unknown) => live && (setDiff(null), setError(toClientError(failure))),
    );
    return () => {
      live = false;
    };
  }, [prompt.name, base, head, revision]);

  const changed = diff?.sections.filter((s) => s.changed) ?? [];
  const unchanged = diff?.sections.filter((s) => !s.changed) ?? [];

  return (
    <div className="panel prompt-diff" data-testid="prompts-diff" data-base={diff?.from} data-head={diff?.to}>
      <div className="toolbar diff-picker">
        <RefSelect detail={detail} value={base} onChange={(v) => onPairChange({ base: v, head })} testId="prompts-diff-base" label="Base" />
        <button type="button" className="button diff-swap" title="Swap base and head" onClick={() => onPairChange({ base: head, head: base })} data-testid="prompts-diff-swap">
          ⇄
        </button>
        <RefSelect detail={detail} value={head} onChange={(v) => onPairChange({ base, head: v })} testId="prompts-diff-head" label="Head" />
        {versions.length < 2 && <span className="hint">Only one version so far: add one on the New version tab to compare.</span>}
      </div>
      {error && <ErrorMessage error={error} testId="prompts-diff-error" />}
      {diff && (
        <>
          <div className="diff-summary">
            <span className="diff-range">
              <span className="cell-mono">{diff.from}</span> → <span className="cell-mono">{diff.to}</span>
              {changed.length === 0 && <span className="muted"> identical</span>}
            </span>
            {changed.length > 0 && <BumpSuggestionView suggestion={diff.suggestion} testId="prompts-diff-bump" />}
          </div>
          {changed.map((section) => {
            const stats = sectionStats(section);
            return (
              <section key={section.field} className="diff-section" data-testid="prompts-diff-section" data-field={section.field}>
                <h3 className="diff-section-title">
                  {sectionTitle(section.field)}
                  <span className="diff-stat diff-stat-added">+{stats.added}</span>
                  <span className="diff-stat diff-stat-removed">−{stats.removed}</span>
                </h3>
                <DiffColumns rows={section.rows} baseLabel={diff.from} headLabel={diff.to} />
              </section>
            );
          })}
          {unchanged.length > 0 && (
            <p className="hint" data-testid="prompts-diff-unchanged">
              Unchanged: {unchanged.map((s) => sectionTitle(s.field)).join(', ')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
