// Issue 25 item 3: a grid that stays dense with findings. A cell with a
// finding shows a marker (a symbol as well as a colour); its message is the
// cell's description, in the cell bar when the cell has the focus, and in
// the 体检; a message never makes its row taller. A 40-row table in which
// every row has a warning still shows 15 or more rows beside the panel at
// 1366×768. Screenshots go to /tmp/dense-grid-<size>.png to be looked at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { indicatorTree, seedProject } from './projects.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;
const ROWS = 40;
/** The row whose 实际完成值 is not a number: an 错误 beside the 警告 every row has. */
const BAD = 5;

/** Every row without its 计量单位 (a 警告 on each), one with an unreadable actual (an 错误). */
const warned = (tree) => {
  let n = 0;
  for (const l1 of tree) {
    for (const l2 of l1.groups) {
      for (const ind of l2.indicators) {
        ind.unit = '';
        if (n === BAD) ind.actual = 'abc';
        n += 1;
      }
    }
  }
  return tree;
};

/** The height of every indicator row, top to bottom. */
const rowHeights = (page) =>
  page.evaluate(() => [...document.querySelectorAll('tr.row-indicator')].map((tr) => tr.getBoundingClientRect().height));

/**
 * The indicator rows wholly in view under the sticky cell bar and column
 * heads, whether the grid is beside the panel, and the cells whose text
 * does not fit their box (the 偏差原因 shows two lines until edited).
 */
const inView = (page) =>
  page.evaluate(() => {
    // The heads stick cell by cell (a sticky <thead> would not in Chromium 86).
    const heads = document.querySelector('#gh-name').getBoundingClientRect();
    const panel = document.querySelector('.score-panel').getBoundingClientRect();
    const grid = document.querySelector('#indicator-grid').getBoundingClientRect();
    const rows = [...document.querySelectorAll('tr.row-indicator')].filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= heads.bottom - 1 && r.bottom <= innerHeight && r.height > 0;
    });
    const cut = [...document.querySelectorAll('#indicator-grid .cell')]
      .filter((c) => (c.tagName === 'TEXTAREA' && !c.closest('.reason-cell') && c.scrollHeight > c.clientHeight + 1) || c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.id);
    return { rows: rows.length, besidePanel: grid.right <= panel.left && panel.width > 0, cut };
  });

/**
 * What the cells with a finding show: per marked cell its id, the marker's
 * symbol and severity, whether the marker lies inside the cell's box, and
 * the cell's description as a screen reader gets it (the text of the
 * element `aria-describedby` names, without what is aria-hidden).
 */
const marks = (page) =>
  page.evaluate(() => {
    const described = (el) => {
      const of = document.getElementById(el.getAttribute('aria-describedby') ?? '');
      if (!of) return '';
      const copy = of.cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
      return copy.textContent;
    };
    return [...document.querySelectorAll('#indicator-grid .cell-msg.sev-warning, #indicator-grid .cell-msg.sev-error')].map((msg) => {
      const cell = msg.parentElement.querySelector('.cell');
      const td = msg.closest('td').getBoundingClientRect();
      const mark = msg.querySelector('.mark');
      const m = mark.getBoundingClientRect();
      return {
        cell: cell.id,
        severity: msg.classList.contains('sev-error') ? 'error' : 'warning',
        symbol: mark.textContent,
        colour: getComputedStyle(mark).backgroundColor,
        visible: m.width > 0 && m.height > 0,
        inside: m.left >= td.left && m.right <= td.right && m.top >= td.top && m.bottom <= td.bottom,
        invalid: cell.getAttribute('aria-invalid'),
        description: described(cell),
      };
    });
  });

