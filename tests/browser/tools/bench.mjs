// The browser half of `cargo xtask bench`: timings in headless Chromium on
// dist/jixiao.html opened as file://, medians and p95 over RUNS runs each.
// Prints JSON on the last line for the xtask to tabulate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SINGLE_FILE_URL, launchBrowser, waitReady } from '../harness.mjs';
import { launchChromium } from '../../matrix/cdp.mjs';
import { locate } from '../../matrix/engines.mjs';
import { exampleRecord, seedRecords } from '../stored.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const browser = await launchBrowser();

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), runs: s.length };
}

/** A fresh context whose storage holds the example record `count` times, grown to `indicators`. */
async function seeded(count, indicators) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  if (count > 0) {
    const record = await exampleRecord(page);
    if (indicators) {
      const template = { ...record.project.indicators[0].groups[0].indicators[0], target: '200', actual: '235', kind: 'AtLeast' };
      const weight = (90 / indicators).toFixed(4);
      record.project.indicators = [{ name: '产出指标', weight: '', groups: [] }];
      for (let n = 0; n < indicators; n++) {
        if (n % 10 === 0) record.project.indicators[0].groups.push({ name: `二级${n / 10}`, weight: '', indicators: [] });
        record.project.indicators[0].groups.at(-1).indicators.push({ ...template, id: n + 1, name: `指标${n + 1}`, weight });
      }
    }
    const grades = ['235', '150', '100', '20'];
    const records = [];
    for (let n = 0; n < count; n++) {
      const copy = structuredClone(record);
      copy.project.id = `bench${n}`;
      copy.project.name = `项目 ${n}`;
      copy.project.year = String(2020 + (n % 5));
      copy.project.department = `部门${n % 7}`;
      if (!indicators) copy.project.indicators[0].groups[1].indicators[0].actual = grades[n % 4];
      records.push(copy);
    }
    // Written as an older build left them: the next start moves them into
    // IndexedDB and scores each once. The rows measure the starts after it.
    await seedRecords(page, records, { lastOpened: 'bench0' });
    await page.reload();
    await waitReady(page);
  }
  return { context, page };
}

/** Navigation start to the ready mark, over reloads; `prepare` runs in the page before each. */
async function startup(count, prepare = () => {}) {
  const { context, page } = await seeded(count, 0);
  const samples = [];
  for (let n = 0; n < RUNS; n++) {
    await page.goto(SINGLE_FILE_URL + '#/');
    await page.evaluate(prepare);
    await page.reload();
    await waitReady(page);
    samples.push(await page.evaluate(() => performance.getEntriesByName('jixiao-ready')[0].startTime));
  }
  await context.close();
  return stats(samples);
}

/**
 * Startup with an empty store on another engine of the matrix (issue 24:
 * Chromium 86, the oldest kernel users run), driven over CDP as the matrix
 * drives it; the same mark and reloads as `startup(0)`.
 */
async function startupOn(name) {
  const downloads = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const engine = await launchChromium(locate(name), downloads);
  const page = await engine.newPage();
  await page.goto(SINGLE_FILE_URL);
  const samples = [];
  for (let n = 0; n < RUNS; n++) {
    await page.reloadApp();
    samples.push(await page.evaluate(() => performance.getEntriesByName('jixiao-ready')[0].startTime));
  }
  await engine.close();
  return { ...stats(samples), version: engine.version };
}

/**
 * The first start after an upgrade (or after another build wrote the
 * records): no summary is stored, so every record is read and scored.
 */
const firstStart = (count) =>
  startup(count, () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('jixiao');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(['summaries', 'meta'], 'readwrite');
        tx.objectStore('summaries').clear();
        tx.objectStore('meta').delete('catalog');
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }),
  );

async function editLatency(indicators) {
  const { context, page } = await seeded(1, indicators);
  await page.goto(SINGLE_FILE_URL + '#/edit/bench0');
  await page.reload();
  await waitReady(page);
  await page.locator('#total-score').waitFor();
  // The 6th indicator of the middle group (ids are 1-based, 10 to a group).
  const input = `f-indicator-${Math.floor(indicators / 20) * 10 + 6}-actual`;
  const samples = [];
  // An edit is cheap to repeat: 40 samples at least, so the p95 is not just the slowest of a dozen.
  for (let n = 0; n < Math.max(RUNS, 40) + 2; n++) {
    const ms = await page.evaluate(
      ({ input, value }) =>
        new Promise((resolve) => {
          const field = document.getElementById(input);
          const out = document.getElementById('total-score');
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve(performance.now() - start);
          });
          observer.observe(out, { childList: true, characterData: true, subtree: true });
          const start = performance.now();
          field.value = value;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      { input, value: n % 2 ? '235' : '100' },
    );
    if (n >= 2) samples.push(ms); // the first two warm the page up
  }
  await context.close();
  return stats(samples);
}

