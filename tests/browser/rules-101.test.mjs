// Issue 25 item 5: 财预〔2021〕101号's quantitative rule — 完成率 below 60%
// scores 0, above it (完成率 − 60%) ÷ 40% × 分值 — as a rule option and in
// the 中央部门 preset, with its arithmetic shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { openExample } from './editing.mjs';

const browser = sharedBrowser(before, after);

async function rowByName(page, name) {
  const rows = page.locator('.row-indicator');
  for (let n = 0; n < (await rows.count()); n++) {
    if ((await rows.nth(n).getByLabel('三级指标').inputValue()) === name) return rows.nth(n);
  }
  throw new Error(`no indicator row named ${name}`);
}

test('the pass mark scores a missed quantity by 101号, and 10号 scores it back', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await openExample(page);
  const row = await rowByName(page, '保障网络终端数量');
  // 170 of ≥ 200 台: 完成率 85%.
  await row.getByLabel('实际完成值').fill('170');
  assert.equal(await row.locator('output.score').textContent(), '17.00', '10号: 20 × 170 ÷ 200');

  await page.locator('#rules-quantitative').selectOption('pass-mark');
  await page.waitForFunction(() => document.querySelector('#total-score')?.textContent === '92.50');
  assert.equal(await row.locator('output.score').textContent(), '12.50');
  await row.locator('output.score').focus();
  assert.match(await row.locator('.explain').textContent(), /完成率 85% → \(85% − 60%\) ÷ 40% × 20 = 12\.50/);

  // Below the pass mark: nothing.
  await row.getByLabel('实际完成值').fill('110');
  assert.equal(await row.locator('output.score').textContent(), '0.00');

  await page.locator('#rules-quantitative').selectOption('proportional');
  assert.equal(await row.locator('output.score').textContent(), '11.00', '10号: 20 × 110 ÷ 200');
  assertClean(assert, app);
  await app.close();
});

test('the 中央部门（101号计分） preset brings the pass mark with it', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await openExample(page);
  await page.locator('#f-rules').selectOption({ label: '中央部门（101号计分）' });
  await page.waitForFunction(() => document.querySelector('#rules-quantitative')?.value === 'pass-mark');
  const row = await rowByName(page, '保障网络终端数量');
  await row.getByLabel('实际完成值').fill('180');
  // 完成率 90% → (90 − 60) ÷ 40 × 20 = 15.
  assert.equal(await row.locator('output.score').textContent(), '15.00');
  assertClean(assert, app);
  await app.close();
});
