// The browser matrix (issue 24): the same scenarios on every engine a
// government PC may run, from the single file (file://) and from a web
// folder (http://127.0.0.1). One browser per engine with a fresh profile,
// one tab per scenario; the projects scenarios add stay in the profile, so
// no scenario counts on an empty store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefox } from './bidi.mjs';
import { launchChromium } from './cdp.mjs';
import { download, magic } from './driver.mjs';
import { locate, selected } from './engines.mjs';
import { SINGLE_FILE_URL, serveDist } from '../browser/harness.mjs';
import { EXAMPLE_ROWS, exampleTsv } from '../browser/projects.mjs';

const FIXTURES = new URL('../fixtures/xlsx/', import.meta.url).pathname;
/** Where a failing scenario leaves its screenshot. */
const SHOTS = join(tmpdir(), 'jixiao-matrix-shots');

/** A row's 三级指标 cell (labelled by its column head). */
const NAME_CELL = 'textarea[aria-labelledby="gh-name"]';

const FALLBACK_NOTICE = '此浏览器不能直接写入文件，已改为下载';

async function openExample(page) {
  await page.click('button', '载入示例');
  await page.waitFor(() => location.hash.startsWith('#/edit/'), [], { what: 'the example in the editor' });
  await page.waitText('#total-score', /\d/);
}

async function saved(page) {
  await page.waitText('.save-status', /已保存/, { what: 'the save' });
}

async function toList(page) {
  await page.click('nav a', '项目列表');
  await page.waitText('h1', /^项目列表$/);
}

