import { useCallback, useState } from 'react';
import { ImportBar } from './ImportBar.js';
import { LoadedModels } from './LoadedModels.js';
import { ModelInspector } from './ModelInspector.js';
import { ModelTable } from './ModelTable.js';
import { TaskList } from './TaskList.js';
import { useModels } from './models.store.js';
import { usePathDrop } from '../shell/use-path-drop.js';

const isGguf = (file: File): boolean => file.name.toLowerCase().endsWith('.gguf');

export function ModelsScreen() {
  const models = useModels((state) => state.models);
  const loaded = useModels((state) => state.loaded);
  const importPath = useModels((state) => state.importPath);
  const [inspectedId, setInspectedId] = useState<string | null>(null);
  const inspected = models.find((model) => model.id === inspectedId) ?? null;

  const onDropped = useCallback((paths: string[]) => paths.forEach((path) => void importPath(path)), [importPath]);
  const dragging = usePathDrop(onDropped, isGguf);

  return (
    <section className="screen" aria-labelledby="models-title">
      <div className="screen-header">
        <h1 id="models-title" className="screen-title">
          Models
        </h1>
        <span className="screen-subtitle">{loaded ? `${models.length} imported` : 'Loading…'}</span>
      </div>
      <ImportBar />
      <TaskList />
      {loaded && models.length === 0 ? (
        <p className="empty" data-testid="models-empty">
          No models yet. Import a .gguf file by its path{window.enclave ? ', drop one on this window,' : ''} or scan the models folder.
        </p>
      ) : (
        <ModelTable models={models} selectedId={inspectedId} onInspect={(id) => setInspectedId(id === inspectedId ? null : id)} />
      )}
      {inspected && <ModelInspector model={inspected} onClose={() => setInspectedId(null)} />}
      <LoadedModels />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop .gguf files to import them
        </div>
      )}
    </section>
  );
}
