#!/usr/bin/env node
// End-to-end checks of `annals serve` in headless Chromium (Debian's, driven by
// playwright-core):
//
//   node crates/annals-server/e2e/run.mjs --bin PATH_TO_ANNALS --out SCREENSHOT_DIR
//        [--chromium PATH] [--timeout MS] [--keep]
//
// Prints one line per check ("PASS name" / "FAIL name: why"), saves one
// screenshot per step in --out and exits 1 if any check failed (2 on usage or
// setup errors). Each server runs in its own temporary working directory; every
// request that would leave 127.0.0.1 is blocked and reported, since the app must
// work offline.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// ---- arguments ---------------------------------------------------------------
function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node run.mjs --bin PATH_TO_ANNALS --out DIR [--chromium PATH] [--timeout MS] [--keep]');
  process.exit(2);
}
const opts = { bin: null, out: null, chromium: process.env.CHROMIUM || '/usr/bin/chromium', timeout: 20000, keep: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === '--bin') opts.bin = path.resolve(value());
  else if (a === '--out') opts.out = path.resolve(value());
  else if (a === '--chromium') opts.chromium = value();
  else if (a === '--timeout') opts.timeout = Number(value());
  else if (a === '--keep') opts.keep = true;
  else if (a === '-h' || a === '--help') usage();
  else usage(`unknown argument ${a}`);
}
if (!opts.bin || !opts.out) usage('--bin and --out are required');
if (!fs.existsSync(opts.bin)) usage(`no annals binary at ${opts.bin}`);
if (!fs.existsSync(opts.chromium)) usage(`no Chromium at ${opts.chromium} (apt-get install -y chromium)`);
fs.mkdirSync(opts.out, { recursive: true });

// playwright-core comes from this folder's package-lock.json (`npm ci` here).
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  usage(`playwright-core is not installed: run \`npm ci\` in ${HERE} (${e.message})`);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'annals-e2e-'));

// ---- the annals binary ---------------------------------------------------------
/** Run `annals ARGS` to completion; reject with its output when it fails. */
function annals(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(opts.bin, args, { cwd, timeout: 120000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`annals ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

const servers = new Set();

/**
 * Start `annals serve ARGS --port 0` in `cwd` and wait for its one stdout line
 * "annals: serving http://127.0.0.1:PORT/". Resolves to {url, stop}.
 */
function serve(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.bin, ['serve', ...args, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "serving" line within 60 s; stdout: ${out} stderr: ${err}`));
    }, 60000);
    const exited = new Promise((r) => child.once('exit', r));
    const stop = async () => {
      servers.delete(stop);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    };
    servers.add(stop);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /annals: serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`annals serve exited (${code ?? signal}) before serving; stdout: ${out} stderr: ${err}`));
    });
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

// ---- browser -------------------------------------------------------------------
const problems = []; // page errors, console errors, failed or external requests of the current step

async function openBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(scratch, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: opts.chromium,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(opts.timeout);
  // Only the annals server may be reached: the UI must not need the network.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    problems.push(`external request blocked: ${u.href}`);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => {
    // External requests were aborted (and reported) by the route above.
    if (new URL(r.url()).hostname === '127.0.0.1') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText || ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  return { context, page };
}

/** Navigate to a hash route and wait until the view says it has rendered. */
async function go(page, url) {
  await page.goto(url);
  await settle(page);
}

/** Wait for the current view to finish rendering (app.js sets data-ready). */
async function settle(page) {
  // The router stamps the hash it rendered, so an older view's state never counts.
  await page.waitForFunction(() => {
    const v = document.getElementById('view');
    return v && v.dataset.ready && v.dataset.hash === location.hash;
  });
  const ready = await page.getAttribute('#view', 'data-ready');
  if (ready !== 'true') {
    const msg = await page.locator('#view [data-testid=error]').first().textContent().catch(() => '?');
    throw new Error(`the view failed to render: ${msg}`);
  }
}

/** Wait for a hash change to a route, then for the view. */
async function waitRoute(page, prefix) {
  await page.waitForFunction((p) => location.hash.startsWith(p), prefix);
  await settle(page);
}

/** Fail unless the element's centre is on screen and not covered by something else. */
async function assertInView(locator, what) {
  const seen = await locator.evaluate((el) => {
    const r = el.getClientRects()[0];
    if (!r) return 'has no box';
    const x = r.left + Math.min(r.width / 2, 20);
    const y = r.top + r.height / 2;
    if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return `is off screen (${Math.round(x)},${Math.round(y)})`;
    const top = document.elementFromPoint(x, y);
    return top && (top === el || el.contains(top)) ? 'ok' : `is covered by <${top && top.tagName.toLowerCase()}>`;
  });
  if (seen !== 'ok') throw new Error(`${what} ${seen}`);
}

/** An extra screenshot inside the current step (NNx-label.png). */
async function snap(page, label) {
  const file = `${String(step).padStart(2, '0')}-${label}.png`;
  await page.screenshot({ path: path.join(opts.out, file) }).catch(() => {});
}

function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

// ---- check runner ----------------------------------------------------------------
const results = [];
let step = 0;

