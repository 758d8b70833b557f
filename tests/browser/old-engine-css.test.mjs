// Issue 24: the stylesheet lays out on engines older than Debian's chromium.
// Chromium 86–122 and Firefox ESR 115 have no `field-sizing`, and before
// Chromium 105 / Firefox 121 no `:has()`. Here `field-sizing` is switched
// off by a rule added through the CSSOM (the page's CSP blocks an injected
// <style>), and the layouts that used `:has()` are measured: the grid's
// cells show all their text without focus, the 自评表's two tables print as
// one, and batch printing hides the rest of the 汇总.
// `xtask/src/css_floor.rs` keeps the stylesheet itself within the floor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openExample } from './editing.mjs';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser } from './harness.mjs';
import { indicatorTree, seedProject } from './projects.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

const THREE_LINES = '第一行：网络终端\n第二行：覆盖行政村\n第三行：全年稳定运行';
/** Wraps to several lines in the 三级 column without a line break. */
const LONG_NAME = '农村饮水安全工程水质检测合格率及长效管护机制建立情况的年度考核结果';

/** As an engine without `field-sizing` lays textareas out. */
async function withoutFieldSizing(page) {
  const applied = await page.evaluate(() => {
    const sheet = document.styleSheets[0];
    sheet.insertRule('textarea { field-sizing: fixed !important; }', sheet.cssRules.length);
    const cell = document.querySelector('#indicator-grid textarea.cell');
    return getComputedStyle(cell).getPropertyValue('field-sizing');
  });
  // Debian's chromium has field-sizing; "fixed" shows the override took.
  assert.equal(applied, 'fixed');
}

/** Text cells whose text is taller than their box (never the 偏差原因, clipped on purpose). */
const hiddenText = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#indicator-grid textarea.cell')]
      .filter((c) => !c.closest('.reason-cell') && c.scrollHeight > c.clientHeight + 1)
      .map((c) => `${c.id}: ${c.scrollHeight} > ${c.clientHeight}`),
  );

/**
 * Text cells taller than their text needs: the height each would have if
 * it were squeezed to nothing (its min-height still holds) is what its text
 * needs. A cell's height comes from its text alone, never from its row.
 */
const tooTall = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#indicator-grid textarea.cell')]
      .filter((c) => !c.closest('.reason-cell'))
      .flatMap((c) => {
        const shown = c.clientHeight;
        c.style.height = '0px';
        const needed = c.scrollHeight;
        c.style.height = '';
        return shown > needed + 1 ? [`${c.id}: ${shown}px for ${needed}px of text`] : [];
      }),
  );

const boxOf = (page, id) =>
  page.evaluate((id) => {
    const el = document.getElementById(id);
    const style = getComputedStyle(el);
    return {
      height: el.clientHeight,
      scroll: el.scrollHeight,
      line: parseFloat(style.lineHeight),
      minHeight: parseFloat(style.minHeight),
    };
  }, id);

async function blur(page) {
  await page.evaluate(() => document.activeElement?.blur());
}

test('without field-sizing, grid cells show every line of their text without focus, and grow only with it', async () => {
  const app = await openApp(browser(), target, { viewport: { width: 1366, height: 768 } });
  const { page } = app;
  await seedProject(page, {
    indicators: indicatorTree(30),
    edit: (tree) => {
      const [first, second] = tree[0].groups[0].indicators;
      Object.assign(first, { name: THREE_LINES, target: '≥200\n（含新增窗口）\n全年' });
      Object.assign(second, { name: LONG_NAME, deviation_reason: THREE_LINES });
      return tree;
    },
  });
  await withoutFieldSizing(page);
  await blur(page);

  assert.deepEqual(await hiddenText(page), [], 'no text cell hides part of its text');
  const name = await boxOf(page, 'f-indicator-1-name');
  assert.ok(name.height >= 3 * name.line, `three lines shown (${name.height}px, line ${name.line}px)`);
  const target1 = await boxOf(page, 'f-indicator-1-target');
  assert.ok(target1.height >= 3 * target1.line, `年度指标值 three lines (${target1.height}px)`);
  const long = await boxOf(page, 'f-indicator-2-name');
  assert.ok(long.height >= 2 * long.line, `a long name wraps and shows (${long.height}px)`);

  // A one-line text is as tall as an empty cell: nothing but text grows a cell.
  const plain = await boxOf(page, 'f-indicator-5-unit');
  assert.ok(Math.abs(plain.height - plain.minHeight) <= 1, `one line: ${plain.height}px, min ${plain.minHeight}px`);
  assert.deepEqual(await tooTall(page), [], 'no cell taller than its text');

  // 偏差原因 is one line high until edited, then shows all.
  const reason = await boxOf(page, 'f-indicator-2-deviation_reason');
  assert.ok(reason.height < 2 * reason.line + 8, `偏差原因 kept short (${reason.height}px)`);
  await page.locator('#f-indicator-2-deviation_reason').focus();
  const open = await boxOf(page, 'f-indicator-2-deviation_reason');
  assert.ok(open.scroll <= open.height + 1, `偏差原因 open while edited (${open.scroll} > ${open.height})`);
  await blur(page);

  // Typing a fourth line grows the cell; Escape puts the text back and it shrinks.
  const cell = page.locator('#f-indicator-1-name');
  await cell.focus();
  await page.keyboard.press('F2');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('第四行');
  await blur(page);
  const typed = await boxOf(page, 'f-indicator-1-name');
  assert.equal(await cell.inputValue(), `${THREE_LINES}\n第四行`);
  assert.ok(typed.height >= 4 * typed.line, `four lines shown (${typed.height}px)`);
  assert.deepEqual(await hiddenText(page), []);
  assert.deepEqual(await tooTall(page), []);

  // Escape sets the value from code: the cell shrinks back all the same.
  await cell.focus();
  await page.keyboard.press('F2');
  for (const line of ['第五行', '第六行']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  await page.keyboard.press('Escape');
  await blur(page);
  assert.equal(await cell.inputValue(), `${THREE_LINES}\n第四行`, 'Escape restores the text of the edit');
  assert.deepEqual(await tooTall(page), [], 'no cell keeps the height of the text Escape took back');

  // Undo re-mounts the grid with the older text: its height follows. (The
  // edit Escape took back may be a step of its own.)
  const lines = () => page.evaluate(() => document.getElementById('f-indicator-1-name')?.value.split('\n').length);
  for (let n = 0; n < 3 && (await lines()) !== 3; n++) {
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.getElementById('f-indicator-1-name')?.value.split('\n').length !== 4, null, { timeout: 1000 }).catch(() => {});
  }
  assert.equal(await lines(), 3, 'undo gives the three lines back');
  await blur(page);
  const undone = await boxOf(page, 'f-indicator-1-name');
  assert.ok(undone.height < 4 * undone.line && undone.height >= 3 * undone.line, `back to three lines (${undone.height}px)`);
  assert.deepEqual(await hiddenText(page), []);
  assert.deepEqual(await tooTall(page), []);

  // For a person to look at: the first rows under the sticky heads.
  await page.evaluate(() => document.querySelector('#cell-bar').scrollIntoView());
  await page.screenshot({ path: '/tmp/css-floor-grid.png' });
  assertClean(assert, app);
  await app.close();
});

