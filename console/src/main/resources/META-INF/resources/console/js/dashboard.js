// The manager's dashboard, from the report endpoints that exist: people by cluster and by province
// (beneficiary counts), completion and outcomes per training programme (programme reports), aid proposed,
// committed and delivered by programme, funder, partner and province (aid totals, exact rupiah). Each figure
// is what the API answers for the caller's scope, narrowed to a period and a service unit when they are chosen:
// the API dates people by registration, classes by their start and distributions by their proposal.
import { api } from './api.js';
import { number, rupiah, t, term } from './i18n.js';
import { province, provinceNames } from './regions.js';
import { fill, go, guarded, h, mount } from './ui.js';

// Reports for this many programmes are fetched, one request each.
const PROGRAMMES = 20;
// Units to choose from: the directory's largest page (there are a few dozen).
const UNITS = 200;
const AID_GROUPINGS = ['programme', 'funding-source', 'partner', 'region'];

// The bar's length goes through the CSS object model: the console's policy allows no inline style attribute.
function bar(share) {
  const element = h('span', { class: 'bar' });
  element.style.setProperty('--share', share.toFixed(3));
  return element;
}

function bars(caption, rows) {
  const largest = Math.max(1, ...rows.map((row) => row.count));
  return h('table', { class: 'list bars' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dashboard.group')), h('th', { scope: 'col' }, t('dashboard.count')))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      h('th', { scope: 'row' }, row.label),
      h('td', {}, bar(row.count / largest), number(row.count))))));
}

async function people(target, filters) {
  const narrowed = { from: filters.from, to: filters.to, serviceUnitId: filters.unit };
  const [byCluster, byProvince, names] = await Promise.all([
    api.get('/api/v1/beneficiaries/counts', { by: 'cluster', ...narrowed }),
    api.get('/api/v1/beneficiaries/counts', { by: 'province', ...narrowed }),
    provinceNames(),
  ]);
  const label = (key, termed) => (key === null || key === undefined ? t('dashboard.notRecorded') : termed ? term(key) : province(names, key));
  fill(target, h('h2', {}, t('dashboard.people')),
    bars(t('dashboard.byCluster'), byCluster.counts.map((c) => ({ label: label(c.key, true), count: c.count }))),
    bars(t('dashboard.byProvince'), byProvince.counts.map((c) => ({ label: label(c.key, false), count: c.count }))));
}

function percent(value) {
  return value === null || value === undefined ? '—' : `${number(value)} %`;
}

async function training(target, filters) {
  const programmes = await api.get('/api/v1/training/programmes', { size: PROGRAMMES });
  const reports = await Promise.all(programmes.items.map((p) => api.get(`/api/v1/training/programmes/${p.id}/report`,
    { from: filters.from, to: filters.to, hostUnitId: filters.unit })));
  const outcomes = (totals) => Object.entries(totals.latestOutcomes ?? {}).map(([kind, n]) => `${term(kind)} ${number(n)}`).join(', ') || '—';
  fill(target, h('h2', {}, t('dashboard.training')), reports.length === 0 ? h('p', {}, t('dashboard.none')) : h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, [t('dashboard.programme'), t('dashboard.participants'), t('dashboard.completion'), t('dashboard.attendance'), t('dashboard.outcomes')]
      .map((n) => h('th', { scope: 'col' }, n)))),
    h('tbody', {}, reports.map((r) => h('tr', {},
      h('th', { scope: 'row' }, r.title), h('td', {}, number(r.totals.participants)),
      h('td', {}, percent(r.totals.completionRatePercent)), h('td', {}, percent(r.totals.attendanceRatePercent)),
      h('td', {}, outcomes(r.totals)))))),
  programmes.total > PROGRAMMES ? h('p', { class: 'hint' }, t('dashboard.firstProgrammes', { count: PROGRAMMES, total: programmes.total })) : null);
}

async function aid(target, by, filters) {
  const [rows, names] = await Promise.all([
    api.get('/api/v1/aid/reports/totals', { by, from: filters.from, to: filters.to, serviceUnitId: filters.unit }),
    provinceNames(),
  ]);
  // By region the API's key is the recipient's province code, or UNKNOWN when no event named it.
  const label = (r) => (by !== 'region' ? r.label ?? r.key ?? t('dashboard.notRecorded')
    : r.key === 'UNKNOWN' || !r.key ? t('dashboard.notRecorded') : province(names, r.key));
  const choose = h('select', { id: 'aid-by', onchange: (event) => go('dashboard', { ...filters, aidBy: event.target.value }) },
    AID_GROUPINGS.map((g) => h('option', { value: g, selected: g === by }, t(`dashboard.by.${g}`))));
  fill(target, h('h2', {}, t('dashboard.aid')),
    h('div', { class: 'filters' }, h('label', { for: 'aid-by' }, t('dashboard.groupBy')), choose),
    rows.length === 0 ? h('p', {}, t('dashboard.none')) : h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, [t('dashboard.group'), t('dashboard.distributions'), t('dashboard.proposed'), t('dashboard.committed'), t('dashboard.delivered')]
        .map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, label(r)), h('td', {}, number(r.distributions)),
        h('td', { class: 'money' }, rupiah(r.proposedIdr)), h('td', { class: 'money' }, rupiah(r.committedIdr)),
        h('td', { class: 'money' }, rupiah(r.deliveredIdr)))))));
}

/** Period and unit: sent to every report as the API names them; a wrong period is refused there, in words. */
function filterForm(filters, by) {
  const units = h('select', { id: 'f-unit', name: 'unit' }, h('option', { value: '' }, t('dashboard.allUnits')));
  // The directory answers every role; until it has, the filter offers all units only.
  api.get('/api/v1/service-units', { size: UNITS }).then((page) => units.append(...page.items.map((unit) =>
    h('option', { value: unit.id, selected: unit.id === filters.unit }, unit.name)))).catch(() => {});
  const form = h('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    const values = new FormData(form);
    go('dashboard', { aidBy: by, from: values.get('from'), to: values.get('to'), unit: values.get('unit') });
  } },
  h('label', { for: 'f-from' }, t('dashboard.from')), h('input', { id: 'f-from', name: 'from', type: 'date', value: filters.from }),
  h('label', { for: 'f-to' }, t('dashboard.to')), h('input', { id: 'f-to', name: 'to', type: 'date', value: filters.to }),
  h('label', { for: 'f-unit' }, t('dashboard.unit')), units,
  h('button', { type: 'submit' }, t('dashboard.apply')));
  return form;
}

export async function dashboard(query) {
  const by = AID_GROUPINGS.includes(query.get('aidBy')) ? query.get('aidBy') : 'programme';
  const filters = { from: query.get('from') ?? '', to: query.get('to') ?? '', unit: query.get('unit') ?? '' };
  const sections = [people, training, (target) => aid(target, by, filters)].map((load) => {
    const section = h('section', { class: 'panel' }, h('p', { class: 'loading' }, t('loading')));
    guarded(section, () => load(section, filters));
    return section;
  });
  mount(h('h1', {}, t('dashboard.title')), h('p', { class: 'hint' }, t('dashboard.scope')), filterForm(filters, by), ...sections);
}
