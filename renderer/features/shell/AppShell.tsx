import { useEffect } from 'react';
import { transportKind } from '../../api/client.js';
import { watchModels } from '../models/models.store.js';
import { NoticeBanner } from './NoticeBanner.js';
import { useNavigation } from './navigation.store.js';
import { screens } from './screen-registry.js';

export function AppShell() {
  const current = useNavigation((state) => state.current);
  const go = useNavigation((state) => state.go);
  const screen = screens.find((entry) => entry.id === current) ?? screens[0];

  useEffect(() => watchModels(), []);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">Enclave</span>
        <span className="badge badge-offline" title="No network access: models and data stay on this machine" data-testid="offline-badge">
          offline
        </span>
        <span className="app-header-spacer" />
        <span className="app-shell-kind">{transportKind === 'ipc' ? 'desktop' : 'browser'}</span>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          {screens.map((entry) => (
            <button
              key={entry.id}
              type="button"
              className={entry.id === screen?.id ? 'nav-link nav-link-active' : 'nav-link'}
              aria-current={entry.id === screen?.id ? 'page' : undefined}
              title={entry.description}
              data-testid={`nav-${entry.id}`}
              onClick={() => go(entry.id)}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <main className="app-main">
          <NoticeBanner />
          {screen && <screen.component />}
        </main>
      </div>
    </div>
  );
}