for (const [width, height] of [[1366, 768], [1920, 1080]]) {
  test(`at ${width}×${height}, a 40-row table with a warning on every row stays dense: markers, not lines of text`, async () => {
    const app = await openApp(browser(), target, { viewport: { width, height } });
    const { page } = app;

    // The same table with its units: the heights rows take without findings.
    await seedProject(page, { id: 'plain', indicators: indicatorTree(ROWS) });
    const plain = await rowHeights(page);
    assert.equal(plain.length, ROWS);

    await seedProject(page, { id: 'warned', indicators: indicatorTree(ROWS), edit: warned });
    const heights = await rowHeights(page);
    assert.equal(heights.length, ROWS);
    const taller = heights.map((h, n) => [n, plain[n], h]).filter(([, p, h]) => h > p + 0.5);
    assert.deepEqual(taller, [], 'no row is taller for its findings ([row, without, with])');
    const tallest = Math.max(...heights);
    console.log(`# ${width}×${height}: row heights ${Math.min(...heights).toFixed(1)}–${tallest.toFixed(1)} px with findings, ${Math.min(...plain).toFixed(1)}–${Math.max(...plain).toFixed(1)} px without`);

    // Every row: a 警告 marker "!" in its 计量单位; row BAD also an 错误 "×" in its 实际完成值.
    const shown = await marks(page);
    const units = shown.filter((m) => /-unit$/.test(m.cell));
    assert.equal(units.length, ROWS, 'every row marks its 计量单位');
    for (const m of units) {
      assert.equal(m.severity, 'warning');
      assert.equal(m.symbol, '!');
      assert.ok(m.visible && m.inside, `the marker of ${m.cell} is drawn inside its cell`);
      assert.equal(m.invalid, 'false', 'a 警告 is not an invalid value');
      assert.match(m.description, /^警告：.+的计量单位未填写（如 台、%、天、小时）$/);
    }
    const errors = shown.filter((m) => m.severity === 'error');
    assert.deepEqual(errors.map((m) => [m.symbol, m.invalid, /-actual$/.test(m.cell)]), [['×', 'true', true]]);
    assert.match(errors[0].description, /^错误：.*abc/);
    assert.notEqual(errors[0].colour, units[0].colour, '错误 and 警告 differ in colour as well as symbol');
    // No message is laid out as a line of text in a cell.
    const lines = await page.evaluate(() =>
      [...document.querySelectorAll('#indicator-grid .cell-msg')].filter((m) => getComputedStyle(m).position !== 'absolute' && m.getBoundingClientRect().height > 0).length,
    );
    assert.equal(lines, 0);

    // The 体检 lists them all.
    const findings = await page.locator('.findings').textContent();
    assert.equal(findings.match(/计量单位未填写/g)?.length, ROWS);

    // The keyboard brings a cell's message into the cell bar.
    const first = page.locator('.row-indicator').first();
    await first.getByLabel('三级指标').focus();
    await page.evaluate(() => document.querySelector('#cell-bar').scrollIntoView());
    for (let n = 0; n < 3; n++) await page.keyboard.press('Tab');
    const unitId = await page.evaluate(() => document.activeElement.id);
    assert.match(unitId, /^f-indicator-\d+-unit$/);
    const name = await first.getByLabel('三级指标').inputValue();
    assert.equal(await page.locator('#cell-bar-msg').textContent(), `!警告：“${name}”的计量单位未填写（如 台、%、天、小时）`);
    const barShows = await page.evaluate(() => {
      const info = document.querySelector('.cell-info').getBoundingClientRect();
      const msg = document.querySelector('#cell-bar-msg').getBoundingClientRect();
      return msg.height > 0 && msg.top >= info.top && msg.bottom <= info.bottom + 0.5;
    });
    assert.ok(barShows, 'the message shows within the cell bar, not scrolled out of it');
    for (let n = 0; n < BAD; n++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    assert.match(await page.locator('#cell-bar-msg').textContent(), /^×错误：.*abc/);
    assert.match(await page.locator('.cell-where').textContent(), /^实际完成值 · /);

    // 15 or more whole rows in view beside the panel, nothing cut off, at the top and scrolled.
    await page.evaluate(() => document.querySelector('#cell-bar').scrollIntoView());
    const top = await inView(page);
    await page.screenshot({ path: `/tmp/dense-grid-${width}x${height}.png` });
    // The table's last row at the foot of the screen: the rows above it under the sticky heads.
    await page.evaluate(() => {
      const rows = document.querySelectorAll('tr.row-indicator');
      window.scrollBy(0, rows[rows.length - 1].getBoundingClientRect().bottom - innerHeight);
    });
    await page.waitForTimeout(100);
    const scrolled = await inView(page);
    await page.screenshot({ path: `/tmp/dense-grid-${width}x${height}-end.png` });
    console.log(`# ${width}×${height}: ${top.rows} rows in view at the top, ${scrolled.rows} at the end`);
    for (const seen of [top, scrolled]) {
      assert.ok(seen.rows >= 15, `${seen.rows} rows in view`);
      assert.ok(seen.besidePanel, 'the score panel is beside the grid');
      assert.deepEqual(seen.cut, []);
    }
    assertClean(assert, app);
    await app.close();
  });
}
