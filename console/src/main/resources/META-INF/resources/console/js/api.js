// Calls the platform's API through the gateway (same origin). Every failure becomes an ApiError carrying the
// problem+json the platform answers (code, detail, field errors) and the request id, so that a screen can show
// it in words and at the field it names.
import { accessToken, refresh } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem, requestId) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.requestId = problem?.requestId ?? requestId ?? null;
  }

  /** Field errors by field name ("fullName", "address.provinceCode"), as the API names them. */
  fieldErrors() {
    const byField = {};
    for (const error of this.problem.errors ?? []) {
      (byField[error.field] ??= []).push(error.message);
    }
    return byField;
  }
}

// Rupiah members (…Idr) are read from their source text into BigInt: a sum past 2^53 would otherwise be
// rounded by JSON.parse, and the console shows money exactly as the API reports it.
function parse(text) {
  try {
    return JSON.parse(text, (key, value, context) => (
      key.endsWith('Idr') && typeof value === 'number' && context?.source ? BigInt(context.source) : value));
  } catch {
    return null;
  }
}

const JSON_TYPES = 'application/json, application/problem+json';

async function send(method, path, { body, query, headers = {}, raw = false, accept = JSON_TYPES, binary = false } = {}, retried = false) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  const init = { method, headers: { Accept: accept, ...headers } };
  const token = accessToken();
  if (token) {
    init.headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    if (raw) {
      init.body = body;
    } else {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, { code: 'network' }, null);
  }
  // An access token can lapse while the tab slept: refresh once and repeat.
  if (response.status === 401 && !retried && await refresh()) {
    return send(method, path, { body, query, headers, raw, accept, binary }, true);
  }
  const requestId = response.headers.get('X-Request-Id');
  const type = response.headers.get('Content-Type') ?? '';
  if (response.ok && binary) {
    return { data: await response.blob(), requestId };
  }
  const data = type.includes('json') ? parse(await response.text()) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data, requestId);
  }
  return { data, etag: response.headers.get('ETag'), location: response.headers.get('Location'), requestId };
}

export const api = {
  get: (path, query) => send('GET', path, { query }).then((r) => r.data),
  post: (path, body, options = {}) => send('POST', path, { body, ...options }),
  put: (path, body, options = {}) => send('PUT', path, { body, ...options }),
  /** A file the API keeps (a proof photo or document), as a Blob typed as the API answered it. */
  file: (path, accept) => send('GET', path, { accept: `${accept}, application/problem+json`, binary: true }).then((r) => r.data),
  send,
};
