// A bulk registration from a CSV or XLSX file: the API answers 202 with a job, whose progress is polled and shown.
import { api } from './api.js';
import { number, t, term } from './i18n.js';
import { errorBox, fill, h, mount } from './ui.js';

const POLL_MILLIS = 1000;
const TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export function upload() {
  const status = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id: 'import-file', type: 'file', accept: '.csv,.xlsx', required: true });
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) {
      return;
    }
    const type = TYPES[file.name.split('.').pop().toLowerCase()] ?? 'text/csv';
    try {
      const started = await api.post('/api/v1/beneficiary-imports', file, { raw: true, headers: { 'Content-Type': type } });
      follow(started.data.id, status);
    } catch (error) {
      fill(status, errorBox(error));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('import.file')), input),
  h('button', { type: 'submit' }, t('import.submit')));
  mount(h('h1', {}, t('import.title')), h('p', { class: 'hint' }, t('import.hint')), form, status);
}

async function follow(id, status) {
  let job;
  try {
    job = await api.get(`/api/v1/beneficiary-imports/${id}`);
  } catch (error) {
    fill(status, errorBox(error));
    return;
  }
  const finished = job.status !== 'RUNNING';
  fill(status,
    h('p', {}, t('import.status', { status: term(job.status), done: number(job.done), total: number(job.total) })),
    h('progress', { max: Math.max(1, job.total), value: job.done, 'aria-label': t('import.progress') }),
    h('p', {}, t('import.counts', { registered: number(job.registered), unchanged: number(job.unchanged), rejected: number(job.rejected) })),
    job.failure ? h('p', { class: 'error' }, job.failure) : null,
    (job.rejections ?? []).length ? h('ul', {}, job.rejections.map((r) => h('li', {}, t('import.rejection', r)))) : null);
  if (!finished && document.body.contains(status)) {
    setTimeout(() => follow(id, status), POLL_MILLIS);
  }
}
