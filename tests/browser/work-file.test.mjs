// Issue 16: work that outlives the browser. A working file on disk written
// by every autosave, 历史版本 in IndexedDB, the 存储 panel, and the recovery
// drill (site data wiped → reconnect the file → everything back).
//
// The pickers cannot be driven headless (Chromium cancels them at once with
// AbortError), so the tests hand the page a real FileSystemFileHandle from
// the origin-private file system through window.__jixiaoUseHandle, which
// offers it exactly like a handle kept from an earlier visit. OPFS throws
// SecurityError on file://, so those tests use the HTTP target.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, heading, openApp, serveDist, sharedBrowser, waitReady } from './harness.mjs';
import { eventually, storedRecords } from './stored.mjs';

const browser = sharedBrowser(before, after);
let server;
let HTTP;
before(async () => {
  server = await serveDist();
  HTTP = { name: 'http', url: server.url, own: (u) => u.startsWith(server.url) };
});
after(async () => server?.close());

const FILE = '工作文件.json';

/** Hands the page the OPFS file `FILE` and clicks 重新连接工作文件. */
async function connect(page) {
  await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    window.__jixiaoUseHandle(await root.getFileHandle(name, { create: true }));
  }, FILE);
  await page.getByRole('button', { name: '重新连接工作文件' }).click();
  await page.locator('.work-file', { hasText: `工作文件：${FILE}` }).waitFor();
}

/** The working file as the page's origin sees it, parsed ('' → null). */
async function readFile(page) {
  const text = await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    return (await (await root.getFileHandle(name)).getFile()).text();
  }, FILE);
  return text ? JSON.parse(text) : null;
}

/** Every stored project document, by id. */
async function storedProjects(page) {
  const records = await storedRecords(page);
  return Object.fromEntries(Object.entries(records).map(([id, record]) => [id, record.project]));
}

async function listTotals(page) {
  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  return page.locator('.project-list tbody tr').allTextContents();
}

async function loadSample(page) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
}

test('working file: every autosave writes it; kept for the next visit; after a wipe, reconnecting brings every project back', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  await page.getByRole('link', { name: '项目列表' }).click();
  await page.getByRole('button', { name: '新建项目' }).click();
  await heading(page, '编辑');
  await page.locator('#f-name').fill('第二个项目');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  await connect(page);
  await eventually(async () => {
    const file = await readFile(page);
    assert.equal(file.format, 'jixiao-export');
    const stored = await storedProjects(page);
    assert.deepEqual(Object.fromEntries(file.projects.map((p) => [p.id, p])), stored);
  });

  // An edit is in the file about a second after it is saved.
  await page.locator('#f-name').fill('第二个项目（改）');
  await eventually(async () => {
    const file = await readFile(page);
    assert.ok(file.projects.some((p) => p.name === '第二个项目（改）'), 'the edit reached the file');
    assert.deepEqual(Object.fromEntries(file.projects.map((p) => [p.id, p])), await storedProjects(page));
  });
  assert.match(await page.locator('.work-file').first().textContent(), /已写入/);
  const before = await storedProjects(page);
  const totals = await listTotals(page);

  // The next visit: the handle kept in IndexedDB is still permitted, so the
  // page connects without asking.
  await page.reload();
  await waitReady(page);
  await page.locator('.work-file', { hasText: `工作文件：${FILE}` }).waitFor();

  // The drill: all site data but the file wiped.
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(server.url).origin,
    storageTypes: 'local_storage,indexeddb',
  });
  await page.reload();
  await waitReady(page);
  await heading(page, '项目列表');
  assert.equal(await page.locator('.project-list').count(), 0, 'the wipe emptied the list');
  assert.equal(await page.locator('.work-file').count(), 0, 'and forgot the file');

  await connect(page);
  await page.locator('.import-notice', { hasText: '2 个是新的' }).waitFor();
  await eventually(async () => assert.deepEqual(await storedProjects(page), before, 'identical documents'));
  assert.deepEqual(await listTotals(page), totals, 'identical scores');
  assertClean(assert, app);
  await app.close();
});

