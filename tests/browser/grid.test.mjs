// Issue 13 acceptance: the indicator table as a grid that works like the 附1
// sheet in Excel/WPS — paste a copied table (HTML with merged cells, TSV
// with merged blanks) and get the document typing it gives; spreadsheet
// keys only; deletes that ask once and undo exactly; 15+ rows on a
// 1366×768 screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openExample, pasteInto } from './editing.mjs';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { EXAMPLE_ROWS as ROWS, exampleHtml as html, exampleTsv as tsv, indicatorTree, seedProject, storedProject, treeOf } from './projects.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

/** Presses Tab until the button named `name` has the focus. */
async function tabTo(page, name, most) {
  const focusedName = () => page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent;
  });
  for (let n = 0; n < most && (await focusedName()) !== name; n++) await page.keyboard.press('Tab');
  assert.equal(await focusedName(), name);
}

async function newProject(page) {
  await page.getByRole('button', { name: '新建项目' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
}

/** Waits until the element with this id has the focus (focus moves on the next frame). */
const focusOn = (page, id) => page.waitForFunction((id) => document.activeElement?.id === id, id);
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
/** Asserts that the focus reaches this id within 2 s (it moves on the next animation frame). */
async function expectFocus(page, id, message) {
  await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 2000 }).catch(() => {});
  assert.equal(await focusedId(page), id, message);
}

/** Types the example's table in through the grid's buttons and labelled cells. */
async function typeExample(page) {
  const grid = page.locator('#indicator-grid');
  await page.getByRole('button', { name: '添加一级指标' }).click();
  await focusOn(page, 'f-indicators-0-name');
  await page.keyboard.type('产出指标');
  for (const [j, name] of ['质量指标', '数量指标', '成本指标', '时效指标'].entries()) {
    await grid.locator('.level1-cell').getByRole('button', { name: '添加二级指标' }).click();
    await focusOn(page, `f-indicators-0-${j}-name`);
    await page.keyboard.type(name);
  }
  for (const row of ROWS) {
    const l2 = row[1] || '时效指标';
    await grid.locator(`.level2-cell[data-group="产出指标/${l2}"]`).getByRole('button', { name: '添加指标' }).click();
    const tr = grid.locator('.row-indicator:has(:focus)');
    await tr.waitFor();
    await tr.getByLabel('三级指标').fill(row[2]);
    if (row[3] === '定性') await tr.getByLabel('指标性质').selectOption({ label: '定性' });
    await tr.getByLabel('年度指标值').fill(row[4]);
    await tr.getByLabel('计量单位').fill(row[5]);
    await tr.getByLabel('实际完成值').fill(row[6]);
    if (row[3] === '定性') await tr.getByLabel('评价等级').selectOption({ label: '达成年度指标' });
    await tr.getByLabel('分值', { exact: true }).fill(row[7]);
  }
}

test('pasting the 附1 table (HTML with merged cells, or TSV with merged blanks) gives the document typing it gives', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await newProject(page);
  await typeExample(page);
  const typed = treeOf(await storedProject(page));
  assert.equal(typed[0].groups.flatMap((g) => g.indicators).length, 5);
  assert.equal(await page.locator('#total-score').textContent(), '—', 'no name and no funds yet: a draft');

  for (const data of [{ 'text/html': html(), 'text/plain': tsv() }, { 'text/plain': tsv() }]) {
    await page.goto(target.url + '#/');
    await newProject(page);
    await pasteInto(page, '#paste-target', data);
    const preview = page.locator('#paste-preview');
    await preview.waitFor();
    const said = await preview.textContent();
    assert.match(said, /共 5 行/);
    assert.match(said, /新增一级指标 1 个，新增二级指标 4 个，新增三级指标 5 个/);
    // The 得分 column is computed, not taken: it is named as left out.
    assert.match(said, /不会导入.*得分/);
    assert.equal(await preview.locator('tbody tr').count(), 5);
    assert.equal(await preview.locator('tbody tr').nth(4).locator('td').first().textContent(), '产出指标', 'merged 一级 carried down');
    await expectFocus(page, 'paste-apply');
    await page.keyboard.press('Enter');
    await preview.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.row-indicator').count(), 5);
    assert.deepEqual(treeOf(await storedProject(page)), typed, Object.keys(data).join('+'));
    // One paste is one step back.
    await page.getByRole('button', { name: '撤销' }).click();
    assert.equal(await page.locator('.row-indicator').count(), 0);
    await page.getByRole('button', { name: '重做' }).click();
    assert.equal(await page.locator('.row-indicator').count(), 5);
  }
  assertClean(assert, app);
  await app.close();
});