/** Run one check: print PASS/FAIL, screenshot the page whatever happened. */
async function check(name, page, fn) {
  step += 1;
  problems.length = 0;
  const shot = path.join(opts.out, `${String(step).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  let error = null;
  try {
    await fn();
    if (problems.length) error = new Error(problems.join('; '));
  } catch (e) {
    error = e;
  }
  if (page) await page.screenshot({ path: shot, fullPage: false }).catch(() => {});
  const detail = error ? `: ${String(error.message).split('\n').slice(0, 6).join(' | ')}` : '';
  console.log(`${error ? 'FAIL' : 'PASS'} ${step}. ${name}${detail}${page ? ` [${path.basename(shot)}]` : ''}`);
  results.push({ name, ok: !error });
  return !error;
}

// ---- the checks -------------------------------------------------------------------
async function referenceDocument(page) {
  const cwd = fs.mkdtempSync(path.join(scratch, 'ref-'));
  let server = null;
  let item = null;

  await check('home timeline shows the 1920-06-04 entry about Rasht', page, async () => {
    server = await serve([], cwd);
    await go(page, server.url);
    item = page.locator('[data-testid=timeline] [data-testid=timeline-item][data-value="1920-06-04"]', { hasText: 'Rasht' }).first();
    await item.waitFor({ state: 'visible' });
    await item.scrollIntoViewIfNeeded();
    await assertInView(item, 'the 1920-06-04 timeline item');
  });
  if (!server) return;

  await check('clicking it shows the highlighted sentence with Rasht', page, async () => {
    expect(item, 'no timeline item to click');
    await item.click();
    await waitRoute(page, '#/doc/');
    const mark = page.getByTestId('highlight');
    const text = await mark.textContent();
    expect(/Rasht/.test(text), `highlight is "${text}", without Rasht`);
    await assertInView(mark, 'the highlighted sentence');
  });

  await check('the map has a Rasht marker with a popup', page, async () => {
    await go(page, server.url + '#/');
    const marker = page.locator('[data-testid=map] [data-testid=map-marker][data-place="Rasht"]');
    await marker.waitFor({ state: 'visible' });
    // Neighbouring places (Gilan, Anzali, Manjil) overlap Rasht at the fitted
    // zoom: zoom in on it with the mouse wheel as a user would, then click.
    await page.getByTestId('map').scrollIntoViewIfNeeded();
    for (let i = 0; i < 4; i++) {
      const box = await marker.locator('.place-dot').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(500); // Leaflet's wheel debounce and zoom animation
    }
    await marker.locator('.place-dot').click();
    const popup = page.locator('[data-testid=map] .leaflet-popup-content [data-testid=place-popup]');
    await popup.waitFor({ state: 'visible' });
    const text = await popup.textContent();
    expect(/Rasht/.test(text), `popup says "${text}"`);
    expect(await popup.locator('a[href^="#/doc/"]').count() > 0, 'popup lists no entries linking to their source');
    await page.waitForTimeout(300); // let the popup finish fading in before the screenshot
  });

  await check('search "Manjil" finds it and leads to the highlighted sentence', page, async () => {
    await go(page, server.url + '#/');
    await page.getByTestId('search-input').first().fill('Manjil');
    await page.getByTestId('search-input').first().press('Enter');
    await waitRoute(page, '#/search');
    const hit = page.locator('[data-testid=search-results] [data-testid=search-result]', { hasText: 'Manjil' }).first();
    await hit.waitFor({ state: 'visible' });
    await hit.locator('a').first().click();
    await waitRoute(page, '#/doc/');
    const mark = page.getByTestId('highlight');
    const text = await mark.textContent();
    expect(/Manjil/.test(text), `highlight is "${text}", without Manjil`);
    await assertInView(mark, 'the highlighted sentence');
  });

  await server.stop();
}

const KUCHIK = 'In the spring of 1920 Kuchik Khan led the Jangali rebels in the forests of Gilan. '
  + 'On 4 June 1920 Kuchik Khan entered Rasht.\n';
const KUCHAK = 'On 9 July 1920 Mirza Kuchak left the revolutionary government in Rasht. '
  + 'Mirza Kuchak withdrew to the forests near Fuman.\n';

/** The entity list row (on #/entities) of the person whose name contains `part`. */
function personRow(page, part) {
  return page.locator('[data-testid=entities-PER] [data-testid=entity]', { hasText: part });
}

/** A fresh folder under the scratch one holding docs/ with `files` (name -> text) and the path
 * of a corpus database beside it. */
function corpusFolder(prefix, files) {
  const dir = fs.mkdtempSync(path.join(scratch, prefix));
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(docs, name), text);
  return { dir, docs, db: path.join(dir, 'corpus.db') };
}

async function corrections(page) {
  const { dir, docs, db } = corpusFolder('corpus-', { 'kuchik.txt': KUCHIK, 'kuchak.txt': KUCHAK });
  let server = null;

  const merged = await check('merging "Kuchik Khan" and "Mirza Kuchak" gives one person with both names', page, async () => {
    await annals(['ingest', docs, '--db', db], dir);
    server = await serve(['--db', db], dir);
    await go(page, server.url + '#/entities');
    const a = personRow(page, 'Kuchik Khan');
    const b = personRow(page, 'Mirza Kuchak');
    expect(await a.count() === 1 && await b.count() === 1,
      `expected the two names as separate people before merging, found ${await a.count()} and ${await b.count()} rows`);
    expect(await personRow(page, 'Kuchik Khan').filter({ hasText: 'Mirza Kuchak' }).count() === 0,
      'the automatic clustering already put both names together: nothing to merge');
    await a.getByTestId('entity-select').check();
    await b.getByTestId('entity-select').check();
    await page.getByTestId('merge-name').fill('Mirza Kuchik Khan');
    await page.getByTestId('merge-button').click();
    await waitRoute(page, '#/entity/');
    const aliases = await page.getByTestId('entity-aliases').textContent();
    expect(aliases.includes('Kuchik Khan') && aliases.includes('Mirza Kuchak'), `aliases after merging: "${aliases}"`);
  });

  await check('the merge survives re-ingesting a changed document', page, async () => {
    expect(merged, 'nothing merged in the step before');
    await server.stop();
    fs.appendFileSync(path.join(docs, 'kuchak.txt'), 'In September 1921 Mirza Kuchak fled into the mountains.\n');
    await annals(['ingest', docs, '--db', db], dir);
    server = await serve(['--db', db], dir);
    await go(page, server.url + '#/entities');
    const both = personRow(page, 'Kuchik Khan').filter({ hasText: 'Mirza Kuchak' });
    expect(await both.count() === 1, 'no single person row carries both names after re-ingest');
    expect(await personRow(page, 'Kuchak').count() === 1, 'a separate "Kuchak" person reappeared after re-ingest');
    await both.locator('a').first().click();
    await waitRoute(page, '#/entity/');
    const aliases = await page.getByTestId('entity-aliases').textContent();
    expect(aliases.includes('Kuchik Khan') && aliases.includes('Mirza Kuchak'), `aliases after re-ingest: "${aliases}"`);
    const mentions = await page.locator('[data-testid=entity-mentions] [data-testid=mention]').count();
    expect(mentions >= 5, `expected the mentions of both documents (5), found ${mentions}`);
  });
  if (server) await server.stop();
}

const MARKUP = '<script>window.__pwned=1</script><b>bold</b> On 4 June 1920 the rebels took Rasht.\n';

async function markup(page) {
  const { dir, docs, db } = corpusFolder('markup-', { 'markup.txt': MARKUP });
  let server = null;
  const pwned = () => page.evaluate(() => typeof window.__pwned !== 'undefined');

  await check('markup in a document shows as text (timeline, document, search)', page, async () => {
    await annals(['ingest', docs, '--db', db], dir);
    server = await serve(['--db', db], dir);

    // Timeline: the entry is there, nothing ran.
    await go(page, server.url + '#/');
    const item = page.locator('[data-testid=timeline] [data-testid=timeline-item]').first();
    await item.waitFor({ state: 'visible' });
    expect(!(await pwned()), 'window.__pwned is set after the timeline');
    await snap(page, 'a-timeline');
    expect(await page.locator('[data-testid=timeline] b', { hasText: /^bold$/ }).count() === 0, 'a <b>bold</b> element was created in the timeline');

    // Document view: the literal tags are visible text.
    await item.click();
    await waitRoute(page, '#/doc/');
    const text = page.getByTestId('doc-text');
    const shown = await text.innerText();
    expect(shown.includes('<script>window.__pwned=1</script><b>bold</b>'), `document text shows "${shown.slice(0, 80)}"`);
    expect(await text.locator('script, b').count() === 0, 'the document text contains real <script>/<b> elements');
    await assertInView(page.getByTestId('highlight'), 'the highlighted sentence');
    expect(!(await pwned()), 'window.__pwned is set after the document view');
    await snap(page, 'b-document');

    // Search result: the snippet shows the markup as text too.
    await go(page, `${server.url}#/search?q=${encodeURIComponent('rebels')}`);
    const hit = page.locator('[data-testid=search-results] [data-testid=search-result]', { hasText: 'rebels' }).first();
    await hit.waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid=search-results] script, [data-testid=search-results] b:not(:has(*))', { hasText: /^bold$/ }).count() === 0,
      'a search result contains real <b>bold</b> markup');
    expect(!(await pwned()), 'window.__pwned is set after the search');
    await page.getByText('<script>window.__pwned=1</script>', { exact: false }).first().waitFor({ state: 'visible' });
  });
  if (server) await server.stop();
}

// ---- main -------------------------------------------------------------------------
let context = null;
let exitCode = 1;
try {
  const opened = await openBrowser();
  context = opened.context;
  const { page } = opened;
  await referenceDocument(page);
  await corrections(page);
  await markup(page);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  exitCode = failed ? 1 : 0;
} catch (e) {
  console.log(`FAIL setup: ${e.message}`);
  exitCode = results.length ? 1 : 2;
} finally {
  for (const stop of [...servers]) await stop().catch(() => {});
  if (context) await context.close().catch(() => {});
  if (!opts.keep) fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