/** Time from a hash change to `ready` holding, observed on every DOM mutation. */
async function navigation(page, hash, ready) {
  await page.evaluate(() => { location.hash = '#/'; });
  await page.locator('h1', { hasText: '项目列表' }).waitFor();
  return page.evaluate(
    ({ hash, ready }) =>
      new Promise((resolve) => {
        const check = new Function(`return (${ready})`);
        const observer = new MutationObserver(() => {
          if (check()) {
            observer.disconnect();
            document.body.offsetHeight; // include layout
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const start = performance.now();
        location.hash = hash;
      }),
    { hash, ready },
  );
}

async function overview(count) {
  const { context, page } = await seeded(count, 0);
  await page.reload();
  await waitReady(page);
  const samples = [];
  for (let n = 0; n < RUNS; n++) {
    // The table draws its first 100 rows (显示全部 draws the rest); totals and charts cover all.
    samples.push(await navigation(page, '#/overview', `document.querySelectorAll('#overview-table tbody tr').length === ${Math.min(count, 100)}`));
  }
  await context.close();
  return stats(samples);
}

async function report() {
  const { context, page } = await seeded(1, 40);
  await page.reload();
  await waitReady(page);
  const samples = [];
  for (let n = 0; n < RUNS; n++) {
    samples.push(await navigation(page, '#/report/bench0', "document.querySelectorAll('.report-sheet .r-table tbody tr').length >= 40"));
  }
  await context.close();
  return stats(samples);
}

/** A 附1 workbook with 40 indicators, written by openpyxl (not by jixiao). */
function fortyIndicatorWorkbook() {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-bench-')), 'forty.xlsx');
  const script = `
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "自评表"
ws.append(["项目支出绩效自评表（2024年度）"])
ws.append(["项目名称", "", "基准测试项目"])
ws.append(["主管部门", "", "县财政局", "", "实施单位", "", "县财政局"])
ws.append(["项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
ws.append(["", "", "年度资金总额", 100, 100, 95, 10, 0.95, 9.5])
ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
for n in range(40):
    ws.append(["产出指标" if n < 20 else "效益指标", "数量指标" if n % 2 else "质量指标", f"指标{n + 1}", "≥100台", f"{95 + n % 10}台", 2.25, 2.2, ""])
ws.append(["总分", "", "", "", "", 100, 97.5, "优"])
wb.save(sys.argv[1])
`;
  execFileSync(new URL('../../../.venv/bin/python', import.meta.url).pathname, ['-c', script, path]);
  return path;
}

/** From the file chosen (its change event) to the preview's scores on screen. */
async function importWorkbook() {
  const file = fortyIndicatorWorkbook();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  const samples = [];
  for (let n = 0; n < RUNS; n++) {
    await page.evaluate(() => {
      window.__pick = undefined;
      document.querySelector('#import-xlsx').addEventListener('change', () => {
        window.__pick = performance.now();
      }, { capture: true, once: true });
    });
    await page.locator('#import-xlsx').setInputFiles(file);
    await page.locator('.xlsx-review .xlsx-score').waitFor();
    const shown = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
    const picked = await page.evaluate(() => window.__pick);
    samples.push(shown - picked);
    await page.getByRole('button', { name: '取消导入' }).click();
  }
  await context.close();
  return stats(samples);
}

/**
 * 审核 of 300 declarations: three workbooks of 100 chosen at once → the
 * preview, then 确认导入 → the list of 300 with their findings counted. The
 * reviewer's pause between the two is not counted. Each run starts from an
 * empty browser (the import adds the projects).
 */
async function review(count) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-review-'));
  const perFile = count / 3;
  execFileSync(new URL('../../../.venv/bin/python', import.meta.url).pathname, [
    new URL('./make_declarations.py', import.meta.url).pathname, dir, '3', String(perFile),
  ]);
  const files = [1, 2, 3].map((n) => join(dir, `申报表-${n}.xlsx`));
  const samples = [];
  for (let n = 0; n < Math.min(RUNS, 5); n++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(SINGLE_FILE_URL + '#/review');
    await waitReady(page);
    await page.evaluate(() => {
      document.querySelector('#review-files').addEventListener('change', () => {
        window.__pick = performance.now();
      }, { capture: true, once: true });
    });
    await page.locator('#review-files').setInputFiles(files);
    await page.locator('.review-batch').waitFor();
    const previewed = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.__pick))));
    const confirm = page.locator('.review-batch').getByRole('button', { name: '确认导入' });
    await confirm.evaluate((button) => {
      button.addEventListener('click', () => { window.__confirm = performance.now(); }, { capture: true, once: true });
    });
    await confirm.click();
    await page.locator('.review-count', { hasText: `共 ${count} 个项目` }).waitFor({ timeout: 120000 });
    const listed = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.__confirm))));
    samples.push(previewed + listed);
    await context.close();
  }
  return stats(samples);
}

// BENCH_ONLY=startup_1000,overview_1000 runs just those rows; first_start_1000
// (no target: it happens once after an upgrade) runs only when named there.
const only = process.env.BENCH_ONLY?.split(',');
const optional = ['first_start_1000'];
const measures = {
  startup_empty: () => startup(0),
  startup_empty_chromium86: () => startupOn('chromium86'),
  startup_100: () => startup(100),
  startup_1000: () => startup(1000),
  first_start_1000: () => firstStart(1000),
  edit_10: () => editLatency(10),
  edit_300: () => editLatency(300),
  overview_500: () => overview(500),
  overview_1000: () => overview(1000),
  report_40: () => report(),
  import_40: () => importWorkbook(),
  review_300: () => review(300),
};
const result = { browser: browser.version() };
for (const [name, measure] of Object.entries(measures)) {
  if (only ? only.includes(name) : !optional.includes(name)) result[name] = await measure();
}
await browser.close();
console.log(JSON.stringify(result));
