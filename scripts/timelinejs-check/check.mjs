#!/usr/bin/env node
// Optional check: does a TimelineJS 3 JSON file (as written by
// `annals timeline --format timelinejs`) really load in TimelineJS 3?
//
//   node check.mjs FILE.json [--screenshot PATH] [--chromium PATH] [--timeout MS]
//
// Serves a small page on 127.0.0.1 that includes TimelineJS's CSS and JS from
// node_modules, loads FILE.json and calls `new TL.Timeline('timeline-embed', data)`
// in headless Chromium (playwright-core, Debian's /usr/bin/chromium). Fails
// (exit 1) on any console error, page error, failed request, TimelineJS error
// message or config error, or if not every event in FILE.json became a slide
// (and a time-nav marker). Exit 2 on usage / setup errors.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TL_DIST = path.join(HERE, 'node_modules', '@knight-lab', 'timelinejs', 'dist');

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node check.mjs FILE.json [--screenshot PATH] [--chromium PATH] [--timeout MS]');
  process.exit(2);
}

// ---- arguments -------------------------------------------------------------
const argv = process.argv.slice(2);
let file = null;
let screenshot = path.join(HERE, 'screenshot.png');
let executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
let timeoutMs = 30000;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--screenshot') screenshot = argv[++i];
  else if (a === '--chromium') executablePath = argv[++i];
  else if (a === '--timeout') timeoutMs = Number(argv[++i]);
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (file === null) file = a;
  else usage('only one FILE.json');
}
if (!file) usage('no input file');
if (!fs.existsSync(path.join(TL_DIST, 'js', 'timeline.js'))) {
  usage(`TimelineJS not found at ${TL_DIST}; run \`npm ci\` in ${HERE}`);
}
if (!fs.existsSync(executablePath)) {
  usage(`no Chromium at ${executablePath}; install Debian's: apt-get install -y chromium`);
}

const raw = fs.readFileSync(file, 'utf8');
let data;
try {
  data = JSON.parse(raw);
} catch (e) {
  console.log(`FAIL: ${file} is not valid JSON: ${e.message}`);
  process.exit(1);
}
const expectedEvents = Array.isArray(data?.events) ? data.events.length : 0;
const expectedIds = Array.isArray(data?.events)
  ? data.events.map((e) => e && e.unique_id).filter((id) => typeof id === 'string' && id !== '')
  : [];

const tlPkg = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', '@knight-lab', 'timelinejs', 'package.json'), 'utf8'));
const pwPkg = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', 'playwright-core', 'package.json'), 'utf8'));

// ---- static server -----------------------------------------------------------
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>annals TimelineJS check</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<style>html,body{margin:0;height:100%}#timeline-embed{width:100%;height:700px}</style>
</head>
<body>
<div id="timeline-embed"></div>
<script id="timeline-script-tag" src="/tl/js/timeline.js"></script>
<script>
window.__check = { events: [], done: false, error: null };
fetch('/data.json')
  .then(function (r) { return r.json(); })
  .then(function (data) {
    window.__check.inputEvents = (data.events || []).length;
    // script_path: load fonts/language files from our server, not TimelineJS's CDN default.
    var timeline = new TL.Timeline('timeline-embed', data, {
      hash_bookmark: false,
      script_path: location.origin + '/tl/js/'
    });
    window.timeline = timeline;
    ['dataloaded', 'ready', 'loaded'].forEach(function (ev) {
      timeline.on(ev, function () { window.__check.events.push(ev); });
    });
  })
  .catch(function (e) { window.__check.error = String(e && e.stack || e); });
