import type { RetrievalMode } from '../../api/contract.types.js';
import { ModelSelect } from './ModelSelect.js';
import type { SettingsForm } from './settings-form.js';

interface SettingsFieldsProps {
  form: SettingsForm;
  onChange: <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void;
  /** Test ids are `<prefix>-<field>`. */
  prefix: string;
  /** All groups (the settings panel) or only the ones a new collection needs. */
  full: boolean;
  disabled?: boolean;
}

type TextKey = 'chunkTokens' | 'overlapTokens' | 'k' | 'bm25Weight' | 'vectorWeight' | 'rrfK' | 'minRelevance' | 'maxTokens' | 'temperature' | 'minSupported';

interface NumberSpec {
  key: TextKey;
  label: string;
  id: string;
  step: string;
  hint: string;
}

const chunkingNumbers: NumberSpec[] = [
  { key: 'chunkTokens', label: 'Chunk tokens', id: 'chunk-tokens', step: '1', hint: "Tokens per chunk, counted with the embedding model's tokenizer" },
  { key: 'overlapTokens', label: 'Overlap tokens', id: 'overlap-tokens', step: '1', hint: 'Tokens repeated between neighbouring chunks (10–20% of a chunk)' },
];

const retrievalNumbers: NumberSpec[] = [
  { key: 'k', label: 'Passages (k)', id: 'k', step: '1', hint: 'Passages retrieved for each question' },
  { key: 'bm25Weight', label: 'BM25 weight', id: 'bm25-weight', step: '0.1', hint: 'Weight of full-text ranks in hybrid fusion' },
  { key: 'vectorWeight', label: 'Vector weight', id: 'vector-weight', step: '0.1', hint: 'Weight of vector ranks in hybrid fusion' },
  { key: 'rrfK', label: 'RRF k', id: 'rrf-k', step: '1', hint: 'Reciprocal rank fusion constant: higher flattens the ranks' },
  { key: 'minRelevance', label: 'Min. relevance', id: 'min-relevance', step: '0.05', hint: "Below this share of the question's words in the best passage, the answer abstains" },
];

const answerNumbers: NumberSpec[] = [
  { key: 'maxTokens', label: 'Max tokens', id: 'max-tokens', step: '1', hint: 'Most tokens in an answer' },
  { key: 'temperature', label: 'Temperature', id: 'temperature', step: '0.05', hint: 'Low keeps answers close to the passages' },
  { key: 'minSupported', label: 'Min. supported', id: 'min-supported', step: '0.05', hint: 'Share of sentences (0–1) the cited passages must support; below it the policy applies' },
];

const modes: RetrievalMode[] = ['hybrid', 'bm25', 'vector'];

