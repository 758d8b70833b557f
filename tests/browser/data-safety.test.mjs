// Issue 6 acceptance: storage never loses work; backups and exchange files
// are validated before anything changes. All on the single file via file://.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SINGLE_FILE_URL, assertClean, heading, launchBrowser, openApp, waitReady } from './harness.mjs';
import { clearProjects, rewriteRecord, storedRecord, storedRecords, storedSummaries } from './stored.mjs';

let browser;
const target = { url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL };

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const snapshot = (page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

/** Everything the app stores: localStorage, the records and their summaries. */
async function everything(page) {
  return { local: await snapshot(page), records: await storedRecords(page), summaries: await storedSummaries(page) };
}

/** The stored documents, by id order. */
const documents = async (page) =>
  Object.values(await storedRecords(page)).map((r) => r.project).sort((x, y) => x.id.localeCompare(y.id));

async function downloadText(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await download.path(), 'utf8');
}

async function loadSample(page) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
}

test('garbage under the app keys: the app starts, says so, and the raw text downloads unchanged', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  const garbage = '{"schema_version": 1, "project": {"name": 不是JSON';
  await page.evaluate((g) => {
    localStorage.setItem('jixiao.v1.project.pbroken', g);
    localStorage.setItem('jixiao.v1.index', '[[[');
  }, garbage);
  await page.reload();
  await waitReady(page);
  await heading(page, '项目列表');
  const banner = page.locator('.banner-error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /原样移至恢复区/);
  const stored = await snapshot(page);
  assert.equal(stored['jixiao.v1.project.pbroken'], undefined, 'moved out of the way');
  const recoveryKeys = Object.keys(stored).filter((k) => k.startsWith('jixiao.recovery.'));
  assert.equal(recoveryKeys.length, 2);
  assert.ok(recoveryKeys.some((k) => stored[k] === garbage), 'kept byte for byte');
  const row = banner.locator('li', { hasText: 'pbroken' });
  const text = await downloadText(page, () => row.getByRole('button', { name: '下载原始数据' }).click());
  assert.equal(text, garbage);
  // The app still works: a new project saves next to the quarantined data.
  await loadSample(page);
  assertClean(assert, app);
  await app.close();
});

