#!/usr/bin/env node
// The console's first load in Debian's headless chromium (playwright-core from tools/browser), as bench/console.sh
// runs it: what issue 23 sets as its goal, the compressed bytes of JavaScript as served (< 500 KB) and the time to
// interactive (< 2 s), defined in bench/README.md ("Console first load"). Side by side in one run, alternating, each
// in a new browser context with an empty HTTP cache and a live Keycloak session (its cookies copied from one login):
//   gzip      the browser as it is (Accept-Encoding: gzip, deflate, br, zstd);
//   identity  the same page asked for without compression (Accept-Encoding: identity), as before the gateway compressed;
//   revisit   gzip again in the same context right after, files in the cache (revalidated: 304).
// Prints one JSON object per load and, last, one with the figures per mode (p50 and max).
//
// Usage: node console-load.mjs --gateway URL --user NAME --password-file FILE [--runs N] [--query TEXT]
//                              [--gateway-pid PID] [--chromium PATH] [--screenshots DIR (of a failed load)]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(root, 'tools/browser/package.json'))('playwright-core');

const TIMEOUT_MS = 30_000;
const DESK = { width: 1280, height: 900 };

function options(argv) {
  const result = {
    gateway: null, user: null, 'password-file': null, runs: '10', query: 'Siti', 'gateway-pid': null, chromium: '/usr/bin/chromium', screenshots: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in result) || argv[i + 1] === undefined) {
      console.error(`console-load.mjs: unknown or incomplete option ${argv[i]}`);
      process.exit(2);
    }
    result[name] = argv[i + 1];
  }
  if (!result.gateway || !result.user || !result['password-file']) {
    console.error('console-load.mjs: --gateway, --user and --password-file are required');
    process.exit(2);
  }
  return result;
}

