// Issue 14: 导入 Excel on the 项目列表. Every fixture in tests/fixtures/xlsx/
// (published layouts written by other software) is imported through the UI:
// the preview names the sheet and range, shows the score jixiao computes and
// the table's own 得分 that disagree; confirmed projects appear in the list
// and their 体检 carries the 表中得分 findings. Hostile files give a clear
// message within 2 s and store nothing. jixiao's own export reads back and
// asks 替换/保留两份.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';

const browser = sharedBrowser(before, after);
const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'tests/fixtures/xlsx');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')).files;
// The totals and grades the core's import and `jixiao check` give (issue 28):
// the preview must show the same.
const checked = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/checked.json'), 'utf8')).files;

const preview = (page) => page.getByRole('dialog', { name: 'Excel 导入预览' });

async function choose(page, path) {
  const started = Date.now();
  await page.locator('#import-xlsx').setInputFiles(path);
  return started;
}

test('every published layout imports through the preview, with 表中得分 checked', async () => {
  for (const file of expected.filter((f) => !f.error)) {
    const app = await openApp(browser(), FILE_TARGET);
    const { page } = app;
    const started = await choose(page, join(FIXTURES, file.file));
    await preview(page).waitFor();
    const took = Date.now() - started;
    assert.ok(took < 2000, `${file.file}: preview after ${took} ms`);
    const items = preview(page).locator('.xlsx-item');
    assert.equal(await items.count(), file.projects.length, file.file);
    for (const [n, want] of file.projects.entries()) {
      const item = items.nth(n);
      const label = await item.locator('.check label').textContent();
      assert.ok(label.replace(/\s/g, '').includes(want.name.replace(/\s/g, '')), `${file.file}: ${label}`);
      assert.match(await item.locator('.xlsx-source').textContent(), new RegExp(`工作表“${want.sheet}”`));
      const score = await item.locator('.xlsx-score').textContent();
      const same = checked.find((f) => f.file === `xlsx/${file.file}`).projects[n];
      if (want.targets_only) assert.match(score, /绩效目标表/);
      else assert.ok(score.includes(`按规则计算：总分 ${same.total.toFixed(2)}，等级 ${same.grade}`), `${file.file}: ${score}`);
    }
    await preview(page).getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('status').filter({ hasText: `新增 ${file.projects.length} 个项目` }).waitFor();
    const names = await page.locator('.project-list tbody td:first-child').allTextContents();
    for (const want of file.projects) {
      assert.ok(names.some((n) => n.replace(/\s/g, '') === want.name.replace(/\s/g, '')), `${want.name} in ${names}`);
    }
    assertClean(assert, app);
    await app.close();
  }
});

test('永德县: the table marked a met indicator down; the preview and the 体检 say so', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await choose(page, join(FIXTURES, '01-yongde-yuan.xlsx'));
  await preview(page).waitFor();
  assert.match(await preview(page).locator('.xlsx-score').textContent(), /总分 99\.80，等级 优；表中总分 96/);
  const disagree = preview(page).locator('.xlsx-disagree li');
  const texts = await disagree.allTextContents();
  assert.ok(
    texts.some((t) => t === '“资金到位及时率”表中得分 7.00，按规则应为 10.00：指标已完成却扣分，且未说明偏差原因。'),
    texts.join('\n'),
  );
  assert.ok(texts.some((t) => t.startsWith('表中总分 96.00，按规则应为')), texts.join('\n'));
  await preview(page).getByRole('button', { name: '确认导入' }).click();
  await page.locator('.project-list tbody a').first().click();
  await heading(page, '编辑');
  const checks = (await page.locator('ul.findings li').allTextContents()).join('\n');
  assert.match(checks, /资金到位及时率”表中得分 7\.00，按规则应为 10\.00/);
  assertClean(assert, app);
  await app.close();
});

