// Issue 16 item 4: startup does not grow with the store. The list and the 汇总
// read a summary kept beside each record; a document is read when a page, an
// export or an import needs it. These check that the summaries say what the
// documents say, follow every edit, and are dropped when a record changes
// behind them (another tab, another build); and that records an older build
// kept in localStorage move into IndexedDB.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { FILE_TARGET, SINGLE_FILE_URL, assertClean, heading, openApp, sharedBrowser, waitReady } from './harness.mjs';
import {
  eventually, exampleRecord, putRaw, putSummaries, rewriteRecord, seedRecords, storeRecords, storedCatalog, storedRecord, storedRecords,
  storedSummaries,
} from './stored.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

/** `count` copies of the example written straight into storage (no summaries), `m<n>` edited and saved at minute n. */
async function seed(page, count) {
  const record = await exampleRecord(page);
  const records = Array.from({ length: count }, (_, n) => {
    const copy = structuredClone(record);
    Object.assign(copy.project, { id: `m${n}`, name: `项目 ${n}`, department: `部门${n % 7}`, updated_at: 1.7e12 + n * 60000 });
    return Object.assign(copy, { revision: 1, saved_at: 1.7e12 + n * 60000 + 500 });
  });
  await storeRecords(page, records);
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await waitReady(page);
}

/** The stored summary of project `id` (a JSON array of texts), or undefined. */
const summaryOf = async (page, id) => (await storedSummaries(page))[id];
const listNames = (page) => page.locator('.project-list tbody tr td:first-child').allTextContents();
/** Waits (up to 2 s) until the list draws `count` rows: views update after the event. */
const listed = (page, count) =>
  page.waitForFunction((count) => document.querySelectorAll('.project-list tbody tr').length === count, count, { timeout: 2000 }).catch(() => {});

test('1,000 projects: each gets a summary once; the list shows the 50 changed last, 显示全部 and search reach every one', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await seed(page, 1000);
  const summaries = await storedSummaries(page);
  assert.equal(Object.keys(summaries).length, 1000, 'the first start stores a summary per record');
  // Stored as a JSON array of texts: build, revision, saved_at, updated_at, 实施单位, draft, id, name, …
  const first = summaries.m3;
  assert.deepEqual([first[1], first[6], first[7]], ['1', 'm3', '项目 3']);

  const names = await listNames(page);
  assert.equal(names.length, 50);
  assert.deepEqual(names.slice(0, 2), ['项目 950', '项目 951'], 'the most recently saved, in list order');
  assert.match(await page.locator('.list-more').textContent(), /共 1000 个项目，这里显示最近修改的 50 个/);

  await page.getByLabel('搜索').fill('项目 12');
  await listed(page, 11);
  // 项目 12 and 项目 120…129: 11 rows, all shown.
  assert.deepEqual((await listNames(page)).slice(0, 2), ['项目 12', '项目 120']);
  assert.equal((await listNames(page)).length, 11);
  assert.equal(await page.locator('.list-more').count(), 0);
  await page.getByLabel('搜索').fill('部门3');
  await listed(page, 50);
  assert.match(await page.locator('.list-more').textContent(), /共 143 个符合搜索条件的项目/);
  await page.getByLabel('搜索').fill('');
  await page.getByRole('button', { name: '显示全部 1000 个' }).click();
  await listed(page, 1000);
  assert.equal((await listNames(page)).length, 1000);

  // The 汇总 counts all of them from the summaries, draws 100 rows, and all on request.
  await page.evaluate(() => { location.hash = '#/overview'; });
  await heading(page, '汇总');
  assert.match(await page.locator('#overview-totals').textContent(), /共 1000 个项目/);
  assert.equal(await page.locator('#overview-table tbody tr').count(), 100);
  await page.getByRole('button', { name: '显示全部 1000 行' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#overview-table tbody tr').length === 1000, null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.locator('#overview-table tbody tr').count(), 1000);
  assertClean(assert, app);
  await app.close();
});

test('a summary is read instead of its document while the record is unchanged, and made again once another build or tab rewrites the record', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await seed(page, 3);
  // Only the summary says this name: shown, so the document was not read.
  const named = await summaryOf(page, 'm1');
  named[7] = '只在摘要里的名称';
  await putSummaries(page, { m1: named });
  await page.reload();
  await waitReady(page);
  assert.ok((await listNames(page)).includes('只在摘要里的名称'));

  // A record saved again by another tab or build (which drops the summary it no longer matches).
  await rewriteRecord(page, (record) => {
    record.project.name = '另一版本保存的名称';
    record.revision += 1;
    record.saved_at += 1000;
  }, 'm1');
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await listNames(page), ['项目 0', '另一版本保存的名称', '项目 2']);
  const summary = await summaryOf(page, 'm1');
  assert.equal(summary[7], '另一版本保存的名称');
  assert.equal(summary[1], '2', 'the summary names the record it was made from');

  // A summary scored by other code is made again too.
  const scored = await summaryOf(page, 'm2');
  scored[0] = 'an-older-build';
  scored[13] = '1';
  await putSummaries(page, { m2: scored });
  await page.reload();
  await waitReady(page);
  const row = page.locator('.project-list tbody tr', { hasText: '项目 2' });
  assert.notEqual(await row.locator('td').nth(2).textContent(), '1.00');
  assert.notEqual((await summaryOf(page, 'm2'))[0], 'an-older-build');
  assertClean(assert, app);
  await app.close();
});

