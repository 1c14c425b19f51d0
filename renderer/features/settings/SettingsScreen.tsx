import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { useDraft } from '../shell/use-draft.js';
import { OpenAiApiPanel } from './OpenAiApiPanel.js';

type Settings = Output<'settings.get'>;
type Roots = Output<'files.roots.get'>;

const gpuChoices: Settings['gpu'][] = ['auto', 'cpu', 'cuda', 'vulkan', 'metal'];

interface InferenceForm {
  gpu: Settings['gpu'];
  threads: string;
  parallelSequences: string;
  contextSize: string;
}

const toForm = (s: Settings): InferenceForm => ({ gpu: s.gpu, threads: String(s.threads), parallelSequences: String(s.parallelSequences), contextSize: String(s.contextSize) });

/**
 * Inference settings (where llama.cpp runs, threads, sequences, context size) and, for administrators, the import
 * roots that server-side paths must lie in. Values go to the core as typed; it validates and says what is wrong.
 */
export function SettingsScreen() {
  const me = useAuth((state) => state.me);
  const canManage = holds(me, 'settings.manage');
  const canSeeRoots = holds(me, 'files.serverPaths');
  const [saved, setSaved] = useState<Settings | null>(null);
  // Unsaved edits are a draft that outlives leaving the screen; without one the form shows what is saved.
  const [edits, setForm, clearEdits] = useDraft<InferenceForm | null>('settings.inference', null);
  const form = edits ?? (saved ? toForm(saved) : null);
  const [roots, setRoots] = useState<Roots | null>(null);
  const [rootsText, setRootsText] = useState('');

  useEffect(() => {
    void call('settings.get', {}).then(setSaved, reportError);
    if (canSeeRoots) void call('files.roots.get', {}).then((r) => (setRoots(r), setRootsText((r.roots ?? []).join('\n'))), reportError);
  }, [canSeeRoots]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const patch = {
      gpu: form.gpu,
      threads: form.threads.trim() === 'auto' ? ('auto' as const) : number(form.threads),
      parallelSequences: number(form.parallelSequences),
      contextSize: number(form.contextSize),
    };
    try {
      const next = await call('settings.update', Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      setSaved(next);
      clearEdits();
      reportInfo('Settings saved. A loaded model picks up thread and context changes the next time it is loaded.');
    } catch (error) {
      reportError(error);
    }
  };

  const saveRoots = async (event: FormEvent) => {
    event.preventDefault();
    const list = rootsText.split('\n').map((line) => line.trim()).filter(Boolean);
    try {
      const next = await call('files.roots.set', { roots: list.length === 0 ? null : list });
      setRoots(next);
      reportInfo(next.roots ? `Import roots saved: ${next.roots.length}.` : 'Import roots cleared: only this machine’s own account may use server-side paths.');
    } catch (error) {
      reportError(error);
    }
  };

  const field = (key: keyof InferenceForm, label: string, hint: string) => (
    <label className="param" title={hint}>
      <span className="param-label">{label}</span>
      <input className="input input-small" value={form?.[key] ?? ''} disabled={!canManage} onChange={(event) => form && setForm({ ...form, [key]: event.target.value })} data-testid={`settings-${key}`} />
    </label>
  );

  return (
    <section className="screen" aria-labelledby="settings-title">
      <div className="screen-header">
        <h1 id="settings-title" className="screen-title">
          Settings
        </h1>
        <span className="screen-subtitle">How models run on this machine{canManage ? '' : ' (read only: changing them needs settings.manage)'}</span>
      </div>
      {form && saved && (
        <form className="panel settings-panel" onSubmit={(event) => void save(event)}>
          <span className="panel-label">Inference</span>
          <div className="param-grid">
            <label className="param" title="auto detects CUDA, Vulkan or Metal and falls back to the CPU">
              <span className="param-label">GPU</span>
              <select className="select select-small" value={form.gpu} disabled={!canManage} onChange={(event) => setForm({ ...form, gpu: event.target.value as Settings['gpu'] })} data-testid="settings-gpu">
                {gpuChoices.map((gpu) => (
                  <option key={gpu} value={gpu}>
                    {gpu}
                  </option>
                ))}
              </select>
            </label>
            {field('threads', 'Threads', '"auto" or a number; on small machines thread count changes speed by orders of magnitude (docs/benchmarks.md)')}
            {field('parallelSequences', 'Parallel sequences', 'Sequences per loaded model: several cases or users decode together')}
            {field('contextSize', 'Context size (tokens)', "Capped by each model's trained context; prompts and answers must fit in it")}
          </div>
          {canManage && (
            <div className="actions">
              <button type="submit" className="button button-primary" data-testid="settings-save">
                Save
              </button>
            </div>
          )}
        </form>
      )}
      <OpenAiApiPanel />
      {canSeeRoots && roots && (
        <form className="panel settings-panel" onSubmit={(event) => void saveRoots(event)}>
          <span className="panel-label">Import roots</span>
          <p className="hint">
            Folders whose files the core may read or write when a caller names a path (ingestion, dataset import and export, model import). One per
            line; never the data directory ({roots.dataDir}). Empty: only this machine’s own account may use paths.
          </p>
          <textarea className="textarea" aria-label="Import roots, one folder per line" spellCheck={false} value={rootsText} onChange={(event) => setRootsText(event.target.value)} data-testid="settings-roots" />
          <div className="actions">
            <button type="submit" className="button button-primary" data-testid="settings-roots-save">
              Save roots
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
