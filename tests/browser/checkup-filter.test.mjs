// Issue 26 (item 3): the 体检 lists each finding with its category and rule
// id, filters by category and by the stage a rule applies at (labelled
// selects, by keyboard too), exports what it shows as CSV, and the report's
// 体检摘要 follows the same filter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';

const browser = sharedBrowser(before, after);
const RULE_ID = /^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$/;

/** Each listed finding's category and rule id, from its rule tag. */
async function listed(page) {
  const tags = await page.locator('ul.findings li .rule').allTextContents();
  return tags.map((t) => {
    const [category, id] = t.split('·').map((s) => s.trim());
    return { category, id };
  });
}

test('the 体检 filters by category and stage, by keyboard too, and exports what it shows', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.getByLabel('项目名称').fill('');

  const all = await listed(page);
  assert.ok(all.length >= 4, JSON.stringify(all));
  assert.ok(all.every((f) => RULE_ID.test(f.id)), JSON.stringify(all));
  assert.ok(all.some((f) => f.id === 'header.name.blank' && f.category === '完整性'), JSON.stringify(all));
  assert.equal(await page.locator('.findings-shown').textContent(), '');

  // By keyboard: the first category after 全部 is 完整性.
  const category = page.getByLabel('类别');
  await category.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#findings-category').value === '0');
  const complete = await listed(page);
  assert.ok(complete.length > 0 && complete.length < all.length, JSON.stringify(complete));
  assert.ok(complete.every((f) => f.category === '完整性'), JSON.stringify(complete));
  assert.equal(
    await page.locator('.findings-shown').textContent(),
    `按筛选显示 ${complete.length} / ${all.length} 项`,
  );

  // 合理性 at the 目标 stage: the year-end 效益/满意度 and weight rules drop out.
  await category.selectOption({ label: '合理性' });
  const plausible = await listed(page);
  assert.ok(plausible.some((f) => f.id === 'framework.benefit.missing_high_total'), JSON.stringify(plausible));
  assert.ok(plausible.some((f) => f.id === 'weights.level1.differs_from_rules'), JSON.stringify(plausible));
  await page.getByLabel('适用阶段').selectOption({ label: '目标' });
  assert.deepEqual(await listed(page), []);
  // 完整性 at the 目标 stage: the blank name stays.
  await category.selectOption({ label: '完整性' });
  const atTargets = await listed(page);
  assert.ok(atTargets.some((f) => f.id === 'header.name.blank'), JSON.stringify(atTargets));
  assert.ok(atTargets.length <= complete.length, JSON.stringify(atTargets));

  // The CSV holds the findings shown, each with its rule and category.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出体检（CSV）' }).click(),
  ]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const rows = csv.split('\r\n').filter(Boolean).map((line) => line.split(','));
  assert.deepEqual(rows[0], ['严重程度', '类别', '规则', '适用阶段', '位置', '说明', '可改为']);
  assert.deepEqual(rows.slice(1).map((r) => r[2]).sort(), atTargets.map((f) => f.id).sort());
  assert.ok(rows.slice(1).every((r) => r[1] === '完整性' && r[3].includes('目标')), csv);

  // The report's 体检摘要 follows the same filter, and says which rule.
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  // 完整性 is the first category, 目标 the first stage.
  assert.equal(await page.locator('#checks-summary-category').inputValue(), '0');
  assert.equal(await page.locator('#checks-summary-stage').inputValue(), '0');
  const summary = await page.locator('.checks-summary li').allTextContents();
  assert.ok(summary.length > 0 && summary.every((t) => t.includes('完整性 · ')), summary.join('\n'));
  await page.locator('#checks-summary-category').selectOption({ label: '全部' });
  await page.locator('#checks-summary-stage').selectOption({ label: '全部' });
  assert.ok((await page.locator('.checks-summary li').allTextContents()).some((t) => t.includes('header.name.blank')));
  assertClean(assert, app);
  await app.close();
});
