// Issue 5 acceptance: the report prints on A4 with the GB/T 9704 margins, the
// 自评表 header repeats on every page, and user text prints as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SINGLE_FILE_URL, assertClean, heading, launchBrowser, openApp, waitReady } from './harness.mjs';
import { rewriteRecord } from './stored.mjs';

let browser;
const target = { url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL };
const MM = 72 / 25.4;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the example's report; `grow(record)`, when given, edits the stored example first. */
async function openSampleReport(page, grow) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  if (grow) {
    await rewriteRecord(page, grow);
    await page.reload();
    await waitReady(page);
  }
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  await page.locator('.report-sheet .r-title').waitFor();
}

/** Writes the PDF and returns per-page words with their boxes (pdftotext -bbox). */
async function printToPdf(page, name) {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const pages = [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
      (w) => ({ xMin: +w[1], yMin: +w[2], xMax: +w[3], yMax: +w[4], text: w[5] }),
    ),
  }));
  return { file, dir, pages };
}

/** The last line of text above the footer, as one string. */
function lastLine(page) {
  const body = page.words.filter((w) => w.yMax < (297 - 35) * MM);
  const bottom = Math.max(...body.map((w) => w.yMax));
  return body.filter((w) => w.yMax > bottom - 4).map((w) => w.text).join('');
}

/** No page ends with a heading ("一、…", "（二）…" with no sentence after it). */
function assertNoHeadingAtPageBottom(pdf) {
  for (const [n, p] of pdf.pages.entries()) {
    const line = lastLine(p);
    assert.ok(!/^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。：]*$/.test(line), `page ${n + 1} ends with a heading: ${line}`);
  }
}

test('the example report prints on A4 within the GB/T 9704 margins, numbered — 1 —', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await openSampleReport(page);
  const text = await page.locator('.report-sheet').textContent();
  for (const heading of ['一、项目基本情况', '二、绩效目标完成情况评价', '三、存在的主要问题及原因分析', '四、下一步改进措施', '五、评价结论']) {
    assert.match(text, new RegExp(heading));
  }
  assert.match(text, /27\.5 万元/);
  assert.match(text, /100\.00 分/);
  const pdf = await printToPdf(page, 'example');
  console.log(`# example report PDF: ${pdf.file} (${pdf.pages.length} pages)`);
  assert.ok(pdf.pages.length >= 2);
  for (const [n, p] of pdf.pages.entries()) {
    assert.ok(Math.abs(p.width - 210 * MM) < 1 && Math.abs(p.height - 297 * MM) < 1, `page ${n + 1} is A4: ${p.width}×${p.height}`);
    const body = p.words.filter((w) => !/^[—\d]+$/.test(w.text));
    assert.ok(body.length > 0, `page ${n + 1} has text`);
    const left = Math.min(...body.map((w) => w.xMin));
    const right = Math.max(...body.map((w) => w.xMax));
    const top = Math.min(...body.map((w) => w.yMin));
    const bottom = Math.max(...body.map((w) => w.yMax));
    // x positions are exact; y positions are glyph boxes, which overshoot the
    // line box by part of the font size (most for the 2号 title).
    assert.ok(left >= 27.5 * MM, `page ${n + 1}: left margin ${(left / MM).toFixed(1)} mm, want 28`);
    assert.ok(right <= (210 - 25.5) * MM, `page ${n + 1}: right margin ${(210 - right / MM).toFixed(1)} mm, want 26`);
    assert.ok(top >= 31 * MM, `page ${n + 1}: first glyph top ${(top / MM).toFixed(1)} mm, want 37 less overshoot`);
    const firstLineBottom = Math.min(...body.map((w) => w.yMax));
    assert.ok(firstLineBottom >= 37 * MM, `page ${n + 1}: first line ends at ${(firstLineBottom / MM).toFixed(1)} mm, below the 37 mm margin`);
    assert.ok(bottom <= (297 - 34) * MM, `page ${n + 1}: bottom margin ${(297 - bottom / MM).toFixed(1)} mm, want 35`);
    // The page number sits in the bottom margin as "— n —".
    const footer = p.words.filter((w) => w.yMin > (297 - 35) * MM).map((w) => w.text).join(' ');
    assert.match(footer, new RegExp(`—\\s*${n + 1}\\s*—`), `page ${n + 1} footer: ${footer}`);
  }
  assertNoHeadingAtPageBottom(pdf);
  // Issue 15: the 自评表 fits its one A4 page: the 附件 heading, the funds block, the
  // indicator heads, the 总分 and the note under it all on the last page.
  const annex = pdf.pages.findIndex((p) => p.words.some((w) => w.text.startsWith('附件')));
  assert.equal(annex, pdf.pages.length - 1, 'the 附件 starts on the last page');
  const sheet = pdf.pages[annex].words.map((w) => w.text).join('');
  // The first column's merged labels, read top to bottom (项目资金 wraps in its narrow cell).
  const first = pdf.pages[annex].words.filter((w) => w.xMax < (28 + 11) * MM).sort((a, b) => a.yMin - b.yMin);
  assert.match(first.map((w) => w.text).join(''), /项目名称.*项目资金（万元）.*年度总体目标.*一级指标.*产出指标/);
  for (const needle of ['项目支出绩效自评表（2024', '年度资金总额', '绩效指标', '三级指标', '偏差原因分析及改进措施', '项目完成时间', '总分', '绩效等级：优', '各项得分保留两位小数']) {
    assert.ok(sheet.includes(needle), `${needle} on the 附件 page: ${sheet}`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf.file, join(pdf.dir, 'page')]);
  console.log(`# PNG pages: ${pdf.dir}/page-*.png`);
  assertClean(assert, app);
  await app.close();
});