test('a project not read at startup opens, and its edits reach the list, the 汇总 and the stored summary; delete, undo and 全部导出 read it too', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await seed(page, 60);
  const totalOf = async (name) => page.locator('.project-list tbody tr', { hasText: name }).locator('td').nth(2).textContent();
  const before = await totalOf('项目 59');

  await page.evaluate(() => { location.hash = '#/edit/m59'; });
  await heading(page, '编辑');
  assert.equal(await page.getByLabel('项目名称').inputValue(), '项目 59');
  await page.getByLabel('项目名称').fill('改名后的项目');
  // The 数量 indicator misses its target: the 总分 falls.
  const rows = page.locator('.row-indicator');
  let quantity;
  for (let n = 0; n < (await rows.count()) && !quantity; n++) {
    if ((await rows.nth(n).getByLabel('三级指标').inputValue()) === '保障网络终端数量') quantity = rows.nth(n);
  }
  await quantity.getByLabel('实际完成值').fill('20');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  const after = await page.locator('#total-score').textContent();
  assert.ok(Number(after) < Number(before), `${after} < ${before}`);

  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  assert.equal(await totalOf('改名后的项目'), after, 'the list shows the edit at once');
  await page.evaluate(() => { location.hash = '#/overview'; });
  await heading(page, '汇总');
  const overviewRow = page.locator('#overview-table tbody tr', { hasText: '改名后的项目' });
  assert.match(await overviewRow.textContent(), new RegExp(after.replace('.', '\\.')));

  // Stored with the record's stamp (once made, after the save): the next start reads it, not the document.
  await eventually(async () => {
    const [record, summary] = [await storedRecord(page, 'm59'), await summaryOf(page, 'm59')];
    assert.equal(Number(summary[1]), record.revision);
    assert.equal(Number(summary[2]), record.saved_at);
    assert.equal(summary[7], '改名后的项目');
  }, 2000);
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await waitReady(page);
  assert.equal(await totalOf('改名后的项目'), after);

  // Deleting a project never read, then 撤销: back in its place with its document.
  await page.getByRole('button', { name: '显示全部 60 个' }).click();
  await listed(page, 60);
  const original = await storedRecord(page, 'm3');
  await page.locator('.project-list tbody tr', { hasText: '项目 3' }).first().getByRole('button', { name: '删除' }).click();
  await eventually(async () => {
    assert.equal(await storedRecord(page, 'm3'), null, 'deleted');
    assert.equal(await summaryOf(page, 'm3'), undefined, 'its summary goes with it');
  }, 2000);
  await page.getByRole('button', { name: '撤销' }).click();
  await listed(page, 60);
  assert.equal((await listNames(page))[3], '项目 3');
  await eventually(async () => {
    assert.deepEqual((await storedRecord(page, 'm3'))?.project, original.project);
    assert.equal((await summaryOf(page, 'm3'))?.[7], '项目 3');
  }, 2000);

  // 全部导出 holds every project, the 59 never opened included.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '全部导出' }).first().click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.projects.length, 60);
  assert.equal(exported.projects.find((p) => p.id === 'm59').name, '改名后的项目');
  assert.equal(exported.projects.find((p) => p.id === 'm7').name, '项目 7');
  assertClean(assert, app);
  await app.close();
});

