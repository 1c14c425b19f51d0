import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError } from '../shell/notices.store.js';
import { usePlayground } from './playground.store.js';

/** Fills the system message from a registry prompt (`name` for its latest version, `name@label` for a label). */
export function SystemPromptPicker({ disabled }: { disabled: boolean }) {
  const me = useAuth((state) => state.me);
  const setField = usePlayground((state) => state.setField);
  const [refs, setRefs] = useState<string[]>([]);
  const [chosen, setChosen] = useState('');
  const canRead = holds(me, 'prompts.read');

  useEffect(() => {
    if (!canRead) return;
    let live = true;
    call('prompts.list', {})
      .then((prompts) => {
        if (live) setRefs(prompts.flatMap((p) => [p.name, ...p.labels.map((l) => `${p.name}@${l.label}`)]));
      })
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [canRead]);

  if (!canRead || refs.length === 0) return null;

  const choose = async (ref: string) => {
    setChosen(ref);
    if (ref === '') return;
    try {
      const { version } = await call('prompts.resolve', { ref });
      setField('system', version.system);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <label className="stacked">
      <span className="panel-label">System prompt from the registry</span>
      <select className="select" value={chosen} disabled={disabled} onChange={(event) => void choose(event.target.value)} data-testid="chat-system-ref">
        <option value="">Type your own</option>
        {refs.map((ref) => (
          <option key={ref} value={ref}>
            {ref}
          </option>
        ))}
      </select>
    </label>
  );
}