test('历史版本: a rule change keeps the document before it, listed with 总分 before → after, and restores exactly', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  const [id] = Object.keys(await storedProjects(page));
  const original = (await storedProjects(page))[id];
  const [originalRow] = await listTotals(page);
  const originalTotal = await page.locator('.project-list td.num').first().textContent();

  await page.getByRole('link', { name: '编辑' }).click();
  await heading(page, '编辑');
  // 湖北 weighs 执行率 20: the example's 总分 changes.
  await page.locator('#f-rules').selectOption('hubei');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await listTotals(page);
  const changedTotal = await page.locator('.project-list td.num').first().textContent();
  assert.notEqual(changedTotal, originalTotal);

  await page.getByRole('link', { name: '编辑' }).click();
  await page.getByRole('button', { name: '历史版本' }).click();
  const rows = page.locator('.versions-list tbody tr');
  await rows.first().waitFor();
  const listed = await rows.allTextContents();
  assert.equal(listed.length, 1, listed.join('\n'));
  assert.match(listed[0], new RegExp(`修改评分规则前总分 ${originalTotal} → ${changedTotal}`));

  await rows.first().getByRole('button', { name: '恢复此版本' }).click();
  await page.locator('.versions [role=status]', { hasText: '已恢复' }).waitFor();
  // Still 已保存 from the rule change: the restore's save commits a little later.
  await eventually(async () => {
    const restored = (await storedProjects(page))[id];
    assert.ok(restored.updated_at > original.updated_at, 'a restore is an edit');
    assert.deepEqual({ ...restored, updated_at: 0 }, { ...original, updated_at: 0 }, 'restored exactly');
  });
  await eventually(async () => assert.equal(await page.locator('#f-rules').inputValue(), original.rules.id));

  // The restore is itself kept: the document it replaced is the newest version.
  await eventually(async () => {
    const now = await page.locator('.versions-list tbody tr').allTextContents();
    assert.equal(now.length, 2, now.join('\n'));
    assert.match(now[0], new RegExp(`恢复旧版本前总分 ${changedTotal} → ${originalTotal}`));
  });
  const [restoredRow] = await listTotals(page);
  const withoutTime = (row) => row.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, '');
  assert.equal(withoutTime(restoredRow), withoutTime(originalRow), 'same name, year, 总分 and grade');
  assertClean(assert, app);
  await app.close();
});

/** The ids of the versions kept in IndexedDB, oldest first. */
async function versionIds(page) {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('jixiao');
        // Never create the database here: that is the app's to do.
        open.onupgradeneeded = () => open.transaction.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? ok([]) : fail(open.error));
        open.onsuccess = () => {
          const all = open.result.transaction('versions').objectStore('versions').getAllKeys();
          all.onsuccess = () => {
            open.result.close();
            ok(all.result);
          };
        };
      }),
  );
}

/**
 * A full disk, simulated in the page: IndexedDB refuses a snapshot text
 * beyond `limit` characters in all with QuotaExceededError, as Chromium does
 * when the origin's quota is used up. (CDP Storage.overrideQuotaForOrigin
 * enforces only against a usage figure that lags by many writes, so it
 * cannot make a test that fails when it should.)
 */
async function fillDiskAt(page, limit) {
  await page.evaluate((limit) => {
    const sizes = new Map();
    const { put, delete: remove } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.put = function (value, key) {
      if (this.name === 'texts') {
        const used = [...sizes.values()].reduce((a, b) => a + b, 0);
        if (used + value.length > limit) throw new DOMException('simulated full disk', 'QuotaExceededError');
        sizes.set(key, value.length);
      }
      return put.call(this, value, key);
    };
    IDBObjectStore.prototype.delete = function (key) {
      if (this.name === 'texts') sizes.delete(key);
      return remove.call(this, key);
    };
  }, limit);
}