test('two pages: the list shows what is stored, a project deleted in one page leaves the other list, and a delete undone cannot be overwritten by an older copy', async () => {
  const app = await openApp(browser(), target);
  const a = app.page;
  await seed(a, 3);
  // m1 was saved 6 times: the other page reads it at revision 6.
  await rewriteRecord(a, (record) => { record.revision = 6; }, 'm1');
  await a.reload();
  await waitReady(a);
  const b = await app.context.newPage();
  await b.goto(SINGLE_FILE_URL + '#/edit/m1');
  await waitReady(b);
  assert.equal(await b.getByLabel('项目名称').inputValue(), '项目 1');

  // Page a never read m2: deleted in b, it leaves a's list.
  const c = await app.context.newPage();
  await c.goto(SINGLE_FILE_URL + '#/');
  await waitReady(c);
  await c.locator('.project-list tbody tr', { hasText: '项目 2' }).getByRole('button', { name: '删除' }).click();
  await a.waitForFunction(() => ![...document.querySelectorAll('.project-list tbody tr')].some((r) => r.textContent.includes('项目 2')));
  await c.close();

  // a deletes m1 and takes it back: stored again from revision 1, then edited (revision 2).
  await a.locator('.project-list tbody tr', { hasText: '项目 1' }).getByRole('button', { name: '删除' }).click();
  await a.getByRole('button', { name: '撤销' }).click();
  await a.evaluate(() => { location.hash = '#/edit/m1'; });
  await a.getByLabel('项目负责人').fill('甲窗口');
  await a.locator('.save-status', { hasText: '已保存' }).waitFor();
  // b still holds revision 6: it is told, and its edit does not overwrite a's.
  await b.locator('#conflict-banner').waitFor();
  await b.getByLabel('项目负责人').fill('乙窗口');
  await b.locator('.save-status', { hasText: '尚未保存' }).waitFor();
  // a's status said 已保存 already (the delete): its save may commit a little later.
  await eventually(async () => assert.equal((await storedRecord(a, 'm1')).project.leader, '甲窗口'), 2000);

  // b renames, unsaved (the conflict stands): b's list shows the stored name, not b's.
  await b.getByLabel('项目名称').fill('乙窗口未保存的名称');
  await b.getByRole('link', { name: '项目列表' }).click();
  await heading(b, '项目列表');
  assert.deepEqual(await listNames(b), ['项目 0', '项目 1']);
  await b.close();
  assertClean(assert, app);
  await app.close();
});

