// Issue 7 acceptance: with 30 projects of mixed grades the 汇总 filters and
// totals are right (computed here independently), the downloads hold the same
// figures, and 500 projects render.
import { after, before, test } from 'node:test';
import { readOoxml } from './ooxml.mjs';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SINGLE_FILE_URL, assertClean, heading, launchBrowser, openApp, waitReady } from './harness.mjs';
import { exampleRecord, storeRecords } from './stored.mjs';

let browser;
const target = { url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL };
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The 30 projects: budget, execution ratio, the 数量 indicator's actual (target 200) and the 定性 grade. */
function portfolio(count) {
  return Array.from({ length: count }, (_, n) => ({
    id: `ov${n}`,
    name: `项目${String(n).padStart(3, '0')}`,
    year: String(2022 + (n % 3)),
    department: ['教育局', '卫健委', '交通局', '农业农村局'][n % 4],
    budget: 10 + n * 2.5,
    rate: [1, 0.9, 0.75, 0.5, 1.1][n % 5],
    actual: [235, 150, 100, 20, 0][n % 5],
    qualitative: n % 7 === 3 ? 'NotAchieved' : 'Achieved',
  }));
}

/** The total by the rules, computed here: 执行率 10 × min(r, 1) + 质量 20 + 数量 20 × min(a/200, 1) + 成本 20 + 时效 15 + 定性 15 × (1 | 0.3). */
function expected(p) {
  const total = 10 * Math.min(p.rate, 1) + 20 + 20 * Math.min(p.actual / 200, 1) + 20 + 15 + 15 * (p.qualitative === 'Achieved' ? 1 : 0.3);
  const printed = Math.round(total * 100) / 100;
  const grade = printed >= 90 ? '优' : printed >= 80 ? '良' : printed >= 60 ? '中' : '差';
  return { total: printed, grade, executed: Math.round(p.budget * p.rate * 1e6) / 1e6 };
}

/** Stores `projects` as copies of the example (no summaries yet) and reopens the page on the 汇总. */
async function seed(page, projects) {
  const record = await exampleRecord(page);
  const records = projects.map((p) => {
    const copy = structuredClone(record);
    const doc = copy.project;
    Object.assign(doc, { id: p.id, name: p.name, year: p.year, department: p.department });
    const executed = String(Math.round(p.budget * p.rate * 1e6) / 1e6);
    doc.funds.total = { initial_budget: String(p.budget), annual_budget: String(p.budget), executed };
    doc.funds.current_appropriation = { ...doc.funds.total };
    for (const group of doc.indicators[0].groups) {
      for (const ind of group.indicators) {
        if (ind.name === '保障网络终端数量') ind.actual = String(p.actual);
        if (ind.kind === 'Qualitative') {
          ind.qualitative_grade = p.qualitative;
          ind.qualitative_score = '';
        }
      }
    }
    return copy;
  });
  await storeRecords(page, records);
  await page.evaluate(() => { location.hash = '#/overview'; });
  await page.reload();
  await waitReady(page);
  await heading(page, '汇总');
}

const rowTexts = (page) => page.locator('#overview-table tbody tr').allTextContents();
const number = (text) => Number(text.replace(/[^\d.]/g, ''));

test('30 projects: filters, sorting and totals match an independent computation', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  const projects = portfolio(30);
  await seed(page, projects);
  assert.equal((await rowTexts(page)).length, 30);

  const check = async (label, chosen) => {
    const rows = await rowTexts(page);
    assert.equal(rows.length, chosen.length, `${label}: row count`);
    const totalsText = await page.locator('#overview-totals').textContent();
    const budget = chosen.reduce((s, p) => s + p.budget, 0);
    const executed = chosen.reduce((s, p) => s + expected(p).executed, 0);
    const grades = { 优: 0, 良: 0, 中: 0, 差: 0 };
    chosen.forEach((p) => grades[expected(p).grade]++);
    const m = totalsText.match(/共 (\d+) 个项目；全年预算数合计 ([\d.]+) 万元，全年执行数合计 ([\d.]+) 万元，加权执行率 ([\d.]+)%；优 (\d+) 个，良 (\d+) 个，中 (\d+) 个，差 (\d+) 个/);
    assert.ok(m, totalsText);
    assert.equal(Number(m[1]), chosen.length, `${label}: count`);
    assert.ok(Math.abs(Number(m[2]) - budget) < 0.01, `${label}: budget ${m[2]} vs ${budget}`);
    assert.ok(Math.abs(Number(m[3]) - executed) < 0.01, `${label}: executed ${m[3]} vs ${executed}`);
    assert.ok(Math.abs(Number(m[4]) - (executed / budget) * 100) < 0.006, `${label}: weighted rate ${m[4]}`);
    assert.deepEqual([m[5], m[6], m[7], m[8]].map(Number), [grades.优, grades.良, grades.中, grades.差], `${label}: grades`);
    for (const p of chosen) {
      const row = rows.find((r) => r.includes(p.name));
      assert.ok(row, `${label}: ${p.name} listed`);
      assert.ok(row.includes(expected(p).total.toFixed(2)) && row.includes(expected(p).grade), `${label}: ${row}`);
    }
  };

  await check('all', projects);
  assert.ok(new Set(projects.map((p) => expected(p).grade)).size >= 3, 'the portfolio mixes grades');
  await page.getByLabel('年度', { exact: true }).selectOption('2023');
  await check('年度 2023', projects.filter((p) => p.year === '2023'));
  await page.getByLabel('主管部门', { exact: true }).selectOption('卫健委');
  await check('2023 + 卫健委', projects.filter((p) => p.year === '2023' && p.department === '卫健委'));
  await page.getByLabel('年度', { exact: true }).selectOption('');
  await page.getByLabel('主管部门', { exact: true }).selectOption('');
  await page.getByLabel('等级', { exact: true }).selectOption('优');
  await check('优', projects.filter((p) => expected(p).grade === '优'));
  await page.getByLabel('等级', { exact: true }).selectOption('');

  // Sorting by 总分 ascending puts the lowest first.
  await page.getByRole('button', { name: /^总分/ }).click();
  const sorted = (await rowTexts(page)).map((r) => r);
  const lowest = [...projects].sort((a, b) => expected(a).total - expected(b).total)[0];
  assert.ok(sorted[0].includes(expected(lowest).total.toFixed(2)), sorted[0]);
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);

  // Charts are inline SVG with their figures as text.
  const svgText = await page.locator('.charts svg').first().textContent();
  assert.match(svgText, /优/);
  assert.match(svgText, /个/);
  assertClean(assert, app);
  await app.close();
});

