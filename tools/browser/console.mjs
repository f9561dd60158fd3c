#!/usr/bin/env node
// Uses the web console (/console/ on the gateway) the way its users do, in Debian's chromium driven by
// playwright-core: an officer logs in at the identity provider (authorization code with PKCE), searches, registers
// a person (first with a NIK the API refuses, then corrected), reads the case file and enrols the person into a
// class, and takes aid to its delivery with a proof photo, which the page then shows (and, when the file cannot be
// read, the error); the page is also read on a phone's screen and in English. A partner then searches a name that a person of
// its own and a person of another partner share, and opens the other one's case file by its address. Each main
// screen is checked with axe-core and photographed. On the demo data (scenario "steps": demoPartner, demoManager),
// a partner goes through its own people, classes and distributions and opens another partner's by their
// addresses, and a manager reads the dashboard with its aid panel grouped each way. The script only reports what
// the pages showed, as one JSON object on stdout; the caller (system-tests' ConsoleBrowserSystemTest and
// ConsoleDemoBrowserSystemTest) decides what is right.
//
// Usage: node console.mjs --gateway URL --scenario FILE [--chromium PATH] [--screenshots DIR]
// The scenario file (JSON) names the users, passwords and records to use; it is written by the test, so that no
// password appears on a command line. Exit 0 when every step could be carried out, 1 when one failed (the JSON
// then has "error" and a screenshot of the page), 2 on bad usage.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 30_000;
// The training service learns of a new person from Kafka within seconds; until then enrolment answers 422.
const ENROL_ATTEMPTS = 30;
const ENROL_PAUSE_MS = 2_000;
const DESK = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function options(argv) {
  const result = { chromium: '/usr/bin/chromium', screenshots: null, gateway: null, scenario: null };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in result) || argv[i + 1] === undefined) {
      usage(`unknown or incomplete option ${argv[i]}`);
    }
    result[name] = argv[i + 1];
  }
  if (!result.gateway || !result.scenario) {
    usage('--gateway and --scenario are required');
  }
  return result;
}

function usage(problem) {
  console.error(`console.mjs: ${problem}`);
  console.error('usage: node console.mjs --gateway URL --scenario FILE [--chromium PATH] [--screenshots DIR]');
  process.exit(2);
}

/** axe-core's serious and critical violations of the page as it is now, with the elements they concern. */
async function audit(page, report, screen) {
  // Evaluated through the DevTools protocol, which the console's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  report.axe[screen] = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  report.axeChecked.push(screen);
}

async function shoot(page, opts, name) {
  if (opts.screenshots) {
    await page.screenshot({ path: path.resolve(opts.screenshots, `console-${name}.png`), fullPage: true });
  }
}

async function heading(page) {
  return (await page.locator('main h1').first().textContent()).trim();
}

/** Opens the console, which sends the browser to the login page; logs in there and waits for the first screen. */
async function logIn(page, gateway, user, report) {
  const tokenExchange = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/protocol/openid-connect/token'));
  await page.goto(`${gateway}/console/`);
  await page.locator('#username').waitFor();
  const authorization = new URL(page.url());
  report.page = `${authorization.origin}${authorization.pathname}`;
  report.clientId = authorization.searchParams.get('client_id');
  report.codeChallengeMethod = authorization.searchParams.get('code_challenge_method');
  report.redirectUri = authorization.searchParams.get('redirect_uri');
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#kc-login').click();
  const token = await tokenExchange;
  report.tokenStatus = token.status();
  report.codeVerifierSent = new URLSearchParams(token.request().postData() ?? '').has('code_verifier');
  await page.locator('main h1').waitFor();
  report.urlAfterLogin = page.url();
}

/** Selects the option whose text contains the given words (other tests' programmes and items are listed too). */
async function choose(page, select, words) {
  const value = await page.locator(`${select} option`, { hasText: words }).first().getAttribute('value');
  await page.locator(select).selectOption(value);
}

/** The table of people the search screen shows: their names and the ids their links lead to. */
async function shownPeople(page) {
  return page.locator('main table.list tbody tr a').evaluateAll((links) => links.map((a) => ({
    name: a.textContent.trim(), id: a.getAttribute('href').replace('#/person/', ''),
  })));
}