test('records left in localStorage move into IndexedDB at the next start, only over the save they were made from; one saved over since goes to the recovery area', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  const example = await exampleRecord(page);
  const records = [1, 2].map((n) => {
    const copy = structuredClone(example);
    Object.assign(copy.project, { id: `old${n}`, name: `旧版本的项目 ${n}` });
    return copy;
  });
  await seedRecords(page, records);
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await waitReady(page);
  const legacyKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao.v1.project.')));
  assert.deepEqual(await listNames(page), ['旧版本的项目 1', '旧版本的项目 2']);
  assert.deepEqual(await storedRecords(page), { old1: records[0], old2: records[1] }, 'moved as they were');
  assert.deepEqual(await legacyKeys(), [], 'and gone from localStorage');
  assert.equal(await page.locator('.banner-error').count(), 0, 'nothing to recover');

  // A page closed while saving revision 2 of old1 over revision 1: nothing saved since, so it moves in.
  const unfinished = structuredClone(records[0]);
  Object.assign(unfinished, { revision: records[0].revision + 1, saved_at: records[0].saved_at + 1000 });
  unfinished.project.name = '关闭前未保存完的名称';
  await page.evaluate((text) => localStorage.setItem('jixiao.v1.project.old1', text), JSON.stringify(unfinished));
  // The same document as stored (its own save had finished): dropped, nothing to show.
  await page.evaluate((text) => localStorage.setItem('jixiao.v1.project.old2', text), JSON.stringify({ ...records[1], saved_at: records[1].saved_at + 5 }));
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await listNames(page), ['关闭前未保存完的名称', '旧版本的项目 2']);
  assert.deepEqual(await storedRecord(page, 'old1'), unfinished);
  assert.deepEqual(await legacyKeys(), []);
  assert.equal(await page.locator('.banner-error').count(), 0, 'nothing to recover');

  // A copy of revision 2 again, while storage holds another revision 2 (saved in another tab):
  // never written over it, kept aside byte for byte.
  const other = structuredClone(unfinished);
  other.project.name = '另一个窗口未保存完的名称';
  const otherText = JSON.stringify(other);
  await page.evaluate((text) => localStorage.setItem('jixiao.v1.project.old1', text), otherText);
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await listNames(page), ['关闭前未保存完的名称', '旧版本的项目 2'], 'the stored save is listed');
  assert.deepEqual(await storedRecord(page, 'old1'), unfinished, 'and stays stored');
  assert.deepEqual(await legacyKeys(), []);
  const banner = page.locator('[role=alert]', { hasText: '部分本地数据无法读取' });
  await banner.waitFor({ timeout: 2000 });
  const item = banner.locator('li', { hasText: 'jixiao.v1.project.old1' });
  assert.match(await item.textContent(), /在这份副本之后又保存过/);
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: '下载原始数据' }).click()]);
  assert.equal(await readFile(await download.path(), 'utf8'), otherText, 'the copy, kept byte for byte');
  assertClean(assert, app);
  await app.close();
});

test('the catalog: one value with every id and summary is what a start reads; a save removes it and storing the summaries makes it again', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await seed(page, 3);
  // Made once the start has scored the records: the same ids and summaries as the stores.
  const catalog = await eventually(async () => {
    const found = await storedCatalog(page);
    assert.ok(found, 'a catalog after the first start');
    return found;
  });
  assert.deepEqual([...catalog.ids].sort(), ['m0', 'm1', 'm2']);
  assert.deepEqual(catalog.summaries, Object.values(await storedSummaries(page)));

  // A start reads the catalog, not the summaries store: a name only the store says is not shown.
  const named = [...(await storedSummaries(page)).m1];
  named[7] = '只在摘要库里的名称';
  await putRaw(page, 'summaries', 'm1', JSON.stringify(named));
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await listNames(page), ['项目 0', '项目 1', '项目 2']);

  // Any save of a record removes it in the same transaction…
  await page.locator('.project-list tbody tr', { hasText: '项目 2' }).getByRole('link', { name: '项目 2' }).click();
  await heading(page, '编辑');
  await page.getByLabel('项目名称').fill('改过的项目 2');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await eventually(async () => assert.equal(await storedCatalog(page), null), 2000);
  // …and opening the list stores the new summary and the catalog with it.
  await page.evaluate(() => { location.hash = '#/'; });
  await heading(page, '项目列表');
  const remade = await eventually(async () => {
    const found = await storedCatalog(page);
    assert.ok(found?.summaries.some((s) => s[7] === '改过的项目 2'), JSON.stringify(found?.summaries.map((s) => s[7])));
    return found;
  }, 2000);
  assert.deepEqual([...remade.ids].sort(), ['m0', 'm1', 'm2']);
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await listNames(page), ['项目 0', '只在摘要库里的名称', '改过的项目 2'], 'the catalog is made from the stores as they are');
  assertClean(assert, app);
  await app.close();
});
