// Firefox over WebDriver BiDi with puppeteer-core 24 (Playwright only drives
// its own patched Firefox; puppeteer 25 needs Node 22).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { BasePage } from './driver.mjs';

class FirefoxPage extends BasePage {
  constructor(page) {
    super();
    this.page = page;
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'assert') this.problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught: ${err.message ?? err}`));
    page.on('request', (req) => this.requests.push(req.url()));
  }

  evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  async navigate(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  async reload() {
    await this.page.reload({ waitUntil: 'load' });
  }

  async addInitScript(fn) {
    await this.page.evaluateOnNewDocument(fn);
  }

  clickAt(x, y) {
    return this.page.mouse.click(x, y);
  }

  insertText(text) {
    return this.page.keyboard.type(text);
  }

  press(key) {
    return this.page.keyboard.press(key);
  }

  /**
   * A real paste: Firefox gives a page's own synthetic paste event an empty
   * clipboardData, so the text goes through the clipboard and Ctrl+V.
   */
  async paste(selector, text) {
    await this.evaluate(async (selector, text) => {
      document.querySelector(selector).focus();
      await navigator.clipboard.writeText(text);
    }, selector, text);
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('v');
    await this.page.keyboard.up('Control');
  }

  async setFiles(selector, paths) {
    const input = await this.page.$(selector);
    if (!input) throw new Error(`setFiles: no ${selector}`);
    await input.uploadFile(...paths);
  }

  /** The page as printed (print media, its own @page size), as PDF bytes. */
  async pdf() {
    return Buffer.from(await this.page.pdf({ preferCSSPageSize: true, printBackground: true }));
  }

  async screenshot(path) {
    await this.page.screenshot({ path });
  }

  async close() {
    await this.page.close().catch(() => {});
  }
}

/** Starts `engine.binary` headless with a fresh profile; downloads go to `downloads` without asking. */
export async function launchFirefox(engine, downloads) {
  const profile = await mkdtemp(join(tmpdir(), `jixiao-matrix-${engine.name}-`));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: engine.binary,
    headless: true,
    defaultViewport: null,
    userDataDir: profile,
    args: ['--width=1366', '--height=768'],
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.helperApps.neverAsk.saveToDisk':
        'application/json,application/octet-stream,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
  const version = await browser.version();
  return {
    version,
    major: Number(version.match(/\/(\d+)\./)?.[1]),
    async newPage() {
      return new FirefoxPage(await browser.newPage());
    },
    async close() {
      await browser.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