async function search(page, text) {
  await page.locator('#q').fill(text);
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/beneficiaries' && r.request().method() === 'GET'),
    page.locator('form.search button[type=submit]').click(),
  ]);
  await page.locator('main .results table, main .results p:not(.loading), main .results .error').first().waitFor();
}

async function officer(browser, opts, scenario, report) {
  const context = await browser.newContext({ viewport: DESK, locale: 'id-ID' });
  const page = await context.newPage();
  watch(page, report);
  const officerReport = report.officer = {};
  await logIn(page, opts.gateway, scenario.officer, officerReport.login = {});
  officerReport.firstHeading = await heading(page);
  await audit(page, report, 'search');
  await shoot(page, opts, 'search');

  await search(page, scenario.existingName);
  officerReport.searchResults = await shownPeople(page);
  await shoot(page, opts, 'search-results');
  await audit(page, report, 'search-results');

  await page.locator('main a[href="#/register"]').click();
  await page.locator('#f-fullName').waitFor();
  const person = scenario.newPerson;
  await page.locator('#f-fullName').fill(person.fullName);
  await page.locator('#f-nik').fill(person.badNik);
  await page.locator('#f-birthDate').fill(person.birthDate);
  await page.locator('#f-sex').selectOption(person.sex);
  await page.locator('input[name=clusters][value=PERSONS_WITH_DISABILITIES]').check();
  await page.locator('main form button[type=submit]').click();
  await page.locator('main .field-error').first().waitFor();
  officerReport.fieldError = {
    invalid: await page.locator('#f-nik').getAttribute('aria-invalid'),
    text: (await page.locator('#f-nik').locator('xpath=..').locator('.field-error').textContent()).trim(),
    alert: (await page.locator('main .error').textContent()).trim(),
  };
  await audit(page, report, 'register-with-errors');
  await shoot(page, opts, 'register-field-error');

  await page.locator('#f-nik').fill(person.nik);
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL(/#\/person\/[0-9a-f-]{36}/);
  await page.locator('main ol.timeline, main dl.facts').first().waitFor();
  await page.locator('main ol.timeline').waitFor();
  officerReport.caseFile = {
    id: page.url().match(/#\/person\/([0-9a-f-]{36})/)[1],
    heading: await heading(page),
    timeline: await page.locator('main ol.timeline li').allTextContents(),
  };
  await audit(page, report, 'case-file');
  await shoot(page, opts, 'case-file');

  await page.setViewportSize(PHONE);
  officerReport.phone = {
    scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth),
    viewportWidth: PHONE.width,
  };
  await audit(page, report, 'case-file-phone');
  await shoot(page, opts, 'case-file-phone');
  await page.setViewportSize(DESK);

  await page.locator(`main a[href="#/person/${officerReport.caseFile.id}/enrol"]`).click();
  const card = page.locator('main ul.cards li').filter({ has: page.locator('h2', { hasText: scenario.classTitle }) });
  await card.waitFor();
  await audit(page, report, 'enrol');
  officerReport.enrol = { attempts: 0 };
  for (let attempt = 1; attempt <= ENROL_ATTEMPTS; attempt++) {
    officerReport.enrol.attempts = attempt;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/enrolments') && r.request().method() === 'POST'),
      card.locator('button').click(),
    ]);
    officerReport.enrol.status = answer.status();
    await page.locator('main [aria-live] .ok, main [aria-live] .error').first().waitFor();
    officerReport.enrol.shown = (await page.locator('main [aria-live]').first().textContent()).trim();
    if (answer.status() !== 422) {
      break;
    }
    await page.waitForTimeout(ENROL_PAUSE_MS);
  }
  await shoot(page, opts, 'enrolled');

  // The class: started, then the first session's register saved with everyone present (the default mark).
  await page.locator('main [aria-live] .ok a').click();
  await page.locator('main h1', { hasText: scenario.classTitle }).waitFor();
  await page.getByRole('button', { name: 'Mulai kelas' }).click();
  await page.locator('main > p.ok').waitFor();
  officerReport.classStarted = (await page.locator('main > p.ok').textContent()).trim();
  await audit(page, report, 'class');
  await shoot(page, opts, 'class');
  await page.locator('main ul.sessions a').first().click();
  await page.locator('main form fieldset.mark').first().waitFor();
  await audit(page, report, 'attendance');
  await page.locator('main form button[type=submit]').click();
  await page.locator('main [aria-live] .ok, main [aria-live] .error').first().waitFor();
  officerReport.attendance = (await page.locator('main [aria-live]').first().textContent()).trim();
  await shoot(page, opts, 'attendance');

  // Aid for the new person: proposed here, approved by an administrator (never the proposer), dispatched and
  // delivered here with a proof file.
  await page.goto(`${opts.gateway}/console/#/person/${officerReport.caseFile.id}`);
  await page.locator(`main a[href="#/aid/new?recipient=${officerReport.caseFile.id}"]`).click();
  await page.locator('#f-programmeId').waitFor();
  await choose(page, '#f-programmeId', scenario.aidProgrammeName);
  await choose(page, '#f-lines-0--itemId', scenario.aidItemName);
  await audit(page, report, 'aid-proposal');
  officerReport.proposal = { attempts: 0 };
  // Aid-service learns of the new person from Kafka; until then the proposal is refused (422) and may be sent again.
  for (let attempt = 1; attempt <= ENROL_ATTEMPTS; attempt++) {
    officerReport.proposal.attempts = attempt;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/aid/distributions' && r.request().method() === 'POST'),
      page.locator('main form button[type=submit]').click(),
    ]);
    officerReport.proposal.status = answer.status();
    if (answer.status() !== 422) {
      break;
    }
    await page.locator('main form button[type=submit]:not([disabled])').waitFor();
    await page.waitForTimeout(ENROL_PAUSE_MS);
  }
  await page.waitForURL(/#\/aid\/[0-9a-f-]{36}$/);
  const distributionId = page.url().match(/#\/aid\/([0-9a-f-]{36})$/)[1];
  officerReport.proposal.id = distributionId;
  await page.locator('main dl.facts').waitFor();

  const approving = await browser.newContext({ viewport: DESK, locale: 'id-ID' });
  const adminPage = await approving.newPage();
  watch(adminPage, report);
  await logIn(adminPage, opts.gateway, scenario.admin, {});
  await adminPage.goto(`${opts.gateway}/console/#/aid/${distributionId}`);
  await adminPage.getByRole('button', { name: 'Setujui' }).click();
  await adminPage.locator('main > p.ok').waitFor();
  await approving.close();

  await page.goto(`${opts.gateway}/console/#/aid`);
  await page.goto(`${opts.gateway}/console/#/aid/${distributionId}`);
  await page.getByRole('button', { name: 'Kirim' }).click();
  await page.locator('main > p.ok').waitFor();
  await page.locator('#f-proof-receivedBy').fill(scenario.proof.receivedBy);
  await page.locator('#f-proof-place').fill(scenario.proof.place);
  await page.locator('#f-proof-proofFileId').setInputFiles({
    name: scenario.proof.fileName, mimeType: 'image/jpeg', buffer: Buffer.from(scenario.proof.base64, 'base64'),
  });
  await audit(page, report, 'aid-delivery');
  const [uploaded] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/proof-files') && r.request().method() === 'POST'),
    page.waitForResponse((r) => r.url().endsWith('/deliver') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Simpan penerimaan' }).click(),
  ]);
  officerReport.upload = { status: uploaded.status(), contentType: uploaded.request().headers()['content-type'] };
  await page.locator('main dl.facts dd:text-is("Diterima"), main [aria-live] .error').first().waitFor();
  officerReport.delivery = {
    shown: (await page.locator('main').textContent()).replace(/\s+/g, ' ').trim(),
    error: await page.locator('main [aria-live] .error').count(),
  };
  officerReport.proofShown = await shownProof(page);
  await audit(page, report, 'aid-delivered');
  await shoot(page, opts, 'aid-delivered');

  // The stored file cannot be read (here: the request sent for a file id that does not exist, answered by the API).
  await page.route('**/proof-files/*', (route) => route.continue({
    url: route.request().url().replace(/[^/]+$/, scenario.missingProofFileId),
  }));
  await page.goto(`${opts.gateway}/console/#/aid`);
  await page.goto(`${opts.gateway}/console/#/aid/${distributionId}`);
  await page.locator('main .proof-file .error').waitFor();
  officerReport.proofFailed = {
    error: (await page.locator('main .proof-file .error').textContent()).trim(),
    images: await page.locator('main .proof-file img').count(),
  };
  await shoot(page, opts, 'aid-proof-failed');
  await page.unrouteAll();

  await page.locator('#lang').selectOption('en');
  await page.locator('main h1', { hasText: 'Distribution' }).waitFor();
  officerReport.english = { heading: await heading(page), lang: await page.evaluate(() => document.documentElement.lang) };
  await page.locator('#lang').selectOption('id');
  await page.locator('main h1', { hasText: 'Penyaluran' }).waitFor();

  await page.goto(`${opts.gateway}/console/#/dashboard`);
  await page.waitForFunction(() => document.querySelectorAll('main section.panel').length === 3
    && document.querySelectorAll('main section.panel .loading').length === 0);
  officerReport.dashboardSections = await page.locator('main section.panel h2').allTextContents();
  await audit(page, report, 'dashboard');
  await shoot(page, opts, 'dashboard');
  await context.close();
}