test('hostile files: a clear message within 2 s, nothing stored, the page still works', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-big-'));
  const big = join(dir, 'big-50mb.xlsx');
  execFileSync(join(ROOT, '.venv/bin/python'), [join(FIXTURES, 'make_fixtures.py'), '--big-file', big]);
  const cases = [
    ...expected.filter((f) => f.error && f.error !== 'rows_ok_but_slow' && !f.file.includes('big-50mb')).map((f) => [join(FIXTURES, f.file), f.error]),
    [big, 'file_too_large'],
  ];
  const words = {
    not_zip: '不是 Excel 工作簿',
    encrypted: '设有打开密码',
    legacy: '另存为 .xlsx，或复制表格后在编辑页粘贴',
    too_large: '压缩炸弹',
    too_many_entries: '部件',
    xml_forbidden: 'DTD',
    too_deep: '嵌套',
    file_too_large: '超过 20 MB',
  };
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  for (const [path, error] of cases) {
    const started = await choose(page, path);
    const alert = page.locator('.import-errors[role="alert"]');
    await alert.filter({ hasText: words[error] }).waitFor({ timeout: 5000 });
    const took = Date.now() - started;
    assert.ok(took < 2000, `${path}: message after ${took} ms`);
    assert.match(await alert.textContent(), /未导入任何内容/);
    assert.equal(await page.locator('.project-list').count(), 0, `${path}: nothing stored`);
  }
  // 100,000 rows: read (the first rows only) within 2 s.
  const started = await choose(page, join(FIXTURES, 'hostile/rows-100k.xlsx'));
  await page.locator('.xlsx-review, .import-errors').first().waitFor();
  assert.ok(Date.now() - started < 2000, `rows-100k after ${Date.now() - started} ms`);
  // The page still answers.
  await page.getByRole('button', { name: '新建项目' }).click();
  await heading(page, '编辑');
  assertClean(assert, app);
  await app.close();
});

test('our own 自评表 export reads back to the same project and asks 替换/保留两份; a dropped file imports too', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel（自评表）' }).click(),
  ]);
  const saved = join(await mkdtemp(join(tmpdir(), 'jixiao-own-')), 'own.xlsx');
  await download.saveAs(saved);
  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  const before = await page.locator('.project-list tbody tr').first().locator('td.num').textContent();

  await choose(page, saved);
  const item = preview(page).locator('.xlsx-item').first();
  await item.locator('.xlsx-clash').waitFor();
  assert.match(await item.locator('.xlsx-clash').textContent(), /本浏览器中已有/);
  assert.equal(await item.locator('.xlsx-disagree').count(), 0, 'our own scores agree with the rules');
  // Choices keep the keyboard where it is: Space on the checkbox, Enter on 替换.
  const take = item.getByRole('checkbox');
  await take.focus();
  await page.keyboard.press('Space');
  assert.equal(await take.isChecked(), false);
  assert.ok(await take.evaluate((e) => e === document.activeElement), 'focus stays on the checkbox');
  await page.keyboard.press('Space');
  assert.equal(await take.isChecked(), true);
  const replace = item.getByRole('button', { name: '替换' });
  await replace.focus();
  await page.keyboard.press('Enter');
  assert.equal(await replace.getAttribute('aria-pressed'), 'true');
  assert.ok(await replace.evaluate((e) => e === document.activeElement), 'focus stays on 替换');
  await preview(page).getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: '替换 1 个' }).waitFor();
  assert.equal(await page.locator('.project-list tbody tr').count(), 1);
  const afterReplace = await page.locator('.project-list tbody tr').first().locator('td.num').textContent();
  assert.equal(afterReplace, before, 'the same total after the round trip');

  // Dropped onto the import area: the same preview; 保留两份 adds a copy.
  const base64 = readFileSync(saved).toString('base64');
  await page.evaluate((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'own.xlsx'));
    const zone = document.querySelector('.xlsx-import');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, base64);
  await preview(page).waitFor();
  await preview(page).getByRole('button', { name: '保留两份' }).click();
  await preview(page).getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: '新增 1 个项目' }).waitFor();
  assert.equal(await page.locator('.project-list tbody tr').count(), 2);
  assertClean(assert, app);
  await app.close();
});