/** The fields of a collection's settings, shared by "New collection" and the settings panel. */
export function SettingsFields({ form, onChange, prefix, full, disabled }: SettingsFieldsProps) {
  const numbers = (specs: NumberSpec[]) =>
    specs.map((spec) => (
      <label key={spec.key} className="param" title={spec.hint}>
        <span className="param-label">{spec.label}</span>
        <input
          className="input input-small"
          type="number"
          inputMode="decimal"
          step={spec.step}
          value={form[spec.key]}
          onChange={(event) => onChange(spec.key, event.target.value)}
          data-testid={`${prefix}-${spec.id}`}
        />
      </label>
    ));

  return (
    <fieldset className="settings-fields" disabled={disabled}>
      <div className="settings-group">
        <span className="panel-label">Models</span>
        <label className="param">
          <span className="param-label">Embedding model</span>
          <ModelSelect
            value={form.embeddingModel}
            onChange={(id) => onChange('embeddingModel', id)}
            role="embedding"
            noneLabel="none (full text only)"
            ariaLabel="Embedding model"
            testId={`${prefix}-embedding-model`}
          />
        </label>
        <label className="param">
          <span className="param-label">Answer model</span>
          <ModelSelect
            value={form.answerModel}
            onChange={(id) => onChange('answerModel', id)}
            role="chat"
            noneLabel="none (search only)"
            ariaLabel="Answer model"
            testId={`${prefix}-answer-model`}
          />
        </label>
      </div>
      <div className="settings-group">
        <span className="panel-label">Chunking</span>
        <div className="param-grid">
          <label className="param" title="Structure keeps headings, paragraphs, tables, slides and sheets whole where they fit">
            <span className="param-label">Strategy</span>
            <select
              className="select select-small"
              value={form.strategy}
              onChange={(event) => onChange('strategy', event.target.value as SettingsForm['strategy'])}
              data-testid={`${prefix}-strategy`}
            >
              <option value="structure">structure</option>
              <option value="fixed">fixed</option>
            </select>
          </label>
          {numbers(chunkingNumbers)}
        </div>
      </div>
      {full && (
        <>
          <div className="settings-group">
            <span className="panel-label">Retrieval</span>
            <div className="param-grid">
              <label className="param">
                <span className="param-label">Mode</span>
                <select
                  className="select select-small"
                  value={form.mode}
                  onChange={(event) => onChange('mode', event.target.value as RetrievalMode)}
                  data-testid={`${prefix}-mode`}
                >
                  {modes.map((mode) => (
                    <option key={mode} value={mode}>
                      {mode}
                    </option>
                  ))}
                </select>
              </label>
              <label className="param" title="Quantized vectors for large collections; results are rescored exactly">
                <span className="param-label">Quantization</span>
                <select
                  className="select select-small"
                  value={form.quantization}
                  onChange={(event) => onChange('quantization', event.target.value as SettingsForm['quantization'])}
                  data-testid={`${prefix}-quantization`}
                >
                  <option value="none">none</option>
                  <option value="int8">int8</option>
                  <option value="binary">binary</option>
                </select>
              </label>
              <label className="param" title="Chunks with instructions planted for an AI: keep and flag them, keep them out of the index, or refuse the document">
                <span className="param-label">Planted instructions</span>
                <select
                  className="select select-small"
                  value={form.injectionPolicy}
                  onChange={(event) => onChange('injectionPolicy', event.target.value as SettingsForm['injectionPolicy'])}
                  data-testid={`${prefix}-injection-policy`}
                >
                  <option value="keep-and-flag">keep and flag</option>
                  <option value="quarantine">quarantine the chunk</option>
                  <option value="refuse">refuse the document</option>
                </select>
              </label>
              {numbers(retrievalNumbers)}
            </div>
          </div>
          <div className="settings-group">
            <span className="panel-label">Answer</span>
            <div className="param-grid">
              {numbers(answerNumbers)}
              <label className="param" title="What an answer becomes when too few of its sentences are supported by the passages it cites">
                <span className="param-label">Unsupported answers</span>
                <select
                  className="select select-small"
                  value={form.unsupported}
                  onChange={(event) => onChange('unsupported', event.target.value as SettingsForm['unsupported'])}
                  data-testid={`${prefix}-unsupported`}
                >
                  <option value="warn">shown with a warning</option>
                  <option value="abstain">replaced by the abstention</option>
                  <option value="review">held for review</option>
                </select>
              </label>
              <label className="param" title="Hold answers until a reviewer releases them (the Review screen)">
                <span className="param-label">Human review</span>
                <select
                  className="select select-small"
                  value={form.review}
                  onChange={(event) => onChange('review', event.target.value as SettingsForm['review'])}
                  data-testid={`${prefix}-review`}
                >
                  <option value="never">never</option>
                  <option value="unsupported">unsupported or flagged answers</option>
                  <option value="always">every answer</option>
                </select>
              </label>
            </div>
            <label className="stacked">
              <span className="param-label">Answer prompt (instructions; context and question are added apart from it)</span>
              <textarea
                className="textarea textarea-prompt"
                spellCheck={false}
                value={form.answerPrompt}
                onChange={(event) => onChange('answerPrompt', event.target.value)}
                data-testid={`${prefix}-answer-prompt`}
              />
            </label>
            <label className="stacked" title="A prompt from the registry; its templates get {{context}} and {{question}}, and its guardrails apply on top of this collection's">
              <span className="param-label">Registry prompt (optional, e.g. answer@production; replaces the answer prompt)</span>
              <input
                className="input"
                spellCheck={false}
                value={form.answerPromptRef}
                placeholder="name@label"
                onChange={(event) => onChange('answerPromptRef', event.target.value)}
                data-testid={`${prefix}-answer-prompt-ref`}
              />
            </label>
          </div>
        </>
      )}
    </fieldset>
  );
}
