// The dashboard's entry: a path router over four views (login, devices, one
// device, alerts). Any 401 sends the user back to the login form.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { session, Unauthorized } from './api.ts';
import { rangeFromQuery } from './time.ts';
import { h, link, navigate } from './dom.ts';
import { renderAlerts } from './views/alerts.ts';
import { renderDevice } from './views/device.ts';
import { renderDevices } from './views/devices.ts';
import { renderLogin } from './views/login.ts';

const main = h('main', { id: 'view' });
const nav = h(
  'nav',
  {},
  h('strong', {}, 'edgewatch'),
  link('/', 'Devices'),
  link('/alerts', 'Alerts'),
  h('button', { type: 'button', class: 'link', onclick: () => (session.logout(), route()) }, 'Sign out'),
);
document.body.replaceChildren(nav, main);
let cleanup: (() => void) | undefined;

async function route(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  nav.hidden = !session.token();
  if (!session.token()) return renderLogin(main, () => void route());
  main.setAttribute('aria-busy', 'true');
  try {
    const device = /^\/devices\/([^/]+)$/.exec(path);
    if (device) cleanup = await renderDevice(main, decodeURIComponent(device[1]!), rangeFromQuery(params));
    else if (path === '/alerts') await renderAlerts(main, params.get('state') ?? 'firing', (state) => navigate(`/alerts?state=${state}`));
    else await renderDevices(main);
  } catch (error) {
    if (error instanceof Unauthorized) {
      session.logout();
      nav.hidden = true;
      return renderLogin(main, () => void route(), 'Your session ended: sign in again.');
    }
    main.replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Something failed'), h('p', { class: 'error' }, (error as Error).message)));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

addEventListener('popstate', () => void route());
void route();
