// Issue 15: 导出 Word on the report page writes the report as shown (with
// the user's edits) and the 自评表 as Word tables; 汇总 zips one .docx per
// listed project. Read back by openxml-audit and python-docx.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';
import { readOoxml, unzip } from './ooxml.mjs';

const browser = sharedBrowser(before, after);

async function loadExample(page) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
}

async function saveDownload(download) {
  const file = join(await mkdtemp(join(tmpdir(), 'jixiao-word-')), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test('导出 Word writes the report as shown, with the edit, headings as Word headings and the 自评表 as tables', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await loadExample(page);
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  await page.locator('.report-sheet .r-title').waitFor();

  // Rewrite the first paragraph, as a clerk finishing the text would.
  const first = page.locator('.r-para').first();
  await first.getByRole('button', { name: '编辑' }).click();
  const edited = '本项目由县政务服务中心组织实施，经费来源为县级财政拨款。';
  await first.locator('textarea').fill(edited);
  await first.getByRole('button', { name: '完成' }).click();
  await page.locator('.r-p', { hasText: edited }).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^导出 Word/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /-自评报告\.docx$/);
  const [report] = await readOoxml([await saveDownload(download)]);
  assert.deepEqual(report.audit, [], 'openxml-audit finds no error');

  const shown = await page.evaluate(() => ({
    title: document.querySelector('.report-sheet .r-title').textContent,
    h1: [...document.querySelectorAll('.report-sheet .r-h1')].map((e) => e.textContent),
    h2: [...document.querySelectorAll('.report-sheet .r-h2')].map((e) => e.textContent),
    paragraphs: [...document.querySelectorAll('.report-sheet .r-p')].map((e) => e.textContent).filter((t) => t.trim()),
  }));
  const byStyle = (style) => report.paragraphs.filter((p) => p.style === style).map((p) => p.text);
  assert.deepEqual(byStyle('Title'), [shown.title]);
  assert.deepEqual(byStyle('Heading 1'), shown.h1);
  assert.deepEqual(byStyle('Heading 2'), shown.h2);
  assert.deepEqual(byStyle('Normal').filter((t) => !t.endsWith('（盖章）')), shown.paragraphs);
  assert.equal(byStyle('Normal')[0], edited);

  // The 自评表: two tables, figures with two decimals, the 总分 row as on screen.
  assert.equal(report.tables.length, 2);
  const [funds, indicators] = report.tables;
  assert.ok(funds.cells.some((row) => row.includes('27.50')), 'amounts with two decimals');
  assert.equal(indicators.header_rows, 2);
  const total = indicators.cells.at(-1);
  const totalOnScreen = await page.locator('.report-sheet td.total').allTextContents();
  for (const text of totalOnScreen) assert.ok(total.includes(text), `${text} in ${total}`);
  assert.equal(report.sections[0].width_mm, 210);
  assert.equal(report.sections[0].top_mm, 37);
  assertClean(assert, app);
  await app.close();
});

test('汇总 exports one .docx per listed project in a zip', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await loadExample(page);
  await page.getByRole('link', { name: '项目列表' }).click();
  await loadExample(page);
  await page.getByRole('link', { name: '汇总', exact: true }).click();
  await heading(page, '汇总');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^导出 Word 报告/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.zip$/);
  const file = await saveDownload(download);
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-word-zip-'));
  const names = await unzip(file, dir);
  assert.equal(names.length, 2, names.join(', '));
  assert.match(names[1], /（2）\.docx$/, 'the second copy is named apart');
  const reports = await readOoxml(names.map((n) => join(dir, n)));
  for (const r of reports) {
    assert.deepEqual(r.audit, []);
    assert.match(r.paragraphs[0].text, /自评报告$/);
    assert.equal(r.tables.length, 2);
  }
  assertClean(assert, app);
  await app.close();
});