test('a 40-indicator 自评表 breaks only between rows, its header rows repeated on every page', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await openSampleReport(page, (record) => {
    const groups = record.project.indicators[0].groups;
    let id = 100;
    for (let n = 0; n < 36; n++) {
      const g = groups[n % groups.length];
      // Three lines of 偏差原因, each marked with the row: a split row shows as lines on two pages.
      const deviation_reason = ['甲', '乙', '丙'].map((k) => `〔${n + 1}〕${k}`).join('\n');
      g.indicators.push({ ...g.indicators[0], id: id++, name: `补充指标${n + 1}`, weight: '0', deviation_reason });
    }
  });
  const rows = await page.locator('.r-table').last().locator('tbody tr').count();
  assert.ok(rows >= 40, `${rows} rows`);
  const pdf = await printToPdf(page, 'forty');
  // The 自评表 starts on the page of the 附件 heading; the prose before it mentions the indicators too.
  const annex = pdf.pages.findIndex((p) => p.words.some((w) => w.text.startsWith('附件')));
  assert.ok(annex > 0, 'the 附件 starts on its own page');
  const tablePages = pdf.pages.slice(annex).filter((p) => p.words.some((w) => w.text.startsWith('补充指标')));
  assert.ok(tablePages.length >= 2, `the table spans ${tablePages.length} pages`);
  for (const p of tablePages) {
    const words = p.words.map((w) => w.text).join('');
    assert.match(words, /绩效指标/, 'both header rows on every page of the table');
    assert.match(words, /三级指标/, 'header row on every page of the table');
    assert.match(words, /偏差原因/);
  }
  assertNoHeadingAtPageBottom(pdf);
  // No row is split: each row's name and the three lines of its 偏差原因 are on one page.
  const texts = pdf.pages.slice(annex).map((p) => p.words.map((w) => w.text).join(''));
  for (let n = 1; n <= 36; n++) {
    const on = (re) => texts.flatMap((t, i) => (re.test(t) ? [i] : []));
    const pages = [new RegExp(`补充指标${n}(?!\\d)`), ...['甲', '乙', '丙'].map((k) => new RegExp(`〔${n}〕${k}`))].map(on);
    assert.ok(pages.every((p) => p.length === 1 && p[0] === pages[0][0]), `row ${n} on pages ${JSON.stringify(pages)}`);
  }
  // The pages are used: every page of the table but the last is filled to near its bottom margin.
  for (const p of tablePages.slice(0, -1)) {
    const bottom = Math.max(...p.words.filter((w) => !/^[—\d]+$/.test(w.text)).map((w) => w.yMax));
    assert.ok(bottom > (297 - 35 - 45) * MM, `a table page ends at ${(bottom / MM).toFixed(1)} mm`);
  }
  console.log(`# 40-indicator PDF: ${pdf.file} (${pdf.pages.length} pages, table on ${tablePages.length})`);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf.file, join(pdf.dir, 'page')]);
  assertClean(assert, app);
  await app.close();
});

