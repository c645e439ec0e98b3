// End-to-end tests of `uihook dev` in headless Chromium (run.sh builds and
// installs what they need, then runs `node --test` on this file).
//
// Each test starts its own hook through `uihook dev --run` (so the command
// wiring, PORT and UIHOOK_API_BASE are exercised too) on free ports, drives
// the page like a user, asserts what the page shows, and saves a screenshot
// in $UIHOOK_SCREENSHOTS. Every process started here is stopped in `after`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const UIHOOK = process.env.UIHOOK_BIN;
const EXAMPLES = process.env.UIHOOK_EXAMPLES;
const SHOTS = process.env.UIHOOK_SCREENSHOTS;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
for (const [name, value] of Object.entries({ UIHOOK_BIN: UIHOOK, UIHOOK_EXAMPLES: EXAMPLES, UIHOOK_SCREENSHOTS: SHOTS })) {
  if (!value) throw new Error(`${name} is not set: run cli/tests/browser/run.sh`);
}

// Every test has its own limit, so one hung page cannot stall CI (set
// here rather than with node's --test-timeout, which older Nodes lack).
const LIMIT = { timeout: 90000 };

const children = new Set();
let context;
let profile;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port} after ${ms} ms`);
}

// Starts `uihook dev ARGS` and resolves with its page URL, read from the
// first line it prints.
function startDev(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(UIHOOK, ['dev', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /^uihook dev: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) resolve({ url: m[1], child, log: () => out + err });
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.once('exit', (code) => reject(new Error(`uihook dev exited with ${code}: ${out}${err}`)));
  });
}

// A dev server with `example` as its hook, started through --run.
async function devWithHook(example) {
  const port = await freePort();
  const dev = await startDev([
    '--hook', `http://127.0.0.1:${port}`,
    '--run', `exec '${path.join(EXAMPLES, example)}'`,
  ]);
  await waitForPort(port, 20000);
  return dev;
}

async function openPage(dev) {
  const page = await context.newPage();
  page.uihookErrors = [];
  page.on('pageerror', (e) => page.uihookErrors.push(String(e)));
  await page.goto(dev.url);
  // The first answer has arrived when the request log has a row.
  await page.locator('#dev-log tr').first().waitFor();
  return page;
}

// The hook's view (text lookups must not match the panel's copy of the markup).
function view(page) {
  return page.locator('#uh-root');
}

// Saves the screenshot, then checks that the page's script never failed.
async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  assert.deepEqual(page.uihookErrors, [], 'script errors on the page');
}