test('storage full: old versions make room, the newest are kept, the document is always saved', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  await page.getByRole('link', { name: '编辑' }).click();
  await heading(page, '编辑');
  // Room for about four snapshots of the example.
  const size = (await storedProjects(page).then((all) => JSON.stringify(Object.values(all)[0]))).length;
  await fillDiskAt(page, Math.round(size * 4.5));
  const rules = page.locator('#f-rules');
  const presets = ['hubei', 'mof-standard'];
  const seen = new Set();
  for (let n = 0; n < 12; n++) {
    const before = new Set(await versionIds(page));
    await rules.selectOption(presets[n % 2]);
    // Each change keeps the document before it: a new id appears.
    await eventually(async () => {
      const ids = await versionIds(page);
      assert.ok(ids.some((id) => !before.has(id)), `change ${n} kept a version`);
      ids.forEach((id) => seen.add(id));
    });
  }
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await eventually(async () => {
    const [doc] = Object.values(await storedProjects(page));
    assert.equal(doc.rules.id, 'mof-standard', 'the document is saved whatever the disk says');
  });

  const kept = await versionIds(page);
  assert.ok(kept.length >= 3 && kept.length <= 5, `${kept.length} kept`);
  const newest = [...seen].sort((a, b) => a - b).slice(-kept.length);
  assert.deepEqual(kept, newest, 'the oldest went, the newest stayed');

  // The newest version is the document before the last change (湖北).
  await page.getByRole('button', { name: '历史版本' }).click();
  const rows = page.locator('.versions-list tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), kept.length);
  await rows.first().getByRole('button', { name: '恢复此版本' }).click();
  await page.locator('.versions [role=status]', { hasText: '已恢复' }).waitFor();
  await eventually(async () => assert.equal(Object.values(await storedProjects(page))[0].rules.id, 'hubei'));
  // The editor re-mounts with the restored document.
  await eventually(async () => assert.equal(await rules.inputValue(), 'hubei'));
  assertClean(assert, app);
  await app.close();
});

/** The 存储 panel's rows, {label: value}, in their order. */
async function panelRows(panel) {
  const labels = await panel.locator('dt').allTextContents();
  const values = await panel.locator('dd').allTextContents();
  return Object.fromEntries(labels.map((label, n) => [label, values[n]]));
}

test('存储 panel: where the data is, our projects and localStorage characters, versions, quota, persistence, working file, last backup', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  await listTotals(page);
  await page.getByRole('button', { name: '存储' }).click();
  const panel = page.locator('.storage-panel');
  await panel.locator('dd').first().waitFor();
  const chars = await page.evaluate(() => {
    let n = 0;
    let keys = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('jixiao.')) {
        keys += 1;
        n += key.length + localStorage.getItem(key).length;
      }
    }
    return { n, keys };
  });
  const rows = await panelRows(panel);
  assert.deepEqual(Object.keys(rows), ['数据位置', '本工具的项目', 'localStorage 中的设置', '历史版本', '浏览器报告的用量', '持久保存', '工作文件', '最近备份']);
  assert.match(rows['数据位置'], /IndexedDB/);
  assert.equal(rows['本工具的项目'], `${Object.keys(await storedRecords(page)).length} 个`);
  assert.equal(rows['localStorage 中的设置'], `${chars.keys} 个键，${chars.n} 个字符`);
  assert.match(rows['历史版本'], new RegExp(`^${(await versionIds(page)).length} 个，[\\d.]+ (KB|MB)$`));
  assert.match(rows['浏览器报告的用量'], /^已用 [\d.]+ (KB|MB)，上限 [\d.]+ (KB|MB)（含项目和历史版本）$/);
  assert.match(rows['持久保存'], /^(是|否)/);
  assert.equal(rows['工作文件'], '未设置');
  assert.match(rows['最近备份'], /^从未/);
  await connect(page);
  await page.getByRole('button', { name: '存储' }).click();
  await page.getByRole('button', { name: '存储' }).click();
  await panel.locator('dd').first().waitFor();
  await eventually(async () => {
    const now = await panelRows(panel);
    assert.equal(now['工作文件'], `“${FILE}”`);
    assert.doesNotMatch(now['最近备份'], /^从未/);
  });
  assertClean(assert, app);
  await app.close();
});

