import { useState } from 'react';
import { useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { AddUserForm } from './AddUserForm.js';
import { UserRow } from './UserRow.js';

/** Every account with its roles, groups and state; holders of `users.manage` add and change them here. */
export function UsersPanel({ manage }: { manage: boolean }) {
  const users = useAccess((state) => state.users);
  const loaded = useAccess((state) => state.usersLoaded);
  const error = useAccess((state) => state.usersError);
  const me = useAuth((state) => state.me);
  const [adding, setAdding] = useState(false);
  const columns = manage ? 7 : 6;

  return (
    <section className="access-section" aria-labelledby="access-users-title">
      <div className="panel-header">
        <h2 id="access-users-title" className="panel-label">
          Users {loaded && <span className="muted">({users.length})</span>}
        </h2>
        {manage && !adding && (
          <button type="button" className="button button-small" onClick={() => setAdding(true)} data-testid="user-add">
            Add user
          </button>
        )}
      </div>
      {adding && <AddUserForm onDone={() => setAdding(false)} />}
      {error && <ErrorMessage error={error} testId="users-error" />}
      {loaded && !error && (
        <div className="table-scroll">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Roles</th>
                <th>Groups</th>
                <th>State</th>
                <th>Password</th>
                <th>Last sign-in</th>
                {manage && <th aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow key={user.name} user={user} isMe={user.name === me?.user.name} manage={manage} columns={columns} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