async function stop(dev) {
  children.delete(dev.child);
  if (dev.child.exitCode !== null) return;
  const exited = new Promise((r) => dev.child.once('exit', r));
  dev.child.kill('SIGTERM');
  await exited;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(path.join(os.tmpdir(), 'uihook-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  if (context) await context.close();
  for (const child of children) child.kill('SIGTERM');
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('counter: three clicks show "Counter: 3", without reloading the page', LIMIT, async () => {
  const dev = await devWithHook('hook_counter');
  try {
    const page = await openPage(dev);
    await page.evaluate(() => { window.__sameDocument = true; });
    // The seed's counter counts every request, the first view included, so
    // start from its Reset.
    await page.getByRole('button', { name: 'Reset' }).click();
    await view(page).getByText('Counter: 0').waitFor();
    for (let n = 1; n <= 3; n += 1) {
      await page.getByRole('button', { name: 'Count Me' }).click();
      await view(page).getByText(`Counter: ${n}`).waitFor();
    }
    assert.equal(await view(page).getByText('Counter: 3').count(), 1);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    // First load, reset, three clicks: five requests, the newest first.
    const actions = await page.locator('#dev-log tr td:nth-child(2)').allTextContents();
    assert.deepEqual(actions, ['view', 'view', 'view', 'reset', 'view']);
    await shot(page, 'dev-counter');
  } finally {
    await stop(dev);
  }
});

test('basic form: the submitted values come back in the inputs', LIMIT, async () => {
  const dev = await devWithHook('hook_basic_form');
  try {
    const page = await openPage(dev);
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.locator('[data-uh-state="secretId"]').fill('my-id');
    await page.locator('[data-uh-state="secretKey"]').fill('s3cr3t <&> "quoted"');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('#dev-log tr').nth(1).waitFor();
    assert.equal(await page.locator('#dev-log tr').first().locator('td').nth(1).textContent(), 'submit');
    const sent = await page.locator('#dev-log tr').first().locator('td').nth(2).getAttribute('title');
    assert.deepEqual(JSON.parse(sent), { secretId: 'my-id', secretKey: 's3cr3t <&> "quoted"' });
    // A fresh view was swapped in, and it echoes what was sent.
    assert.equal(await page.locator('[data-uh-state="secretId"]').inputValue(), 'my-id');
    assert.equal(await page.locator('[data-uh-state="secretKey"]').inputValue(), 's3cr3t <&> "quoted"');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    assert.equal(await page.locator('#dev-diagnostics-count').textContent(), '0');
    await shot(page, 'dev-basic-form');
  } finally {
    await stop(dev);
  }
});

test('clientState: every control, exactly as the spec table says', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    await page.locator('[data-uh-state="first"]').fill('a');
    await page.locator('[data-uh-state="notes"]').fill('line 1\nline 2');
    await page.locator('[data-uh-state="agree"]').check();
    await page.getByRole('button', { name: 'Echo', exact: true }).click();
    await view(page).getByText('Action: echo').waitFor();
    const sent = JSON.parse(await page.locator('#dev-log tr').first().locator('td').nth(2).getAttribute('title'));
    assert.deepEqual(sent, {
      first: 'a', second: '', third: '', notes: 'line 1\nline 2', agree: true, color: 'red', step: '2',
    });
    // An unticked checkbox is sent as false; a Select with an action sends
    // on change, with its new value.
    await page.locator('[data-uh-state="color"]').selectOption('blue');
    await view(page).getByText('Action: color').waitFor();
    const second = JSON.parse(await page.locator('#dev-log tr').first().locator('td').nth(2).getAttribute('title'));
    assert.equal(second.color, 'blue');
    assert.equal(second.agree, false);
    // A Link with an action sends it, like a Button.
    await page.locator('[data-uh-state="third"]').fill('by link');
    await page.getByRole('button', { name: 'Echo by link' }).click();
    await view(page).getByText('Action: echo').waitFor();
    const row = page.locator('#dev-log tr').first().locator('td');
    assert.equal(await row.nth(1).getAttribute('title'), 'sent by Link');
    assert.equal(JSON.parse(await row.nth(2).getAttribute('title')).third, 'by link');
    await shot(page, 'dev-client-state');
    // A Link with an href is a plain link: it navigates, and sends nothing.
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    const link = view(page).getByRole('link', { name: 'Open the dev state' });
    assert.equal(await link.getAttribute('data-uh-action'), null);
    await Promise.all([page.waitForURL(/\/_uihook\/state$/), link.click()]);
    assert.equal(JSON.parse(await page.locator('body').textContent()).mode, 'hook');
    assert.deepEqual(posts, [], 'the link sent an action');
  } finally {
    await stop(dev);
  }
});

test('ResetButton clears only its targets and sends nothing', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    for (const name of ['first', 'second', 'third']) {
      await page.locator(`[data-uh-state="${name}"]`).fill(`value of ${name}`);
    }
    await page.locator('[data-uh-state="notes"]').fill('notes stay');
    const requests = await page.locator('#dev-log tr').count();
    await page.getByRole('button', { name: 'Clear first two' }).click();
    assert.equal(await page.locator('[data-uh-state="first"]').inputValue(), '');
    assert.equal(await page.locator('[data-uh-state="second"]').inputValue(), '');
    assert.equal(await page.locator('[data-uh-state="third"]').inputValue(), 'value of third');
    assert.equal(await page.locator('[data-uh-state="notes"]').inputValue(), 'notes stay');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#dev-log tr').count(), requests, 'ResetButton sent a request');
    await shot(page, 'dev-reset-button');
  } finally {
    await stop(dev);
  }
});

test('AutoRefresh fires its action after its timeout', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    await page.getByRole('button', { name: 'Auto-refresh' }).click();
    await view(page).getByText('Action: start-refresh').waitFor();
    const armed = Date.now();
    await view(page).getByText('Ticks: 1').waitFor({ timeout: 10000 });
    const waited = Date.now() - armed;
    assert.ok(waited >= 2500, `fired after ${waited} ms, before its 3000 ms timeout`);
    const row = page.locator('#dev-log tr').first().locator('td').nth(1);
    assert.equal(await row.textContent(), 'tick');
    assert.equal(await row.getAttribute('title'), 'sent by AutoRefresh');
    await shot(page, 'dev-auto-refresh');
  } finally {
    await stop(dev);
  }
});

test('bad markup: the diagnostics and their lines are in the panel', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    await page.getByRole('button', { name: 'Break' }).click();
    const items = page.locator('#dev-diagnostics .dev-diagnostic');
    await items.first().waitFor();
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.code)), ['unknown-component', 'unknown-attribute']);
    const first = items.first();
    assert.equal(await first.locator('.dev-message').textContent(), '`Bogus` is not a UIHook component');
    assert.equal(await first.locator('mark').textContent(), 'Bogus');
    assert.equal(await first.locator('.dev-line-number').textContent(), '3');
    assert.equal(await items.nth(1).locator('.dev-help').textContent(), 'help: did you mean `action`?');
    assert.equal(await page.locator('#dev-status').textContent(), '2 errors, 0 warnings');
    await shot(page, 'dev-diagnostics');
  } finally {
    await stop(dev);
  }
});