test('a working file another program holds: the write error is shown in Chinese, the save in the browser stands, the next write recovers', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  await connect(page);
  await page.locator('.work-file', { hasText: '已写入' }).waitFor();
  // An exclusive writer elsewhere (as a program holding the file open).
  await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    window.__lock = await (await root.getFileHandle(name)).createWritable({ mode: 'exclusive' });
  }, FILE);
  await page.getByRole('link', { name: '编辑' }).click();
  await page.locator('#f-name').fill('文件被占用时的修改');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page
    .locator('.work-file[role=alert]', { hasText: '写入工作文件失败：文件正被其他程序使用或为只读，暂时无法写入。修改仍保存在本浏览器中，没有丢失。' })
    .waitFor();
  const [doc] = Object.values(await storedProjects(page));
  assert.equal(doc.name, '文件被占用时的修改');

  await page.evaluate(() => window.__lock.abort());
  await page.locator('#f-name').fill('文件释放后的修改');
  await eventually(async () => {
    const file = await readFile(page);
    assert.equal(file.projects[0].name, '文件释放后的修改');
  });
  assert.equal(await page.locator('.work-file[role=alert]').count(), 0, 'the error went with the next good write');
  assertClean(assert, app);
  await app.close();
});

test('a file that is not ours is never connected nor overwritten', async () => {
  const app = await openApp(browser(), HTTP);
  const { page } = app;
  await loadSample(page);
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle('别人的.json', { create: true });
    const w = await handle.createWritable();
    await w.write('{"名单": ["张三"]}');
    await w.close();
    window.__jixiaoUseHandle(handle);
  });
  await page.getByRole('button', { name: '重新连接工作文件' }).click();
  await page.locator('.work-file[role=alert]', { hasText: '“别人的.json”不是可用的数据文件，未连接，以免覆盖它' }).waitFor();
  await page.locator('#f-name').fill('又改了一次');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.waitForTimeout(1500);
  const text = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    return (await (await root.getFileHandle('别人的.json')).getFile()).text();
  });
  assert.equal(text, '{"名单": ["张三"]}');
  assert.equal(await page.locator('.work-file', { hasText: '工作文件：' }).count(), 0);
  assertClean(assert, app);
  await app.close();
});

test('file://: 保存到文件 and 打开文件 are offered; a cancelled picker says nothing; without the API 保存 downloads', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await loadSample(page);
  await listTotals(page);
  assert.equal(await page.evaluate(() => typeof window.showSaveFilePicker), 'function');
  await page.getByRole('button', { name: '打开文件' }).waitFor();
  // Headless Chromium cancels the picker at once: a user's cancel, not an error.
  await page.getByRole('button', { name: '保存到文件' }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.import-errors, .work-file').count(), 0);
  assertClean(assert, app);
  await app.close();

  const bare = await browser().newContext({ acceptDownloads: true });
  await bare.addInitScript(() => {
    for (const name of ['showSaveFilePicker', 'showOpenFilePicker']) {
      delete Window.prototype[name];
      delete window[name];
    }
  });
  const page2 = await bare.newPage();
  await page2.goto(FILE_TARGET.url);
  await waitReady(page2);
  await page2.getByRole('button', { name: '载入示例' }).click();
  await page2.getByRole('link', { name: '项目列表' }).click();
  assert.equal(await page2.getByRole('button', { name: '打开文件' }).count(), 0);
  const download = page2.waitForEvent('download');
  await page2.getByRole('button', { name: '保存到文件' }).click();
  assert.match((await download).suggestedFilename(), /^项目支出绩效自评-全部项目-\d{8}\.json$/);
  await page2.locator('.import-notice', { hasText: '此浏览器不能直接写入文件，已改为下载' }).waitFor();
  await bare.close();
});
