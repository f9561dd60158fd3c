// Aid distributions: the list, a proposal for a person, and the moves the API offers (approve, dispatch,
// deliver with proof, cancel). The proof's photo or document is uploaded to the distribution first (aid-service
// keeps it); the delivery then names the stored file and the SHA-256 computed here, which the service compares
// with what it received, so a file damaged on the way is refused rather than recorded as proof.
import { api } from './api.js';
import { date, rupiah, t, term } from './i18n.js';
import { errorBox, field, fill, formValues, go, guarded, h, mount, pager, showFieldErrors } from './ui.js';

const PAGE_SIZE = 20;
// Programmes and items to choose from: one page of the API's largest.
const CHOICES = 200;
const STATUSES = ['PROPOSED', 'APPROVED', 'DISPATCHED', 'DELIVERED', 'PARTIALLY_DELIVERED', 'RETURNED', 'CANCELLED'];
const MOVES = { APPROVED: 'approve', DISPATCHED: 'dispatch', CANCELLED: 'cancel' };
// A proof file uploaded to aid-service is named by its path in the API; any other reference is a file kept elsewhere
// (a client may send any text as a reference, so nothing else is fetched with the user's token).
const STORED_PROOF = /^\/api\/v1\/aid\/distributions\/[0-9a-f-]{36}\/proof-files\/[0-9a-f-]{36}$/;
const PROOF_TYPES = 'image/jpeg, image/png, application/pdf';
let shownProof = null;

export async function list(query) {
  const page = Number(query.get('page') ?? 0);
  const status = query.get('status') ?? '';
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  const filter = h('select', { id: 'aid-status', onchange: (event) => go('aid', { status: event.target.value }) },
    h('option', { value: '' }, t('all')), STATUSES.map((s) => h('option', { value: s, selected: s === status }, term(s))));
  mount(h('h1', {}, t('aid.title')), h('div', { class: 'filters' }, h('label', { for: 'aid-status' }, t('aid.status')), filter), body);
  const found = await guarded(body, () => api.get('/api/v1/aid/distributions', { status, page, size: PAGE_SIZE }));
  if (!found) {
    return;
  }
  fill(body, found.total === 0 ? h('p', {}, t('aid.none')) : h('table', { class: 'list' },
    h('caption', {}, t('aid.found', { total: found.total })),
    h('thead', {}, h('tr', {}, [t('aid.proposedAt'), t('aid.status'), t('aid.total'), t('aid.delivered')].map((n) => h('th', { scope: 'col' }, n)))),
    h('tbody', {}, found.items.map((d) => h('tr', {},
      h('td', {}, h('a', { href: `#/aid/${d.id}` }, date(d.proposedAt))),
      h('td', {}, term(d.status)),
      h('td', { class: 'money' }, rupiah(d.totalIdr)),
      h('td', { class: 'money' }, rupiah(d.deliveredIdr)))))),
  found.total > 0 ? pager(found, (next) => go('aid', { status, page: next })) : null);
}

/** #/aid/new?recipient={beneficiaryId}: one item line from an open programme. */
export async function propose(query) {
  const recipient = query.get('recipient');
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('aid.propose')), recipient ? h('p', {}, h('a', { href: `#/person/${recipient}` }, t('back.person'))) : null, body);
  const loaded = await guarded(body, () => Promise.all([
    api.get('/api/v1/aid/programmes', { status: 'OPEN', size: CHOICES }),
    api.get('/api/v1/aid/items', { size: CHOICES }),
  ]));
  if (!loaded) {
    return;
  }
  const [programmes, items] = loaded;
  if (programmes.total === 0) {
    fill(body, h('p', {}, t('aid.noProgrammes')));
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const created = await api.post('/api/v1/aid/distributions', {
        programmeId: values.programmeId, recipientKind: 'PERSON', recipientId: values.recipientId,
        lines: [{ itemId: values['lines[0].itemId'], quantity: values['lines[0].quantity'] ? Number(values['lines[0].quantity']) : null }],
        note: values.note,
      });
      go(`aid/${created.data.id}`);
    } catch (error) {
      button.disabled = false;
      showFieldErrors(form, error.fieldErrors?.() ?? {});
      fill(status, errorBox(error));
    }
  } },
  field(t('aid.programme'), 'programmeId', { required: true, options: programmes.items.map((p) => [p.id, `${p.name} (${rupiah(p.remainingIdr)})`]) }),
  field(t('aid.recipient'), 'recipientId', { required: true, value: recipient ?? '' }),
  field(t('aid.item'), 'lines[0].itemId', { required: true, options: items.items.map((i) => [i.id, `${i.name} · ${rupiah(i.amountIdr)}/${i.unit}`]) }),
  field(t('aid.quantity'), 'lines[0].quantity', { type: 'number', min: 1, value: '1', required: true }),
  field(t('aid.note'), 'note'),
  h('button', { type: 'submit' }, t('aid.proposeSubmit')));
  fill(body, status, form);
}