test('a block without a header pastes from the cell it is pasted into, over the rows below, and adds rows past the end', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await openExample(page);
  const rows = page.locator('.row-indicator');
  const fourth = await rows.nth(3).getAttribute('data-indicator');
  // 实际完成值 and 分值 of rows 4 and 5, and a sixth row beyond the end.
  await pasteInto(page, `#f-indicator-${fourth}-actual`, { 'text/plain': '90\t15\r\n达成年度指标\t15\r\n98\t5\r\n' });
  const preview = page.locator('#paste-preview');
  assert.match(await preview.textContent(), /无表头.*修改三级指标 2 个/);
  assert.match(await preview.textContent(), /新增三级指标 1 个/);
  await page.getByRole('button', { name: '应用粘贴' }).click();
  assert.equal(await rows.count(), 6);
  assert.equal(await rows.nth(3).getByLabel('实际完成值').inputValue(), '90');
  assert.equal(await rows.nth(5).getByLabel('实际完成值').inputValue(), '98');
  assert.equal(await rows.nth(5).getByLabel('分值', { exact: true }).inputValue(), '5');
  // A single value is an ordinary paste into the cell: no preview.
  await pasteInto(page, `#f-indicator-${fourth}-unit`, { 'text/plain': '%' });
  assert.equal(await page.locator('#paste-preview').count(), 0);
  assertClean(assert, app);
  await app.close();
});

test('deleting a 一级 with data asks once, names what goes, and Ctrl+Z restores it exactly (and is saved)', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await openExample(page);
  const before = await storedProject(page);

  await page.locator('.level1-cell').getByRole('button', { name: '删除一级指标' }).click();
  const question = page.locator('.confirm');
  assert.match(await question.textContent(), /一级指标“产出指标”及其下 4 个二级指标、5 个三级指标/);
  await expectFocus(page, 'confirm-cancel', 'the safe answer has the focus');
  assert.equal(await page.locator('.row-indicator').count(), 5, 'nothing goes before the answer');
  await page.locator('#confirm-delete').click();
  assert.equal(await page.locator('.row-indicator').count(), 0);
  assert.match(await page.locator('#grid-notice').textContent(), /已删除.*撤销/);
  assert.equal((await storedProject(page)).indicators.length, 0, 'the delete is saved');

  await page.locator('body').press('Control+z');
  assert.equal(await page.locator('.row-indicator').count(), 5);
  const restored = await storedProject(page);
  assert.deepEqual(restored.indicators, before.indicators, 'the same tree, ids included');
  assert.equal(await page.locator('#total-score').textContent(), '100.00');
  // Redo deletes again; the undo survives a reload as saved data.
  await page.locator('body').press('Control+y');
  assert.equal(await page.locator('.row-indicator').count(), 0);
  await page.getByRole('button', { name: '撤销' }).click();
  await storedProject(page);
  await page.reload();
  await page.locator('#total-score').waitFor();
  assert.equal(await page.locator('.row-indicator').count(), 5);
  assertClean(assert, app);
  await app.close();
});

test('undo covers typing (one step per cell), row moves, the framework and rule changes, at least 100 steps deep', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await openExample(page);
  const rows = page.locator('.row-indicator');
  // Rows 4 and 5 share the 时效指标 group.
  const fourthName = await rows.nth(3).getByLabel('三级指标').inputValue();
  const fifthName = await rows.nth(4).getByLabel('三级指标').inputValue();

  // Typing a word is one step, however many keystrokes.
  const actual = rows.first().getByLabel('实际完成值');
  await actual.click();
  await actual.press('End');
  await page.keyboard.type('000');
  await page.keyboard.press('Control+z');
  assert.equal(await rows.first().getByLabel('实际完成值').inputValue(), '365');

  // A row moved down moves back.
  await rows.nth(3).getByLabel('三级指标').focus();
  await page.locator('#cell-bar').getByRole('button', { name: '下移' }).click();
  assert.equal(await rows.nth(3).getByLabel('三级指标').inputValue(), fifthName);
  await page.keyboard.press('Control+z');
  assert.equal(await rows.nth(3).getByLabel('三级指标').inputValue(), fourthName);

  // A rule change is undone like any other edit.
  const rules = page.locator('#f-rules');
  const rule = await rules.inputValue();
  const other = await rules.locator('option').evaluateAll((os, rule) => os.map((o) => o.value).find((v) => v && v !== rule), rule);
  await rules.selectOption(other);
  assert.equal(await rules.inputValue(), other);
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await page.locator('#f-rules').inputValue(), rule);

  // The framework adds its 一级/二级 in one step.
  const groups = await page.locator('.level2-cell').count();
  await page.getByRole('button', { name: '使用共性指标框架' }).click();
  assert.ok((await page.locator('.level2-cell').count()) > groups);
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await page.locator('.level2-cell').count(), groups);

  // 120 separate edits (101 … 220): 100 undos step back to the 20th.
  const weight = rows.first().getByLabel('分值', { exact: true });
  for (let n = 1; n <= 120; n++) {
    await weight.fill(String(100 + n));
    await weight.blur();
    await weight.focus();
  }
  for (let n = 0; n < 100; n++) await page.keyboard.press('Control+z');
  assert.equal(await rows.first().getByLabel('分值', { exact: true }).inputValue(), '120');
  assertClean(assert, app);
  await app.close();
});

