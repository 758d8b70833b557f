// Issue 17 (part): 年度复制 from the 项目列表 starts next year's project from
// this one: same indicators and targets, no actuals; the 体检 flags a target
// below last year's actual, and the report states last year's score.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';
import { readOoxml } from './ooxml.mjs';

const browser = sharedBrowser(before, after);

/** Loads the example, copies it with 下一年度 and opens the copy; returns the example's 总分. */
async function exampleToNextYear(page) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  const total = (await page.locator('.project-list tbody tr td.num').first().textContent()).trim();
  await page.getByRole('button', { name: '下一年度' }).click();
  await heading(page, '编辑');
  return total;
}

test('下一年度 copies the example to 2025 with last year kept beside it', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  const total = await exampleToNextYear(page);
  assert.equal(await page.locator('#f-year').inputValue(), '2025');
  // Targets kept, actuals empty.
  assert.equal(await page.locator('#f-indicator-2-target').inputValue(), '≥200');
  assert.equal(await page.locator('#f-indicator-2-actual').inputValue(), '');
  const findings = (await page.locator('ul.findings li').allTextContents()).join('\n');
  assert.match(findings, /“保障网络终端数量”年度指标值 ≥200 低于上年实际完成值 235/);

  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  const report = await page.locator('.report-sheet').textContent();
  assert.ok(
    report.includes(`上年（2024 年度）自评得分 ${total} 分，绩效等级“优”。本年度绩效指标的年度指标值与上年相同。`),
    report.slice(0, 2000),
  );

  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  const years = await page.locator('.project-list tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(years.sort(), ['2024', '2025']);
  assertClean(assert, app);
  await app.close();
});