test('a 600-character 偏差原因 prints in a wide column, every character on the page', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  const reason = '甲乙丙丁戊己庚辛壬癸'.repeat(60);
  await openSampleReport(page, (record) => {
    record.project.indicators[0].groups[1].indicators[0].deviation_reason = reason;
  });
  const pdf = await printToPdf(page, 'long-reason');
  const lines = pdf.pages.flatMap((p) => p.words).filter((w) => /^[甲乙丙丁戊己庚辛壬癸]+$/.test(w.text));
  assert.equal(lines.map((w) => w.text).join(''), reason, 'all of it, in order');
  const width = (Math.max(...lines.map((w) => w.xMax)) - Math.min(...lines.map((w) => w.xMin))) / MM;
  console.log(`# 600-character 偏差原因: ${lines.length} lines, ${width.toFixed(1)} mm wide; ${pdf.file}`);
  assert.ok(width >= 40, `the text spans ${width.toFixed(1)} mm`);
  assert.ok(lines.length <= 60, `${lines.length} lines`);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf.file, join(pdf.dir, 'page')]);
  assertClean(assert, app);
  await app.close();
});

test('a blank field shows a hint on screen and prints nothing in its place', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.getByLabel('项目背景').fill('');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  const background = page.locator('.r-para[data-para="background"]');
  assert.equal(await background.locator('.r-blank').textContent(), '（未填写：请在编辑页填写，体检已提示）');
  assert.ok(await background.locator('.r-blank').isVisible());
  const pdf = await printToPdf(page, 'blank');
  const words = pdf.pages.flatMap((p) => p.words.map((w) => w.text)).join('');
  assert.doesNotMatch(words, /未填写/);
  // The first paragraph printed under （一） is the 年度总体目标 one.
  assert.match(words, /（一）项目背景与目标本项目 2024 年度总体目标为|（一）项目背景与目标本项目2024年度总体目标为/);
  assertClean(assert, app);
  await app.close();
});

test('user text prints literally: a typed <script> is text, and an edited paragraph can be restored', async () => {
  const app = await openApp(browser, target);
  const { page } = app;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.getByLabel('项目背景').fill('<script>alert(1)</script><b>粗体</b>');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await heading(page, '报告');
  const sheet = page.locator('.report-sheet');
  assert.match(await sheet.textContent(), /<script>alert\(1\)<\/script><b>粗体<\/b>/);
  assert.equal(await sheet.locator('script, b').count(), 0);

  // Edit the conclusion: it is marked, a contradicting figure is flagged, and restore brings the draft back.
  const conclusion = page.locator('.r-para[data-para="conclusion"]');
  const draft = await conclusion.locator('.r-p').textContent();
  await conclusion.getByRole('button', { name: '编辑' }).click();
  await conclusion.getByLabel('编辑段落').fill('本项目预算执行率为 90%，自评得分为 95 分，等级为良。');
  await conclusion.getByRole('button', { name: '完成' }).click();
  assert.match(await conclusion.textContent(), /已手工修改/);
  assert.match(await page.locator('.checks-summary').textContent(), /90/);
  // The editor's 体检 lists it too, and clicking it opens the report at that paragraph.
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await heading(page, '编辑');
  await page.locator('.findings button', { hasText: '90%' }).first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'para-conclusion');
  await heading(page, '报告');
  await conclusion.getByRole('button', { name: '恢复自动生成' }).click();
  assert.equal(await conclusion.locator('.r-p').textContent(), draft);
  assert.doesNotMatch(await conclusion.textContent(), /已手工修改/);

  const pdf = await printToPdf(page, 'literal');
  const words = pdf.pages.flatMap((p) => p.words.map((w) => w.text)).join('');
  assert.match(words, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(words, /体检摘要/, 'the 体检 summary is not printed unless asked');
  assert.equal(dialogs, 0);
  assertClean(assert, app);
  await app.close();
});