async function sha256(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** #/aid/{id}: the distribution, the moves it allows now, and delivery with proof. */
export async function detail(id) {
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  mount(h('h1', {}, t('aid.heading')), body);
  const d = await guarded(body, () => api.send('GET', `/api/v1/aid/distributions/${id}`));
  if (!d) {
    return;
  }
  const distribution = d.data;
  const status = h('div', { 'aria-live': 'polite' });
  const move = async (path, payload) => {
    try {
      await api.post(`/api/v1/aid/distributions/${id}/${path}`, payload, { headers: { 'If-Match': d.etag } });
      await detail(id);
      document.getElementById('main').prepend(h('p', { class: 'ok', role: 'status' }, t('aid.moved')));
    } catch (error) {
      fill(status, errorBox(error));
      return error;
    }
    return null;
  };
  const allowed = distribution.allowedTransitions ?? [];
  const buttons = Object.entries(MOVES).filter(([to]) => allowed.includes(to)).map(([to, path]) => h('button', {
    type: 'button',
    onclick: () => move(path, to === 'CANCELLED' ? { reason: prompt(t('aid.cancelReason')) ?? '' } : undefined),
  }, t(`aid.move.${path}`)));
  const delivery = allowed.includes('DELIVERED') ? deliveryForm(id, move, status) : null;
  fill(body,
    h('dl', { class: 'facts' }, [
      [t('aid.status'), term(distribution.status)], [t('aid.total'), rupiah(distribution.totalIdr)],
      [t('aid.delivered'), rupiah(distribution.deliveredIdr)], [t('aid.proposedAt'), date(distribution.proposedAt)],
      [t('aid.recipient'), h('a', { href: `#/person/${distribution.recipientId}` }, t('aid.recipientLink'))],
      [t('aid.proof'), distribution.proof ? proofFacts(distribution.proof) : '—'],
    ].flatMap(([n, v]) => [h('dt', {}, n), h('dd', {}, v)])),
    proofFile(distribution.proof), status, h('div', { class: 'actions' }, buttons), delivery);
}

/** Who received it and when; a file kept outside the platform is named by its address, since it cannot be shown. */
function proofFacts(proof) {
  const stored = STORED_PROOF.test(proof.fileReference ?? '');
  return [proof.receivedBy, date(proof.receivedAt), proof.place, stored ? null : proof.fileReference].filter(Boolean).join(' · ');
}

/**
 * The proof file aid-service keeps, shown: it is read only with the bearer token, which a plain <img> or link would
 * not send, so it is fetched here and shown from a blob: address (the page's policy allows blob: images).
 */
function proofFile(proof) {
  if (!STORED_PROOF.test(proof?.fileReference ?? '')) {
    return null;
  }
  const place = h('section', { class: 'proof-file', 'aria-live': 'polite' }, h('h2', {}, t('aid.proofFile')),
    h('p', { class: 'loading' }, t('loading')));
  api.file(proof.fileReference, PROOF_TYPES).then((file) => {
    // One file on screen at a time: the address of the one shown before is let go, or its bytes stay in memory.
    if (shownProof) {
      URL.revokeObjectURL(shownProof);
    }
    shownProof = URL.createObjectURL(file);
    const name = `proof-${proof.fileReference.split('/').pop()}`;
    const shown = /^image\/(jpeg|png)\b/.test(file.type)
      ? h('figure', {},
        h('img', { src: shownProof, alt: t('aid.proofPhoto', { by: proof.receivedBy ?? '—', at: date(proof.receivedAt) }) }),
        h('figcaption', {}, h('a', { href: shownProof, target: '_blank', rel: 'noopener' }, t('aid.proofOpen'))))
      : h('p', {},
        h('a', { href: shownProof, target: '_blank', rel: 'noopener' }, t('aid.proofDocument')), ' · ',
        h('a', { href: shownProof, download: `${name}.pdf` }, t('aid.proofDownload')));
    fill(place, place.firstChild, shown);
  }, (error) => fill(place, place.firstChild, errorBox(error)));
  return place;
}

/** Stores the chosen file with the distribution (its bytes as they are, typed); answers the stored file's id. */
async function upload(id, file) {
  const stored = await api.post(`/api/v1/aid/distributions/${id}/proof-files`, file,
    { raw: true, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
  return stored.data.id;
}

function deliveryForm(id, move, status) {
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const file = form.querySelector('input[type=file]').files[0];
    const proof = {
      receivedBy: values['proof.receivedBy'], place: values['proof.place'],
      receivedAt: values['proof.receivedAt'] ? new Date(values['proof.receivedAt']).toISOString() : null,
    };
    if (file) {
      try {
        [proof.proofFileId, proof.fileSha256] = await Promise.all([upload(id, file), sha256(file)]);
      } catch (error) {
        // Too large (413) or not the type it claims (415): said at the file's field.
        fill(status, errorBox(error));
        showFieldErrors(form, { 'proof.proofFileId': [error.message] });
        return;
      }
    }
    const error = await move('deliver', { proof });
    if (error) {
      showFieldErrors(form, error.fieldErrors?.() ?? {});
    }
  } },
  h('h2', {}, t('aid.deliver')),
  field(t('aid.receivedBy'), 'proof.receivedBy', { required: true }),
  field(t('aid.receivedAt'), 'proof.receivedAt', { type: 'datetime-local', value: now, required: true }),
  field(t('aid.place'), 'proof.place', { required: true }),
  field(t('aid.proofFile'), 'proof.proofFileId', { type: 'file', accept: 'image/jpeg,image/png,application/pdf', capture: 'environment', required: true }),
  h('button', { type: 'submit' }, t('aid.deliverSubmit')));
  return form;
}
