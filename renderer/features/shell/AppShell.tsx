import { useEffect } from 'react';
import { transportKind } from '../../api/client.js';
import { ActivityButton } from '../activity/ActivityButton.js';
import { watchActivity } from '../activity/activity.store.js';
import { AccountMenu } from '../auth/AccountMenu.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { AlertsIndicator } from '../audit/AlertsIndicator.js';
import { watchAlerts } from '../audit/alerts.store.js';
import { watchModels } from '../models/models.store.js';
import { landingScreen } from './landing.js';
import { NoticeBanner } from './NoticeBanner.js';
import { useNavigation } from './navigation.store.js';
import { screens } from './screen-registry.js';
import { ShortcutsOverlay } from './ShortcutsOverlay.js';

export function AppShell() {
  const current = useNavigation((state) => state.current);
  const go = useNavigation((state) => state.go);
  const me = useAuth((state) => state.me);
  // Screens whose every call would answer FORBIDDEN are left out of the navigation (the core still checks each call).
  const visible = screens.filter((entry) => entry.requires === undefined || holds(me, entry.requires));
  const screen = visible.find((entry) => entry.id === current) ?? landingScreen(me, visible);

  useEffect(() => watchModels(), []);
  useEffect(() => watchAlerts(), []);
  // Keyed on the user: a new sign-in reloads the list, which the core limits to the caller's jobs.
  useEffect(() => watchActivity(), [me?.user]);
  // Someone else signing in starts on their own landing screen, not where the last person left off.
  useEffect(() => useNavigation.getState().reset(), [me?.user.name]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">Enclave</span>
        <span className="badge badge-offline" title="No network access: models and data stay on this machine" data-testid="offline-badge">
          offline
        </span>
        <span className="app-header-spacer" />
        <ActivityButton />
        <AlertsIndicator />
        <AccountMenu />
        <span className="app-shell-kind">{transportKind === 'ipc' ? 'desktop' : 'browser'}</span>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          {visible.map((entry) => (
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
      <ShortcutsOverlay />
    </div>
  );
}
