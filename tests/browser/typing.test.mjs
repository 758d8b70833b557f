// Issue 25 item 4: no keystroke lost to a moving focus. Enter in the last
// row adds a row and moves there; keys typed right after it, with no wait,
// must land in the new row. Five rows at full speed, twenty times over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { openExample } from './editing.mjs';

const browser = sharedBrowser(before, after);

/** The 三级指标 text of every indicator row, top to bottom. */
const names = (page) =>
  page.locator('.row-indicator').evaluateAll((rows) => rows.map((row) => row.querySelector('textarea.cell[data-c="2"]')?.value ?? null));

test('five rows typed at full speed, twenty times: no lost or misplaced character', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await openExample(page);
  const before = await names(page);
  // The last row's 三级指标, then Enter: a new, empty last row has the focus.
  await page.locator('.row-indicator').last().locator('textarea.cell[data-c="2"]').click();
  await page.keyboard.press('Enter');
  const typed = [];
  for (let round = 0; round < 20; round++) {
    const batch = [];
    for (let row = 0; row < 5; row++) {
      const name = `r${round}x${row}指标`;
      batch.push(name);
      // No wait between the keys: Enter's new row must take the next key.
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
    }
    typed.push(...batch);
    const now = await names(page);
    assert.deepEqual(now.slice(before.length, before.length + typed.length), typed, `round ${round}`);
    assert.equal(now.length, before.length + typed.length + 1, `round ${round}: one empty row waits at the end`);
    assert.equal(now.at(-1), '');
  }
  assert.deepEqual((await names(page)).slice(0, before.length), before, 'the rows above are untouched');
  assertClean(assert, app);
  await app.close();
});
