import { useEffect, useRef, useState } from 'react';
import { SHORTCUTS as LABEL_SHORTCUTS } from '../datasets/label-edit.js';

const GROUPS: { title: string; keys: ReadonlyArray<readonly [string, string]> }[] = [
  { title: 'Anywhere', keys: [['?', 'show or hide this list'], ['Esc', 'close a panel or this list']] },
  { title: 'Playground, Ask and prompt editors', keys: [['Ctrl+Enter / ⌘+Enter', 'generate, send or run']] },
  { title: 'Datasets, labeling a version', keys: LABEL_SHORTCUTS },
];

/** True while the person is typing: "?" then belongs to the field, not to the app. */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

/** The keyboard-shortcut list, opened with "?" from anywhere outside a text field. */
export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        setOpen((value) => !value);
      } else if (event.key === 'Escape') {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);

  if (!open) return null;
  return (
    <div className="shortcuts-backdrop" onClick={() => setOpen(false)}>
      <div className="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(event) => event.stopPropagation()} data-testid="shortcuts">
        <div className="panel-header">
          <h2 id="shortcuts-title" className="shortcuts-title">Keyboard shortcuts</h2>
          <span className="spacer" />
          <button ref={close} type="button" className="button button-small" onClick={() => setOpen(false)} data-testid="shortcuts-close">
            Close
          </button>
        </div>
        {GROUPS.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="panel-label">{group.title}</h3>
            <dl className="shortcuts-list">
              {group.keys.map(([keys, what]) => (
                <div key={keys} className="shortcuts-row">
                  <dt><kbd>{keys}</kbd></dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
