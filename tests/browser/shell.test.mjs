// Issue 2 acceptance: the app mounts over http:// and from file://, hash
// routes change the page, storage survives a reload, nothing leaves the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { SINGLE_FILE, SINGLE_FILE_URL, assertClean, heading, launchBrowser, openApp, targets, waitReady } from './harness.mjs';
import { storedRecord } from './stored.mjs';

let browser;
let served;

before(async () => {
  browser = await launchBrowser();
  served = await targets();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

for (const index of [0, 1]) {
  describe(`app shell via ${index === 0 ? 'http' : 'file://'}`, () => {
    const target = () => served.list[index];

    test('mounts with its title, navigation and footer', async () => {
      const app = await openApp(browser, target());
      const { page } = app;
      assert.equal(await page.locator('h1').textContent(), '项目列表');
      assert.match(await page.title(), /项目支出绩效自评/);
      for (const label of ['项目列表', '编辑', '报告', '汇总']) {
        assert.equal(await page.getByRole('link', { name: label, exact: true }).count(), 1, label);
      }
      assert.match(await page.locator('footer').textContent(), /数据只保存在本浏览器中（IndexedDB）/);
      assertClean(assert, app);
      await app.close();
    });

    test('hash routes change the page, and back works', async () => {
      const app = await openApp(browser, target());
      const { page } = app;
      await page.getByRole('link', { name: '汇总', exact: true }).click();
      await page.waitForFunction(() => location.hash === '#/overview');
      await heading(page, '汇总');
      await page.getByRole('link', { name: '报告', exact: true }).click();
      await heading(page, '报告');
      assert.match(await page.locator('main').textContent(), /尚未选择项目/);
      assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), '报告');
      await page.goBack();
      await page.waitForFunction(() => location.hash === '#/overview');
      await heading(page, '汇总');
      await page.evaluate(() => { location.hash = '#/no-such-page'; });
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === '页面不存在');
      assertClean(assert, app);
      await app.close();
    });

    test('a project written to storage is still there after a reload', async () => {
      const app = await openApp(browser, target());
      const { page } = app;
      await page.getByRole('button', { name: '载入示例' }).click();
      await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
      const hash = await page.evaluate(() => location.hash);
      await page.locator('.save-status', { hasText: '已保存' }).waitFor();
      const keys = await page.evaluate(() => Object.keys(localStorage).sort());
      assert.ok(keys.includes('jixiao.v1.index'), keys.join());
      assert.ok(!keys.some((k) => k.startsWith('jixiao.v1.project.')), `the record is not in localStorage: ${keys.join()}`);
      const id = decodeURIComponent(hash.split('/').pop());
      assert.equal((await storedRecord(page, id))?.project.name, '县政务中心互联网网络费、IMS 通讯费', 'the record is in IndexedDB');

      await page.reload();
      await waitReady(page);
      assert.equal(await page.evaluate(() => location.hash), hash);
      assert.equal(await page.getByLabel('项目名称').inputValue(), '县政务中心互联网网络费、IMS 通讯费');

      // `#/edit` without an id opens the project opened last.
      await page.getByRole('link', { name: '项目列表', exact: true }).click();
      await heading(page, '项目列表');
      await page.evaluate(() => { location.hash = '#/edit'; });
      await heading(page, '编辑');
      assert.equal(await page.getByLabel('项目名称').inputValue(), '县政务中心互联网网络费、IMS 通讯费');

      await page.getByRole('link', { name: '项目列表', exact: true }).click();
      await heading(page, '项目列表');
      const row = page.locator('table.project-list tbody tr');
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), /100\.00/);
      assert.match(await row.textContent(), /优/);
      assertClean(assert, app);
      await app.close();
    });

    test('the Content-Security-Policy blocks any network connection', async () => {
      const app = await openApp(browser, target());
      const { page } = app;
      // The page's own policy, then the stricter one the boot script adds on
      // engines that know 'wasm-unsafe-eval' (see boot.test.mjs).
      const policies = page.locator('meta[http-equiv="Content-Security-Policy"]');
      assert.equal(await policies.count(), 2);
      const csp = await policies.first().getAttribute('content');
      assert.doesNotMatch(await policies.nth(1).getAttribute('content'), /'unsafe-eval'|https?:/);
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /connect-src '(none|self)'/);
      assert.doesNotMatch(csp, /unsafe-inline|https?:/);
      const outcome = await page.evaluate(async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        let fetched = 'allowed';
        try {
          await fetch('https://example.invalid/beacon');
        } catch {
          fetched = 'blocked';
        }
        await new Promise((r) => setTimeout(r, 50));
        return { fetched, violations };
      });
      assert.equal(outcome.fetched, 'blocked');
      assert.ok(outcome.violations.some((d) => d.startsWith('connect-src')), outcome.violations.join());
      // The blocked fetch is the point of this test: it is expected in the log.
      app.problems.length = 0;
      app.requests.length = 0;
      await app.close();
    });
  });
}

test('jixiao.html references nothing a browser would fetch', async () => {
  const html = await readFile(SINGLE_FILE, 'utf8');
  const remote = [...html.matchAll(/https?:\/\/[^\s"'<>)]*/g)]
    .map((m) => m[0])
    .filter((u) => !u.startsWith('http://www.w3.org/'));
  assert.deepEqual(remote, []);
  assert.doesNotMatch(html, /<(script|link|img|iframe)[^>]+(src|href)=["'](?!data:)/i, 'no external script, style or image');
  assert.match(html, /connect-src 'none'/);
});

test('jixiao.html also starts in a Chromium without Uint8Array.fromBase64 (before 140) or instantiateStreaming: the loader falls back to atob and to inflating first', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete Uint8Array.fromBase64;
    delete WebAssembly.instantiateStreaming;
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  assert.equal(await page.evaluate(() => typeof Uint8Array.fromBase64 + typeof WebAssembly.instantiateStreaming), 'undefinedundefined');
  await heading(page, '项目列表');
  assert.deepEqual(errors, []);
  await context.close();
});
