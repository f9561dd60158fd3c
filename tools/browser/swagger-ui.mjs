#!/usr/bin/env node
// Uses the gateway's Swagger UI the way a person does, in Debian's chromium driven by playwright-core (which
// never downloads a browser of its own): reads the tags the merged document shows, clicks "Authorize" on the
// oauth2 scheme, logs in on the identity provider's (Keycloak's) page in the window that opens, comes back
// authorised (authorization code with PKCE), runs "Try it out" on POST /api/v1/beneficiaries, logs out and
// runs it again. It only reports what the pages showed, as one JSON object on stdout; the caller
// (system-tests' SwaggerUiBrowserSystemTest) decides what is right.
//
// Usage: ATENSI_USERNAME=<user> ATENSI_PASSWORD=<password> node swagger-ui.mjs --gateway URL [--chromium PATH] [--screenshots DIR]
// The credentials come by environment only: a command line is visible to every process listing.
// Exit 0 when every step could be carried out (whatever the statuses were), 1 when a step failed (the JSON
// then has "error" and a screenshot of the whole page is left in DIR; on success, one of the operation tried),
// 2 on bad usage.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 30_000;
const CREATE_PATH = '/api/v1/beneficiaries';
// The heading of the oauth2 scheme in the dialog: "oauth2 (OAuth2, authorizationCode with PKCE)" when PKCE is on.
const OAUTH2_SCHEME = /^oauth2 \(OAuth2, authorizationCode/;

function options(argv) {
  const result = { chromium: '/usr/bin/chromium', screenshots: null, gateway: null };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in result) || argv[i + 1] === undefined) {
      usage(`unknown or incomplete option ${argv[i]}`);
    }
    result[name] = argv[i + 1];
  }
  if (!result.gateway) {
    usage('--gateway is required');
  }
  if (!process.env.ATENSI_USERNAME || !process.env.ATENSI_PASSWORD) {
    usage('ATENSI_USERNAME and ATENSI_PASSWORD (the user to log in as at the identity provider) must be set');
  }
  return result;
}

function usage(problem) {
  console.error(`swagger-ui.mjs: ${problem}`);
  console.error('usage: ATENSI_USERNAME=<user> ATENSI_PASSWORD=<password> node swagger-ui.mjs --gateway URL [--chromium PATH] [--screenshots DIR]');
  process.exit(2);
}

// The NIK must agree with birth date and sex (day + 40 for women) and be unused: a random serial keeps
// repeated runs against one database apart.
function newPerson() {
  const serial = String(1 + Math.floor(Math.random() * 9999)).padStart(4, '0');
  return JSON.stringify({
    fullName: 'Dewi Lestari',
    nik: `320101450890${serial}`,
    birthDate: '1990-08-05',
    sex: 'FEMALE',
  }, null, 2);
}

async function openAuthorize(page) {
  await page.locator('.auth-wrapper button.authorize').click();
  await page.locator('.modal-ux').waitFor({ state: 'visible' });
}

// The dialog lists every scheme of the document; the login is the oauth2 one's part.
function oauth2Scheme(page) {
  return page.locator('.modal-ux .auth-container').filter({ has: page.locator('h4', { hasText: OAUTH2_SCHEME }) });
}

function loginButton(page) {
  return oauth2Scheme(page).getByRole('button', { name: 'Apply given OAuth2 credentials' });
}

function logoutButton(page) {
  return oauth2Scheme(page).getByRole('button', { name: 'Remove authorization' });
}

async function closeAuthorize(page) {
  await page.locator('.modal-ux button.btn-done').first().click();
  await page.locator('.modal-ux').waitFor({ state: 'detached' });
}