test('a full disk: 保存失败 with the reason, the document stays and exports', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  // As Chromium refuses a write once the origin's quota is used up (see
  // fillDiskAt in work-file.test.mjs): every record write, from now on.
  await page.evaluate(() => {
    const { put } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.put = function (value, key) {
      if (this.name === 'records') throw new DOMException('simulated full disk', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.getByLabel('项目名称').fill('存储已满时改的名字，比原来的名字长很多很多很多很多很多很多很多很多很多很多很多很多很多');
  const status = page.locator('.save-status');
  await page.locator('.save-status', { hasText: '保存失败' }).waitFor();
  assert.match(await status.textContent(), /浏览器存储空间已满（QuotaExceededError）/);
  assert.equal(await page.getByLabel('项目名称').inputValue(), '存储已满时改的名字，比原来的名字长很多很多很多很多很多很多很多很多很多很多很多很多很多');
  const text = await downloadText(page, () => page.getByRole('button', { name: '导出 JSON' }).click());
  const file = JSON.parse(text);
  assert.equal(file.format, 'jixiao-export');
  assert.equal(file.projects[0].name, '存储已满时改的名字，比原来的名字长很多很多很多很多很多很多很多很多很多很多很多很多很多');
  // Closing the page keeps what could not be stored; the next start (with room
  // again) stores it: nothing saved since, so it is the latest.
  const id = decodeURIComponent((await page.evaluate(() => location.hash)).split('/').pop());
  await page.reload();
  await waitReady(page);
  await page.locator('#total-score').waitFor();
  assert.equal(await page.getByLabel('项目名称').inputValue(), '存储已满时改的名字，比原来的名字长很多很多很多很多很多很多很多很多很多很多很多很多很多');
  assert.equal((await storedRecord(page, id)).project.name, '存储已满时改的名字，比原来的名字长很多很多很多很多很多很多很多很多很多很多很多很多很多');
  assert.equal(await page.locator('.banner-error').count(), 0);
  assertClean(assert, app);
  await app.close();
});

test("a page of an older build holding the database open: the page says so and saves nothing until it is closed", async () => {
  const context = await browser.newContext();
  // An older build's page (database version 1, opened by its 历史版本 and left open).
  const old = await context.newPage();
  const oldPage = join(mkdtempSync(join(tmpdir(), 'jixiao-old-')), 'old.html');
  writeFileSync(oldPage, '<!doctype html><meta charset="utf-8"><script>const r = indexedDB.open("jixiao", 1); r.onupgradeneeded = () => ["versions", "texts", "handles"].forEach((s) => r.result.createObjectStore(s)); r.onsuccess = () => { window.db = r.result; };</script>');
  await old.goto(pathToFileURL(oldPage).href);
  await old.waitForFunction(() => window.db);

  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  const banner = page.locator('[role=alert]', { hasText: '另一个窗口中打开着旧版本的本工具' });
  await banner.waitFor({ timeout: 2000 });
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '保存失败' }).waitFor();
  assert.match(await page.locator('.save-status').textContent(), /旧版本/);
  assert.equal(await page.evaluate(() => localStorage.getItem('jixiao.v1.index')), null, 'nothing saved, not even the list order');

  // Closed, the older page lets the upgrade through: the next start works and saves.
  // The example loaded while blocked was kept at page-hide and is moved in, not lost.
  await old.close();
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await waitReady(page);
  assert.equal(await banner.count(), 0);
  assert.equal(Object.keys(await storedRecords(page)).length, 1, 'the example typed while blocked');
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  assert.equal(Object.keys(await storedRecords(page)).length, 2);
  await context.close();
});

/**
 * Two pages on the example: page b saves 乙窗口 as 项目负责人, then page a,
 * shown the conflict, types 甲窗口, which its debounced save finds it must
 * not write.
 */
async function conflicted(app) {
  const a = app.page;
  await loadSample(a);
  const hash = await a.evaluate(() => location.hash);
  const b = await app.context.newPage();
  await b.goto(SINGLE_FILE_URL + hash);
  await waitReady(b);
  await b.getByLabel('项目负责人').fill('乙窗口');
  await b.locator('.save-status', { hasText: '已保存' }).waitFor();

  await a.locator('#conflict-banner').waitFor();
  await a.getByLabel('项目负责人').fill('甲窗口');
  // The debounced save runs, finds the other page's revision and writes nothing.
  await a.locator('.save-status', { hasText: '尚未保存' }).waitFor();
  return { a, b, hash };
}

test('two pages on one project: the conflict is shown and nothing is overwritten', async () => {
  const app = await openApp(browser, target);
  const { a, b, hash } = await conflicted(app);
  const stored = await storedRecord(a, decodeURIComponent(hash.split('/').pop()));
  assert.equal(stored.project.leader, '乙窗口', "the other page's save is not overwritten");
  assert.match(await a.locator('.save-status').textContent(), /保存失败|尚未保存/);

  await a.getByRole('button', { name: '将我的版本另存为副本' }).click();
  await a.waitForFunction((h) => location.hash !== h, hash);
  // The editor re-mounts for the copy once the route has changed.
  await a.waitForFunction(() => document.getElementById('f-name')?.value.includes('本窗口副本'));
  assert.equal(await a.getByLabel('项目负责人').inputValue(), '甲窗口');
  await a.locator('.save-status', { hasText: '已保存' }).waitFor();
  const leaders = (await documents(a)).map((p) => p.leader).sort();
  assert.deepEqual(leaders, ['乙窗口', '甲窗口']);
  await b.close();
  assertClean(assert, app);
  await app.close();
});

test("载入对方的版本: the editor shows the other page's version, and this page's becomes a 历史版本", async () => {
  const app = await openApp(browser, target);
  const { a, b, hash } = await conflicted(app);
  await a.getByRole('button', { name: '载入对方的版本' }).click();
  // The editor is drawn again with the stored version; nothing is saved over it.
  await a.waitForFunction(() => document.getElementById('f-leader')?.value === '乙窗口');
  await a.locator('#conflict-banner').waitFor({ state: 'detached' });
  const id = decodeURIComponent(hash.split('/').pop());
  assert.equal((await storedRecord(a, id)).project.leader, '乙窗口');

  // What this page had typed is not lost: it is the newest 历史版本, and restores.
  await a.getByRole('button', { name: '历史版本' }).click();
  const rows = a.locator('.versions-list tbody tr', { hasText: '载入其他窗口的版本前' });
  await rows.first().waitFor();
  await rows.first().getByRole('button', { name: '恢复此版本' }).click();
  await a.waitForFunction(() => document.getElementById('f-leader')?.value === '甲窗口');
  await a.locator('.save-status', { hasText: '已保存' }).waitFor();
  assert.equal((await storedRecord(a, id)).project.leader, '甲窗口');
  await b.close();
  assertClean(assert, app);
  await app.close();
});

test('an import that replaces the open project is one 撤销 step, kept as a 历史版本 too', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  const hash = await page.evaluate(() => location.hash);
  const id = decodeURIComponent(hash.split('/').pop());
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  const file = JSON.parse(await downloadText(page, () => page.getByRole('button', { name: '全部导出' }).click()));
  file.projects[0].leader = '来自同事';
  file.projects[0].updated_at += 1000;
  await page.setInputFiles('#import-file', { name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const review = page.locator('.import-review');
  await review.waitFor();
  await review.getByRole('button', { name: '替换', exact: true }).click();
  await review.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.import-notice', { hasText: '替换 1 个' }).waitFor();
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction(() => document.getElementById('f-leader')?.value === '来自同事');
  // 撤销 in the editor goes back to the project as it was before the import.
  await page.getByRole('button', { name: '撤销' }).click();
  await page.waitForFunction(() => document.getElementById('f-leader')?.value !== '来自同事');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  assert.notEqual((await storedRecord(page, id)).project.leader, '来自同事');
  await page.getByRole('button', { name: '历史版本' }).click();
  await page.locator('.versions-list tbody tr', { hasText: '导入前' }).first().waitFor();
  assertClean(assert, app);
  await app.close();
});

test('bad import files are refused with a clear message and change nothing', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  const exported = await downloadText(page, () => page.getByRole('button', { name: '全部导出' }).click());
  const before = await everything(page);
  delete before.local['jixiao.v1.last_export'];

  const tooNew = JSON.parse(exported);
  tooNew.schema_version = 99;
  tooNew.projects[0].schema_version = 99;
  const cases = [
    { name: 'truncated.json', text: exported.slice(0, Math.floor(exported.length / 2)), expect: /截断|不完整/ },
    { name: 'future.json', text: JSON.stringify(tooNew), expect: /更新版本|升级/ },
    { name: 'huge.json', text: 'x'.repeat(10 * 1024 * 1024), expect: /超过 5 MB/ },
    { name: 'other.json', text: '{"hello": "world"}', expect: /不是本工具导出的文件|不是/ },
  ];
  for (const c of cases) {
    await page.setInputFiles('#import-file', { name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.text) });
    const alert = page.locator('.import-errors');
    await alert.waitFor();
    const message = await alert.textContent();
    assert.match(message, c.expect, `${c.name}: ${message}`);
    assert.match(message, new RegExp(c.name.replace('.', '\\.')));
    assert.match(message, /本地数据没有改变/);
    const after = await everything(page);
    delete after.local['jixiao.v1.last_export'];
    assert.deepEqual(after, before, `${c.name}: storage unchanged`);
  }
  assertClean(assert, app);
  await app.close();
});