</script>
</body>
</html>
`;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const send = (status, type, body) => { res.writeHead(status, { 'content-type': type }); res.end(body); };
  if (url.pathname === '/' || url.pathname === '/index.html') return send(200, TYPES['.html'], PAGE);
  if (url.pathname === '/data.json') return send(200, TYPES['.json'], raw);
  if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
  if (url.pathname.startsWith('/tl/')) {
    const rel = decodeURIComponent(url.pathname.slice('/tl/'.length));
    const abs = path.resolve(TL_DIST, rel);
    if (abs.startsWith(TL_DIST + path.sep) && fs.existsSync(abs) && fs.statSync(abs).isFile()) {
      return send(200, TYPES[path.extname(abs)] || 'application/octet-stream', fs.readFileSync(abs));
    }
  }
  send(404, 'text/plain', 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- browser -----------------------------------------------------------------
const errors = [];      // anything here fails the check
const notes = [];       // informational
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
let exitCode = 1;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();

  // Never leave the machine: only our own server may be reached.
  const blocked = new Set();
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    blocked.add(u);
    notes.push(`blocked external request (no network here; not counted as an error): ${u}`);
    return route.abort();
  });
  page.on('console', (msg) => {
    const t = msg.type();
    if (t === 'error') {
      // The console error a request we aborted ourselves causes is not a problem of the data.
      const loc = msg.location()?.url;
      if (loc && blocked.has(loc) && msg.text().startsWith('Failed to load resource')) return;
      errors.push(`console.error: ${msg.text()}${loc ? ` (${loc})` : ''}`);
    }
    else if (t === 'warning') notes.push(`console.warn: ${msg.text()}`);
    else if (t === 'log' || t === 'info') notes.push(`console.${t}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(origin + '/')) errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400 && resp.url().startsWith(origin + '/')) errors.push(`HTTP ${resp.status()}: ${resp.url()}`);
  });

  await page.goto(origin + '/', { waitUntil: 'load' });

  // Wait until TimelineJS says 'loaded', or shows an error, or gives up.
  const deadline = Date.now() + timeoutMs;
  let state;
  for (;;) {
    state = await page.evaluate(() => {
      const c = window.__check || {};
      const msgEl = document.querySelector('.tl-message-content');
      const msgBox = document.querySelector('.tl-message, .tl-message-full');
      const tl = window.timeline;
      let configErrors = [];
      let configEvents = null;
      if (tl && tl.config) {
        try {
          configErrors = (tl.config.getErrors() || []).map((e) =>
            typeof e === 'string' ? e : (e.message_key ? `${e.message_key}${e.detail ? ' [' + e.detail + ']' : ''}` : String(e)));
        } catch (e) { configErrors = [`getErrors threw: ${e}`]; }
        configEvents = Array.isArray(tl.config.events) ? tl.config.events.length : null;
      }
      const slides = [...document.querySelectorAll('.tl-storyslider .tl-slide')];
      return {
        fired: c.events || [],
        fetchError: c.error || null,
        inputEvents: c.inputEvents ?? null,
        message: msgEl ? msgEl.textContent.trim() : '',
        messageVisible: !!(msgBox && msgBox.offsetParent !== null && getComputedStyle(msgBox).display !== 'none'),
        configErrors,
        configEvents,
        titleSlides: slides.filter((s) => s.classList.contains('tl-slide-titleslide')).length,
        eventSlideIds: slides.filter((s) => !s.classList.contains('tl-slide-titleslide')).map((s) => s.id),
        markers: document.querySelectorAll('.tl-timenav .tl-timemarker').length,
        currentHeadline: (document.querySelector('.tl-slide .tl-headline') || {}).textContent || '',
      };
    });
    const failed = state.fetchError || state.configErrors.length > 0 || errors.length > 0;
    if (state.fired.includes('loaded') || failed || Date.now() > deadline) break;
    await page.waitForTimeout(200);
  }
  // Let rendering settle (slides are laid out after 'loaded'; the error path has no event).
  await page.waitForTimeout(1500);
  state = await page.evaluate((prev) => {
    const slides = [...document.querySelectorAll('.tl-storyslider .tl-slide')];
    const msgEl = document.querySelector('.tl-message-content');
    return {
      ...prev,
      message: msgEl ? msgEl.textContent.trim() : prev.message,
      titleSlides: slides.filter((s) => s.classList.contains('tl-slide-titleslide')).length,
      eventSlideIds: slides.filter((s) => !s.classList.contains('tl-slide-titleslide')).map((s) => s.id),
      markers: document.querySelectorAll('.tl-timenav .tl-timemarker').length,
    };
  }, state);
  await page.screenshot({ path: screenshot, fullPage: false });

  // ---- verdict ---------------------------------------------------------------
  if (state.fetchError) errors.push(`page could not load the JSON: ${state.fetchError}`);
  for (const e of state.configErrors) errors.push(`TimelineJS config error: ${e}`);
  if (!state.fired.includes('loaded')) {
    errors.push(`TimelineJS never fired 'loaded' within ${timeoutMs} ms (fired: ${state.fired.join(', ') || 'nothing'})`);
    if (state.message) errors.push(`TimelineJS message: ${state.message}`);
  }
  if (expectedEvents === 0) errors.push('input has no events');
  if (state.configEvents !== null && state.configEvents !== expectedEvents) {
    errors.push(`TimelineJS kept ${state.configEvents} of ${expectedEvents} events (it silently skips events without start_date)`);
  }
  const rendered = state.eventSlideIds.length;
  if (rendered !== expectedEvents) errors.push(`rendered ${rendered} event slides, expected ${expectedEvents}`);
  if (state.markers !== expectedEvents) errors.push(`rendered ${state.markers} time-nav markers, expected ${expectedEvents}`);
  const renderedIds = new Set(state.eventSlideIds);
  const missing = expectedIds.filter((id) => !renderedIds.has(id));
  if (missing.length) errors.push(`no slide with the input's unique_id (missing or renamed by TimelineJS): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  if (new Set(expectedIds).size !== expectedIds.length) errors.push('duplicate unique_id values in input');

  console.log(`file:          ${file}`);
  console.log(`TimelineJS:    ${tlPkg.version} (@knight-lab/timelinejs)`);
  console.log(`playwright:    ${pwPkg.version} (playwright-core)`);
  console.log(`chromium:      ${browser.version()} (${executablePath})`);
  console.log(`events fired:  ${state.fired.join(', ') || '(none)'}`);
  console.log(`input events:  ${expectedEvents}`);
  console.log(`config events: ${state.configEvents ?? '(no config)'}`);
  console.log(`event slides:  ${rendered} (+ ${state.titleSlides} title slide)`);
  console.log(`nav markers:   ${state.markers}`);
  if (state.message && state.message !== 'Loading Timeline...' && state.message !== 'Loading Timeline… ') {
    console.log(`TL message:    ${state.message}`);
  }
  console.log(`screenshot:    ${screenshot}`);
  for (const n of notes) console.log(`note: ${n}`);
  for (const e of errors) console.log(`error: ${e}`);
  exitCode = errors.length === 0 ? 0 : 1;
  console.log(exitCode === 0
    ? `OK: all ${expectedEvents} events rendered, no errors`
    : `FAIL: ${errors.length} problem(s)`);
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
