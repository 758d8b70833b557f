// Issue 25 items 1 and 2: 定性 grades read from a table that gives none (its
// 得分 against 分值, else the words of 实际完成值), each listed with its reason
// in the paste and import previews, taken back there or in the grid in one
// click; units written inside values are the unit (the 计量单位 cell shows it
// as read, no 未填写 warning).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pasteInto } from './editing.mjs';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';
import { storedProject } from './projects.mjs';

const browser = sharedBrowser(before, after);
const ROOT = new URL('../../', import.meta.url).pathname;

const HEAD = ['一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '实际完成值', '分值', '得分'];
const ROWS = [
  ['产出指标', '数量指标', '保障网络终端数量', '', '≥200台', '235台', '20', '20'],
  ['产出指标', '时效指标', '项目按时完成', '定性', '按年初计划完成', '按计划完成', '5', '5'],
  ['效益指标', '社会效益指标', '服务规范化', '定性', '有效', '达到预期', '10', ''],
  ['效益指标', '社会效益指标', '窗口改造', '定性', '按期完成', '未完成', '10', '10'],
];
const tsv = () => [HEAD, ...ROWS].map((r) => r.join('\t')).join('\r\n') + '\r\n';

async function newProject(page) {
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
}

/** Indicator ids by 三级 name, from the stored document. */
async function idsByName(page) {
  const project = await storedProject(page);
  const out = {};
  for (const l1 of project.indicators) for (const l2 of l1.groups) for (const ind of l2.indicators) out[ind.name] = ind;
  return out;
}

const scoreOf = (page, id) => page.locator(`[data-score-for="${id}"]`).textContent();

test('a pasted table: grades read from its 得分 and words, with reasons; one taken back in the preview, one in the grid', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await newProject(page);
  await pasteInto(page, '#paste-target', { 'text/plain': tsv() });
  const preview = page.locator('#paste-preview');
  await preview.waitFor();
  const inferred = preview.locator('.grades-inferred li');
  assert.deepEqual(
    (await inferred.allTextContents()).map((t) => t.replace(/撤回$/, '').trim()),
    ['“项目按时完成”：表中得分 5/5 → 达成', '“服务规范化”：实际完成值“达到预期” → 达成'],
  );
  assert.match(
    await preview.locator('.grades-left').textContent(),
    /“窗口改造”：表中得分 10\/10 是“达成”，但实际完成值“未完成”不是，请选择评价等级/,
  );
  const takeBack = inferred.nth(1).getByRole('button', { name: '撤回' });
  await takeBack.click();
  assert.equal(await inferred.nth(1).getByRole('button').textContent(), '已撤回');
  assert.ok(await inferred.nth(1).getByRole('button').isDisabled());
  await page.locator('#paste-apply').click();
  await preview.waitFor({ state: 'detached' });

  const byName = await idsByName(page);
  const onTime = byName['项目按时完成'];
  assert.equal(onTime.qualitative_grade, 'Achieved');
  assert.equal(onTime.inferred_grade.reason, '表中得分 5/5 → 达成');
  assert.equal(onTime.qualitative_score, '5');
  assert.equal(byName['服务规范化'].qualitative_grade, null, 'taken back before applying');
  assert.equal(byName['服务规范化'].inferred_grade, undefined);
  assert.equal(byName['窗口改造'].qualitative_grade, null, 'the words deny the score: left to the user');
  assert.equal(await scoreOf(page, onTime.id), '5.00');
  assert.equal(await scoreOf(page, byName['服务规范化'].id), '0.00');
  assert.equal(await scoreOf(page, byName['窗口改造'].id), '0.00');

  // The unit written in the value is the unit: shown as read, no warning.
  const units = byName['保障网络终端数量'];
  assert.equal(units.unit, '', 'nothing written into the field');
  const unitCell = page.locator(`#f-indicator-${units.id}-unit`);
  assert.equal(await unitCell.getAttribute('placeholder'), '台');
  assert.equal(await page.locator(`#f-indicator-${units.id}-unit-msg`).textContent(), '');
  assert.equal(await scoreOf(page, units.id), '20.00');

  // In the grid: the inference is marked, and one click takes it back.
  const row = page.locator(`tr[data-indicator="${onTime.id}"]`);
  assert.match(await row.locator('.grade-inferred').textContent(), /据表推断：表中得分 5\/5 → 达成/);
  await row.getByRole('button', { name: '撤回推断' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-score-for="${id}"]`)?.textContent === '0.00', onTime.id);
  assert.equal(await page.locator(`#f-indicator-${onTime.id}-qualitative_grade`).inputValue(), '');
  const back = (await idsByName(page))['项目按时完成'];
  assert.equal(back.qualitative_grade, null);
  assert.equal(back.qualitative_score, '');
  assert.equal(back.inferred_grade, undefined);
  assertClean(assert, app);
  await app.close();
});

/** The example's 附1 as openpyxl writes it (no grades printed, the 定性 row). */
async function exampleByOpenpyxl() {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-grades-'));
  const path = join(dir, 'example-openpyxl.xlsx');
  const script = `
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '自评表'
for row in [
  ['项目支出绩效自评表（2024 年度）'],
  ['填报单位：县政务服务中心', '', '', '', '', '', '金额单位：万元'],
  ['项目名称', '县政务中心互联网网络费、IMS 通讯费'],
  ['主管部门', '', '', '', '实施单位', '县政务服务中心'],
  ['项目资金（万元）', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['', '年度资金总额', '', 27.5, 27.5, 27.5, 10, '100%', 10],
  ['', '其中：当年财政拨款', '', 27.5, 27.5, 27.5, '—', '—', '—'],
  ['', '上年结转资金', '', 0, 0, 0, '—', '—', '—'],
  ['', '其他资金', '', 0, 0, 0, '—', '—', '—'],
  ['绩效指标'],
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['产出指标', '质量指标', '网络终端稳定运行保障天数', '≥365 天', '365 天', 20, 20, ''],
  ['', '数量指标', '保障网络终端数量', '≥200 台', '235 台', 20, 20, ''],
  ['', '成本指标', '成本偏差率', '±0%', '0%', 20, 20, ''],
  ['', '时效指标', '资金支付及时率', '≥100%', '100%', 15, 15, ''],
  ['', '', '项目按时完成', '按年初计划完成', '按计划完成', 15, 15, ''],
  ['总分', '', '', '', '', 100, 100, ''],
]:
    ws.append(row)
wb.save(sys.argv[1])
`;
  execFileSync(join(ROOT, '.venv/bin/python'), ['-c', script, path]);
  return path;
}

test('the example written by openpyxl imports at 100.00; the grade read from its 得分 is listed and can be taken back', async () => {
  const file = await exampleByOpenpyxl();
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  const dialog = page.getByRole('dialog', { name: 'Excel 导入预览' });

  await page.locator('#import-xlsx').setInputFiles(file);
  await dialog.waitFor();
  assert.match(await dialog.locator('.xlsx-score').textContent(), /总分 100\.00，等级 优/);
  const inferred = dialog.locator('.grades-inferred li');
  assert.equal(await inferred.count(), 1);
  assert.match(await inferred.textContent(), /“项目按时完成”：表中得分 15\/15 → 达成/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await page.locator('.project-list tbody a').first().click();
  await heading(page, '编辑');
  assert.equal(await page.locator('#total-score').textContent(), '100.00');
  assert.equal(await page.locator('.grade-inferred').count(), 1);

  // The same file again, the grade taken back in the preview: scored as before.
  await page.goto(FILE_TARGET.url + '#/');
  await page.locator('#import-xlsx').setInputFiles(file);
  await dialog.waitFor();
  await dialog.locator('.grades-inferred').getByRole('button', { name: '撤回' }).click();
  await page.waitForFunction(() => /总分 85\.00/.test(document.querySelector('.xlsx-score')?.textContent ?? ''));
  await dialog.getByRole('button', { name: '保留两份' }).click();
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: '新增 1 个项目' }).waitFor();
  assertClean(assert, app);
  await app.close();
});
