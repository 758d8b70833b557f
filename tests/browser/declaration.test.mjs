// Issue 27 in the browser: a district 申报表 imported through 导入 Excel
// (the preview's money note, its switch and the missing year), then what it
// brought shown where a user looks for it: the 申报信息 card, 不适用 二级,
// 指标解释 in the cell bar, the 目标表; edits of those kept over a reload;
// and the 审核口径 file of the 评分规则 card (export, a refused file that
// changes nothing, an accepted one that changes the 体检).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_TARGET, assertClean, heading, openApp, sharedBrowser, waitReady } from './harness.mjs';
import { storedProject } from './projects.mjs';

const browser = sharedBrowser(before, after);
const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'tests/fixtures/xlsx/district-declaration.xlsx');
const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/xlsx/expected.json'), 'utf8')).files.find(
  (f) => f.file === 'district-declaration.xlsx',
).projects;

const preview = (page) => page.getByRole('dialog', { name: 'Excel 导入预览' });
const compact = (t) => t.replace(/\s/g, '');

/** Imports the fixture through the list page's preview, checking the preview on the way. */
async function importDistrict(page) {
  await page.locator('#import-xlsx').setInputFiles(FIXTURE);
  await preview(page).waitFor();
  const items = preview(page).locator('.xlsx-item');
  assert.equal(await items.count(), want.length);
  for (const [n, p] of want.entries()) {
    const item = items.nth(n);
    assert.ok(compact(await item.locator('.check label').textContent()).includes(compact(p.name)), p.name);
    assert.match(await item.locator('.xlsx-source').textContent(), new RegExp(`工作表“${p.sheet}”`));
    assert.match(await item.locator('.xlsx-score').textContent(), /绩效目标表/);
    // The year line only where the title names none.
    assert.equal(await item.locator('.xlsx-year').count(), p.year ? 0 : 1, `${p.name}: year line`);
    const money = item.locator('.xlsx-money');
    assert.match(await money.textContent(), new RegExp(`金额单位按“${p.money_unit}”读取`), p.name);
    assert.equal(await money.locator('.sev-warning').count(), p.money_note ? 1 : 0, `${p.name}: money note`);
  }
  // The first sheet's 元 under a 万元 label: said, and one click reads it the other way (and back).
  const first = items.nth(0).locator('.xlsx-money');
  assert.match(await first.textContent(), /10185500.*按“元”读取/);
  const flip = first.getByRole('button', { name: '改按“万元”读取' });
  await flip.click();
  assert.equal(await first.getByRole('button').getAttribute('aria-pressed'), 'true');
  assert.match(await first.textContent(), /金额单位按“万元”读取/);
  await first.getByRole('button', { name: '改按“元”读取' }).click();
  assert.match(await first.textContent(), /金额单位按“元”读取/);
  // Where the table names no year, the preview asks for it.
  const missing = want.findIndex((p) => !p.year);
  await items.nth(missing).getByLabel('年度').fill('2024');
  await preview(page).getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: `新增 ${want.length} 个项目` }).waitFor();
  return want[missing].name;
}

async function openByName(page, name) {
  await page.locator('.project-list tbody a', { hasText: name }).click();
  await heading(page, '编辑');
  await page.locator('#total-score').waitFor();
}

/** [一级 index, 二级 index] of a 二级 by names, from the stored document. */
function groupAt(project, l1Name, l2Name) {
  const i = project.indicators.findIndex((l) => l.name === l1Name);
  const j = project.indicators[i].groups.findIndex((g) => g.name === l2Name);
  assert.ok(i >= 0 && j >= 0, `${l1Name} / ${l2Name}`);
  return [i, j];
}

async function reload(page) {
  await page.reload();
  await waitReady(page);
  await page.locator('#total-score').waitFor();
}