/** The proof file the distribution page shows once it has arrived: the image as the browser decoded it. */
async function shownProof(page) {
  await page.locator('main .proof-file img, main .proof-file .error').first().waitFor();
  return page.locator('main .proof-file').evaluate(async (section) => {
    const img = section.querySelector('img');
    if (!img) {
      return { error: section.querySelector('.error')?.textContent.trim() ?? null };
    }
    // decode() fails when the bytes are not an image the browser can show.
    const decoded = await img.decode().then(() => true, () => false);
    return {
      decoded, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, alt: img.alt,
      scheme: new URL(img.src).protocol, link: section.querySelector('figcaption a')?.getAttribute('href')?.startsWith('blob:') ?? false,
    };
  });
}

async function partner(browser, opts, scenario, report) {
  const context = await browser.newContext({ viewport: DESK, locale: 'id-ID' });
  const page = await context.newPage();
  watch(page, report);
  const partnerReport = report.partner = {};
  await logIn(page, opts.gateway, scenario.partner, partnerReport.login = {});
  await search(page, scenario.sharedName);
  partnerReport.searchResults = await shownPeople(page);
  await shoot(page, opts, 'partner-search');
  await page.goto(`${opts.gateway}/console/#/person/${scenario.otherPartnersPersonId}`);
  await page.locator('main .error, main dl.facts').first().waitFor();
  partnerReport.otherCaseFile = {
    error: await page.locator('main .error').count() > 0 ? (await page.locator('main .error').textContent()).trim() : null,
    facts: await page.locator('main dl.facts').count(),
  };
  await audit(page, report, 'not-found');
  await shoot(page, opts, 'partner-other-case-file');
  await context.close();
}

