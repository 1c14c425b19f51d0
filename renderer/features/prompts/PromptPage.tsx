import { useState } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { AbTestsPanel } from './AbTestsPanel.js';
import { DiffPanel, type DiffPair } from './DiffPanel.js';
import { LabelChip } from './LabelChip.js';
import { LabelsPanel } from './LabelsPanel.js';
import { RenderPreview } from './RenderPreview.js';
import { VersionEditor } from './VersionEditor.js';
import { VersionsPanel } from './VersionsPanel.js';
import { usePrompts } from './prompts.store.js';
import { holds, useAuth } from '../auth/auth.store.js';

type Tab = 'overview' | 'diff' | 'version' | 'try' | 'ab';

const tabs: Array<{ id: Tab; label: string; hint: string }> = [
  { id: 'overview', label: 'Versions & labels', hint: 'Every version; move or roll back a label' },
  { id: 'diff', label: 'Diff', hint: 'Two versions side by side' },
  { id: 'version', label: 'New version', hint: 'Edit the latest version into a new one' },
  { id: 'try', label: 'Try it', hint: 'Render a version or label with variables' },
  { id: 'ab', label: 'A/B tests', hint: 'Tests splitting callers between two labels' },
];

/** One prompt: its versions, labels, diffs, a new-version editor, a render preview and its A/B tests. */
export function PromptPage({ name }: { name: string }) {
  const detail = usePrompts((state) => (state.detail?.prompt.name === name ? state.detail : null));
  const error = usePrompts((state) => state.detailError);
  const [tab, setTab] = useState<Tab>('overview');
  const canManage = holds(useAuth((state) => state.me), 'prompts.manage');
  const [pair, setPair] = useState<DiffPair | null>(null);
  const [previewRef, setPreviewRef] = useState<string | null>(null);

  if (error) return <ErrorMessage error={error} testId="prompts-detail-error" />;
  if (!detail) return <p className="hint">Loading {name}…</p>;
  const { prompt } = detail;

  const compare = (base: string, head: string) => {
    setPair({ base, head });
    setTab('diff');
  };
  const tryRef = (ref: string) => {
    setPreviewRef(ref);
    setTab('try');
  };

  return (
    <div className="prompt-page" data-testid="prompts-page" data-name={prompt.name}>
      <div className="prompt-page-header">
        <h2 className="prompt-page-title">{prompt.name}</h2>
        <span className="tag" data-testid="prompts-page-latest">
          latest {prompt.latest}
        </span>
        <span className="muted">
          {prompt.versions} version{prompt.versions === 1 ? '' : 's'}
        </span>
        {prompt.labels.map((label) => (
          <LabelChip key={label.label} label={label} />
        ))}
      </div>
      {prompt.description && <p className="hint">{prompt.description}</p>}
      <div className="segmented prompt-tabs" role="tablist" aria-label={`${prompt.name} sections`}>
        {tabs.filter((entry) => entry.id !== 'version' || canManage).map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={tab === entry.id}
            className={tab === entry.id ? 'segment segment-active' : 'segment'}
            title={entry.hint}
            onClick={() => setTab(entry.id)}
            data-testid={`prompts-tab-${entry.id}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {tab === 'overview' && (
        <div className="prompt-overview">
          <VersionsPanel detail={detail} onCompare={compare} onTry={tryRef} />
          <LabelsPanel detail={detail} />
        </div>
      )}
      {tab === 'diff' && <DiffPanel detail={detail} pair={pair} onPairChange={setPair} />}
      {tab === 'version' && <VersionEditor detail={detail} onCompare={compare} />}
      {tab === 'try' && <RenderPreview detail={detail} initialRef={previewRef} />}
      {tab === 'ab' && <AbTestsPanel detail={detail} />}
    </div>
  );
}
