// The officer's (and partner's) path through the registry: find a person, register one, the case file with its
// timeline, and enrolment into a class. What a partner may see is decided by the API, never here.
import { api } from './api.js';
import { date, t, term } from './i18n.js';
import { province, provinceNames } from './regions.js';
import { errorBox, field, fill, formValues, go, guarded, h, mount, pager, showFieldErrors } from './ui.js';

const PAGE_SIZE = 20;
const CLUSTERS = ['CHILDREN', 'PERSONS_WITH_DISABILITIES', 'ELDERLY', 'SUBSTANCE_ABUSE_VICTIMS', 'SOCIAL_EXCLUSION',
  'TRAFFICKING_VICTIMS', 'DISASTER_AFFECTED'];

/**
 * #/search?q=&page=: sixteen digits search the NIK exactly, anything else the name (tolerant of spellings).
 * #/search?all=1 lists everyone in the caller's reach: a partner finds by name only people who consented to
 * sharing, so this is how it reaches the rest of its own people (shown without their personal data).
 */
export async function search(query) {
  const text = query.get('q') ?? '';
  const all = !text && query.get('all') === '1';
  const page = Number(query.get('page') ?? 0);
  const results = h('div', { class: 'results' });
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: text, autocomplete: 'off' });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    go('search', { q: input.value.trim() });
  } },
  h('label', { for: 'q' }, t('search.label')), input, h('button', { type: 'submit' }, t('search.submit')));
  mount(h('h1', {}, t('search.title')), form,
    h('p', {}, h('a', { class: 'button', href: '#/register' }, t('register.title')), ' ',
      h('a', { href: '#/search?all=1' }, t('search.all'))), results);
  if (!text && !all) {
    results.append(h('p', { class: 'hint' }, t('search.hint')));
    return;
  }
  results.append(h('p', { class: 'loading' }, t('loading')));
  const filter = all ? {} : /^\d{16}$/.test(text) ? { nik: text } : { name: text };
  const found = await guarded(results, () => api.get('/api/v1/beneficiaries', { ...filter, page, size: PAGE_SIZE }));
  if (!found) {
    return;
  }
  if (found.total === 0) {
    fill(results, h('p', {}, t('search.none')));
    return;
  }
  fill(results,
    h('table', { class: 'list' },
      h('caption', {}, t('search.found', { total: found.total })),
      h('thead', {}, h('tr', {}, [t('person.fullName'), t('person.nik'), t('person.birthDate'), t('person.status')]
        .map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, found.items.map((person) => h('tr', {},
        h('td', {}, h('a', { href: `#/person/${person.id}` }, person.fullName ?? t('person.withheld'))),
        h('td', {}, person.nik ?? '—'),
        h('td', {}, date(person.birthDate)),
        h('td', {}, term(person.status)))))),
    pager(found, (next) => go('search', all ? { all: 1, page: next } : { q: text, page: next })));
}

/** #/register: the API checks everything; its field errors are shown at their fields. */
export function register(user) {
  const status = h('div', { 'aria-live': 'polite' });
  const clusters = h('fieldset', { class: 'field' }, h('legend', {}, t('person.clusters')),
    CLUSTERS.map((cluster) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'clusters', value: cluster }), term(cluster))));
  const form = h('form', { novalidate: true, onsubmit: (event) => submit(event) },
    field(t('person.fullName'), 'fullName', { required: true, autocomplete: 'name' }),
    field(t('person.nik'), 'nik', { required: true, inputmode: 'numeric', maxlength: 16 }),
    field(t('person.birthDate'), 'birthDate', { type: 'date', required: true }),
    field(t('person.sex'), 'sex', { required: true, options: [['', t('choose')], ['FEMALE', term('FEMALE')], ['MALE', term('MALE')]] }),
    field(t('person.birthPlace'), 'birthPlace'),
    field(t('person.kkNumber'), 'kkNumber', { inputmode: 'numeric', maxlength: 16 }),
    field(t('person.phone'), 'phone', { type: 'tel' }),
    field(t('person.provinceCode'), 'address.provinceCode', { inputmode: 'numeric', placeholder: '32' }),
    field(t('person.regencyCode'), 'address.regencyCode', { placeholder: '32.01' }),
    field(t('person.addressLine'), 'address.line'),
    clusters,
    user.has('officer') ? null : field(t('person.serviceUnitId'), 'serviceUnitId'),
    h('button', { type: 'submit' }, t('register.submit')));

  async function submit(event) {
    event.preventDefault();
    const values = formValues(form);
    const body = {
      fullName: values.fullName, nik: values.nik, birthDate: values.birthDate, sex: values.sex,
      birthPlace: values.birthPlace, kkNumber: values.kkNumber, phone: values.phone, serviceUnitId: values.serviceUnitId,
      clusters: [...form.querySelectorAll('input[name=clusters]:checked')].map((box) => box.value),
    };
    const address = { provinceCode: values['address.provinceCode'], regencyCode: values['address.regencyCode'], line: values['address.line'] };
    if (Object.values(address).some(Boolean)) {
      body.address = address;
    }
    fill(status, h('p', { class: 'loading' }, t('saving')));
    const button = form.querySelector('button[type=submit]');
    // Disabled while the request is out: a second click would register nothing but a 409 for the same NIK.
    button.disabled = true;
    try {
      const created = await api.post('/api/v1/beneficiaries', body);
      go(`person/${created.data.id}`, { registered: 1 });
    } catch (error) {
      button.disabled = false;
      const unshown = showFieldErrors(form, error.fieldErrors?.() ?? {});
      fill(status, errorBox(error),
        ...Object.entries(unshown).map(([name, messages]) => h('p', { class: 'field-error' }, `${name}: ${messages.join('; ')}`)));
    }
  }

  mount(h('h1', {}, t('register.title')), status, form);
}

