// The bundled web page in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core), against a real hangard on 127.0.0.1:0:
//   sign in with the token, see the sandboxes with their badges, follow a hibernation made
//   elsewhere live, resume from the page, browse and read a file; plus the asset routes.
//
//   HANGAR_BIN=build/dev/app/hangard node --test tests/web/page.test.mjs
// Environment: HANGAR_BIN (required), HANGAR_TEST_OUTPUT (where web.png goes; default the
// temp dir), HANGAR_CHROMIUM (default /usr/bin/chromium). scripts/setup --test installs
// chromium and this folder's node_modules; without them the test fails, it never skips.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const chromiumPath = process.env.HANGAR_CHROMIUM || '/usr/bin/chromium';
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const outputDir = process.env.HANGAR_TEST_OUTPUT || os.tmpdir();
const token = randomBytes(24).toString('hex');

let daemon = null;
let daemonLog = '';
let dataDir = null;
let baseUrl = null;
let browser = null;

function loadPlaywright() {
  const require = createRequire(path.join(here, 'package.json'));
  try {
    return require('playwright-core');
  } catch (e) {
    throw new Error(
      `playwright-core is not installed in ${here}/node_modules (${e.code ?? e.message}): ` +
      'run scripts/setup --test (or npm ci in tests/web)');
  }
}

// Starts hangard on 127.0.0.1:0 and resolves with its base URL, read off its log.
function startDaemon(bin) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('SPRITES_') || key.startsWith('HANGAR_')) delete env[key];
  }
  Object.assign(env, {
    HANGAR_DATA_DIR: dataDir,
    HANGAR_DB_URL: `sqlite://${path.join(dataDir, 'hangar.db')}`,
    HANGAR_API_TOKEN: token,
    HANGAR_API_LISTEN: '127.0.0.1:0',
  });
  daemon = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hangard did not report its address in 30 s; log:\n${daemonLog}`)),
      30000);
    const onData = (chunk) => {
      daemonLog += chunk.toString();
      const m = daemonLog.match(/console API listening on (http:\/\/\S+?)\/api\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    daemon.stdout.on('data', onData);
    daemon.stderr.on('data', onData);
    daemon.on('error', (e) => { clearTimeout(timer); reject(e); });
    daemon.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hangard exited (${code ?? signal}) before listening; log:\n${daemonLog}`));
    });
  });
}