// Authorize opens the identity provider's login page in a new window; the login there sends that window back to
// Swagger UI's oauth2-redirect.html, which hands the code to the page and closes itself; the page then trades the
// code and its PKCE verifier for a token.
async function logIn(page, report) {
  const [login] = await Promise.all([page.waitForEvent('popup'), loginButton(page).click()]);
  // Watched on the whole context: the exchange starts from the closing window's call into the page.
  const tokenExchange = page.context().waitForEvent('response',
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/protocol/openid-connect/token'));
  await login.locator('#username').waitFor();
  const authorization = new URL(login.url());
  report.login = {
    page: `${authorization.origin}${authorization.pathname}`,
    clientId: authorization.searchParams.get('client_id'),
    codeChallengeMethod: authorization.searchParams.get('code_challenge_method'),
    redirectUri: authorization.searchParams.get('redirect_uri'),
  };
  await login.locator('#username').fill(process.env.ATENSI_USERNAME);
  await login.locator('#password').fill(process.env.ATENSI_PASSWORD);
  await Promise.all([login.waitForEvent('close'), login.locator('#kc-login').click()]);
  const token = await tokenExchange;
  report.login.tokenStatus = token.status();
  report.login.codeVerifierSent = new URLSearchParams(token.request().postData() ?? '').has('code_verifier');
}

// Clicks Execute and reports both what went over the wire and what the page then shows as the live response.
async function execute(operation, page) {
  const status = operation.locator('.live-responses-table tbody tr.response td.response-col_status').first();
  const previous = (await status.count()) > 0 ? (await status.textContent()).trim() : null;
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === CREATE_PATH && r.request().method() === 'POST'),
    operation.locator('button.execute').click(),
  ]);
  // The page re-renders the live response after the exchange: wait until it shows a new one.
  await page.waitForFunction(
    ([block, before]) => {
      const cell = block.querySelector('.live-responses-table tbody tr.response td.response-col_status');
      return cell !== null && cell.textContent.trim() !== '' && cell.textContent.trim() !== before;
    },
    [await operation.elementHandle(), previous],
  );
  const requestHeaders = await response.request().allHeaders();
  return {
    // The cell holds the code and, for a code the document does not list, "Undocumented".
    uiStatus: (await status.textContent()).trim().match(/^\d{3}/)?.[0] ?? null,
    networkStatus: response.status(),
    authorizationSent: 'authorization' in requestHeaders,
    contentType: response.headers()['content-type'] ?? null,
    body: await response.text(),
  };
}

async function run(opts, report, page) {
  await page.goto(`${opts.gateway}/q/swagger-ui/`);
  await page.locator('.opblock-tag-section').first().waitFor();
  report.title = (await page.locator('.information-container .title').first().textContent()).trim();
  report.tags = await page.locator('h3.opblock-tag').evaluateAll((tags) => tags.map((t) => t.dataset.tag));

  await openAuthorize(page);
  report.oauth2Scheme = (await oauth2Scheme(page).locator('h4').first().textContent()).trim();
  await logIn(page, report);
  await logoutButton(page).waitFor();
  report.authorized = await oauth2Scheme(page).locator('h6', { hasText: /^Authorized$/ }).isVisible();
  await closeAuthorize(page);

  const operation = page.locator('.opblock.opblock-post')
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${CREATE_PATH}"]`) });
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('textarea.body-param__text').fill(newPerson());
  report.withToken = await execute(operation, page);

  await openAuthorize(page);
  await logoutButton(page).click();
  await loginButton(page).waitFor();
  await closeAuthorize(page);
  report.withoutToken = await execute(operation, page);
}

const opts = options(process.argv.slice(2));
const report = { gateway: opts.gateway, chromium: opts.chromium, pageErrors: [] };
if (!existsSync(opts.chromium)) {
  report.error = `no browser at ${opts.chromium}: install Debian's chromium (apt-get install -y chromium)`;
  console.log(JSON.stringify(report));
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => report.pageErrors.push(String(e)));
  // A refused cross-origin token request shows only here and in the console.
  report.failedRequests = [];
  report.consoleErrors = [];
  page.on('requestfailed', (r) => report.failedRequests.push(`${r.method()} ${r.url().split('?')[0]}: ${r.failure()?.errorText}`));
  page.on('console', (m) => { if (m.type() === 'error') report.consoleErrors.push(m.text()); });
  try {
    await run(opts, report, page);
  } catch (e) {
    failed = true;
    report.error = String(e && e.message ? e.message : e);
  }
  if (opts.screenshots) {
    mkdirSync(opts.screenshots, { recursive: true });
    // The whole page lists every operation of the platform: on success only the one tried is worth a look.
    report.screenshot = path.resolve(opts.screenshots, failed ? 'swagger-ui-failure.png' : 'swagger-ui-try-it-out.png');
    const shot = failed ? page.screenshot({ path: report.screenshot, fullPage: true })
      : page.locator(`.opblock.opblock-post:has(.opblock-summary-path[data-path="${CREATE_PATH}"])`)
        .screenshot({ path: report.screenshot });
    await shot.catch(() => {});
    // A failure during the login leaves the identity provider's window open: what it showed is the clue.
    const login = page.context().pages().find((other) => other !== page && !other.isClosed());
    if (failed && login) {
      report.loginScreenshot = path.resolve(opts.screenshots, 'swagger-ui-login-failure.png');
      await login.screenshot({ path: report.loginScreenshot, fullPage: true }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);