test('a district 申报表: preview, then the 申报信息 card, 不适用, 指标解释 and the 目标表 as imported; edits survive a reload', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  const undated = await importDistrict(page);
  await openByName(page, undated);
  assert.equal(await page.locator('#f-year').inputValue(), '2024', 'the year typed in the preview');
  await page.getByRole('link', { name: '项目列表', exact: true }).click();

  // The first sheet's project, in the editor.
  const [city] = want;
  await openByName(page, city.name);
  const card = page.locator('section[aria-labelledby="sec-declaration"]');
  await card.waitFor();
  for (const [key, text] of Object.entries(city.declaration)) {
    const control = card.locator(`#f-${key}`);
    assert.equal(compact(await control.inputValue()), compact(text), key);
    // Every field has its visible label.
    assert.equal(await card.locator(`label[for="f-${key}"]`).count(), 1, key);
  }
  // 是否新增 left blank by this sheet.
  assert.equal(await card.locator('#f-is_new').inputValue(), '');

  // 不适用 二级: shown ticked, with their sentence.
  let project = await storedProject(page);
  for (const [l1, l2] of city.not_applicable) {
    const [i, j] = groupAt(project, l1, l2);
    const box = page.locator(`#f-indicators-${i}-${j}-not_applicable`);
    assert.ok(await box.isChecked(), `${l2} 不适用`);
    const row = page.locator('tr.row-empty', { has: box });
    assert.match(await row.textContent(), /此二级指标不适用/);
  }

  // 指标解释 in the cell bar once the row has the focus.
  const byName = {};
  for (const l1 of project.indicators) for (const l2 of l1.groups) for (const ind of l2.indicators) byName[ind.name] = ind;
  const [indName, explanation] = Object.entries(city.notes).find(([, note]) => note);
  const id = byName[indName].id;
  await page.locator(`#f-indicator-${id}-name`).focus();
  const note = page.locator(`#cell-bar .row-notes #f-indicator-${id}-explanation`);
  await note.waitFor();
  assert.equal(await note.inputValue(), explanation);
  assert.equal(await page.locator(`#cell-bar label[for="f-indicator-${id}-explanation"]`).textContent(), '指标解释');

  // The 目标表 prints the declaration and the 指标解释 column.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '目标与监控' }).click();
  await heading(page, '目标与监控');
  const sheet = page.locator('article[aria-label="绩效目标申报表"]');
  await sheet.locator('table').first().waitFor();
  const printed = compact(await sheet.textContent());
  for (const text of ['项目编码', city.declaration.code, '政策依据', city.declaration.policy_basis, '测算依据',
    city.declaration.cost_basis, '长期目标', city.declaration.long_term_goal, '指标解释', explanation, '不适用']) {
    assert.ok(printed.includes(compact(text)), `目标表 prints ${text}`);
  }
  // Back to this project's editor (its route names it; the nav's 编辑 does not).
  await page.goBack();
  await heading(page, '编辑');
  await page.locator('#total-score').waitFor();

  // Typed into 申报信息 and a 不适用 ticked on an empty 二级: kept over a reload.
  await page.locator('#f-period').fill('2023年1月-2024年6月');
  const [i, j] = groupAt(project, ...city.not_applicable[1]);
  const box = `#f-indicators-${i}-${j}-not_applicable`;
  await page.locator(box).uncheck();
  project = await storedProject(page);
  assert.equal(project.indicators[i].groups[j].not_applicable, undefined, 'unticked: written as absent');
  await reload(page);
  assert.equal(await page.locator('#f-period').inputValue(), '2023年1月-2024年6月');
  assert.equal(await page.locator(box).isChecked(), false);
  assert.match(await page.locator('tr.row-empty', { has: page.locator(box) }).textContent(), /还没有三级指标/);
  await page.locator(box).check();
  project = await storedProject(page);
  assert.equal(project.indicators[i].groups[j].not_applicable, true);
  await reload(page);
  assert.ok(await page.locator(box).isChecked(), 'ticked again: kept');
  assert.equal(project.declaration.period, '2023年1月-2024年6月');

  // The second sheet's 是否新增 is neither 是 nor 否: offered as it stands.
  const [, care] = want;
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目列表' }).click();
  await heading(page, '项目列表');
  await openByName(page, care.name);
  const isNew = page.locator('#f-is_new');
  assert.equal(await isNew.inputValue(), care.declaration.is_new);
  assert.deepEqual(await isNew.locator('option').allTextContents(), ['（未填）', '是', '否', care.declaration.is_new]);
  await isNew.selectOption('否');
  assert.equal((await storedProject(page)).declaration.is_new, '否');
  assertClean(assert, app);
  await app.close();
});

test('审核口径: export parses, a bad pattern is refused and changes nothing, a lower name limit changes the 体检', async () => {
  const app = await openApp(browser(), FILE_TARGET);
  const { page } = app;
  await importDistrict(page);
  await openByName(page, want[0].name);
  const tooLong = page.locator('ul.findings li .rule', { hasText: 'target.indicator_name.too_long' });
  assert.equal(await tooLong.count(), 0, 'every name within the default 15 characters');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出审核口径' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^审核口径-.*\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.name_max_chars, 15);
  assert.ok(Array.isArray(exported.document_patterns) && exported.document_patterns.length > 0);

  const current = async () => page.locator('#review-rules-current').textContent();
  const before = await current();
  const storedBefore = (await storedProject(page)).rules;
  const choose = (name, body) =>
    page.locator('#review-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(body)) });

  // Refused: a wildcard-only pattern, and one over 64 characters.
  for (const [bad, why] of [['*?', /只有通配符/], ['《' + '文'.repeat(70) + '》', /超过上限 64/]]) {
    await choose('坏口径.json', { ...exported, name: '坏口径', document_patterns: [...exported.document_patterns, bad] });
    const message = page.locator('#review-import-msg.import-errors');
    await message.waitFor();
    const text = await message.textContent();
    assert.match(text, /“坏口径\.json”未导入/);
    assert.match(text, /无效/);
    assert.match(text, why);
    assert.equal(await current(), before);
    assert.deepEqual((await storedProject(page)).rules, storedBefore, 'nothing changed');
  }

  // Accepted: names over 5 characters are too long now.
  await choose('严口径.json', { ...exported, name: '严口径', name_max_chars: 5 });
  await page.locator('#review-import-msg.import-notice', { hasText: '已使用审核口径“严口径”' }).waitFor();
  assert.match(await current(), /严口径/);
  await tooLong.first().waitFor();
  assert.ok(await tooLong.count() > 0);
  assert.equal((await storedProject(page)).rules.review.name_max_chars, 5);
  assertClean(assert, app);
  await app.close();
});