/** Waits until no part of the screen is still loading. */
async function settled(page) {
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => document.querySelector('main .loading') === null);
}

/** The ids the links of the screen's list lead to (#/person/{id}, #/class/{id}, #/aid/{id}). */
async function listedIds(page) {
  return page.locator('main table.list tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href').split('/').pop()));
}

/** A record of another partner opened by its address: what the screen said, and whether anything of it showed. */
async function openedElsewhere(page, opts, address, words) {
  await page.goto(`${opts.gateway}/console/#/${address}`);
  await page.locator('main .error, main dl.facts, main h2').first().waitFor();
  const text = (await page.locator('main').textContent()).replace(/\s+/g, ' ').trim();
  return {
    error: await page.locator('main .error').count() > 0 ? (await page.locator('main .error').textContent()).trim() : null,
    facts: await page.locator('main dl.facts').count(),
    rows: await page.locator('main table.list tbody tr').count(),
    shownWords: words.filter((word) => word && text.includes(word)),
  };
}

/**
 * A partner's console on the demo data: everyone in its reach, its classes and its distributions as lists, one of
 * each opened, and then another partner's person, class and distribution opened by their addresses.
 */
async function demoPartner(browser, opts, scenario, report) {
  const context = await browser.newContext({ viewport: DESK, locale: 'id-ID' });
  const page = await context.newPage();
  watch(page, report);
  const partnerReport = report.demoPartner = {};
  await logIn(page, opts.gateway, scenario.partner, partnerReport.login = {});

  await page.locator('main a[href="#/search?all=1"]').click();
  await page.locator('main .results table.list').waitFor();
  await settled(page);
  partnerReport.people = await listedIds(page);
  partnerReport.peopleCaption = (await page.locator('main .results caption').textContent()).trim();
  await audit(page, report, 'partner-people');
  await shoot(page, opts, 'demo-partner-people');

  await page.goto(`${opts.gateway}/console/#/person/${partnerReport.people[0]}`);
  await page.locator('main dl.facts').waitFor();
  await settled(page);
  partnerReport.ownCaseFile = {
    facts: await page.locator('main dl.facts').count(),
    error: await page.locator('main .error').count(),
    hints: await page.locator('main p.hint').allTextContents(),
  };
  await audit(page, report, 'partner-case-file');
  await shoot(page, opts, 'demo-partner-case-file');

  await page.goto(`${opts.gateway}/console/#/classes`);
  await settled(page);
  partnerReport.classes = await listedIds(page);
  await audit(page, report, 'partner-classes');
  await shoot(page, opts, 'demo-partner-classes');
  if (partnerReport.classes.length > 0) {
    await page.goto(`${opts.gateway}/console/#/class/${partnerReport.classes[0]}`);
    await page.locator('main h2, main .error').first().waitFor();
    await settled(page);
    partnerReport.ownClass = { heading: await heading(page), error: await page.locator('main .error').count() };
    await audit(page, report, 'partner-class');
    await shoot(page, opts, 'demo-partner-class');
  }

  await page.goto(`${opts.gateway}/console/#/aid`);
  await settled(page);
  partnerReport.distributions = await listedIds(page);
  await audit(page, report, 'partner-aid');
  await shoot(page, opts, 'demo-partner-aid');
  await page.goto(`${opts.gateway}/console/#/aid/${partnerReport.distributions[0]}`);
  await page.locator('main dl.facts').waitFor();
  await settled(page);
  partnerReport.ownDistribution = { facts: await page.locator('main dl.facts').count(), error: await page.locator('main .error').count() };
  await audit(page, report, 'partner-distribution');
  await shoot(page, opts, 'demo-partner-distribution');

  const other = scenario.otherPartner;
  partnerReport.otherPerson = await openedElsewhere(page, opts, `person/${other.personId}`, other.personWords);
  await audit(page, report, 'partner-other-person');
  await shoot(page, opts, 'demo-partner-other-person');
  partnerReport.otherClass = await openedElsewhere(page, opts, `class/${other.classId}`, other.classWords);
  await shoot(page, opts, 'demo-partner-other-class');
  partnerReport.otherDistribution = await openedElsewhere(page, opts, `aid/${other.distributionId}`, other.distributionWords);
  await shoot(page, opts, 'demo-partner-other-distribution');
  await context.close();
}

