// Every word the console shows comes from messages/<language>.json; the two files hold the same keys
// (ConsoleMessagesTest in the console module checks it, and that every key the scripts name exists).
const LANGUAGES = ['id', 'en'];
const CHOSEN = 'atensi.console.language';

let language = 'id';
let messages = {};

export async function load(wanted) {
  language = LANGUAGES.includes(wanted) ? wanted : 'id';
  const response = await fetch(`messages/${language}.json`);
  messages = await response.json();
  localStorage.setItem(CHOSEN, language);
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

/** The language chosen before, else the browser's when it is one of ours, else Indonesian. */
export function preferred() {
  const chosen = localStorage.getItem(CHOSEN);
  if (LANGUAGES.includes(chosen)) {
    return chosen;
  }
  return (navigator.language ?? '').toLowerCase().startsWith('en') ? 'en' : 'id';
}

export function current() {
  return language;
}

/** The message for key with {name} placeholders filled; the key itself when a message is missing. */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (values[name] ?? all));
}

const locales = { id: 'id-ID', en: 'en-GB' };

/** Exact rupiah, as the API reports it: an integer, grouped, never rounded. */
export function rupiah(amount) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return `Rp ${BigInt(amount).toLocaleString(locales[language])}`;
}

export function number(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString(locales[language]);
}

export function date(value) {
  if (!value) {
    return '—';
  }
  const options = value.length > 10 ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Date(value.length > 10 ? value : `${value}T00:00:00`).toLocaleString(locales[language], options);
}

/** An enum value from the API (PARTIALLY_DELIVERED) in words, where the message files name it. */
export function term(value) {
  if (!value) {
    return '—';
  }
  const key = `term.${value}`;
  return key in messages ? messages[key] : value;
}