async function saveDownload(download) {
  const file = join(await mkdtemp(join(tmpdir(), 'jixiao-cycle-')), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

// Issue 17 acceptance: example → 年度复制 to 2025 → monitoring at 7月31日 with
// two lagging indicators (red and yellow, 汇总 lists the project first) → a
// target adjusted with a 文号 → year-end actuals → the report states the
// adjustment and last year's score.
test('the year: copy, monitor with lights, adjust a target with its 文号, evaluate', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  const total = await exampleToNextYear(page);
  await page.locator('#f-funds-total-annual_budget').fill('30');

  // 运行监控 at the default cut-off, 31 July 2025.
  await page.getByRole('link', { name: '目标与监控' }).click();
  await heading(page, '目标与监控');
  assert.equal(await page.locator('#cycle-stage').textContent(), '目标');
  await page.getByRole('button', { name: '开始运行监控' }).focus();
  await page.keyboard.press('Enter');
  // The button gives way to the form, and the keyboard lands in it.
  await page.waitForFunction(() => document.activeElement?.id === 'mon-cutoff', null, { timeout: 2000 });
  assert.equal(await page.locator('#mon-cutoff').inputValue(), '2025-07-31');
  assert.equal(await page.locator('#cycle-stage').textContent(), '监控');
  await page.locator('#mon-executed').fill('16');
  // A typo keeps its text and says why next to the field.
  await page.locator('#mon-forecast').fill('3O');
  assert.match(await page.locator('#mon-forecast-msg').textContent(), /./);
  assert.equal(await page.locator('#mon-forecast').inputValue(), '3O');
  await page.locator('#mon-forecast').fill('30');
  assert.equal(await page.locator('#mon-forecast-msg').textContent(), '');
  // 60 of ≥200 台 at 58% of the year: red; 资金支付及时率 92% of ≥100%: yellow.
  await page.locator('#mon-2-progress').fill('60');
  await page.locator('#mon-2-cause').selectOption('硬件条件保障');
  await page.locator('#mon-2-likelihood').selectOption({ label: '有可能' });
  await page.locator('#mon-2-remedy').fill('追加终端采购');
  await page.locator('#mon-4-progress').fill('92');
  await page.locator('#mon-1-progress').fill('212');
  assert.equal(await page.locator('#mon-2-light .light').textContent(), '红灯');
  assert.match(await page.locator('#mon-2-light').textContent(), /完成进度 30\.00% 落后时间进度 58\.08% 达 28\.1 个百分点/);
  assert.equal(await page.locator('#mon-4-light .light').textContent(), '黄灯');
  assert.equal(await page.locator('#mon-1-light .light').textContent(), '绿灯');
  assert.match(await page.locator('#monitor-summary').textContent(), /项目预警：红灯.*可能无法完成目标的指标 2 项/);
  // Every field has a visible label and points at what describes it: its
  // message and, in a row, the row's 三级指标.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('main input, main select')].filter((el) => {
      const label = document.querySelector(`label[for="${el.id}"]`);
      const missing = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !document.getElementById(id));
      return !el.id || !label || !label.textContent.trim() || missing.length > 0;
    }).map((el) => el.id || el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  assert.match(await page.locator('#mon-2-progress').getAttribute('aria-describedby'), /^mon-2-name /);
  assert.equal(await page.locator('#mon-2-name').textContent(), '保障网络终端数量');
  // The thresholds are rule data: 红灯 at 30 points turns the 28.1 points yellow;
  // a yellow above the red is refused next to the field, the text kept.
  await page.locator('#monitor-red').fill('30');
  assert.equal(await page.locator('#mon-2-light .light').textContent(), '黄灯');
  await page.locator('#monitor-yellow').fill('35');
  assert.equal(await page.locator('#monitor-yellow-msg').textContent(), '黄灯的百分点应小于红灯的');
  assert.equal(await page.locator('#monitor-yellow').inputValue(), '35');
  await page.locator('#monitor-yellow').fill('10');
  await page.locator('#monitor-red').fill('20');
  assert.equal(await page.locator('#mon-2-light .light').textContent(), '红灯');
  assert.equal(await page.locator('#monitor-yellow-msg').textContent(), '');

  // The 监控表, on the page and as .xlsx read by openpyxl and openxml-audit.
  await page.getByRole('button', { name: '显示绩效监控表' }).click();
  const sheet = await page.locator('.cycle-sheet').textContent();
  assert.match(sheet, /项目支出绩效目标执行监控表（2025 年度）/);
  assert.match(sheet, /1-7月完成情况/);
  assert.match(sheet, /可能无法完成目标的指标 2 项：“保障网络终端数量”红灯/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel（监控表）' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /监控表\.xlsx$/);
  const [book] = await readOoxml([await saveDownload(download)]);
  assert.deepEqual(book.audit, []);
  const cells = Object.values(book.sheets['监控表'].cells).map((c) => c.text ?? c.number);
  for (const expected of ['红灯', '黄灯', '硬件条件保障', '有可能', '追加终端采购', 16]) {
    assert.ok(cells.includes(expected), `${expected} in the sheet`);
  }

  // 汇总: the monitored project with its red light comes first.
  await page.getByRole('link', { name: '汇总' }).click();
  await heading(page, '汇总');
  const first = page.locator('#overview-table tbody tr').first();
  assert.match(await first.textContent(), /2025.*监控.*红灯，2 项指标预警/);

  // 目标调整 with its 文号 (back on the project's page, from the 汇总's stage link).
  await first.getByRole('link', { name: '监控' }).click();
  await heading(page, '目标与监控');
  await page.getByRole('button', { name: /^调整\s*“保障网络终端数量”$/ }).click();
  await page.locator('#adj-target').fill('≥190');
  await page.locator('#adj-date').fill('2025-08-15');
  await page.locator('#adj-approval').fill('县财预〔2025〕18号');
  await page.locator('#adj-reason').fill('部分科室合并，终端需求减少');
  await page.getByRole('button', { name: '确认调整' }).click();
  // Focus goes back to the row's button, for the keyboard.
  // Focus moves on the next frame, once the form is gone.
  await page.waitForFunction(() => document.activeElement?.id === 'adj-open-2', null, { timeout: 2000 });
  assert.match(await page.locator('.adjustments').textContent(), /“保障网络终端数量”年度指标值由 ≥200 调整为 ≥190/);
  // A second change, of the 分值, entered by mistake and taken back.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'adj-target', null, { timeout: 2000 });
  await page.locator('#adj-weight').fill('15');
  await page.getByRole('button', { name: '确认调整' }).click();
  assert.equal(await page.locator('.adjustments li').count(), 2);
  await page.getByRole('button', { name: '撤销此次调整' }).click();
  assert.equal(await page.locator('.adjustments li').count(), 1);
  assert.match(await page.locator('#sec-adjust ~ .table-scroll tbody tr').nth(1).textContent(), /≥19020已调整 1 次/);
  assert.equal(await page.locator('#adj-2-0-approval').inputValue(), '县财预〔2025〕18号');
  await page.getByRole('button', { name: '显示绩效目标申报表' }).click();
  assert.match(await page.locator('.cycle-sheet').textContent(), /保障网络终端数量≥ 正向≥200台20/);
  const [targets] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel（目标表）' }).click(),
  ]);
  const [targetBook] = await readOoxml([await saveDownload(targets)]);
  assert.deepEqual(targetBook.audit, []);
  const targetCells = Object.values(targetBook.sheets['目标表'].cells).map((c) => c.text ?? c.number);
  assert.ok(targetCells.includes('≥200') && !targetCells.includes('≥190'), 'the targets as submitted');

  // Year end: actuals in the editor, scored against the adjusted target.
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await heading(page, '编辑');
  assert.equal(await page.locator('#f-indicator-2-target').inputValue(), '≥190');
  await page.locator('#f-indicator-2-actual').fill('195');
  await page.locator('#f-funds-total-executed').fill('29');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  const report = await page.locator('.report-sheet').textContent();
  assert.ok(report.includes(`上年（2024 年度）自评得分 ${total} 分，绩效等级“优”。`), report.slice(0, 1500));
  assert.ok(
    report.includes('年度执行中经批准调整绩效指标 1 项：“保障网络终端数量”年度指标值由 ≥200 调整为 ≥190（2025年8月15日，批准文号：县财预〔2025〕18号，原因：部分科室合并，终端需求减少）。'),
    report,
  );
  assert.ok(report.includes('指标调整：“保障网络终端数量”年度指标值原为 ≥200，调整为 ≥190（县财预〔2025〕18号）。'), report);
  assertClean(assert, app);
  await app.close();
});

