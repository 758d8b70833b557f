// Issue 4 acceptance: a new user types the example project in through the
// labels of the single file (file://) and sees it scored live.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addIndicator, fillFunds } from './editing.mjs';
import { FILE_TARGET, assertClean, openApp, sharedBrowser, waitReady } from './harness.mjs';
import { rewriteRecord } from './stored.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

const total = (page) => page.locator('#total-score').textContent();
const grade = (page) => page.locator('#grade').textContent();

/** The indicator row whose 三级指标 input holds `name` (typed text is a property, not an attribute). */
async function rowByName(page, name) {
  const rows = page.locator('.row-indicator');
  const count = await rows.count();
  for (let n = 0; n < count; n++) {
    if ((await rows.nth(n).getByLabel('三级指标').inputValue()) === name) return rows.nth(n);
  }
  throw new Error(`no indicator row named ${name}`);
}

test('typing the example project in gives 100.00 and 优; edits rescore; bad input is kept; reload keeps all', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));

  await page.getByLabel('项目名称').fill('县政务中心互联网网络费、IMS 通讯费');
  await page.getByLabel('实施单位').fill('县政务服务中心');
  await page.getByLabel('年度', { exact: true }).fill('2024');
  await fillFunds(page, '年度资金总额', { 年初预算数: '27.5', 全年预算数: '27.5', 全年执行数: '27.5' });
  await fillFunds(page, '当年财政拨款', { 年初预算数: '27.5', 全年预算数: '27.5', 全年执行数: '27.5' });
  await fillFunds(page, '上年结转资金', { 年初预算数: '0', 全年预算数: '0', 全年执行数: '0' });
  await fillFunds(page, '其他资金', { 年初预算数: '0', 全年预算数: '0', 全年执行数: '0' });
  assert.equal(await page.locator('#execution-rate').textContent(), '100.00%');

  await page.getByRole('button', { name: '使用共性指标框架' }).click();
  await addIndicator(page, '产出指标/数量指标', { name: '保障网络终端数量', kind: '≥ 正向', target: '200', unit: '台', actual: '235', weight: '20' });
  await addIndicator(page, '产出指标/质量指标', { name: '网络终端稳定运行保障天数', kind: '≥ 正向', target: '365', unit: '天', actual: '365', weight: '20' });
  await addIndicator(page, '产出指标/时效指标', { name: '资金支付及时率', kind: '≥ 正向', target: '100', unit: '%', actual: '100', weight: '15' });
  await addIndicator(page, '产出指标/时效指标', { name: '项目完成时间符合目标', kind: '定性', target: '按期完成', unit: '', grade: '达成年度指标', weight: '15' });
  await addIndicator(page, '产出指标/成本指标', { name: '成本偏差率', kind: '± 区间/偏差', target: '0', unit: '%', actual: '0', weight: '20' });

  assert.equal(await total(page), '100.00');
  assert.equal(await grade(page), '优');
  assert.match(await page.locator('.score-panel').textContent(), /总分/);
  assert.match(await page.locator('.score-panel').textContent(), /等级/);

  // One actual value changes the score and the grade: 50 of 200 台 → 5 of 20 points.
  const quantity = await rowByName(page, '保障网络终端数量');
  await quantity.getByLabel('实际完成值').fill('50');
  assert.equal(await quantity.locator('output.score').textContent(), '5.00');
  assert.equal(await total(page), '85.00');
  assert.equal(await grade(page), '良');
  // The explanation of the arithmetic is there on focus.
  await quantity.locator('output.score').focus();
  assert.match(await quantity.locator('.explain').textContent(), /50.*200/);
  // Below full score with no 偏差原因: the field is marked.
  assert.match(await quantity.locator('.reason-cell').textContent(), /偏差原因/);
  assert.match(await quantity.locator('.reason-cell .cell-msg').textContent(), /错误/);
  assert.equal(await quantity.locator('.reason-cell .cell-msg .mark').textContent(), '×');
  await quantity.getByLabel('偏差原因分析及改进措施').fill('部分终端停用');

  // Bad input: the field is marked, its message is in the cell bar, and the text stays.
  await quantity.getByLabel('实际完成值').fill('abc');
  const message = quantity.locator('.actual-cell .cell-msg');
  assert.match(await message.textContent(), /abc/);
  assert.match(await page.locator('#cell-bar-msg').textContent(), /错误：.*abc/);
  assert.equal(await quantity.getByLabel('实际完成值').inputValue(), 'abc');
  assert.equal(await quantity.getByLabel('实际完成值').getAttribute('aria-invalid'), 'true');

  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getByLabel('项目名称').inputValue(), '县政务中心互联网网络费、IMS 通讯费');
  const reloaded = await rowByName(page, '保障网络终端数量');
  assert.equal(await reloaded.getByLabel('实际完成值').inputValue(), 'abc');
  assert.equal(await reloaded.getByLabel('偏差原因分析及改进措施').inputValue(), '部分终端停用');
  assert.equal(await page.locator('.row-indicator').count(), 5);
  assert.equal(await total(page), '80.00');
  assert.equal(await grade(page), '良');
  assertClean(assert, app);
  await app.close();
});