/** Left edges of each grid column of `table`, by column index (rowspans and colspans counted). */
function columnEdges(table) {
  const edges = {};
  const taken = [];
  [...table.rows].forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.cells) {
      while (taken[r]?.[c]) c += 1;
      edges[c] = cell.getBoundingClientRect().left;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          (taken[r + dr] ??= [])[c + dc] = true;
        }
      }
      c += cell.colSpan;
    }
  });
  return edges;
}

test('without :has(), the report\'s 自评表 is one table: same edges, adjacent, columns lined up', async () => {
  const app = await openApp(browser(), target, { viewport: { width: 1366, height: 768 } });
  const { page } = app;
  await openExample(page);
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  await page.locator('.r-table-wrap.joins-next + .r-table-wrap').waitFor();
  const layout = await page.evaluate(`(() => {
    const columnEdges = ${columnEdges};
    const wraps = [...document.querySelectorAll('.report-sheet .r-table-wrap')];
    const [a, b] = [...document.querySelectorAll('.report-sheet .r-table')].slice(-2);
    const ra = a.getBoundingClientRect();
    const rb = b.getBoundingClientRect();
    const level1 = b.tBodies[0].rows[0].cells[0].getBoundingClientRect();
    return {
      marks: wraps.map((w) => w.classList.contains('joins-next')),
      a: { left: ra.left, right: ra.right, bottom: ra.bottom },
      b: { left: rb.left, right: rb.right, top: rb.top },
      level1Width: level1.width,
      edgesA: columnEdges(a),
      edgesB: columnEdges(b),
    };
  })()`);
  assert.deepEqual(layout.marks, [true, false], 'the first of the two is marked');
  assert.ok(Math.abs(layout.a.left - layout.b.left) <= 0.5, `left edges ${layout.a.left} / ${layout.b.left}`);
  assert.ok(Math.abs(layout.a.right - layout.b.right) <= 0.5, `right edges ${layout.a.right} / ${layout.b.right}`);
  assert.ok(Math.abs(layout.b.top - layout.a.bottom) <= 1.5, `adjacent: ${layout.a.bottom} → ${layout.b.top}`);
  const width = layout.a.right - layout.a.left;
  assert.ok(layout.level1Width > 0.05 * width, `the 一级 column is 10 mm of 156, not one character (${layout.level1Width}px)`);
  const shared = Object.keys(layout.edgesB).filter((c) => c in layout.edgesA);
  assert.ok(shared.length >= 6, `columns to compare: ${shared}`);
  for (const c of shared) {
    assert.ok(Math.abs(layout.edgesA[c] - layout.edgesB[c]) <= 1, `column ${c}: ${layout.edgesA[c]} / ${layout.edgesB[c]}`);
  }
  await page.locator('.r-table-wrap.joins-next').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/css-floor-report.png' });
  assertClean(assert, app);
  await app.close();
});

test('without :has(), batch printing hides the rest of the 汇总 while the sheets are shown, and only then', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await openExample(page);
  await page.getByRole('link', { name: '汇总', exact: true }).click();
  await heading(page, '汇总');
  await page.evaluate(() => { window.print = () => {}; });
  const shownInPrint = () =>
    page.evaluate(() =>
      [...document.querySelector('main').children]
        .filter((el) => getComputedStyle(el).display !== 'none')
        .map((el) => el.className || el.tagName),
    );
  await page.emulateMedia({ media: 'print' });
  const before = await shownInPrint();
  assert.ok(before.length > 1, `the 汇总 prints when no batch is shown: ${before}`);

  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '批量打印自评表' }).click();
  await page.locator('.batch-sheet').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await shownInPrint(), ['batch'], 'only the sheets print');
  assert.deepEqual(
    await page.evaluate(() => [...document.querySelectorAll('.batch-sheet .r-table-wrap')].map((w) => w.className)),
    ['r-table-wrap joins-next', 'r-table-wrap'],
  );

  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '关闭批量打印' }).click();
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await shownInPrint(), before, 'closing the batch gives the 汇总 back to printing');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-print')), false);
  assertClean(assert, app);
  await app.close();
});
