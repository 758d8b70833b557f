// Issue 27 item 4: a reviewer imports many units' 绩效目标申报表 at once,
// decides on the findings of one project (不采纳, 修改), adds an opinion of
// their own, concludes 退回修改, writes the 审核意见表 (read back by openpyxl:
// one row per project) and hands a unit its projects back as an exchange
// file, which shows the opinions in the unit's editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { readOoxml } from './ooxml.mjs';

const browser = sharedBrowser(before, after);
const ROOT = new URL('../../', import.meta.url).pathname;

test('审核: three workbooks of 48 declarations, decisions on findings, 审核意见表 and the opinions back in the unit\'s editor', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-review-'));
  execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'tests/browser/tools/make_declarations.py'), dir, '3', '16']);
  const files = [1, 2, 3].map((n) => join(dir, `申报表-${n}.xlsx`));

  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await page.getByRole('link', { name: '审核', exact: true }).click();
  await page.getByRole('heading', { name: '审核', level: 1 }).waitFor();
  await page.setInputFiles('#review-files', files);
  const preview = page.locator('.review-batch');
  await preview.waitFor();
  assert.match(await preview.textContent(), /共找到 48 个项目/);
  for (const n of [1, 2, 3]) assert.match(await preview.textContent(), new RegExp(`申报表-${n}\\.xlsx”：16 个项目`));
  await preview.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.review-count', { hasText: '共 48 个项目' }).waitFor();
  const rows = page.locator('table.review-list tbody tr');
  assert.equal(await rows.count(), 48);
  assert.match(await page.locator('table.review-list thead').textContent(), /完整性/);

  // One project: its 年度目标 is blank, one indicator has no unit.
  await page.getByRole('link', { name: '第2批项目02' }).click();
  await page.getByRole('heading', { name: /审核：第2批项目02/ }).waitFor();
  const items = page.locator('.review-items > li');
  assert.ok((await items.count()) >= 2, 'findings to decide on');
  const first = (await items.nth(0).locator('p').first().textContent()).replace(/\s*\S+$/, '');
  await items.nth(0).getByRole('button', { name: '不采纳' }).click();
  await page.waitForFunction(() => document.querySelector('.review-items > li')?.classList.contains('dismissed'));
  await items.nth(1).getByRole('button', { name: '修改' }).click();
  const edit = page.getByLabel('修改后的意见');
  await edit.fill('请补充量化的年度目标，写明完成多少');
  // Typed key by key, as a reviewer does: the field keeps the focus.
  await edit.pressSequentially('、达到什么效果。');
  assert.equal(await edit.inputValue(), '请补充量化的年度目标，写明完成多少、达到什么效果。');
  await page.getByLabel('意见类别').selectOption('可行性');
  await page.getByLabel('新增意见').fill('项目预算与实施内容不匹配，建议压减。');
  await page.getByRole('button', { name: '添加意见' }).click();
  const own = page.getByLabel('可行性（自拟意见 1）');
  await own.press('End');
  await own.pressSequentially('（附测算表）');
  assert.equal(await own.inputValue(), '项目预算与实施内容不匹配，建议压减。（附测算表）');
  await page.getByRole('button', { name: '退回修改' }).click();
  const sheet = page.locator('.review-sheet');
  await sheet.getByText('请补充量化的年度目标').waitFor();
  assert.match(await sheet.textContent(), /退回修改/);
  assert.match(await sheet.textContent(), /项目预算与实施内容不匹配/);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  // The 审核意见表: one row per project, the decisions in the reviewed row.
  await page.getByRole('link', { name: '返回审核列表' }).click();
  await page.locator('.review-count', { hasText: '共 48 个项目' }).waitFor();
  const reviewed = page.locator('table.review-list tbody tr', { hasText: '第2批项目02' });
  assert.match(await reviewed.textContent(), /退回修改/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出审核意见表（Excel）' }).click(),
  ]);
  const table = join(dir, 'table.xlsx');
  await download.saveAs(table);
  const [report] = await readOoxml([table]);
  assert.deepEqual(report.audit, []);
  const cells = Object.values(report.sheets)[0].cells;
  const text = (at) => (cells[at] === undefined ? '' : String(cells[at].text ?? cells[at].number ?? ''));
  const heads = [];
  for (let c = 0; c < 26; c++) heads.push(text(`${String.fromCharCode(65 + c)}1`));
  assert.deepEqual(heads.slice(0, 5), ['序号', '项目编码', '项目名称', '申报单位', '申报金额（万元）']);
  for (const category of ['完整性意见', '可行性意见', '审核结论']) assert.ok(heads.includes(category), `${category} in ${heads}`);
  const names = [];
  for (let r = 2; text(`C${r}`) !== ''; r++) names.push(text(`C${r}`));
  assert.equal(names.length, 48, 'one row per project');
  const at = names.indexOf('第2批项目02') + 2;
  const column = (head) => String.fromCharCode(65 + heads.indexOf(head));
  assert.equal(text(`${column('审核结论')}${at}`), '退回修改');
  const opinions = heads.filter((h) => h.endsWith('意见')).map((h) => text(`${column(h)}${at}`)).join('\n');
  assert.match(opinions, /请补充量化的年度目标/);
  assert.match(opinions, /1\. 项目预算与实施内容不匹配/);
  assert.ok(!opinions.includes(first), `the dismissed finding (${first}) is left out: ${opinions}`);

  // The unit's projects back as an exchange file; in the unit's browser the
  // editor shows the reviewer's opinions and conclusion.
  await page.getByLabel('单位').selectOption('审核测试单位2');
  const [exchange] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出该单位项目（含审核意见）' }).click(),
  ]);
  const file = join(dir, 'unit.json');
  await exchange.saveAs(file);
  const json = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(json.projects.length, 16);
  assertClean(assert, app);
  await app.close();

  const unit = await openApp(browser(), FILE_TARGET);
  const mine = unit.page;
  await mine.setInputFiles('#import-file', file);
  await mine.locator('.import-notice', { hasText: '新增 16 个' }).waitFor();
  await mine.getByRole('link', { name: '第2批项目02' }).click();
  const notes = mine.locator('.review-notes');
  await notes.waitFor();
  assert.match(await notes.textContent(), /审核结论：退回修改/);
  assert.match(await notes.textContent(), /请补充量化的年度目标/);
  assertClean(assert, unit);
  await unit.close();
});
