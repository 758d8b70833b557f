// Issue 24 item 2: where an engine lacks an API, the page says what is not
// available and offers the fallback, and nothing typed is lost. Each lack is
// made on purpose in Debian Chromium (the browser matrix meets the real ones:
// Firefox has no File System Access API).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { SINGLE_FILE_URL, launchBrowser, waitReady } from './harness.mjs';
import { storedRecord } from './stored.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** As a browser that forbids IndexedDB (a policy, some private windows) answers. */
const noIndexedDb = () => {
  IDBFactory.prototype.open = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
};

test('without IndexedDB: a banner says why, edits are kept at page-hide, shown at the next start and moved in once it opens', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(noIndexedDb);
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  const banner = page.locator('[role=alert]', { hasText: '不允许本页使用 IndexedDB' });
  await banner.waitFor({ timeout: 2000 });
  assert.match(await banner.textContent(), /修改也不会保存/);
  assert.match(await banner.textContent(), /全部导出/);
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.getByLabel('项目名称').fill('没有 IndexedDB 时改的名字');
  await page.locator('.save-status', { hasText: '保存失败' }).waitFor();
  // Still there to export while the page is open.
  assert.ok(await page.getByRole('button', { name: '导出 JSON' }).isVisible());
  const id = decodeURIComponent((await page.evaluate(() => location.hash)).split('/').pop());
  await page.close({ runBeforeUnload: true });

  // The next start, still without IndexedDB: the kept copy is listed and opens.
  const again = await context.newPage();
  await again.addInitScript(noIndexedDb);
  await again.goto(SINGLE_FILE_URL);
  await waitReady(again);
  await again.locator('[role=alert]', { hasText: '不允许本页使用 IndexedDB' }).waitFor({ timeout: 2000 });
  await again.getByText('没有 IndexedDB 时改的名字').first().waitFor({ timeout: 2000 });
  await again.goto(`${SINGLE_FILE_URL}#/edit/${encodeURIComponent(id)}`);
  await again.waitForFunction(() => document.getElementById('f-name')?.value === '没有 IndexedDB 时改的名字');
  await again.close({ runBeforeUnload: true });

  // With IndexedDB back, the copy is moved in and stored.
  const back = await context.newPage();
  await back.goto(SINGLE_FILE_URL);
  await waitReady(back);
  assert.equal(await back.locator('[role=alert]', { hasText: 'IndexedDB' }).count(), 0);
  await back.waitForFunction(async (key) => {
    return new Promise((resolve) => {
      const open = indexedDB.open('jixiao');
      open.onsuccess = () => {
        const get = open.result.transaction('records').objectStore('records').get(key);
        get.onsuccess = () => resolve(Boolean(get.result));
        get.onerror = () => resolve(false);
      };
      open.onerror = () => resolve(false);
    });
  }, id, { timeout: 5000 });
  assert.equal((await storedRecord(back, id)).project.name, '没有 IndexedDB 时改的名字');
  await context.close();
});

test('without the File System Access API: 保存到文件 says so beforehand and downloads the same file', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    delete window.showSaveFilePicker;
    delete window.showOpenFilePicker;
  });
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.evaluate(() => { location.hash = '#/'; });
  await page.getByText('本浏览器不能直接写入文件').first().waitFor();
  assert.equal(await page.getByRole('button', { name: '打开文件' }).count(), 0, 'no button that cannot work');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存到文件' }).click(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.format, 'jixiao-export');
  assert.equal(file.projects.length, 1);
  await page.locator('.import-notice', { hasText: '已改为下载' }).waitFor();
  await page.getByRole('button', { name: '存储' }).click();
  await page.locator('.storage-panel dd', { hasText: '本浏览器不能直接写入文件' }).waitFor();
  await context.close();
});

test('without navigator.storage: the 存储 panel asks for backups instead', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined });
  });
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  await page.getByRole('button', { name: '存储' }).click();
  await page.locator('.storage-panel dd', { hasText: '请定期“全部导出”备份' }).waitFor();
  await context.close();
});
