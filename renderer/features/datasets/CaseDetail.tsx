import type { ReactNode } from 'react';
import { formatValue } from '../evaluations/eval-format.js';
import { useDatasets } from './datasets.store.js';
import { LabelControls } from './LabelControls.js';
import { labelSummary } from './label-edit.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="stacked" data-testid={testId}>
      <h3 className="inspector-subtitle">{title}</h3>
      {children}
    </div>
  );
}

function Texts({ values, empty, testId }: { values: string[]; empty: string; testId: string }) {
  if (values.length === 0) return <p className="hint">{empty}</p>;
  return (
    <div className="stacked" data-testid={testId}>
      {values.map((value, index) => (
        <pre key={index} className="code-block">
          {value}
        </pre>
      ))}
    </div>
  );
}

/** The current case in full; while labeling, its label controls sit on top. */
export function CaseDetail({ labeling }: { labeling: boolean }) {
  const item = useDatasets((state) => state.page?.cases[state.cursor]);
  if (!item) return <aside className="inspector dataset-case-detail" />;
  const vars = Object.entries(item.vars);
  return (
    <aside className="inspector dataset-case-detail" aria-label={`Case ${item.key}`} data-testid="dataset-case-detail" data-case={item.key}>
      <div className="inspector-header">
        <h2 className="inspector-title">
          Case <span className="cell-mono">{item.key}</span> <span className="muted">#{item.ordinal}</span>
        </h2>
        {item.tags.length > 0 && (
          <span>
            {item.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </span>
        )}
      </div>
      {labeling ? (
        <LabelControls item={item} />
      ) : (
        <p className="dataset-stored-label" data-testid="dataset-stored-label">
          <span className="muted">Human label:</span> {labelSummary(item.human)}
        </p>
      )}
      <Section title="Variables">
        {vars.length === 0 ? (
          <p className="hint">No variables.</p>
        ) : (
          <dl className="eval-vars">
            {vars.map(([name, value]) => (
              <div className="field" key={name}>
                <dt className="cell-mono">{name}</dt>
                <dd className="dataset-var">{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
      <Section title="Expected">
        <Texts values={item.expected === null ? [] : [item.expected]} empty="No expected answer." testId="dataset-case-expected" />
      </Section>
      {/* A single reference equal to the expected answer is the expected answer (how imports fill it). */}
      {item.references.some((r) => r !== item.expected) && (
        <Section title={`References (${item.references.length})`}>
          <Texts values={item.references} empty="" testId="dataset-case-references" />
        </Section>
      )}
      <Section title={`Contexts (${item.contexts.length})`}>
        <Texts values={item.contexts} empty="No contexts." testId="dataset-case-contexts" />
      </Section>
      {item.assert.length > 0 && (
        <Section title="Assertions">
          <pre className="code-block">{item.assert.map((a) => JSON.stringify(a)).join('\n')}</pre>
        </Section>
      )}
    </aside>
  );
}