/** Scenarios by title; each gets a tab with the app started and its target. */
export const SCENARIOS = {
  async 'starts: the list page, nothing but its own files'(page) {
    assert.match(await page.text('h1'), /项目列表/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('button').length > 0), true);
    // The message shown while the app starts (and left when it cannot) is gone once it has.
    const boot = await page.evaluate(() => {
      const el = document.getElementById('jixiao-boot');
      return el && el.getClientRects().length > 0 ? el.innerText : null;
    });
    assert.equal(boot, null, 'the start-up message is hidden');
  },

  async '载入示例 scores 100.00, 优'(page) {
    await openExample(page);
    await page.waitText('#total-score', /^100\.00$/);
    assert.equal(await page.text('#grade'), '优');
  },

  async 'an edit survives a reload'(page) {
    await openExample(page);
    await saved(page);
    await page.typeAtEnd('#f-name', '（矩阵）');
    await page.waitFor(() => document.querySelector('.save-status')?.textContent.includes('已保存')
      && document.querySelector('#f-name').value.endsWith('（矩阵）'), [], { what: 'the edit saved' });
    // The debounced save has begun; give its IndexedDB transaction time to commit.
    await new Promise((ok) => setTimeout(ok, 400));
    await page.reloadApp();
    const name = await page.waitFor(() => document.querySelector('#f-name')?.value, [], { what: '#f-name after the reload' });
    assert.ok(name.endsWith('（矩阵）'), `name after reload: ${name}`);
    await page.waitText('#total-score', /^100\.00$/);
  },

  async 'a table pasted into the grid fills it'(page) {
    await page.click('button', '新建项目');
    await page.waitFor(() => location.hash.startsWith('#/edit/'), [], { what: 'the editor' });
    await page.waitFor(() => !!document.querySelector('#paste-target'), [], { what: '#paste-target' });
    await page.paste('#paste-target', exampleTsv());
    const said = await page.waitText('#paste-preview', /共 5 行/);
    assert.match(said, /新增一级指标 1 个，新增二级指标 4 个，新增三级指标 5 个/);
    await page.click('#paste-apply');
    await page.waitFor(() => !document.querySelector('#paste-preview'), [], { what: 'the preview to close' });
    const names = await page.evaluate((cell) =>
      [...document.querySelectorAll('.row-indicator')].map((row) => row.querySelector(cell)?.value), NAME_CELL);
    assert.deepEqual(names, EXAMPLE_ROWS.map((r) => r[2]));
  },

  async 'an .xlsx import shows its preview, then imports'(page) {
    await page.setFiles('#import-xlsx', [join(FIXTURES, '01-yongde-yuan.xlsx')]);
    const dialog = '[role="dialog"][aria-label="Excel 导入预览"]';
    const score = await page.waitText(`${dialog} .xlsx-score`, /总分/, { timeout: 15_000 });
    assert.match(score, /总分 99\.80，等级 优；表中总分 96/);
    await page.click(`${dialog} button`, '确认导入');
    await page.waitText('[role="status"]', /新增 1 个项目/);
  },

  async 'the report shows the 自评表 as one table'(page) {
    await openExample(page);
    await page.click('nav a', '报告');
    await page.waitText('.report-sheet .r-title', /\S/);
    const text = await page.text('.report-sheet');
    assert.match(text, /一、项目基本情况/);
    assert.match(text, /100\.00 分/);
    const parts = await page.evaluate(() => [...document.querySelectorAll('.report-sheet .r-table-wrap')].map((wrap) => {
      const table = wrap.querySelector('table').getBoundingClientRect();
      const edges = [...wrap.querySelectorAll('th, td')].map((c) => Math.round(c.getBoundingClientRect().left));
      return { top: table.top, bottom: table.bottom, left: table.left, width: table.width, edges: [...new Set(edges)].sort((a, b) => a - b) };
    }));
    assert.equal(parts.length, 2, 'the 自评表 is drawn as two parts (funds, indicators)');
    const [funds, indicators] = parts;
    assert.ok(Math.abs(funds.width - indicators.width) <= 1 && Math.abs(funds.left - indicators.left) <= 1,
      `the parts are as wide as each other: ${funds.left}+${funds.width} vs ${indicators.left}+${indicators.width}`);
    // Shared border: the second begins where the first ends (the -1px overlap).
    assert.ok(Math.abs(indicators.top - funds.bottom) <= 1.5, `the parts touch: ${funds.bottom} then ${indicators.top}`);
    // The columns line up as in 附1: the indicator part's columns are the funds part's with
    // the last two joined, so every funds column line left of the indicator part's last one
    // continues down through it. (The indicator part has lines of its own where funds cells
    // span two columns.)
    const last = Math.max(...indicators.edges);
    const shared = funds.edges.filter((x) => x <= last + 2);
    assert.ok(shared.length >= 6, `funds column lines ${funds.edges}`);
    const broken = shared.filter((x) => !indicators.edges.some((y) => Math.abs(x - y) <= 2));
    assert.deepEqual(broken, [], `funds column lines ${funds.edges} continue in the indicator part ${indicators.edges}`);
  },

  async 'the report downloads as .docx and .xlsx'(page, { downloads }) {
    await openExample(page);
    await page.click('nav a', '报告');
    await page.waitText('.report-sheet .r-title', /\S/);
    const docx = await download(downloads, /\.docx$/, () => page.click('button', '导出 Word（报告及自评表）'));
    assert.equal(await magic(docx), 'PK', `${docx} is a zip`);
    const xlsx = await download(downloads, /\.xlsx$/, () => page.click('button', '导出 Excel（自评表）'));
    assert.equal(await magic(xlsx), 'PK', `${xlsx} is a zip`);
  },

  async 'the report prints on A4, without the page\'s controls'(page, { downloads }) {
    await openExample(page);
    await page.click('nav a', '报告');
    await page.waitText('.report-sheet .r-title', /\S/);
    const pdf = join(downloads, `report-${Date.now()}.pdf`);
    await writeFile(pdf, await page.pdf());
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    // The example's report: its text and the 自评表 on 3–6 pages (GB/T 9704).
    assert.ok(pages >= 3 && pages <= 6, `pages: ${pages}`);
    const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m);
    assert.ok(size && Math.abs(Number(size[1]) - 595.3) < 2 && Math.abs(Number(size[2]) - 841.9) < 2, `A4 portrait: ${size?.[0]}`);
    // Printing hides the page's own controls and the boot message.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.doesNotMatch(text, /导出 Word|正在打开/, 'no button or boot message on paper');
  },

  async '保存到文件 without the File System Access API downloads and says so'(page, { downloads, reopen }) {
    // Engines that have the API lose it here, the way Firefox never had it.
    const had = await page.evaluate(() => typeof window.showSaveFilePicker === 'function');
    if (had) {
      await page.addInitScript(() => {
        for (const name of ['showSaveFilePicker', 'showOpenFilePicker']) {
          delete Window.prototype[name];
          delete window[name];
        }
      });
      await reopen();
      assert.equal(await page.evaluate(() => typeof window.showSaveFilePicker), 'undefined');
    }
    await openExample(page);
    await saved(page);
    await toList(page);
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === '打开文件')), false,
      '打开文件 is not offered without the API');
    const json = await download(downloads, /\.json$/, () => page.click('button', '保存到文件'));
    assert.match(json, /项目支出绩效自评-全部项目-\d{8}( ?\(\d+\))?\.json$/);
    await page.waitText('.import-notice', new RegExp(FALLBACK_NOTICE));
  },

  async 'no grid cell hides part of its text'(page) {
    await openExample(page);
    // Two lines, long enough to wrap in any column: a 三级指标 as published tables have them.
    await page.evaluate((selector) => {
      const cell = document.querySelector(`.row-indicator ${selector}`);
      cell.value = '农村饮水安全工程水质检测合格率\n（含分散式供水工程和集中式供水工程，按季度抽检）';
      cell.dispatchEvent(new Event('input', { bubbles: true }));
      cell.blur();
    }, NAME_CELL);
    await saved(page);
    // Grown cells settle on the next frames.
    await new Promise((ok) => setTimeout(ok, 300));
    const clipped = await page.evaluate(() => {
      document.activeElement?.blur();
      return [...document.querySelectorAll('#indicator-grid textarea')]
        .filter((t) => t.scrollHeight > t.clientHeight + 1)
        .map((t) => `${t.id || t.getAttribute('aria-label')}: ${t.clientHeight}px shows of ${t.scrollHeight}px (“${t.value.slice(0, 20)}”)`);
    });
    const cells = await page.evaluate(() => document.querySelectorAll('#indicator-grid textarea').length);
    assert.ok(cells >= 5 * 4, `the grid has its cells (${cells} textareas)`);
    assert.deepEqual(clipped, [], 'every cell shows all its text');
  },
};

