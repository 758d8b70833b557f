// Shared set-up for the browser tests: Debian's chromium driven by
// playwright-core (never a downloaded browser), a loopback HTTP server for the
// web-folder build, and a page wrapper that fails on console errors, uncaught
// exceptions and any request that leaves the page's own files.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const DIST = resolve(process.env.JIXIAO_DIST ?? new URL('../../dist', import.meta.url).pathname);
export const SINGLE_FILE = join(DIST, 'jixiao.html');
export const SINGLE_FILE_URL = pathToFileURL(SINGLE_FILE).href;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serves dist/ on 127.0.0.1 (a random port); resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const relative = normalize(path === '/' ? '/index.html' : path).replace(/^\/+/, '');
    if (relative.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(DIST, relative));
      res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The two ways users open the app. */
export async function targets() {
  const server = await serveDist();
  return {
    list: [
      { name: 'http (web folder)', url: server.url, own: (u) => u.startsWith(server.url) },
      { name: 'file:// (single file)', url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL },
    ],
    close: server.close,
  };
}

/**
 * Opens `url` in a fresh context (empty storage) and records everything that
 * would make a test fail. Call `assertClean()` at the end of each test.
 */
export async function openApp(browser, target, { path = '', viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(target.url + path);
  await waitReady(page);
  return {
    page,
    context,
    problems,
    requests,
    foreignRequests: () =>
      requests.filter((u) => !target.own(u) && !u.startsWith('data:') && !u.startsWith('blob:')),
    async close() {
      await context.close();
    },
  };
}

export async function waitReady(page) {
  await page.waitForSelector('html[data-app-ready="1"]', { timeout: 20_000 });
}

/** Fails with everything collected if the page logged errors or left its own files. */
export function assertClean(assert, app) {
  assert.deepEqual(app.problems, [], 'no console errors or uncaught exceptions');
  assert.deepEqual(app.foreignRequests(), [], 'no request outside the page\'s own files');
}

/** Waits until the page's `<h1>` reads `text` (rendering follows the hash change). */
export async function heading(page, text) {
  await page.locator('h1', { hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 5_000 });
}

/** The single file opened from disk, as a test target. */
export const FILE_TARGET = { name: 'file://', url: SINGLE_FILE_URL, own: (u) => u.split('#')[0] === SINGLE_FILE_URL };

/**
 * One browser for the tests of a file: launched before them, closed after.
 * Returns a function that gives the browser.
 */
export function sharedBrowser(before, after) {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}
