// Classes the caller reaches (the API limits an officer to its unit's, a partner to those it provides), their
// participants, and a session's attendance register.
import { api } from './api.js';
import { date, t, term } from './i18n.js';
import { errorBox, fill, go, guarded, h, mount, pager } from './ui.js';

const PAGE_SIZE = 20;
// A register is sent whole, so it holds every participant: the API's limit for one list page.
const REGISTER_SIZE = 200;
const STATUSES = ['PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED'];
// The moves a class offers (allowedTransitions) and their paths; cancelling needs a reason and is left to the API.
const MOVES = { OPEN: 'open', RUNNING: 'start', COMPLETED: 'complete' };

export async function list(query) {
  const page = Number(query.get('page') ?? 0);
  const status = query.get('status') ?? '';
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  const filter = h('select', { id: 'class-status', onchange: (event) => go('classes', { status: event.target.value }) },
    h('option', { value: '' }, t('all')), STATUSES.map((s) => h('option', { value: s, selected: s === status }, term(s))));
  mount(h('h1', {}, t('classes.title')),
    h('div', { class: 'filters' }, h('label', { for: 'class-status' }, t('class.status')), filter), body);
  const classes = await guarded(body, () => api.get('/api/v1/training/classes', { status, page, size: PAGE_SIZE }));
  if (!classes) {
    return;
  }
  fill(body, classes.total === 0 ? h('p', {}, t('classes.none')) : h('table', { class: 'list' },
    h('caption', {}, t('classes.found', { total: classes.total })),
    h('thead', {}, h('tr', {}, [t('class.title'), t('class.dates'), t('class.status'), t('class.capacity')].map((n) => h('th', { scope: 'col' }, n)))),
    h('tbody', {}, classes.items.map((c) => h('tr', {},
      h('td', {}, h('a', { href: `#/class/${c.id}` }, c.title)),
      h('td', {}, `${date(c.startDate)} – ${date(c.endDate)}`),
      h('td', {}, term(c.status)),
      h('td', {}, c.capacity))))),
  classes.total > 0 ? pager(classes, (next) => go('classes', { status, page: next })) : null);
}

/** #/class/{id}: the class, its participants (paged) and its sessions, each with a link to its register. */
export async function detail(id, query) {
  const page = Number(query.get('page') ?? 0);
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('class.heading')), body);
  const loaded = await guarded(body, () => Promise.all([
    api.send('GET', `/api/v1/training/classes/${id}`),
    api.get(`/api/v1/training/classes/${id}/enrolments`, { page, size: PAGE_SIZE }),
  ]));
  if (!loaded) {
    return;
  }
  const [{ data: training, etag }, enrolments] = loaded;
  document.querySelector('h1').textContent = training.title;
  const status = h('div', { 'aria-live': 'polite' });
  const moves = Object.entries(MOVES).filter(([to]) => (training.allowedTransitions ?? []).includes(to)).map(([to, path]) =>
    h('button', { type: 'button', onclick: async (event) => {
      event.target.disabled = true;
      try {
        await api.post(`/api/v1/training/classes/${id}/${path}`, undefined, { headers: { 'If-Match': etag } });
        await detail(id, query);
        document.getElementById('main').prepend(h('p', { class: 'ok', role: 'status' }, t('class.moved', { status: term(to) })));
      } catch (error) {
        fill(status, errorBox(error));
        event.target.disabled = false;
      }
    } }, t(`class.move.${path}`)));
  fill(body,
    h('p', {}, `${term(training.status)} · ${date(training.startDate)} – ${date(training.endDate)} · ${training.place ?? term(training.modality)}`),
    status, h('div', { class: 'actions' }, moves),
    h('h2', {}, t('class.sessions')),
    (training.sessions ?? []).length === 0 ? h('p', {}, t('class.noSessions')) : h('ul', { class: 'sessions' },
      training.sessions.map((s) => h('li', {}, `${date(s.date)} ${s.startTime}–${s.endTime} ${s.topic ?? ''} `,
        h('a', { href: `#/class/${id}/attendance/${s.id}` }, t('attendance.record'))))),
    h('h2', {}, t('class.participants')),
    enrolments.total === 0 ? h('p', {}, t('class.noParticipants')) : h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, [t('person.fullName'), t('class.enrolment'), t('class.enrolledAt')].map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, enrolments.items.map((e) => h('tr', {},
        h('td', {}, e.beneficiaryId ? h('a', { href: `#/person/${e.beneficiaryId}` }, e.fullName ?? t('person.withheld')) : e.fullName),
        h('td', {}, term(e.status)),
        h('td', {}, date(e.enrolledAt)))))),
    enrolments.total > 0 ? pager(enrolments, (next) => go(`class/${id}`, { page: next })) : null);
}

/** #/class/{id}/attendance/{sessionId}: one mark per enrolled participant, sent as the whole register. */
export async function attendance(id, sessionId) {
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('attendance.title')), h('p', {}, h('a', { href: `#/class/${id}` }, t('back.class'))), body);
  const loaded = await guarded(body, () => Promise.all([
    api.get(`/api/v1/training/classes/${id}`),
    api.get(`/api/v1/training/classes/${id}/enrolments`, { status: 'ENROLLED', size: REGISTER_SIZE }),
    api.get(`/api/v1/training/classes/${id}/sessions/${sessionId}/attendance`),
  ]));
  if (!loaded) {
    return;
  }
  const [training, enrolments, marks] = loaded;
  const session = (training.sessions ?? []).find((s) => s.id === sessionId);
  const marked = new Map(marks.map((m) => [m.enrolmentId, m.status]));
  const mode = training.modality === 'VIRTUAL' ? 'ONLINE' : 'ON_SITE';
  const status = h('div', { 'aria-live': 'polite' });
  if (enrolments.items.length === 0) {
    fill(body, h('p', {}, t('class.noParticipants')));
    return;
  }
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const records = enrolments.items.map((e) => {
      const mark = form.querySelector(`input[name="mark-${e.id}"]:checked`).value;
      return { enrolmentId: e.id, status: mark, mode: mark === 'PRESENT' ? mode : undefined };
    });
    try {
      await api.put(`/api/v1/training/classes/${id}/sessions/${sessionId}/attendance`, { records });
      fill(status, h('p', { class: 'ok', role: 'status' }, t('attendance.done', { count: records.length })));
    } catch (error) {
      fill(status, errorBox(error));
    }
  } },
  enrolments.items.map((e) => h('fieldset', { class: 'mark' },
    h('legend', {}, e.fullName ?? t('person.withheld')),
    ['PRESENT', 'ABSENT', 'EXCUSED'].map((value) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: `mark-${e.id}`, value, checked: (marked.get(e.id) ?? 'PRESENT') === value }), term(value))))),
  h('button', { type: 'submit' }, t('attendance.submit')));
  fill(body, h('p', {}, `${training.title} · ${session ? `${date(session.date)} ${session.startTime}–${session.endTime}` : ''}`),
    status, form);
}
