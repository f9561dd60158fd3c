// Starts the console: reads the gateway's configuration, logs in, and shows the screen the hash names.
import { login, logout, onChange, start, user } from './auth.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import { errorBox, fill, h, mount, route } from './ui.js';
import * as people from './people.js';
import * as classes from './classes.js';
import * as aid from './aid.js';
import { dashboard } from './dashboard.js';
import { upload } from './imports.js';

/** The menu for the roles of the token: [hash, message key, roles that see it]. */
const MENU = [
  ['#/search', 'nav.people', ['admin', 'officer', 'partner', 'auditor', 'viewer']],
  ['#/classes', 'nav.classes', ['admin', 'officer', 'partner', 'auditor']],
  ['#/aid', 'nav.aid', ['admin', 'officer', 'partner', 'auditor']],
  ['#/import', 'nav.import', ['admin', 'officer', 'partner']],
  ['#/dashboard', 'nav.dashboard', ['admin', 'officer', 'partner', 'auditor', 'viewer']],
];

function home(current) {
  return current.has('admin', 'officer', 'partner') ? '#/search' : '#/dashboard';
}

function chrome(current) {
  const nav = document.getElementById('nav');
  const here = `#/${route().parts[0] ?? ''}`;
  fill(nav, h('ul', {}, MENU.filter(([, , roles]) => current.has(...roles)).map(([href, key]) =>
    h('li', {}, h('a', { href, 'aria-current': here === href ? 'page' : null }, t(key))))));
  document.getElementById('who').textContent = current.name;
  const out = document.getElementById('logout');
  out.hidden = false;
  out.textContent = t('logout');
}

async function show() {
  const current = user();
  if (!current) {
    mount(h('h1', {}, t('login.title')), h('p', {}, t('login.hint')),
      h('button', { type: 'button', onclick: () => login(i18n.current()) }, t('login.submit')));
    return;
  }
  chrome(current);
  const { parts, query } = route();
  const [screen, id, sub, subId] = parts;
  switch (screen) {
    case 'search': return people.search(query);
    case 'register': return people.register(current);
    case 'person': return sub === 'enrol' ? people.enrol(id, query) : people.person(id, query, current);
    case 'classes': return classes.list(query);
    case 'class': return sub === 'attendance' ? classes.attendance(id, subId) : classes.detail(id, query);
    case 'aid': return id === 'new' ? aid.propose(query) : id ? aid.detail(id) : aid.list(query);
    case 'import': return upload();
    case 'dashboard': return dashboard(query);
    default:
      location.replace(home(current));
      return null;
  }
}

async function boot() {
  await i18n.load(i18n.preferred());
  const language = document.getElementById('lang');
  language.value = i18n.current();
  language.addEventListener('change', async () => {
    await i18n.load(language.value);
    show();
  });
  document.getElementById('logout').addEventListener('click', logout);
  try {
    const config = await (await fetch('config.json')).json();
    if (!await start(config)) {
      // No code to trade: go to the login page at once; the identity provider's session may answer it silently.
      await login(i18n.current());
      return;
    }
  } catch (error) {
    mount(h('h1', {}, t('login.failed')), errorBox(error));
    return;
  }
  onChange((current) => (current ? null : show()));
  window.addEventListener('hashchange', show);
  show();
}

boot();
