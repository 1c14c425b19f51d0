import { useEffect } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { useAccess } from './access.store.js';
import { MyAccountPanel } from './MyAccountPanel.js';
import { TokensPanel } from './TokensPanel.js';
import { UsersPanel } from './UsersPanel.js';
import { WorkstationPanel } from './WorkstationPanel.js';

/** Accounts, roles and groups, API tokens, the shared-workstation switch and one's own password. */
export function AccessScreen() {
  const me = useAuth((state) => state.me);
  const manage = holds(me, 'users.manage');
  // Everyone manages their own password and tokens here; the account list needs users.read.
  const seeUsers = holds(me, 'users.read');

  // Every visit reads again: the CLI and other administrators change accounts too.
  useEffect(() => {
    const access = useAccess.getState();
    void (seeUsers ? access.loadUsers() : Promise.resolve()).then(() => access.loadTokens());
    if (manage) void access.loadWorkstation();
  }, [manage, seeUsers]);

  return (
    <section className="screen" aria-labelledby="access-title">
      <div className="screen-header">
        <h1 id="access-title" className="screen-title">
          Access
        </h1>
        <span className="screen-subtitle">Who may sign in, with which roles and groups; API tokens for scripts</span>
      </div>
      {seeUsers && <UsersPanel manage={manage} />}
      <TokensPanel manage={manage} />
      <div className="access-columns">
        {manage && <WorkstationPanel />}
        <MyAccountPanel manage={manage} />
      </div>
    </section>
  );
}
