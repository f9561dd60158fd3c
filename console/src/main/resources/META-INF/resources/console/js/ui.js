// Small DOM helpers shared by the screens: element building, the error box, field errors and the pager.
import { t } from './i18n.js';

/** h('p', {class: 'x'}, 'text', child): an element with attributes (on* as listeners) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Replaces target's children; absent ones (a condition's null or false) are left out. */
export function fill(target, ...children) {
  target.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

export function mount(...children) {
  const main = document.getElementById('main');
  fill(main, ...children);
  const heading = main.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · ATENSI`;
  }
}

/** A failure in words: what the platform said, and the request id to quote to the help desk. */
export function errorBox(error) {
  const code = error?.problem?.code;
  const words = code && t(`problem.${code}`) !== `problem.${code}` ? t(`problem.${code}`) : t('problem.other');
  // A failure outside the API (the login answered with an error) has no problem, only its message.
  const detail = error?.problem ? error.problem.detail : error?.message;
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, words),
    detail ? h('p', {}, detail) : null,
    error?.problem?.existingId ? h('p', {}, h('a', { href: `#/person/${error.problem.existingId}` }, t('problem.existing'))) : null,
    error?.requestId ? h('p', { class: 'request-id' }, t('problem.requestId', { id: error.requestId })) : null);
}

/** Shows the API's field errors at their fields (inputs named as the API names the field); returns those left over. */
export function showFieldErrors(form, byField) {
  for (const old of form.querySelectorAll('.field-error')) {
    old.remove();
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  const unshown = {};
  for (const [field, messages] of Object.entries(byField)) {
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!input) {
      unshown[field] = messages;
      continue;
    }
    const id = `error-${field.replace(/[^a-zA-Z0-9]/g, '-')}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.closest('.field').append(h('p', { class: 'field-error', id }, messages.join('; ')));
  }
  form.querySelector('[aria-invalid]')?.focus();
  return unshown;
}

/** A labelled input inside a .field block; the name is the API's field name. */
export function field(label, name, attributes = {}) {
  const id = `f-${name.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const control = attributes.options
    ? h('select', { id, name, required: attributes.required },
      attributes.options.map(([value, text]) => h('option', { value, selected: value === attributes.value }, text)))
    : h('input', { id, name, type: 'text', ...attributes });
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** Previous/next for a page of the API ({items, page, size, total}); go(page) shows another page. */
export function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.size));
  return h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('button', { type: 'button', disabled: result.page === 0, onclick: () => go(result.page - 1) }, t('pager.previous')),
    h('span', {}, t('pager.position', { page: result.page + 1, pages, total: result.total })),
    h('button', { type: 'button', disabled: result.page + 1 >= pages, onclick: () => go(result.page + 1) }, t('pager.next')));
}

/** Runs a screen's loading; a failure replaces the screen's body with the error box. */
export async function guarded(target, work) {
  try {
    return await work();
  } catch (error) {
    fill(target, errorBox(error));
    return null;
  }
}

export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') {
      values[name] = value.trim();
    }
  }
  return values;
}

/** Hash routes: #/path?query → {path: ['path', …], query}. */
export function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean), query: new URLSearchParams(query ?? '') };
}

export function go(path, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  location.hash = `#/${path}${search.size ? `?${search}` : ''}`;
}