test('keyboard only: from 新建项目 to three scored rows with Tab, typing and Enter', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '新建项目' }).focus();
  await page.keyboard.press('Enter');
  await focusOn(page, 'f-name');
  await page.keyboard.type('键盘录入项目');
  // Tab on through the form to the grid's 添加一级指标, and on from cell to button.
  await tabTo(page, '添加一级指标', 80);
  await page.keyboard.press('Enter');
  await focusOn(page, 'f-indicators-0-name');
  await page.keyboard.type('产出指标');
  await tabTo(page, '添加二级指标', 5);
  await page.keyboard.press('Enter');
  await focusOn(page, 'f-indicators-0-0-name');
  await page.keyboard.type('数量指标');
  await tabTo(page, '添加指标', 5);
  await page.keyboard.press('Enter');
  const rows = [
    ['培训人次', '≥100', '人次', '120', '30'],
    ['覆盖行政村数量', '≥20', '个', '20', '30'],
    ['设备采购数量', '≥10', '台', '8', '30'],
  ];
  for (const [n, row] of rows.entries()) {
    await page.waitForFunction(() => /^f-indicator-\d+-name$/.test(document.activeElement?.id ?? ''));
    const [name, targetValue, unit, actual, weight] = row;
    await page.keyboard.type(name);
    await page.keyboard.press('Tab'); // 指标性质: left as the target's sign sets it
    await page.keyboard.press('Tab');
    await page.keyboard.type(targetValue);
    await page.keyboard.press('Tab');
    await page.keyboard.type(unit);
    await page.keyboard.press('Tab');
    await page.keyboard.type(actual);
    await page.keyboard.press('Tab');
    await page.keyboard.type(weight);
    // Back to the row's first cell, then Enter: the last row adds the next.
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
    assert.match(await focusedId(page), /-name$/);
    if (n < rows.length - 1) await page.keyboard.press('Enter');
  }
  const grid = page.locator('.row-indicator');
  assert.equal(await grid.count(), 3);
  // 120/100 → 30, 20/20 → 30, 8/10 → 24 (the 10 points of 执行率 need funds).
  assert.deepEqual(await page.locator('output.score').allTextContents(), ['30.00', '30.00', '24.00']);
  // Esc takes back an edit of the cell; arrows move between rows.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type('被取消的文字');
  await page.keyboard.press('Escape');
  assert.equal(await grid.nth(1).getByLabel('三级指标').inputValue(), '覆盖行政村数量');
  const project = await storedProject(page);
  assert.equal(project.name, '键盘录入项目');
  assert.deepEqual(
    treeOf(project)[0].groups[0].indicators.map((i) => [i.name, i.target, i.unit, i.actual, i.weight, i.kind]),
    rows.map((r) => [...r, 'AtLeast']),
  );
  assertClean(assert, app);
  await app.close();
});

test('at 1366×768, 15 or more indicator rows of a 40-indicator table are in view beside the score panel, nothing cut off', async () => {
  const app = await openApp(browser(), target, { viewport: { width: 1366, height: 768 } });
  const { page } = app;
  await seedProject(page, { indicators: indicatorTree(40) });
  const first = page.locator('.row-indicator').first();
  await first.getByLabel('三级指标').focus();
  // The sticky bar and column heads stay on top as the page scrolls.
  await page.evaluate(() => document.querySelector('#cell-bar').scrollIntoView());
  const seen = await page.evaluate(() => {
    const inView = (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight && r.width > 0;
    };
    const panel = document.querySelector('.score-panel').getBoundingClientRect();
    const grid = document.querySelector('#indicator-grid').getBoundingClientRect();
    // A cell whose text is wider or taller than its box is cut off.
    const cut = [...document.querySelectorAll('#indicator-grid .cell')].filter(
      (c) => (c.tagName === 'TEXTAREA' && !c.closest('.reason-cell') && c.scrollHeight > c.clientHeight + 1) || c.scrollWidth > c.clientWidth + 1,
    ).map((c) => c.id);
    return {
      rows: [...document.querySelectorAll('tr.row-indicator')].filter(inView).length,
      besidePanel: grid.right <= panel.left && panel.width > 0,
      cut,
    };
  });
  assert.ok(seen.rows >= 15, `${seen.rows} rows in view`);
  assert.ok(seen.besidePanel, 'the score panel is beside the grid');
  assert.deepEqual(seen.cut, []);
  await page.mouse.wheel(0, 900);
  await page.waitForTimeout(100);
  const heads = await page.locator('#gh-name').boundingBox();
  assert.ok(heads.y >= 0 && heads.y < 120, `column heads stay in view (y = ${heads.y})`);
  assertClean(assert, app);
  await app.close();
});