test('the 体检 list points at the field: clicking an item focuses it', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  assert.equal(await total(page), '100.00');
  const panel = page.locator('.score-panel');
  assert.match(await panel.textContent(), /效益/);
  assert.match(await panel.textContent(), /满意度/);
  await page.getByLabel('项目名称').fill('');
  const item = page.locator('.findings button', { hasText: '项目名称' });
  await item.click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-name', null, { timeout: 2000 });
  assertClean(assert, app);
  await app.close();
});

test('Enter moves down a column; in the last row it adds a row and goes there', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  const rows = page.locator('.row-indicator');
  const before = await rows.count();
  await rows.first().getByLabel('三级指标').focus();
  await page.keyboard.press('Enter');
  const secondId = await rows.nth(1).getAttribute('data-indicator');
  await page.waitForFunction((id) => document.activeElement?.id === `f-indicator-${id}-name`, secondId);
  assert.equal(await rows.count(), before, 'Enter inside the table only moves');
  await rows.last().getByLabel('三级指标').focus();
  await page.keyboard.press('Enter');
  assert.equal(await rows.count(), before + 1);
  // The new row's name takes the focus once it is rendered (next animation frame).
  const newId = await rows.last().getAttribute('data-indicator');
  await page.waitForFunction((id) => document.activeElement?.id === `f-indicator-${id}-name`, newId);
  await page.keyboard.type('新指标');
  assert.equal(await rows.last().getByLabel('三级指标').inputValue(), '新指标');
  assertClean(assert, app);
  await app.close();
});

test('a 300-indicator project: editing one actual value updates the total', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  // Grow the stored example to 300 indicators of 0.3 points (≥ 200 台, actual 235).
  await rewriteRecord(page, ({ project }) => {
    const group = project.indicators[0].groups[0];
    const template = { ...group.indicators[0], weight: '0.3', target: '200', actual: '235', kind: 'AtLeast' };
    project.indicators = [{ name: '产出指标', weight: '', groups: [{ name: '数量指标', weight: '', indicators: [] }] }];
    for (let n = 0; n < 300; n++) {
      project.indicators[0].groups[0].indicators.push({ ...template, id: n + 1, name: `指标${n + 1}` });
    }
  });
  await page.reload();
  await waitReady(page);
  assert.equal(await page.locator('.row-indicator').count(), 300);
  assert.equal(await total(page), '100.00'); // 300 × 0.3 + 10
  const samples = [];
  for (let n = 0; n < 12; n++) {
    const actual = n % 2 === 0 ? '100' : '235';
    const ms = await page.evaluate((value) => {
      const input = document.getElementById('f-indicator-151-actual');
      const out = document.getElementById('total-score');
      return new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(out, { childList: true, characterData: true, subtree: true });
        const start = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, actual);
    samples.push(ms);
    // 0.3 × 100 / 200 = 0.15: the total drops by 0.15 and comes back.
    assert.equal(await total(page), n % 2 === 0 ? '99.85' : '100.00');
  }
  samples.sort((a, b) => a - b);
  console.log(`# edit latency, 300 indicators, input → total updated: median ${samples[6].toFixed(1)} ms, max ${samples[11].toFixed(1)} ms`);
  assertClean(assert, app);
  await app.close();
});

test('撤销 of typing in a header field shows the text as it was: the editor is drawn anew, not patched', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  const leader = page.getByLabel('项目负责人');
  const before = await leader.inputValue();
  await leader.fill('临时填写');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('button', { name: '撤销' }).click();
  await page.waitForFunction((v) => document.getElementById('f-leader')?.value === v, before);
  await page.getByRole('button', { name: '重做' }).click();
  await page.waitForFunction(() => document.getElementById('f-leader')?.value === '临时填写');
  assertClean(assert, app);
  await app.close();
});
