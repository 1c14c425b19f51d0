import { useEffect, type ReactNode } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAuth } from './auth.store.js';
import { SignInScreen } from './SignInScreen.js';

/** The app only for a signed-in caller: otherwise the sign-in screen (the core checks every call regardless). */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuth((state) => state.status);
  const error = useAuth((state) => state.error);
  const check = useAuth((state) => state.check);

  useEffect(() => {
    void check();
  }, [check]);

  if (status === 'checking') return <div className="sign-in-page" data-testid="auth-checking" />;
  if (status === 'signedOut') return <SignInScreen />;
  if (status === 'unreachable') {
    return (
      <div className="sign-in-page">
        <div className="sign-in-card">
          {error && <ErrorMessage error={error} />}
          <button type="button" className="button" onClick={() => void check()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