/** The dashboard's panels as shown: each panel's heading and its tables' captions and cells, row by row. */
async function panels(page) {
  return page.locator('main section.panel').evaluateAll((sections) => sections.map((section) => ({
    heading: section.querySelector('h2')?.textContent.trim() ?? null,
    tables: [...section.querySelectorAll('table')].map((table) => ({
      caption: table.caption ? table.caption.textContent.trim() : null,
      rows: [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent.trim())),
    })),
  })));
}

async function dashboardShown(page) {
  await page.waitForFunction(() => document.querySelectorAll('main section.panel').length === 3
    && document.querySelectorAll('main section.panel .loading').length === 0
    && document.querySelectorAll('main section.panel[data-before]').length === 0);
}

/** Does what changes the dashboard's address and waits for the new one, not the panels still shown from before. */
async function redrawn(page, change) {
  await page.evaluate(() => document.querySelectorAll('main section.panel').forEach((panel) => { panel.dataset.before = 'yes'; }));
  await change();
  await dashboardShown(page);
}

/** The manager's dashboard on the demo data, its aid panel grouped each way the console offers. */
async function demoManager(browser, opts, scenario, report) {
  const context = await browser.newContext({ viewport: DESK, locale: 'id-ID' });
  const page = await context.newPage();
  watch(page, report);
  const managerReport = report.demoManager = { aid: {} };
  await logIn(page, opts.gateway, scenario.manager, managerReport.login = {});
  managerReport.landing = page.url().replace(/^[^#]*/, '');
  await page.goto(`${opts.gateway}/console/#/dashboard`);
  await dashboardShown(page);
  managerReport.panels = await panels(page);
  managerReport.aid.programme = managerReport.panels[2].tables[0]?.rows ?? [];
  await audit(page, report, 'manager-dashboard');
  await shoot(page, opts, 'demo-manager-dashboard');
  for (const by of ['region', 'partner', 'funding-source']) {
    await redrawn(page, () => page.locator('#aid-by').selectOption(by));
    managerReport.aid[by] = (await panels(page))[2].tables[0]?.rows ?? [];
    await shoot(page, opts, `demo-manager-aid-by-${by}`);
  }
  await audit(page, report, 'manager-dashboard-by-funding-source');

  // A service unit and a period, chosen in the form: every panel asks the API with them.
  await redrawn(page, () => page.goto(`${opts.gateway}/console/#/dashboard`));
  await page.waitForFunction(() => document.querySelectorAll('#f-unit option').length > 1);
  await page.locator('#f-from').fill(scenario.filters.from);
  await page.locator('#f-to').fill(scenario.filters.to);
  await page.locator('#f-unit').selectOption(scenario.filters.unit);
  await redrawn(page, () => page.getByRole('button', { name: 'Terapkan' }).click());
  managerReport.filtered = { address: page.url().replace(/^[^#]*/, ''), panels: await panels(page) };
  await audit(page, report, 'manager-dashboard-filtered');
  await shoot(page, opts, 'demo-manager-dashboard-filtered');
  await page.setViewportSize(PHONE);
  managerReport.phone = { scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth), viewportWidth: PHONE.width };
  await audit(page, report, 'manager-dashboard-phone');
  await shoot(page, opts, 'demo-manager-dashboard-phone');
  await context.close();
}

/** Measures the first load: compressed bytes of JavaScript (and how each came encoded) and the time until the search screen is usable. */
async function firstLoad(browser, opts, scenario, report) {
  const context = await browser.newContext({ viewport: DESK });
  const page = await context.newPage();
  // The first time each script arrives, with an empty cache: later loads revalidate (304, no body).
  const scripts = new Map();
  page.on('requestfinished', async (request) => {
    if (new URL(request.url()).pathname.startsWith('/console/') && request.resourceType() === 'script' && !scripts.has(request.url())) {
      scripts.set(request.url(), null);
      const sizes = await request.sizes().catch(() => null);
      const response = await request.response();
      scripts.set(request.url(), { bytes: sizes ? sizes.responseBodySize : null, encoding: response?.headers()['content-encoding'] ?? null });
    }
  });
  await logIn(page, opts.gateway, scenario.officer, {});
  // Logged in at the identity provider: a second visit goes there and back without a form, as a returning user does.
  // Leaving the page first makes it a load, not a move within the page.
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(`${opts.gateway}/console/#/search`);
  await page.locator('#q').waitFor({ state: 'visible' });
  await page.locator('#q').fill('x');
  report.load = {
    returningVisitMillis: Date.now() - started,
    scripts: [...scripts.entries()].map(([url, sizes]) => ({ url: new URL(url).pathname, ...sizes })),
  };
  await context.close();
}

function watch(page, report) {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('response', (r) => {
    if (r.status() >= 400) {
      report.failedResponses.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    }
  });
  page.on('pageerror', (e) => report.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      report.consoleErrors.push(m.text());
    }
  });
}

const opts = options(process.argv.slice(2));
const scenario = JSON.parse(readFileSync(opts.scenario, 'utf8'));
const report = { gateway: opts.gateway, pageErrors: [], consoleErrors: [], failedResponses: [], axe: {}, axeChecked: [] };
if (!existsSync(opts.chromium)) {
  report.error = `no browser at ${opts.chromium}: install Debian's chromium (apt-get install -y chromium)`;
  console.log(JSON.stringify(report));
  process.exit(1);
}
if (opts.screenshots) {
  mkdirSync(opts.screenshots, { recursive: true });
}
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  const steps = { officer, partner, firstLoad, demoPartner, demoManager };
  for (const step of (scenario.steps ?? ['officer', 'partner', 'firstLoad']).map((name) => steps[name])) {
    try {
      await step(browser, opts, scenario, report);
    } catch (e) {
      failed = true;
      report.error = `${step.name}: ${String(e && e.message ? e.message : e)}`;
      for (const context of browser.contexts()) {
        for (const page of context.pages()) {
          await page.screenshot({ path: path.resolve(opts.screenshots ?? '.', `console-failure-${step.name}.png`), fullPage: true }).catch(() => {});
        }
      }
      break;
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);
