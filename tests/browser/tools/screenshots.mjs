// Takes screenshots of the pages for a person to look at:
//   node tests/browser/tools/screenshots.mjs [out-dir]
// Opens the single file (file://) with the example project at common office
// screen sizes. Not a test: it asserts nothing, it shows.
import { mkdir } from 'node:fs/promises';
import { pasteInto } from '../editing.mjs';
import { launchBrowser, openApp, SINGLE_FILE_URL } from '../harness.mjs';
import { exampleHtml, indicatorTree, seedProject } from '../projects.mjs';

const out = process.argv[2] ?? 'tests/browser/screenshots';
await mkdir(out, { recursive: true });
const browser = await launchBrowser();
const target = { url: SINGLE_FILE_URL, own: () => true };
for (const [width, height] of [[1366, 768], [1920, 1080]]) {
  const app = await openApp(browser, target, { viewport: { width, height } });
  const { page } = app;
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
  await page.screenshot({ path: `${out}/editor-${width}x${height}.png` });
  await page.locator('#sec-indicators').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/editor-indicators-${width}x${height}.png` });
  await page.screenshot({ path: `${out}/editor-full-${width}.png`, fullPage: true });
  await page.goto(SINGLE_FILE_URL + '#/');
  await page.screenshot({ path: `${out}/list-${width}x${height}.png` });
  for (const hash of ['#/report', '#/overview']) {
    await page.goto(SINGLE_FILE_URL + hash);
    await page.screenshot({ path: `${out}/${hash.slice(2)}-${width}x${height}.png`, fullPage: true });
  }
  // The grid as a 40-indicator table fills it, a cell focused far down.
  await seedProject(page, { indicators: indicatorTree(40) });
  await page.locator('.row-indicator').nth(20).getByLabel('三级指标').focus();
  await page.screenshot({ path: `${out}/grid-40-${width}x${height}.png` });
  // A paste waiting for 应用, and a delete waiting for its answer.
  await page.goto(SINGLE_FILE_URL + '#/');
  await page.getByRole('button', { name: '新建项目' }).click();
  await pasteInto(page, '#paste-target', { 'text/html': exampleHtml() });
  await page.locator('#paste-preview').waitFor();
  await page.screenshot({ path: `${out}/paste-preview-${width}x${height}.png` });
  await page.locator('#paste-apply').click();
  await page.locator('.level1-cell').getByRole('button', { name: '删除一级指标' }).click();
  await page.screenshot({ path: `${out}/confirm-delete-${width}x${height}.png` });
  if (app.problems.length) console.error(app.problems.join('\n'));
  await app.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
