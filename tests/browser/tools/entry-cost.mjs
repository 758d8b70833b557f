// What entering the example project costs, typed into the grid versus
// pasted from the 附1 table a clerk already has in Excel/WPS:
//   node tests/browser/tools/entry-cost.mjs
// Both ways type the same 项目名称, 实施单位, 年度 and funds; they differ in
// the indicator table. Counts are of what the script does as a user would
// (fields given a value, characters typed, other keys, clicks); seconds are
// the script's own wall-clock time in headless Chromium (the app's cost,
// not a person's). A person's time is estimated with the keystroke-level
// model's textbook constants, stated below: an estimate, not a measurement.
import { performance } from 'node:perf_hooks';
import { pasteInto } from '../editing.mjs';
import { FILE_TARGET, launchBrowser, openApp } from '../harness.mjs';
import { EXAMPLE_ROWS, exampleHtml, exampleTsv, storedProject } from '../projects.mjs';

/** Keystroke-level model (Card, Moran & Newell): K for an average typist, P+B for a click. */
const K = 0.28;
const CLICK = 1.1 + 0.2;
/** A 汉字 typed with a pinyin IME: about three keys and a choice. */
const KEYS_PER_HANZI = 3;

function counter(page) {
  const c = { fields: 0, chars: 0, hanzi: 0, keys: 0, clicks: 0 };
  return {
    c,
    async type(text) {
      if (!text) return;
      await page.keyboard.type(text);
      c.fields += 1;
      for (const ch of text) {
        if (/\p{Script=Han}/u.test(ch)) c.hanzi += 1;
        else c.chars += 1;
      }
    },
    async fill(locator, text) {
      await locator.click();
      c.clicks += 1;
      await this.type(text);
    },
    async key(key) {
      await page.keyboard.press(key);
      c.keys += 1;
    },
    async click(locator) {
      await locator.click();
      c.clicks += 1;
    },
  };
}

async function commonPart(page, act) {
  await act.click(page.getByRole('button', { name: '新建项目' }));
  await page.waitForFunction(() => document.activeElement?.id === 'f-name');
  await act.type('县政务中心互联网网络费、IMS 通讯费');
  await act.fill(page.getByLabel('实施单位'), '县政务服务中心');
  await act.fill(page.getByLabel('年度', { exact: true }), '2024');
  const funds = [['27.5', '27.5', '27.5'], ['27.5', '27.5', '27.5'], ['0', '0', '0'], ['0', '0', '0']];
  for (const [n, row] of funds.entries()) {
    const tr = page.locator('table.funds tbody tr').nth(n);
    await act.fill(tr.getByLabel('年初预算数'), row[0]);
    for (const value of row.slice(1)) {
      await act.key('Tab');
      await act.type(value);
    }
  }
}

async function byTyping(page, act) {
  const grid = page.locator('#indicator-grid');
  await act.click(page.getByRole('button', { name: '添加一级指标' }));
  await page.waitForFunction(() => document.activeElement?.id === 'f-indicators-0-name');
  await act.type('产出指标');
  for (const [j, name] of ['质量指标', '数量指标', '成本指标', '时效指标'].entries()) {
    await act.click(grid.locator('.level1-cell').getByRole('button', { name: '添加二级指标' }));
    await page.waitForFunction((id) => document.activeElement?.id === id, `f-indicators-0-${j}-name`);
    await act.type(name);
  }
  let lastGroup = '';
  for (const row of EXAMPLE_ROWS) {
    const group = row[1] || lastGroup;
    if (group !== lastGroup) {
      await act.click(grid.locator(`.level2-cell[data-group="产出指标/${group}"]`).getByRole('button', { name: '添加指标' }));
    } else {
      // The next row of the same group: Enter in the last row adds it.
      await act.key('Enter');
    }
    lastGroup = group;
    await page.waitForFunction(() => /^f-indicator-\d+-name$/.test(document.activeElement?.id ?? ''));
    const [, , name, kind, target, unit, actual, weight] = row;
    await act.type(name);
    await act.key('Tab');
    if (kind === '定性') {
      // Open the 指标性质 list and choose 定性: two clicks.
      await page.locator(':focus').selectOption({ label: '定性' });
      act.c.clicks += 2;
    }
    await act.key('Tab');
    await act.type(target);
    await act.key('Tab');
    await act.type(unit);
    await act.key('Tab');
    await act.type(actual);
    if (kind === '定性') {
      // Choose the grade (two clicks), then on to 分值.
      const row = grid.locator('.row-indicator:has(:focus)');
      await row.getByLabel('评价等级').selectOption({ label: '达成年度指标' });
      act.c.clicks += 2;
      await act.click(row.getByLabel('分值', { exact: true }));
    } else {
      await act.key('Tab');
    }
    await act.type(weight);
    // Back to the row's start so Enter goes to the row below.
    for (let n = 0; n < 5; n++) await act.key('ArrowLeft');
  }
}

async function byPaste(page, act, data) {
  // In Excel: select the block (one drag) and Ctrl+C.
  act.c.clicks += 1;
  act.c.keys += 1;
  await act.click(page.locator('#paste-target'));
  await pasteInto(page, '#paste-target', data);
  act.c.keys += 1; // Ctrl+V
  await page.locator('#paste-apply').waitFor();
  await act.key('Enter');
  await page.locator('#paste-preview').waitFor({ state: 'detached' });
}

const browser = await launchBrowser();
const results = [];
for (const [way, run] of [
  ['typing', byTyping],
  ['paste (HTML)', (page, act) => byPaste(page, act, { 'text/html': exampleHtml(), 'text/plain': exampleTsv() })],
  ['paste (TSV)', (page, act) => byPaste(page, act, { 'text/plain': exampleTsv() })],
]) {
  const app = await openApp(browser, FILE_TARGET, { viewport: { width: 1366, height: 768 } });
  const { page } = app;
  const common = counter(page);
  await commonPart(page, common);
  const act = counter(page);
  const start = performance.now();
  await run(page, act);
  const seconds = (performance.now() - start) / 1000;
  const project = await storedProject(page);
  const total = await page.locator('#total-score').textContent();
  const rows = project.indicators.flatMap((l1) => l1.groups.flatMap((g) => g.indicators)).length;
  if (app.problems.length) throw new Error(app.problems.join('\n'));
  const c = act.c;
  const keystrokes = c.chars + c.keys + c.hanzi * KEYS_PER_HANZI;
  results.push({ way, rows, total, ...c, keystrokes, seconds, estimate: keystrokes * K + c.clicks * CLICK, common: common.c });
  await app.close();
}
await browser.close();

const common = results[0].common;
console.log(`Common part (name, 实施单位, 年度, 12 funds cells), the same both ways: ${common.fields} fields, ${common.hanzi} 汉字 + ${common.chars} other characters, ${common.keys} keys, ${common.clicks} clicks.`);
console.log('\nThe indicator table of the example (5 三级 under 1 一级 and 4 二级):');
console.log('| way | rows | total | fields | 汉字 | other chars | other keys | clicks | keystrokes* | script seconds | person estimate** |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.way} | ${r.rows} | ${r.total} | ${r.fields} | ${r.hanzi} | ${r.chars} | ${r.keys} | ${r.clicks} | ${r.keystrokes} | ${r.seconds.toFixed(2)} | ${(r.estimate / 60).toFixed(1)} min |`);
}
console.log(`\n* keystrokes = other characters + other keys + ${KEYS_PER_HANZI} per 汉字 (pinyin IME).`);
console.log(`** keystroke-level model: ${K} s per keystroke, ${CLICK} s per click; thinking and reading time not included.`);