/** #/person/{id}: the record, its case status and its timeline (registration, assessments, classes, aid). */
export async function person(id, query, user) {
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('person.title')), query.get('registered') ? h('p', { class: 'ok', role: 'status' }, t('register.done')) : null, body);
  const loaded = await guarded(body, () => Promise.all([
    api.get(`/api/v1/beneficiaries/${id}`),
    // A partner reads the timeline only with the person's consent to sharing; the record itself it may read anyway.
    api.get(`/api/v1/beneficiaries/${id}/timeline`).catch((error) => {
      if (error.status === 403) {
        return null;
      }
      throw error;
    }),
    provinceNames(),
  ]));
  if (!loaded) {
    return;
  }
  const [record, timeline, names] = loaded;
  document.querySelector('h1').textContent = record.fullName ?? t('person.withheld');
  const facts = [
    [t('person.nik'), record.nik], [t('person.birthDate'), date(record.birthDate)], [t('person.sex'), term(record.sex)],
    [t('person.status'), term(record.status)], [t('person.clusters'), (record.clusters ?? []).map(term).join(', ')],
    [t('person.province'), record.address?.provinceCode && province(names, record.address.provinceCode)], [t('person.registeredAt'), date(record.registeredAt)],
  ];
  const actions = h('div', { class: 'actions' });
  if (!record.personalDataWithheld && user.has('admin', 'officer', 'partner')) {
    actions.append(h('a', { class: 'button', href: `#/person/${id}/enrol` }, t('enrol.title')),
      h('a', { class: 'button', href: `#/aid/new?recipient=${id}` }, t('aid.propose')));
  }
  fill(body,
    record.personalDataWithheld ? h('p', { class: 'hint' }, t('person.withheldHint')) : null,
    h('dl', { class: 'facts' }, facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value || '—')])),
    actions,
    h('h2', {}, t('timeline.title')),
    timeline === null ? h('p', { class: 'hint' }, t('timeline.withheld'))
      : timeline.length === 0 ? h('p', {}, t('timeline.empty'))
      : h('ol', { class: 'timeline' }, timeline.map((entry) => h('li', {},
        h('time', { datetime: entry.at }, date(entry.at)), ' ',
        h('strong', {}, term(entry.kind)), entry.summary ? h('span', {}, ` — ${entry.summary}`) : null))));
}

/** #/person/{id}/enrol: the open classes the caller reaches, paged; choosing one enrols the person. */
export async function enrol(id, query) {
  const page = Number(query.get('page') ?? 0);
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('enrol.title')), h('p', {}, h('a', { href: `#/person/${id}` }, t('back.person'))), body);
  const classes = await guarded(body, () => api.get('/api/v1/training/classes', { status: 'OPEN', page, size: PAGE_SIZE }));
  if (!classes) {
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  if (classes.total === 0) {
    fill(body, h('p', {}, t('enrol.none')));
    return;
  }
  fill(body, status,
    h('ul', { class: 'cards' }, classes.items.map((training) => h('li', {},
      h('h2', {}, training.title),
      h('p', {}, `${date(training.startDate)} – ${date(training.endDate)} · ${training.place ?? term(training.modality)}`),
      h('button', { type: 'button', onclick: async (event) => {
        event.target.disabled = true;
        try {
          const enrolled = await api.post(`/api/v1/training/classes/${training.id}/enrolments`,
            { beneficiaryId: id, audience: 'BENEFICIARY' });
          fill(status, h('p', { class: 'ok', role: 'status' },
            t('enrol.done', { title: training.title, status: term(enrolled.data.status) }), ' ',
            h('a', { href: `#/class/${training.id}` }, t('class.open'))));
        } catch (error) {
          fill(status, errorBox(error));
          event.target.disabled = false;
        }
      } }, t('enrol.submit', { title: training.title }))))),
    pager(classes, (next) => go(`person/${id}/enrol`, { page: next })));
}