test('the downloads hold the page\'s figures: .xlsx sheet XML and a CSV with BOM', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  const projects = portfolio(30);
  await seed(page, projects);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const bytes = await readFile(await xlsx.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip file');
  // Read by other software: openxml-audit finds no error, openpyxl reads the
  // rows, each project's name beside its total as a number.
  const saved = join(await mkdtemp(join(tmpdir(), 'jixiao-xlsx-')), xlsx.suggestedFilename());
  await xlsx.saveAs(saved);
  const [book] = await readOoxml([saved]);
  assert.deepEqual(book.audit, []);
  const cells = Object.values(book.sheets)[0].cells;
  for (const p of projects) {
    const at = Object.entries(cells).find(([, v]) => v.text === p.name)?.[0];
    assert.ok(at, `${p.name} in the sheet`);
    const row = at.replace(/^[A-Z]+/, '');
    assert.equal(cells[`G${row}`]?.number, expected(p).total, `total of ${p.name} as a number`);
  }
  assert.match(bytes.toString('utf8'), /paperSize="9"/);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  const raw = await readFile(await csv.path());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = raw.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 1 + 30 + 1, 'header, 30 rows, 合计');
  assert.match(lines[0], /项目名称/);
  for (const p of projects) {
    const line = lines.find((l) => l.startsWith(p.name));
    assert.ok(line.includes(expected(p).total.toFixed(2)), line);
  }
  assertClean(assert, app);
  await app.close();
});

test('a 500-project overview shows 100 rows with totals over all 500, and 显示全部 draws every row', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await seed(page, portfolio(500));
  await page.evaluate(() => { location.hash = '#/'; });
  await heading(page, '项目列表');
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('#overview-table tbody tr').length === 100) {
            observer.disconnect();
            document.body.offsetHeight;
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const start = performance.now();
        location.hash = '#/overview';
      }),
  );
  console.log(`# overview of 500 projects: ${ms.toFixed(0)} ms from hash change to the table laid out`);
  assert.equal(await page.locator('#overview-table tbody tr').count(), 100);
  assert.match(await page.locator('#overview-totals').textContent(), /共 500 个项目/);
  assert.match(await page.locator('.list-more').textContent(), /共 500 行，按当前排序显示前 100 行/);
  // The first 100 in the page's order: sorting by 总分 brings the lowest in.
  const lowest = portfolio(500).map((p) => expected(p).total).sort((a, b) => a - b)[0];
  await page.getByRole('button', { name: /^总分/ }).click();
  assert.ok((await rowTexts(page))[0].includes(lowest.toFixed(2)), 'sorted over all 500, not the 100 shown');
  await page.getByRole('button', { name: '显示全部 500 行' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#overview-table tbody tr').length === 500, null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.locator('#overview-table tbody tr').count(), 500);
  assert.equal(await page.locator('.list-more').count(), 0);
  assertClean(assert, app);
  await app.close();
});

test('批量打印自评表 prints one 自评表 per page for the filtered projects', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  const projects = portfolio(9);
  await seed(page, projects);
  await page.getByLabel('年度', { exact: true }).selectOption('2023');
  const chosen = projects.filter((p) => p.year === '2023');
  // The button opens the print dialog; count the call instead of blocking on it.
  await page.evaluate(() => {
    window.printCalls = 0;
    window.print = () => { window.printCalls += 1; };
  });
  await page.getByRole('button', { name: '批量打印自评表' }).click();
  await page.locator('.batch-sheet').first().waitFor();
  await page.waitForFunction(() => window.printCalls === 1);
  assert.equal(await page.locator('.batch-sheet').count(), chosen.length);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const { execFileSync } = await import('node:child_process');
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(await mkdtemp(join(tmpdir(), 'jixiao-batch-')), 'batch.pdf');
  await writeFile(file, pdf);
  console.log(`# batch print PDF: ${file}`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  assert.equal(pages.length, chosen.length, 'one page per project');
  chosen.forEach((p, n) => {
    assert.ok(pages.some((page) => page.includes(p.name)), `${p.name} printed`);
    assert.ok(!pages[n].includes('批量打印'), 'only the sheets print');
  });
  await page.getByRole('button', { name: '关闭批量打印' }).click();
  assert.equal(await page.locator('.batch-sheet').count(), 0);
  assertClean(assert, app);
  await app.close();
});