/** The monitor.* rule ids of the 体检 list in the editor's panel, sorted. */
async function listedMonitorRules(page) {
  const tags = await page.locator('ul.findings li .rule').allTextContents();
  return tags.map((t) => t.split('·')[1].trim()).filter((id) => id.startsWith('monitor.')).sort();
}

// Issue 26 (item 3): the monitoring form's problems are findings of named
// rules: shown under their field, listed (and filtered) in the editor's
// 体检, and a click there goes back to the field on its page.
test('problems of the monitoring form are in the 体检 with their rule and lead back to the field', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await heading(page, '编辑');
  assert.deepEqual(await listedMonitorRules(page), []);

  await page.getByRole('link', { name: '目标与监控' }).click();
  await heading(page, '目标与监控');
  await page.getByRole('button', { name: '开始运行监控' }).click();
  assert.equal(await page.locator('#mon-cutoff-msg').textContent(), '');
  // The example is of 2024: a cut-off in 2023 is outside its year.
  await page.locator('#mon-cutoff').fill('2023-07-31');
  assert.match(await page.locator('#mon-cutoff-msg').textContent(), /./);
  assert.equal(await page.locator('#mon-cutoff').getAttribute('aria-invalid'), 'true');
  await page.locator('#mon-executed').fill('3O');
  assert.match(await page.locator('#mon-executed-msg').textContent(), /./);
  assert.equal(await page.locator('#mon-executed').inputValue(), '3O');

  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await heading(page, '编辑');
  assert.deepEqual(await listedMonitorRules(page), ['monitor.cutoff.outside_year', 'monitor.figure.unreadable']);
  // Both apply at the 监控 stage; only the figure is a matter of 规范性.
  await page.getByLabel('适用阶段').selectOption({ label: '监控' });
  await page.getByLabel('类别').selectOption({ label: '规范性' });
  assert.deepEqual(await listedMonitorRules(page), ['monitor.figure.unreadable']);

  // A click on the finding opens the monitoring form at the field.
  await page.locator('ul.findings li', { hasText: 'monitor.figure.unreadable' }).locator('button.link').click();
  await heading(page, '目标与监控');
  await page.waitForFunction(() => document.activeElement?.id === 'mon-executed', null, { timeout: 2000 });
  await page.locator('#mon-executed').fill('16');
  assert.equal(await page.locator('#mon-executed-msg').textContent(), '');
  await page.locator('#mon-cutoff').fill('');
  assert.match(await page.locator('#mon-cutoff-msg').textContent(), /./);

  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await heading(page, '编辑');
  await page.getByLabel('类别').selectOption({ label: '全部' });
  assert.deepEqual(await listedMonitorRules(page), ['monitor.cutoff.blank']);
  assertClean(assert, app);
  await app.close();
});