async function api(method, urlPath, body, headers = {}) {
  const response = await fetch(baseUrl + urlPath, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// A GET with the path exactly as given.
function rawGet(rawPath) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

before(async () => {
  const bin = process.env.HANGAR_BIN;
  assert.ok(bin, 'HANGAR_BIN must name the hangard binary');
  assert.ok(existsSync(bin), `HANGAR_BIN: no such file ${bin}`);
  assert.ok(existsSync(chromiumPath),
    `${chromiumPath} is missing: install Debian's chromium (scripts/setup --test)`);
  loadPlaywright(); // fail early, with the message above
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hangar-web-'));
  baseUrl = await startDaemon(bin);
});

after(async () => {
  await browser?.close().catch(() => {});
  if (daemon && daemon.exitCode === null) {
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('assets are public, typed, and confined to the page resources', async () => {
  const index = await fetch(`${baseUrl}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.match(index.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await index.text(), /<script type="module" src="\/web\/app.js">/);

  for (const [asset, type] of [['app.js', /^text\/javascript/], ['style.css', /^text\/css/],
    ['icon.svg', /^image\/svg\+xml/]]) {
    const r = await fetch(`${baseUrl}/web/${asset}`);
    assert.equal(r.status, 200, asset);
    assert.match(r.headers.get('content-type'), type, asset);
  }
  // Sent as written (fetch would normalise the dot segments away).
  for (const bad of ['/web/nope.js', '/web/%2e%2e/web/app.js', '/web/..%2fweb%2fapp.js',
    '/web/../web/app.js', '/web/', '/web/.%2fapp.js', '/web/%3a%2fweb%2fapp.js']) {
    const r = await rawGet(bad);
    assert.equal(r.status, 404, bad);
    assert.match(r.headers['content-type'], /^application\/json/, bad);
    assert.ok(JSON.parse(r.body).error, bad);
  }
  // The API itself stays closed without the token or cookie.
  assert.equal((await fetch(`${baseUrl}/api/sandboxes`)).status, 401);
});

test('the page signs in, follows lifecycle events live, resumes, and reads files', async () => {
  const one = await api('POST', '/api/sandboxes', JSON.stringify({ chatId: 'web', threadId: 'one' }),
    { 'Content-Type': 'application/json' });
  const two = await api('POST', '/api/sandboxes', JSON.stringify({ chatId: 'web', threadId: 'two' }),
    { 'Content-Type': 'application/json' });
  assert.equal(one.state, 'active');
  assert.equal(two.state, 'active');

  const { chromium } = loadPlaywright();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1360, height: 760 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The page's first request finds out whether it is signed in: a 401 then is expected.
    if (m.type() === 'error' && !(signedOut && /status of 401/.test(m.text())))
      problems.push(`console: ${m.text()}`);
  });
  let signedOut = true;

  await page.goto(`${baseUrl}/`);
  // Signed out: the form, and nothing of the console.
  await page.getByLabel('API token').waitFor();
  assert.equal(await page.locator('#console').isVisible(), false);
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, 'web-signin.png') });
  await page.getByLabel('API token').fill(token);
  signedOut = false;
  await page.getByRole('button', { name: 'Sign in' }).click();

  const badge = (s) => page.locator(`tr[data-sandbox-id="${s.id}"] .badge`);
  const waitForState = (s, state) =>
    badge(s).filter({ hasText: new RegExp(`^${state}$`) }).waitFor();
  await waitForState(one, 'active');
  await waitForState(two, 'active');
  assert.equal(await page.locator('#token').inputValue(), '', 'the token is not kept in the form');
  // The desktop's colour for active (StatusPalette: green 600).
  assert.equal(await badge(one).evaluate((el) => getComputedStyle(el).backgroundColor),
    'rgb(22, 163, 74)');
  // The event stream is connected before anything changes behind the page's back.
  await page.locator('#connection[data-state="live"]').waitFor();

  // A change made elsewhere shows up live, without a reload.
  await page.evaluate(() => { window.hangarNoReload = true; });
  await api('POST', `/api/sandboxes/${two.id}/hibernate`);
  await waitForState(two, 'hibernated');
  assert.equal(await page.evaluate(() => window.hangarNoReload), true, 'the page reloaded');
  assert.equal(await badge(two).evaluate((el) => getComputedStyle(el).backgroundColor),
    'rgb(113, 113, 122)');
  assert.equal(await page.getByRole('button', { name: `Hibernate ${two.name}` }).isDisabled(), true);

  // Resume from the page.
  await page.getByRole('button', { name: `Resume ${two.name}` }).click();
  await waitForState(two, 'active');
  assert.equal((await api('GET', `/api/sandboxes/${two.id}`)).state, 'active');

  // Files: a file written over the API, found by browsing.
  const text = 'hello from the API\nsecond line <b>not bold</b>\n';
  await api('PUT', `/api/sandboxes/${one.id}/fs/notes/hello.txt?parents=true`, text);
  await api('PUT', `/api/sandboxes/${one.id}/fs/README.md`, '# web test\n');
  await page.getByRole('button', { name: `Browse files of ${one.name}` }).click();
  await page.locator('.entry[data-path="notes"]').click();
  await page.locator('.entry[data-path="notes/hello.txt"]').click();
  await page.locator('#viewer').filter({ hasText: 'hello from the API' }).waitFor();
  assert.equal(await page.locator('#viewer').textContent(), text, 'shown as text, not markup');
  assert.equal(await page.locator('#viewer b').count(), 0);
  assert.equal(await page.locator('#viewer-title').textContent(), 'notes/hello.txt');

  // Leave one hibernated for the picture: both badge colours side by side.
  await api('POST', `/api/sandboxes/${two.id}/hibernate`);
  await waitForState(two, 'hibernated');
  const shot = path.join(outputDir, 'web.png');
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  // A dark system theme gets the palette's dark shades, as on the desktop.
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await badge(one).evaluate((el) => getComputedStyle(el).backgroundColor),
    'rgb(34, 197, 94)');
  await page.waitForTimeout(300); // the buttons' colour transitions
  await page.screenshot({ path: path.join(outputDir, 'web-dark.png') });

  // No script errors and no CSP violations (those are console errors in Chromium).
  assert.deepEqual(problems, []);
});
