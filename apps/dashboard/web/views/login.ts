// Login with the admin token: checked against an admin endpoint before it is
// kept (sessionStorage, this tab only), so a typo is reported at once.
import { api, session, Unauthorized } from '../api.ts';
import { h } from '../dom.ts';

/** Render the login form; `done` runs after a token the API accepted. */
export function renderLogin(root: HTMLElement, done: () => void, message?: string): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'admin token', 'aria-label': 'Admin token', required: true });
  const error = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'card login' },
    h('h1', {}, 'edgewatch'),
    h('p', {}, 'Sign in with the admin token (`npm start` prints it; it is also in .spin/generated-secrets.json).'),
    input,
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    session.login(input.value.trim());
    try {
      await api('/api/v1/devices');
      done();
    } catch (e) {
      session.logout();
      error.textContent = e instanceof Unauthorized ? 'That token was refused (401).' : (e as Error).message;
    }
  });
  root.replaceChildren(form);
  input.focus();
}