/**
 * Registers the matrix for one engine. An engine left out of JIXIAO_MATRIX
 * is reported as skipped; one asked for but not installed fails.
 */
export function matrix(name) {
  if (!selected().includes(name)) {
    test(`${name}`, { skip: 'not in JIXIAO_MATRIX' }, () => {});
    return;
  }
  describe(name, () => {
    let engine;
    let browser;
    let server;
    let downloads;
    const started = {};

    // Node 20 reports a failed before() hook only as "cancelled"; kept here,
    // the reason (not installed, would not start) fails every test instead.
    let unlaunched = null;
    before(async () => {
      try {
        engine = locate(name);
        downloads = await mkdtemp(join(tmpdir(), `jixiao-matrix-downloads-${name}-`));
        await mkdir(SHOTS, { recursive: true });
        server = await serveDist();
        const launch = engine.kind === 'firefox' ? launchFirefox : launchChromium;
        browser = await launch(engine, downloads);
        console.log(`# ${name}: ${browser.version} (${engine.binary})`);
      } catch (err) {
        unlaunched = err;
      }
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      if (downloads) await rm(downloads, { recursive: true, force: true });
    });

    test('is the build it claims to be', () => {
      if (unlaunched) throw unlaunched;
      assert.ok(Number.isInteger(browser.major), `version ${browser.version}`);
      if (engine.major !== null) assert.equal(browser.major, engine.major, browser.version);
    });

    const targets = {
      'file://': () => ({ url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL }),
      'http://': () => ({ url: server.url, own: (u) => u.startsWith(server.url) }),
    };
    for (const [where, makeTarget] of Object.entries(targets)) {
      describe(where, () => {
        for (const [title, scenario] of Object.entries(SCENARIOS)) {
          test(title, { timeout: 90_000 }, async () => {
            if (unlaunched) throw unlaunched;
            // Once the app could not start here, the rest fail at once rather than wait each time.
            if (started[where] === false) assert.fail(`the app did not start on ${name} from ${where} (see “starts”)`);
            const target = makeTarget();
            const page = await browser.newPage();
            try {
              const open = () => page.goto(target.url);
              try {
                await open();
                started[where] = true;
              } catch (err) {
                started[where] ??= false;
                throw err;
              }
              await scenario(page, { downloads, reopen: open });
              assert.deepEqual(page.problems, [], 'no console errors or uncaught exceptions');
              const foreign = page.requests.filter((u) => !target.own(u) && !/^(data|blob|about):/.test(u));
              assert.deepEqual(foreign, [], 'no request outside the page\'s own files');
            } catch (err) {
              const shot = join(SHOTS, `${name}-${where.replace(/\W/g, '')}-${title.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
              await page.screenshot(shot).catch(() => {});
              err.message += `\n  screenshot: ${shot}${err.message.includes('the page said') ? '' : page.problemsSaid()}`;
              throw err;
            } finally {
              await page.close();
            }
          });
        }
      });
    }
  });
}