test('HTML and script in imported fields stay inert text', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await loadSample(page);
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  const file = JSON.parse(await downloadText(page, () => page.getByRole('button', { name: '全部导出' }).click()));
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  file.projects[0].id = 'pevil';
  file.projects[0].name = evil;
  file.projects[0].indicators[0].groups[0].indicators[0].name = evil;
  await page.setInputFiles('#import-file', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('.import-notice').waitFor();
  const row = page.locator('table.project-list tbody tr', { hasText: '<script>' });
  assert.equal(await row.count(), 1);
  assert.equal(await page.locator('main img').count(), 0, 'no element was created from the text');
  await row.getByRole('link').first().click();
  await heading(page, '编辑');
  assert.equal(await page.getByLabel('项目名称').inputValue(), evil);
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.equal(dialogs, 0);
  assertClean(assert, app);
  await app.close();
});

test('round trip: export all, clear storage, import: identical documents and scores', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  await page.getByLabel('项目负责人').fill('张三');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.getByLabel('项目名称').fill('第二个项目');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  await heading(page, '项目列表');

  const scores = async () => (await page.locator('table.project-list tbody tr').allTextContents()).sort();
  const docsBefore = await documents(page);
  const scoresBefore = await scores();
  const exported = await downloadText(page, () => page.getByRole('button', { name: '全部导出' }).click());

  await clearProjects(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await page.locator('table.project-list').count(), 0);
  assert.deepEqual(await documents(page), [], 'nothing stored');
  await page.setInputFiles('#import-file', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.locator('.import-notice').waitFor();
  assert.deepEqual(await documents(page), docsBefore);
  assert.deepEqual(await scores(), scoresBefore);

  // Importing the same file again asks nothing and duplicates nothing.
  await page.setInputFiles('#import-file', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.locator('.import-notice', { hasText: '完全相同' }).waitFor();
  assert.equal((await documents(page)).length, 2);
  assertClean(assert, app);
  await app.close();
});

test('an import that meets an existing id asks: replace or keep both', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  await page.getByRole('link', { name: '项目列表', exact: true }).click();
  const file = JSON.parse(await downloadText(page, () => page.getByRole('button', { name: '全部导出' }).click()));
  file.projects[0].leader = '来自同事';
  const before = await everything(page);
  await page.setInputFiles('#import-file', { name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const review = page.locator('.import-review');
  await review.waitFor();
  assert.match(await review.textContent(), /已存在/);
  assert.deepEqual(await everything(page), before, 'nothing changes before the choice');
  await review.getByRole('button', { name: '保留两份' }).click();
  await review.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.import-notice').waitFor();
  assert.equal(await page.locator('table.project-list tbody tr').count(), 2);
  assert.equal(await page.locator('table.project-list tbody tr', { hasText: '（导入）' }).count(), 1);
  assertClean(assert, app);
  await app.close();
});

test('no export for 7 days of edits: the list page reminds, and 全部导出 clears it', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await loadSample(page);
  await rewriteRecord(page, (record) => {
    // As a save 8 days ago left it: a record written again has a new revision.
    record.project.updated_at = Date.now() - 8 * 24 * 3600 * 1000;
    record.revision += 1;
    record.saved_at = record.project.updated_at;
  });
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await waitReady(page);
  const reminder = page.locator('#backup-reminder');
  await reminder.waitFor();
  await downloadText(page, () => reminder.getByRole('button', { name: '全部导出' }).click());
  await reminder.waitFor({ state: 'detached' });
  assertClean(assert, app);
  await app.close();
});