test('调减: an over-achieved row takes a reduction with a required reason; score, report and 自评表 show it', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await openExample(page);
  const row = page.locator('.row-indicator').nth(1); // 保障网络终端数量 ≥200 台
  assert.equal(await row.getByLabel('调减分值').count(), 0, 'only over-achieved rows offer it');
  await row.getByLabel('实际完成值').fill('300');
  await row.getByLabel('调减分值').fill('2');
  assert.equal(await row.locator('output.score').textContent(), '18.00');
  assert.equal(await page.locator('#total-score').textContent(), '98.00');
  assert.match(await row.locator('.reason-cell .cell-msg').textContent(), /调减 2\.00 分，须在偏差原因/);
  await row.getByLabel('偏差原因分析及改进措施').focus();
  assert.match(await page.locator('#cell-bar-msg').textContent(), /调减 2\.00 分，须在偏差原因/);
  await row.getByLabel('偏差原因分析及改进措施').fill('年初按 200 台测算，年中新增窗口终端，目标设定偏低');
  assert.equal(await row.locator('.reason-cell .cell-msg').textContent(), '');
  await storedProject(page);
  await page.locator('nav').getByRole('link', { name: '报告' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/report'));
  const report = await page.locator('main').textContent();
  assert.match(report, /调减 2\.00 分。年初按 200 台测算/, 'the 自评表 row says it');
  assert.match(report, /因目标设定偏低调减 2\.00 分/, 'the prose says it');
  assertClean(assert, app);
  await app.close();
});

test('a new project is a 草稿 until it has a name, funds and an indicator; the 体检 brings a field to the middle of the screen', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await newProject(page);
  await expectFocus(page, 'f-name', 'the first thing to type has the focus');
  assert.equal(await page.locator('#grade').textContent(), '草稿');
  assert.equal(await page.locator('#total-score').textContent(), '—');
  assert.match(await page.locator('#draft-note').textContent(), /草稿/);
  const findings = await page.locator('.findings').textContent();
  assert.doesNotMatch(findings, /整改/, 'no 整改 hint for a draft');
  await page.goto(target.url + '#/');
  assert.match(await page.locator('table tbody tr').first().textContent(), /草稿/);
  assert.doesNotMatch(await page.locator('table tbody tr').first().textContent(), /0\.00/);

  await page.locator('table tbody tr').first().getByRole('link', { name: '（未命名）' }).click();
  await page.getByLabel('项目名称').fill('绩效测试项目');
  await page.locator('table.funds tbody tr').first().getByLabel('全年预算数').fill('100');
  await page.locator('table.funds tbody tr').first().getByLabel('全年执行数').fill('100');
  await pasteInto(page, '#paste-target', { 'text/plain': tsv() });
  await page.getByRole('button', { name: '应用粘贴' }).click();
  assert.equal(await page.locator('#grade').textContent(), '优');
  assert.equal(await page.locator('#draft-note').count(), 0);

  // A finding about a cell far down: the cell comes to the middle, its marker
  // in view and its message in the cell bar above the heads.
  await seedProject(page, { indicators: indicatorTree(40), edit: (tree) => { tree[1].groups[3].indicators[4].actual = 'abc'; return tree; } });
  await page.evaluate(() => window.scrollTo(0, 0));
  const item = page.locator('.findings button', { hasText: 'abc' }).first();
  await item.click();
  const placed = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const seen = (box) => box.top >= 0 && box.bottom <= innerHeight && box.height > 0;
    const mark = document.getElementById(`${el.id}-msg`).getBoundingClientRect();
    const bar = document.getElementById('cell-bar-msg');
    return {
      id: el.id,
      middle: (r.top + r.bottom) / 2 / innerHeight,
      markInView: seen(mark),
      msgInView: !!bar && seen(bar.getBoundingClientRect()),
      msg: bar?.textContent,
    };
  });
  assert.match(placed.id, /^f-indicator-\d+-actual$/);
  assert.ok(placed.middle > 0.3 && placed.middle < 0.7, `cell at ${placed.middle} of the screen height`);
  assert.ok(placed.markInView, 'its marker is in view');
  assert.ok(placed.msgInView, 'its message is in view');
  assert.match(placed.msg, /错误：.*abc/);
  assertClean(assert, app);
  await app.close();
});
