// Issue 24: a page that cannot start says so, and the CSP keeps eval() out
// wherever the engine allows it. Run on Debian Chromium with the failures
// made on purpose; the browser matrix starts the same pages on old engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, targets, waitReady } from './harness.mjs';

let browser;
let served;

before(async () => {
  browser = await launchBrowser();
  served = await targets();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** The boot message as the user sees it: shown or not, and its text. */
const bootMessage = (page) =>
  page.evaluate(() => {
    const box = document.getElementById('jixiao-boot');
    const style = getComputedStyle(box);
    return {
      shown: style.display !== 'none' && style.visibility === 'visible' && box.getBoundingClientRect().height > 0,
      text: box.innerText,
    };
  });

for (const index of [0, 1]) {
  describe(`boot via ${index === 0 ? 'http' : 'file://'}`, () => {
    const target = () => served.list[index];

    test('a started page hides the boot message and refuses eval()', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations = [];
      page.on('console', (msg) => {
        if (/Content Security Policy/.test(msg.text())) violations.push(msg.text());
      });
      await page.goto(target().url);
      await waitReady(page);
      assert.equal((await bootMessage(page)).shown, false);
      // Code the devtools protocol evaluates may always eval; a string timer
      // is compiled later, by the page, under its policies.
      await page.evaluate(() => setTimeout('window.__evalRan = true', 0));
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__evalRan === true), false, 'eval() is refused');
      assert.ok(violations.some((v) => v.includes("'unsafe-eval' is not an allowed source")), violations.join('\n'));
      await context.close();
    });

    test('a wasm that cannot compile leaves a message naming the reason and the engine', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const refuse = () => Promise.reject(new WebAssembly.CompileError('invalid value type (simulated)'));
        WebAssembly.instantiateStreaming = refuse;
        WebAssembly.instantiate = refuse;
      });
      await page.goto(target().url);
      await page.waitForFunction(() => document.getElementById('jixiao-boot').className === 'failed', null, { timeout: 10_000 });
      const message = await bootMessage(page);
      assert.equal(message.shown, true);
      assert.match(message.text, /无法启动（本浏览器为 Chromium \d+ 内核）：invalid value type \(simulated\)/);
      assert.match(message.text, /Chromium 86 及以上内核/);
      assert.match(message.text, /Firefox 115 及以上/);
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-app-ready')), false);
      await context.close();
    });

    test('a browser without a needed built-in is told which', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        delete window.WebAssembly;
      });
      await page.goto(target().url);
      const message = await bootMessage(page);
      assert.equal(message.shown, true);
      assert.match(message.text, /缺少 WebAssembly/);
      await context.close();
    });

    test('with scripts off the message still appears, by CSS alone', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(target().url);
      // Hidden for the first moment, so a normal start never flashes it.
      await page.waitForTimeout(2_000);
      const message = await bootMessage(page);
      assert.equal(message.shown, true);
      assert.match(message.text, /如果这段文字一直没有消失，说明本浏览器无法运行本工具/);
      await context.close();
    });
  });
}
