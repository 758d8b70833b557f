// Issue 18 acceptance: a file whose 一级 names are printed spaced out ("产 出 指 标",
// as typeset tables do) and whose empty fund cells hold "-", "—" and "/" imports
// and scores exactly like the clean file: same total, same grade, same findings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';
import { firstStoredRecord } from './stored.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

function exchangeFile(project) {
  return JSON.stringify({ format: 'jixiao-export', format_version: 1, schema_version: project.schema_version, exported_at: '2026-11-28', app: 'jixiao', projects: [project] });
}

/** What the editor shows of a project: total, grade and the 体检, spacing ignored. */
async function shown(page, id) {
  await page.evaluate((id) => { location.hash = `#/edit/${id}`; }, id);
  await page.locator('#total-score').waitFor();
  await page.waitForFunction((id) => location.hash === `#/edit/${id}`, id);
  const findings = (await page.locator('.findings li').allTextContents()).map((f) => f.replace(/\s+/g, ''));
  return { total: await page.locator('#total-score').textContent(), grade: await page.locator('#grade').textContent(), findings };
}

test('spaced 一级 names and dash-filled 其他资金 score and check like the clean file', async () => {
  const app = await openApp(browser(), target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  const { project: sample } = await firstStoredRecord(page);

  const clean = structuredClone(sample);
  clean.id = 'clean';
  clean.name = '干净的表';
  clean.funds.other = { initial_budget: '', annual_budget: '', executed: '' };
  clean.funds.carried_over = { initial_budget: '', annual_budget: '', executed: '' };
  const messy = structuredClone(clean);
  messy.id = 'messy';
  messy.name = '排版过的表';
  messy.indicators[0].name = '产 出 指 标';
  messy.indicators[0].groups[0].name = '质\u3000量\u00a0指标';
  messy.funds.other = { initial_budget: '-', annual_budget: '—', executed: '/' };
  messy.funds.carried_over = { initial_budget: '－', annual_budget: '——', executed: '无' };

  const dir = await mkdtemp(join(tmpdir(), 'jixiao-names-'));
  const files = [join(dir, 'clean.json'), join(dir, 'messy.json')];
  await writeFile(files[0], exchangeFile(clean));
  await writeFile(files[1], exchangeFile(messy));
  await page.evaluate(() => { location.hash = '#/'; });
  await page.locator('#import-file').setInputFiles(files);
  await page.locator('.import-notice', { hasText: '新增 2 个' }).waitFor();

  const a = await shown(page, 'clean');
  const b = await shown(page, 'messy');
  assert.equal(b.total, a.total);
  assert.equal(b.grade, a.grade);
  assert.deepEqual(b.findings, a.findings);
  // The spaced name is kept as typed.
  assert.equal(await page.locator('.level1-cell').first().getByLabel('一级指标', { exact: true }).inputValue(), '产 出 指 标');
  // And the dashes are read as none, not as errors.
  assert.ok(!b.findings.some((f) => f.includes('不是有效的数值')), b.findings.join('\n'));
  assertClean(assert, app);
  await app.close();
});
