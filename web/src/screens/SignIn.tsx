import { useState } from 'preact/hooks';
import { ApiError, ProblemError } from '../api/client';
import { useStore } from '../lib/store';
import { navigate, useLocation } from '../router';
import { signIn, signOutReason } from '../session';
import { ProblemBox } from '../components/ui';

export function SignIn() {
  const reason = useStore(signOutReason);
  const { pathname } = useLocation();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!token.trim()) {
      setError(new Error('Paste the token that `wareflow token create` printed.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(token);
      // Operators start on the handheld menu; a deep link stays where it pointed.
      if (pathname === '/signin' || (pathname === '/' && me.role === 'operator')) navigate(me.role === 'operator' ? '/handheld' : '/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const message =
    error instanceof ProblemError && error.status === 401
      ? 'This token is not accepted: it is wrong, was revoked or has expired.'
      : null;

  return (
    <div class="center-page">
      <form class="card narrow signin" onSubmit={(e) => void submit(e)}>
        <h1>Wareflow</h1>
        <p class="muted">Sign in with an API token.</p>
        {reason && <div class="notice warn" role="status">{reason}</div>}
        <label class="field">
          <span class="field-label">Token</span>
          <input
            name="token"
            type="password"
            autoComplete="off"
            autoFocus
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
            placeholder="wf_…"
          />
        </label>
        {message ? (
          <div class="problem" role="alert" data-code="unauthorized">
            <strong>{message}</strong> <span class="problem-code">code <code>unauthorized</code></span>
          </div>
        ) : error instanceof ApiError ? (
          <ProblemBox error={error} />
        ) : error ? (
          <div class="problem" role="alert">
            <strong>{(error as Error).message}</strong>
          </div>
        ) : null}
        <button class="btn primary big" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="muted small">
          The token stays in this browser until you sign out. Tokens are made with <code>wareflow token create</code>.
        </p>
      </form>
    </div>
  );
}