/** CPU time (user + system) a process has used so far, in milliseconds; null without a pid. */
function cpuMillis(pid) {
  if (!pid) {
    return null;
  }
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses, in clock ticks (100 a second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Logs in once at Keycloak through the console; answers the cookies of that session. */
async function session(browser, opts, password) {
  const context = await browser.newContext({ viewport: DESK });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(`${opts.gateway}/console/`);
  await page.locator('#username').fill(opts.user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.locator('main h1').waitFor();
  const state = await context.storageState();
  await context.close();
  return { cookies: state.cookies, origins: [] };
}

/**
 * One load from navigation start until interactive: the search field is visible and enabled, and the search's answer
 * (a table of people, or the words that no one was found) has replaced the loading line. The page itself notes the
 * frame at which that is first true (watchInteractive), so the figure does not include the time playwright takes to
 * notice.
 */
async function load(page, opts, mode) {
  const scripts = new Map();
  const others = new Map();
  const listener = async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/console/')) {
      return;
    }
    const into = request.resourceType() === 'script' ? scripts : others;
    // The first time a file comes: the page loads twice (before the login redirect and after it), and the second
    // time the cache has it (304, no body).
    if (into.has(url.pathname)) {
      return;
    }
    into.set(url.pathname, null);
    const response = await request.response();
    const sizes = await request.sizes().catch(() => null);
    into.set(url.pathname, {
      status: response?.status() ?? null,
      bytes: sizes ? sizes.responseBodySize : null,
      encoding: response?.headers()['content-encoding'] ?? null,
    });
  };
  page.on('requestfinished', listener);
  // The page goes to Keycloak and comes back with a code; once the code is traded, no navigation follows.
  const tokens = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/protocol/openid-connect/token'));
  const cpuBefore = cpuMillis(opts['gateway-pid']);
  const started = Date.now();
  await page.goto(`${opts.gateway}/console/#/search?q=${encodeURIComponent(opts.query)}`);
  await tokens;
  const interactiveAt = await (await page.waitForFunction(() => window.atensiInteractiveAt ?? null, null, { timeout: TIMEOUT_MS })).jsonValue();
  const error = await page.locator('main .results .error').count() > 0 ? (await page.locator('main .results .error').textContent()).trim() : null;
  // Let the last responses' sizes arrive before they are summed.
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', listener);
  const cpuAfter = cpuMillis(opts['gateway-pid']);
  const sum = (map) => [...map.values()].reduce((total, file) => total + (file?.bytes ?? 0), 0);
  return {
    mode,
    interactiveMillis: interactiveAt - started,
    scriptBytes: sum(scripts),
    scriptFiles: scripts.size,
    scriptEncodings: [...new Set([...scripts.values()].map((file) => file?.encoding ?? 'identity'))],
    scriptStatuses: [...new Set([...scripts.values()].map((file) => file?.status ?? null))],
    otherConsoleBytes: sum(others),
    gatewayCpuMillis: cpuBefore === null ? null : cpuAfter - cpuBefore,
    shown: await page.locator('main .results').textContent().then((text) => text.replace(/\s+/g, ' ').trim().slice(0, 80)),
    error,
  };
}

/**
 * Run in every document before its own scripts: notes the time of the first frame at which the search field is
 * usable and the search's answer is on screen (the Keycloak pages never get there).
 */
function watchInteractive() {
  const check = () => {
    const field = document.querySelector('#q');
    const results = document.querySelector('main .results');
    const usable = field && !field.disabled && field.offsetParent !== null;
    const answered = results && !results.querySelector('.loading') && results.querySelector('table, p, .error');
    if (usable && answered) {
      window.atensiInteractiveAt = Date.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const opts = options(process.argv.slice(2));
const password = readFileSync(opts['password-file'], 'utf8').trim();
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const results = [];
let failed = false;
try {
  const storageState = await session(browser, opts, password);
  for (let run = 1; run <= Number(opts.runs); run++) {
    // Alternating which goes first, so that a machine getting busier or quieter weighs on both alike.
    const order = run % 2 === 1 ? ['gzip', 'identity'] : ['identity', 'gzip'];
    for (const mode of order) {
      const context = await browser.newContext({
        viewport: DESK, storageState, extraHTTPHeaders: mode === 'identity' ? { 'Accept-Encoding': 'identity' } : {},
      });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.addInitScript(watchInteractive);
      const first = { run, ...await load(page, opts, mode) };
      console.log(JSON.stringify(first));
      results.push(first);
      if (mode === 'gzip') {
        await page.goto('about:blank');
        const again = { run, ...await load(page, opts, 'revisit') };
        console.log(JSON.stringify(again));
        results.push(again);
      }
      await context.close();
    }
  }
} catch (e) {
  failed = true;
  console.log(JSON.stringify({ error: String(e && e.message ? e.message : e) }));
  if (opts.screenshots) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        await page.screenshot({ path: path.join(opts.screenshots, 'console-load-failure.png'), fullPage: true }).catch(() => {});
      }
    }
  }
} finally {
  await browser.close();
}
const summary = {};
for (const mode of ['gzip', 'identity', 'revisit']) {
  const loads = results.filter((r) => r.mode === mode && !r.error);
  if (loads.length === 0) {
    continue;
  }
  const tti = loads.map((r) => r.interactiveMillis);
  const cpu = loads.map((r) => r.gatewayCpuMillis).filter((v) => v !== null);
  summary[mode] = {
    loads: loads.length,
    failedLoads: results.filter((r) => r.mode === mode && r.error).length,
    interactiveP50Millis: percentile(tti, 50),
    interactiveMaxMillis: Math.max(...tti),
    scriptBytesP50: percentile(loads.map((r) => r.scriptBytes), 50),
    scriptFiles: loads[0].scriptFiles,
    scriptEncodings: [...new Set(loads.flatMap((r) => r.scriptEncodings))],
    gatewayCpuMillisPerLoad: cpu.length ? Number((cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(1)) : null,
  };
}
console.log(JSON.stringify({ summary }));
process.exit(failed || results.some((r) => r.error) ? 1 : 0);
