// End-to-end test: a fresh demo database, `wareflow serve --web-root dist`, and Chromium
// going through the screens as an operator would. Exit code 0 only when every step passed.
//
//   WAREFLOW_BIN=../build/wareflow npm run e2e
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const bin = path.resolve(webDir, process.env.WAREFLOW_BIN ?? '../build/wareflow');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = path.join(here, 'screenshots');
const DEADLINE_MS = 170_000;
const HISTORY_DAYS = 14;

const results = [];
/** Pages to photograph when a step fails. */
const pages = new Set();
let server = null;
let browser = null;
let tmp = null;
let base = '';

function log(...a) {
  console.log(...a);
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    let i = 0;
    for (const p of pages) {
      if (p.isClosed()) continue;
      await p.screenshot({ path: path.join(shots, `FAILED-${++i}.png`), fullPage: true }).catch(() => undefined);
    }
    log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
    throw e;
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(args) {
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 }).trim();
}

function startServer(db, port) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet', '--web-root', path.join(webDir, 'dist')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s: ${err}`)), 20_000);
    p.stderr.on('data', (d) => {
      err += d.toString();
      if (/listening on http:\/\//.test(err)) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}

function stopServer() {
  return new Promise((resolve) => {
    if (!server || server.exitCode !== null) return resolve();
    const t = setTimeout(() => {
      server.kill('SIGKILL');
      resolve();
    }, 5000);
    server.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

let adminToken = '';
async function apiGet(p) {
  const r = await fetch(`${base}/api/v1${p}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function scan(page, text) {
  // Typed into whatever has the focus: the scan input must take it by itself.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'scan', null, { timeout: 5000 });
  await page.keyboard.type(text, { delay: 2 });
  await page.keyboard.press('Enter');
}

async function feedback(page) {
  const fb = page.getByTestId('feedback');
  return { kind: await fb.getAttribute('data-kind'), text: (await fb.textContent()) ?? '' };
}

async function signIn(page, token) {
  await page.goto(`${base}/`);
  await page.locator('input[name=token]').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor({ timeout: 10_000 });
}

async function shippedCount(page) {
  const t = await page.locator('[data-status=shipped] .stat-value').textContent();
  return Number((t ?? '').replace(/[^\d]/g, ''));
}

async function main() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    log(`FAIL deadline: the run took more than ${DEADLINE_MS / 1000} s`);
    cleanup().finally(() => process.exit(1));
  }, DEADLINE_MS);

  await step('prerequisites: server binary with --web-root, chromium, built app', async () => {
    assert(existsSync(bin), `no server binary at ${bin} (set WAREFLOW_BIN)`);
    const help = execFileSync(bin, ['serve', '--help'], { encoding: 'utf8' });
    assert(help.includes('--web-root'), `${bin} has no --web-root`);
    assert(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (apt-get install chromium)`);
    if (!existsSync(path.join(webDir, 'dist', 'index.html'))) {
      log('     building the app (dist/ missing)…');
      execFileSync('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit' });
    }
    mkdirSync(shots, { recursive: true });
    for (const f of readdirSync(shots)) if (f.startsWith('FAILED-')) rmSync(path.join(shots, f)); // from an earlier run
  });

  let viewerToken = '';
  let countId = 0;
  await step('fresh demo database, tokens, server on a free loopback port', async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'wareflow-e2e-'));
    const db = path.join(tmp, 'e2e.db');
    // Two weeks of trading give the reports and the planning screens history to show.
    const t0 = Date.now();
    run(['demo', '--db', db, '--seed', '7', '--history-days', String(HISTORY_DAYS)]);
    log(`     demo with ${HISTORY_DAYS} days of history: ${Date.now() - t0} ms`);
    adminToken = run(['token', 'create', '--db', db, '--role', 'admin', '--name', 'e2e-admin']).split(/\s+/).pop();
    viewerToken = run(['token', 'create', '--db', db, '--role', 'viewer', '--name', 'e2e-viewer']).split(/\s+/).pop();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServer(db, port);
    const h = await fetch(`${base}/healthz`);
    assert(h.ok, 'healthz');
    const spa = await fetch(`${base}/handheld/pick`);
    assert(spa.ok && (await spa.text()).includes('<div id="app">'), 'client routes fall back to index.html');
  });

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  // Only the server under test: anything else is refused.
  await ctx.route(/^(?!http:\/\/127\.0\.0\.1:)/, (r) => r.abort());
  const page = await ctx.newPage();
  pages.add(page);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await step('sign-in refuses a wrong token with a clear message', async () => {
    await page.goto(`${base}/`);
    await page.locator('input[name=token]').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token is not accepted').waitFor({ timeout: 10_000 });
  });

  await step('sign in as admin', async () => {
    await page.locator('input[name=token]').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
    assert((await page.getByTestId('whoami').textContent()).includes('admin'), 'role shown');
  });

  let shippedBefore = 0;
  await step('dashboard shows orders by status, backlog, charts and alerts', async () => {
    await page.getByTestId('orders-by-status').waitFor();
    shippedBefore = await shippedCount(page);
    await page.getByTestId('pipeline').waitFor();
    await page.locator('figure.chart svg').first().waitFor();
    await page.locator('[data-testid=live].on').waitFor({ timeout: 10_000 });
    await shot(page, 'dashboard');
  });

  await step('orders: search by channel order id and by e-mail on the server', async () => {
    const o = (await apiGet('/orders?status=shipped&limit=1')).orders[0];
    await page.goto(`${base}/orders?q=${encodeURIComponent(o.customer.email)}`);
    await page.getByTestId('orders-table').locator(`a[href="/orders/${o.id}"]`).waitFor();
    await page.goto(`${base}/orders`);
    await page.locator('input[name=q]').fill(o.channel_order_id.slice(0, -1));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    await page.getByTestId('orders-table').locator(`a[href="/orders/${o.id}"]`).waitFor();
  });

  await step('orders list, filter and order detail with timeline', async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByTestId('orders-table').waitFor();
    await page.locator('select[name=status]').selectOption('allocated');
    await page.waitForURL(/status=allocated/);
    await page.getByTestId('orders-table').waitFor();
    await shot(page, 'orders');
    await page.getByTestId('orders-table').locator('tbody tr a').first().click();
    await page.getByTestId('order-lines').waitFor();
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    await page.getByTestId('tracking-link').waitFor();
    await shot(page, 'order-detail');
  });

  await step('order actions: hold with a reason, then release', async () => {
    await page.getByLabel('Hold reason').fill('customer asked to wait');
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await page.locator('.badge', { hasText: 'on hold' }).first().waitFor();
    await page.getByText('customer asked to wait').first().waitFor();
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page.locator('.card-head .badge', { hasText: 'allocated' }).first().waitFor();
  });

  await step('inventory: SKU search opens stock, locations and ledger', async () => {
    await page.goto(`${base}/inventory`);
    await page.locator('input[name=q]').fill('SKU-00001');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/\/inventory\/SKU-00001/);
    await page.getByTestId('on-hand').first().waitFor();
    await page.getByTestId('moves').waitFor();
    // Demand history and forecast with its interval.
    await page.getByTestId('forecast-chart').locator('svg path').first().waitFor();
    assert(/Model \w+/.test(await page.getByTestId('forecast-facts').textContent()), 'forecast model named');
    // A stock adjustment with a reason.
    const before = Number((await page.getByTestId('on-hand').first().textContent()).replace(/[^\d]/g, ''));
    await page.getByPlaceholder('A01-001-1').fill('A01-001-1');
    await page.getByPlaceholder('-2').fill('3');
    await page.getByPlaceholder('damaged in handling').fill('found behind the shelf');
    await page.getByRole('button', { name: 'Post adjustment' }).click();
    await page.locator('.notice.ok', { hasText: 'Move #' }).waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=on-hand]')?.textContent?.replace(/[^\d]/g, '')) === n, before + 3);
    await page.getByTestId('moves').getByText('found behind the shelf').waitFor();
    await shot(page, 'inventory');
    // By a part of the name, searched by the server.
    await page.locator('input[name=q]').fill('Board game');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('product-results').waitFor();
    assert((await page.getByTestId('product-results').locator('tbody tr').count()) > 1, 'several board games');
  });

  let waveId = 0;
  let pickListId = 0;
  await step('waves: preview and create a wave', async () => {
    await page.getByRole('link', { name: 'Waves' }).click();
    await page.getByTestId('wave-preview').waitFor({ timeout: 20_000 });
    await page.locator('input[name=max_orders]').fill('2');
    await page.getByText(/^2 of \d+ released fulfillments/).waitFor();
    await shot(page, 'waves');
    await page.getByTestId('create-wave').click();
    await page.waitForURL(/\/waves\/\d+$/);
    waveId = Number(page.url().split('/').pop());
    const row = page.getByTestId('wave-pick-lists').locator('tbody tr').first();
    await row.waitFor();
    pickListId = Number(await row.getAttribute('data-pick-list'));
    assert(pickListId > 0, 'pick list id');
    await page.locator('.chips .chip').first().waitFor();
    await shot(page, 'wave-detail');
  });

  await step('map: layout, colours and the pick list route', async () => {
    await page.goto(`${base}/map?pick_list=${pickListId}`);
    await page.getByTestId('map').waitFor();
    await page.getByTestId('route').waitFor({ timeout: 10_000 });
    const cells = await page.locator('svg.map rect.cell').count();
    assert(cells > 100, `bays drawn (${cells})`);
    await shot(page, 'map');
    // Fill from the stock of every location, one request.
    await page.getByRole('button', { name: 'Fill', exact: true }).click();
    await page.getByTestId('fill-status').getByText(/\d+ locations hold stock/).waitFor({ timeout: 10_000 });
    await page.locator('svg.map rect.cell title', { hasText: '% of the volume used' }).first().waitFor({ state: 'attached' });
    await shot(page, 'map-fill');
  });

  // The dashboard stays open in its own tab: it must update by itself.
  await page.goto(`${base}/`);
  await page.getByTestId('orders-by-status').waitFor();

  // The handheld at 360×740.
  const hh = await ctx.newPage();
  pages.add(hh);
  hh.on('pageerror', (e) => consoleErrors.push(String(e)));
  await hh.setViewportSize({ width: 360, height: 740 });
  const list = await apiGet(`/pick-lists/${pickListId}`);
  const barcodes = {};
  for (const l of list.lines) barcodes[l.sku] ??= (await apiGet(`/products/${encodeURIComponent(l.sku)}`)).barcodes[0];

  await step('pick: a wrong scan is refused visibly and changes nothing', async () => {
    await hh.goto(`${base}/handheld/pick/${pickListId}`);
    await hh.getByTestId('pick-card').waitFor();
    const progress = await hh.getByTestId('pick-progress').textContent();
    await scan(hh, 'Z99-999-9');
    await hh.locator('[data-testid=feedback][data-kind=error]').waitFor();
    const fb = await feedback(hh);
    assert(/Wrong location/.test(fb.text), `wrong location message: ${fb.text}`);
    await shot(hh, 'pick');
    assert((await hh.getByTestId('pick-progress').textContent()) === progress, 'progress unchanged');
    const after = await apiGet(`/pick-lists/${pickListId}`);
    assert(after.lines.every((l) => l.picked === 0), 'nothing picked on the server');
  });

  await step('pick: every line by scanning location then product (repeat scans not counted twice)', async () => {
    let guard = 0;
    let repeated = false;
    let wrongProduct = false;
    while (await hh.getByTestId('pick-card').isVisible()) {
      assert(guard++ < 60, 'too many pick iterations');
      const lineId = await hh.getByTestId('pick-card').getAttribute('data-line');
      const sku = (await hh.getByTestId('pick-sku').textContent()).trim();
      const step = await hh.locator('.hh-steps li.current').textContent();
      if (step === 'Location') {
        const loc = (await hh.getByTestId('pick-location').textContent()).replace('✓', '').trim();
        await scan(hh, loc);
        await hh.locator('.hh-steps li.current', { hasText: 'Product' }).waitFor();
        if (!repeated) {
          await scan(hh, loc); // a repeated location scan is harmless
          const fb = await feedback(hh);
          assert(fb.kind === 'info' && /already confirmed/.test(fb.text), `repeat scan: ${fb.text}`);
          repeated = true;
        }
      }
      if (!wrongProduct) {
        await scan(hh, '0000000000000');
        const fb = await feedback(hh);
        assert(fb.kind === 'error' && /Wrong product/.test(fb.text), `wrong product: ${fb.text}`);
        wrongProduct = true;
      }
      // Alternate SKU and barcode scans.
      await scan(hh, guard % 2 ? barcodes[sku] : sku);
      const confirm = hh.getByTestId('confirm-pick');
      await Promise.race([
        confirm.waitFor({ timeout: 10_000 }),
        hh.waitForFunction((id) => document.querySelector('[data-testid=pick-card]')?.getAttribute('data-line') !== id, lineId, { timeout: 10_000 }),
      ]);
      if (await confirm.isVisible()) {
        await scan(hh, sku); // scanning the product again does not add a unit
        await scan(hh, ''); // Enter confirms the quantity
      }
      await hh.waitForFunction((id) => document.querySelector('[data-testid=pick-card]')?.getAttribute('data-line') !== id, lineId, { timeout: 10_000 });
    }
    await hh.getByTestId('pick-done').waitFor();
    const after = await apiGet(`/pick-lists/${pickListId}`);
    assert(after.status === 'done', `pick list done (${after.status})`);
    for (const l of after.lines) assert(l.picked === l.quantity, `line ${l.id} picked ${l.picked}/${l.quantity}`);
  });

  const fulfillments = [...new Set(list.lines.map((l) => l.fulfillment_id))];
  const orderIds = [];
  await step(`pack and ship the list's fulfillments (${fulfillments.join(', ')})`, async () => {
    let first = true;
    for (const fid of fulfillments) {
      await hh.goto(`${base}/handheld/pack/${fid}`);
      await hh.getByTestId('pack-lines').waitFor();
      const f = await apiGet(`/fulfillments/${fid}`);
      orderIds.push(f.order_id);
      for (const l of f.lines) {
        for (let i = 0; i < l.picked; i++) {
          await scan(hh, i % 2 ? barcodes[l.sku] ?? l.sku : l.sku);
          await hh.locator('[data-testid=feedback][data-kind=ok]').waitFor();
        }
        assert((await hh.getByTestId(`left-${l.sku}`).textContent()).trim() === '0', `${l.sku} all in packages`);
      }
      // One scan too many is refused.
      await scan(hh, f.lines[0].sku);
      assert((await feedback(hh)).kind === 'error', 'over-pack refused');
      if (first) await shot(hh, 'pack');
      await hh.getByTestId('pack-button').click();
      await hh.getByTestId('ship-button').click();
      await hh.getByTestId('shipped').waitFor({ timeout: 20_000 });
      const tn = (await hh.getByTestId('ship-tracking').textContent()).trim();
      assert(tn.length > 3, 'tracking number shown');
      if (first) {
        await shot(hh, 'pack-shipped');
        // The label PDF is fetched with the token and opened in a new tab.
        const [tab] = await Promise.all([ctx.waitForEvent('page'), hh.getByRole('button', { name: /Print label/ }).click()]);
        await tab.waitForURL(/^blob:/, { timeout: 10_000 });
        await tab.close();
      }
      first = false;
    }
  });

  await step('the open dashboard shows the shipped orders without a reload', async () => {
    const want = shippedBefore + new Set(orderIds).size;
    await page.bringToFront();
    await page.waitForFunction((n) => Number(document.querySelector('[data-status=shipped] .stat-value')?.textContent?.replace(/[^\d]/g, '')) === n, want, { timeout: 15_000 });
    await shot(page, 'dashboard-after');
  });

  let trackUrl = '';
  await step('order detail shows the shipment and the customer tracking link', async () => {
    await page.goto(`${base}/orders/${orderIds[0]}`);
    await page.getByTestId('order-lines').waitFor();
    await page.locator('.badge', { hasText: 'shipped' }).first().waitFor();
    trackUrl = await page.getByTestId('tracking-link').getAttribute('href');
    assert(trackUrl.includes('/track/'), 'tracking link');
    await page.getByTestId('timeline').locator('li', { hasText: 'Shipped' }).first().waitFor({ timeout: 20_000 });
    await shot(page, 'order-detail-shipped');
  });

  await step('customer tracking page in a fresh browser context (no token)', async () => {
    const pub = await browser.newContext({ viewport: { width: 390, height: 800 } });
    await pub.route(/^(?!http:\/\/127\.0\.0\.1:)/, (r) => r.abort());
    const p = await pub.newPage();
    await p.goto(trackUrl);
    await p.getByTestId('tracking-status').waitFor();
    assert(/shipped/i.test(await p.getByTestId('tracking-status').textContent()), 'status shipped');
    const tn = (await p.getByTestId('tracking-number').first().textContent()).trim();
    assert(tn && tn !== 'not yet', `tracking number (${tn})`);
    assert((await p.evaluate(() => Object.keys(localStorage).length)) === 0, 'nothing in storage');
    assert((await p.locator('nav, .topbar').count()) === 0, 'no navigation to the rest');
    await shot(p, 'tracking');
    await p.goto(`${base}/track/unknown-token`);
    await p.getByTestId('tracking-unknown').waitFor();
    await pub.close();
  });

  await step('receive: a purchase order receipt by scanning a SKU, then its putaway', async () => {
    await hh.bringToFront(); // a background tab runs its timers late
    await hh.goto(`${base}/handheld/receive`);
    await hh.locator('.hh-item').first().click();
    await hh.getByTestId('po-lines').waitFor();
    const sku = (await hh.getByTestId('po-lines').locator('tbody tr td').nth(1).textContent()).trim();
    await scan(hh, 'NO-SUCH-THING');
    await hh.locator('[data-testid=feedback][data-kind=error]').waitFor();
    await scan(hh, sku);
    await hh.locator('[data-testid=feedback][data-kind=ok]').waitFor({ timeout: 10_000 });
    assert(/Received 1 ×/.test((await feedback(hh)).text), 'receipt confirmed');
    await shot(hh, 'receive');
    // Put it away: scan the suggested location.
    await hh.getByTestId('putaway-pending').getByRole('button', { name: 'Put away now' }).first().click();
    const to = (await hh.getByTestId('putaway-location').textContent()).trim();
    await shot(hh, 'putaway');
    await scan(hh, 'RECV-01');
    await hh.locator('[data-testid=feedback][data-kind=error]').waitFor();
    await scan(hh, to);
    await hh.getByTestId('po-lines').waitFor({ timeout: 10_000 });
    assert(/Put away 1 ×/.test((await feedback(hh)).text), `putaway confirmed: ${(await feedback(hh)).text}`);
    const tasks = await apiGet(`/tasks?type=putaway&status=done`);
    assert(tasks.tasks.some((t) => t.done_location === to && t.sku === sku), 'putaway task done at the scanned location');
  });

  await step('count: plan counts, scan a location, count and submit', async () => {
    await hh.goto(`${base}/handheld/count`);
    await hh.getByRole('button', { name: /Plan today/ }).click();
    await hh.locator('.hh-item').first().waitFor({ timeout: 15_000 });
    await hh.locator('.hh-item').first().click();
    const loc = (await hh.getByTestId('count-location').textContent()).trim();
    // One SKU-00002 is counted, twice over: it must differ from the book so
    // that the count goes to a manager. It matches only a shelf holding just
    // one SKU-00002; there two are counted.
    const shelf = (await apiGet('/warehouses/MAIN/stock')).locations.find((l) => l.location === loc);
    const units = shelf && shelf.products === 1 && shelf.on_hand === 1 && shelf.top_sku === 'SKU-00002' ? 2 : 1;
    const countUnits = async () => {
      for (let i = 0; i < units; i++) await scan(hh, 'SKU-00002');
      await hh.getByTestId('count-entries').waitFor();
    };
    await scan(hh, 'A00-000-0');
    await hh.locator('[data-testid=feedback][data-kind=error]').waitFor();
    await scan(hh, loc);
    await hh.locator('[data-testid=feedback][data-kind=ok]').waitFor({ timeout: 10_000 });
    await countUnits();
    await shot(hh, 'count');
    await hh.getByRole('button', { name: /Submit count/ }).click();
    await hh.locator('.hh-steps li.current', { hasText: 'Submitted' }).waitFor({ timeout: 10_000 });
    countId = Number(hh.url().split('/').pop());
    // A count that does not match is counted again; the second miss goes to a manager.
    assert((await apiGet(`/counts/${countId}`)).status === 'recount', 'a count off the book is counted again');
    await hh.getByRole('button', { name: 'Recount now' }).click();
    await scan(hh, loc);
    await hh.locator('.hh-steps li.current', { hasText: 'Count' }).waitFor({ timeout: 10_000 });
    await countUnits();
    await hh.getByRole('button', { name: /Submit count/ }).click();
    await hh.locator('.hh-steps li.current', { hasText: 'Submitted' }).waitFor({ timeout: 10_000 });
    assert((await apiGet(`/counts/${countId}`)).status === 'needs_approval', 'the second miss goes to a manager');
  });

  await step('counts: a manager decides the count that needs it (rejects the write-off)', async () => {
    const c = await apiGet(`/counts/${countId}`);
    assert(c.status === 'needs_approval', `count #${countId} awaits a manager (${c.status})`);
    await page.bringToFront();
    await page.goto(`${base}/counts`);
    const row = page.locator(`[data-count="${countId}"]`);
    await row.waitFor();
    assert(/−|\+/.test(await row.locator('tbody').textContent()), 'variance shown to the manager');
    await shot(page, 'counts');
    // A blind count of one unit would write the location off: the manager keeps the records.
    assert((await row.getByRole('button', { name: 'Approve' }).count()) === 1, 'approve offered');
    await row.getByRole('button', { name: 'Reject' }).click();
    await row.getByRole('button', { name: 'Yes' }).click();
    await row.locator('.badge', { hasText: 'rejected' }).waitFor({ timeout: 10_000 });
    assert((await apiGet(`/counts/${countId}`)).status === 'rejected', 'rejected on the server');
  });

  await step('returns: authorise on the order, receive and inspect on the handheld', async () => {
    await page.bringToFront();
    await page.goto(`${base}/orders/${orderIds[0]}`);
    await page.getByRole('button', { name: 'Authorise a return' }).click();
    const form = page.getByTestId('return-form');
    await form.locator('input[type=number]').first().fill('1');
    await form.getByLabel('Return reason').fill('arrived damaged');
    await form.getByRole('button', { name: 'Authorise', exact: true }).click();
    await page.locator('[data-testid^=return-]', { hasText: 'arrived damaged' }).waitFor();
    const rets = (await apiGet(`/returns?order_id=${orderIds[0]}`)).returns;
    const ret = rets[rets.length - 1];
    assert(ret && ret.status === 'authorized', 'return authorised');
    const sku = ret.lines[0].sku;
    await hh.bringToFront();
    await hh.goto(`${base}/handheld/returns`);
    await scan(hh, String(orderIds[0]));
    await hh.waitForURL(new RegExp(`/handheld/returns/${ret.id}$`), { timeout: 10_000 });
    await scan(hh, 'NOT-ON-IT');
    await hh.locator('[data-testid=feedback][data-kind=error]').waitFor();
    await scan(hh, barcodes[sku] ?? sku);
    await hh.locator('[data-testid=feedback][data-kind=ok]').waitFor();
    await hh.getByTestId('receive-return').click();
    await hh.getByRole('button', { name: 'Quarantine' }).waitFor({ timeout: 10_000 });
    await hh.getByRole('button', { name: 'Quarantine' }).click();
    await scan(hh, sku);
    await hh.getByTestId('return-closed').waitFor({ timeout: 10_000 });
    await shot(hh, 'return');
    const after = await apiGet(`/returns/${ret.id}`);
    assert(after.status === 'closed' && after.lines[0].quarantined === 1, `return closed (${after.status})`);
  });

  await step('reports: KPIs, sales by day with the week-over-week change, CSV', async () => {
    await page.bringToFront();
    await page.goto(`${base}/reports`);
    await page.getByTestId('kpis').waitFor();
    const placed = Number((await page.getByTestId('kpi-orders-placed').locator('.stat-value').textContent()).replace(/[^\d]/g, ''));
    assert(placed > 500, `orders placed (${placed})`);
    const picked = Number((await page.getByTestId('kpi-units-picked').locator('.stat-value').textContent()).replace(/[^\d]/g, ''));
    assert(picked > 0, `units picked (${picked})`);
    await page.getByTestId('sales-by-day').waitFor();
    const changes = await page.getByTestId('sales-by-day').locator('.change').allTextContents();
    assert(changes.some((c) => /[+−±]\d/.test(c)), `a change against the week before (${changes.slice(0, 3).join(', ')})`);
    await page.getByTestId('sales-by-channel').waitFor();
    await shot(page, 'reports');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-sales-day').click()]);
    // The file holds the report the screen shows: one row per day, as the API gives it.
    const from = /^sales-by-day-(\d{4}-\d{2}-\d{2})\.csv$/.exec(dl.suggestedFilename())?.[1];
    assert(from, `file name names the first day (${dl.suggestedFilename()})`);
    const [head, ...rows] = readFileSync(await dl.path(), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    const units = head.indexOf('units');
    assert(head[0] === 'key' && units > 0, `CSV header (${head.join(',')})`);
    const sales = (await apiGet(`/reports/sales?group=day&from=${from}`)).rows;
    assert(rows.length === sales.length && rows.length >= 7, `one CSV row per day (${rows.length}, the API: ${sales.length})`);
    rows.forEach((r, i) => assert(r[0] === sales[i].key && Number(r[units]) === sales[i].units, `CSV row ${r.join(',')}, the API: ${sales[i].key} ${sales[i].units}`));
    assert(rows.some((r) => Number(r[units]) > 0), 'units sold on some day');
  });

  await step('planning: bottleneck simulation, what-if, reorder suggestions and a purchase order', async () => {
    await page.goto(`${base}/planning`);
    await page.getByTestId('simulation').waitFor({ timeout: 20_000 });
    const open = Number((await page.getByTestId('sim-open').locator('.stat-value').textContent()).replace(/[^\d]/g, ''));
    assert(open > 0, `open fulfillments simulated (${open})`);
    assert((await page.getByTestId('what-if').locator('tbody tr').count()) === 3, 'plan and two what-ifs');
    await page.getByTestId('backlog-pick').locator('svg path').first().waitFor({ state: 'attached' });
    await page.locator('input[name=pickers]').fill('5');
    await page.getByTestId('simulate').click();
    await page.getByTestId('simulate').getByText('Simulate', { exact: true }).waitFor({ timeout: 20_000 });
    await page.locator('[data-supplier], .card .empty').first().waitFor({ timeout: 20_000 });
    await shot(page, 'planning');
    // The demo's backorders leave something to reorder: the first supplier's
    // suggestion becomes a purchase order with exactly the suggested lines.
    const make = page.locator('[data-testid^=make-po-]').first();
    assert((await make.count()) === 1, 'a reorder suggestion to order');
    const supplier = (await make.getAttribute('data-testid')).slice('make-po-'.length);
    const suggested = (await apiGet('/planning/reorder-suggestions?warehouse=MAIN')).suppliers.find((x) => x.supplier === supplier);
    assert(suggested && suggested.lines.length > 0, `suggestion for ${supplier}`);
    await make.click();
    await page.getByTestId('po-made').waitFor({ timeout: 20_000 });
    const number = (await page.getByTestId('po-made').locator('strong').first().textContent()).trim();
    const po = await apiGet(`/purchase-orders/${encodeURIComponent(number)}`);
    const ordered = po.lines.map((l) => `${l.sku} ${l.expected}`).sort().join(', ');
    const wanted = suggested.lines.map((l) => `${l.sku} ${l.quantity}`).sort().join(', ');
    assert(ordered === wanted, `purchase order ${number}: ${ordered}; suggested: ${wanted}`);
  });

  await step('a viewer sees no actions it may not call', async () => {
    const v = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await v.route(/^(?!http:\/\/127\.0\.0\.1:)/, (r) => r.abort());
    const p = await v.newPage();
    await signIn(p, viewerToken);
    assert((await p.getByRole('link', { name: 'Handheld' }).count()) === 0, 'no handheld for viewers');
    await p.goto(`${base}/waves`);
    await p.getByTestId('wave-list').waitFor();
    assert((await p.getByTestId('create-wave').count()) === 0, 'no create wave');
    await p.goto(`${base}/planning`);
    await p.getByTestId('simulation').waitFor({ timeout: 20_000 });
    assert((await p.locator('[data-testid^=make-po-]').count()) === 0, 'no purchase orders');
    await p.goto(`${base}/orders/${orderIds[0]}`);
    await p.getByTestId('order-lines').waitFor();
    assert((await p.getByRole('button', { name: 'Hold' }).count()) === 0, 'no hold');
    await v.close();
  });

  await step('a stopped server shows the connection banner', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('orders-by-status').waitFor();
    await stopServer();
    await page.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
    assert(/cannot be reached/.test(await page.getByTestId('connection-banner').textContent()), 'banner text');
    await shot(page, 'server-down');
  });

  assert(consoleErrors.length === 0, `page errors: ${consoleErrors.join('; ')}`);
  clearTimeout(watchdog);
  log(`     wave #${waveId}, pick list #${pickListId}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function cleanup() {
  try {
    await browser?.close();
  } catch {
    /* already gone */
  }
  await stopServer();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`FAIL interrupted (${sig})`);
    cleanup().finally(() => process.exit(1));
  });
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  if (!results.some((r) => !r.ok)) log(`FAIL ${String(e?.stack ?? e)}`);
} finally {
  await cleanup();
}
const passed = results.filter((r) => r.ok).length;
const nfailed = results.length - passed + (failed && results.every((r) => r.ok) ? 1 : 0);
console.log(`${passed} passed, ${nfailed} failed`);
process.exit(nfailed === 0 && !failed ? 0 : 1);