test('a failing hook, a hook that is down, and the platform API are shown clearly', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    await page.locator('[data-uh-state="first"]').fill('kept');
    await page.getByRole('button', { name: 'Save' }).click();
    await view(page).getByText('Saved 7 keys').waitFor();
    const calls = await page.locator('#dev-platform li').allTextContents();
    assert.equal(calls.length, 2);
    assert.match(calls[1], /^GET \/v1\/integrations\/configuration\/icfg_uihookdev0000000000\/metadata → 200: read 0 keys$/);
    assert.match(calls[0], /^POST \/v1\/integrations\/configuration\/icfg_uihookdev0000000000\/metadata → 200: replaced with 1 keys, \d+ bytes$/);
    await page.getByRole('button', { name: 'Fail' }).click();
    await page.locator('#dev-banner').waitFor();
    assert.equal(await page.locator('#dev-banner-title').textContent(), 'The hook answered with the "Internal Integration Error" page');
    await view(page).getByText('Internal Integration Error').waitFor();
    await shot(page, 'dev-internal-error');
  } finally {
    await stop(dev);
  }
  const port = await freePort();
  const down = await startDev(['--hook', `http://127.0.0.1:${port}`, '--timeout', '2']);
  try {
    const page = await openPage(down);
    assert.equal(await page.locator('#dev-banner-title').textContent(), `Could not connect to the hook at http://127.0.0.1:${port}`);
    assert.equal(await page.locator('#dev-status').textContent(), 'connect');
    await shot(page, 'dev-hook-down');
  } finally {
    await stop(down);
  }
});

test('ProjectSwitcher reloads the view with the chosen project', LIMIT, async () => {
  const dev = await devWithHook('dev_playground');
  try {
    const page = await openPage(dev);
    await view(page).getByText('Project: none').waitFor();
    await page.locator('.uh-project-switcher select').selectOption({ label: 'docs' });
    await view(page).getByText('Project: prj_uihookdev0002').waitFor();
    const row = page.locator('#dev-log tr').first().locator('td');
    assert.equal(await row.nth(1).textContent(), 'view');
    assert.equal(await row.nth(2).textContent(), '{}');
    assert.equal(await page.locator('#dev-project').textContent(), 'project: docs');
    await shot(page, 'dev-project-switcher');
    // The fixture is editable in the page: new projects, and the view
    // reloads with it (back to the fixture's own project: none).
    await page.locator('summary', { hasText: 'Payload fixture' }).click();
    const fixture = JSON.parse(await page.locator('#dev-fixture').inputValue());
    fixture.projects = [{ id: 'prj_new', name: 'new-app' }];
    await page.locator('#dev-fixture').fill(JSON.stringify(fixture));
    await page.getByRole('button', { name: 'Apply and reload' }).click();
    await view(page).getByText('Project: none').waitFor();
    assert.equal(await page.locator('#dev-fixture-error').textContent(), 'Applied.');
    assert.deepEqual(
      await page.locator('.uh-project-switcher select option').allTextContents(),
      ['Select a project', 'new-app'],
    );
    await page.locator('#dev-fixture').fill('{"token": 5}');
    await page.getByRole('button', { name: 'Apply and reload' }).click();
    await page.getByText("the fixture's `token` must be a string").waitFor();
  } finally {
    await stop(dev);
  }
});

test('--watch re-renders a static file on save without reloading the page', LIMIT, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'uihook-watch-'));
  const file = path.join(dir, 'view.uihook');
  writeFileSync(file, '<Page><P>First version</P></Page>');
  const dev = await startDev(['--watch', file]);
  try {
    const page = await openPage(dev);
    await view(page).getByText('First version').waitFor();
    await page.evaluate(() => { window.__sameDocument = true; });
    writeFileSync(file, '<Page><P>Second version</P><Bogus/></Page>');
    await view(page).getByText('Second version').waitFor({ timeout: 10000 });
    await page.locator('#dev-diagnostics [data-code="unknown-component"]').waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    await shot(page, 'dev-watch');
  } finally {
    await stop(dev);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--watch-src restarts the hook: the view stays, marked restarting, then shows the new code', LIMIT, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'uihook-watch-src-'));
  const src = path.join(dir, 'src');
  mkdirSync(src);
  const file = path.join(src, 'view.uihook');
  writeFileSync(file, '<Page><P>Version one</P></Page>');
  const port = await freePort();
  // The sleep stands for a rebuild, long enough to see the restart.
  const dev = await startDev([
    '--hook', `http://127.0.0.1:${port}`,
    '--run', `sleep 2; exec '${path.join(EXAMPLES, 'dev_file_hook')}' '${file}'`,
    '--watch-src', src,
  ]);
  try {
    const page = await openPage(dev);
    await view(page).getByText('Version one').waitFor();
    await page.evaluate(() => { window.__sameDocument = true; });
    writeFileSync(file, '<Page><P>Version two</P></Page>');
    const pill = page.locator('#dev-status');
    await page.waitForFunction(() => /restarting the hook/.test(document.getElementById('dev-status').textContent), null, { timeout: 10000 });
    assert.match(await pill.textContent(), /view\.uihook changed/);
    // The old view is kept while the new process starts.
    assert.equal(await view(page).getByText('Version one').count(), 1);
    await shot(page, 'dev-restarting');
    await view(page).getByText('Version two').waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
  } finally {
    await stop(dev);
    rmSync(dir, { recursive: true, force: true });
  }
});
