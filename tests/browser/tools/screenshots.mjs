// Takes screenshots of the pages for a person to look at:
//   node tests/browser/tools/screenshots.mjs [out-dir]
// Opens the single file (file://) with the example project at common office
// screen sizes. Not a test: it asserts nothing, it shows.
import { mkdir } from 'node:fs/promises';
import { launchBrowser, openApp, SINGLE_FILE_URL } from '../harness.mjs';

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
  if (app.problems.length) console.error(app.problems.join('\n'));
  await app.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
