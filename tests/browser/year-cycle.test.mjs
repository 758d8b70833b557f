// Issue 17 (part): 年度复制 from the 项目列表 starts next year's project from
// this one: same indicators and targets, no actuals; the 体检 flags a target
// below last year's actual, and the report states last year's score.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';

const browser = sharedBrowser(before, after);

test('下一年度 copies the example to 2025 with last year kept beside it', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  const total = (await page.locator('.project-list tbody tr td.num').first().textContent()).trim();

  await page.getByRole('button', { name: '下一年度' }).click();
  await heading(page, '编辑');
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
