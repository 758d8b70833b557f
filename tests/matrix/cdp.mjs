// Chromium over the DevTools protocol, with only what Chromium 86 already
// speaks (flattened target sessions, Runtime.evaluate, Input.*,
// DOM.setFileInputFiles, Browser.setDownloadBehavior): the npm-packaged old
// builds are headless shells no current driver supports.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BasePage } from './driver.mjs';

class Connection {
  #ws;
  #next = 1;
  #pending = new Map();
  #listeners = new Map();
  closed = false;

  constructor(ws) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined) {
        const waiting = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (!waiting) return;
        if (message.error) waiting.fail(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.ok(message.result);
        return;
      }
      for (const listener of this.#listeners.get(`${message.sessionId ?? ''} ${message.method}`) ?? []) {
        listener(message.params);
      }
    });
    ws.on('close', () => {
      this.closed = true;
      for (const waiting of this.#pending.values()) waiting.fail(new Error(`${waiting.method}: the browser closed the connection`));
      this.#pending.clear();
    });
  }

  send(method, params = {}, sessionId = undefined) {
    if (this.closed) return Promise.reject(new Error(`${method}: the browser is gone`));
    const id = this.#next++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((ok, fail) => {
      this.#pending.set(id, { ok, fail, method });
      this.#ws.send(JSON.stringify(message));
    });
  }

  on(sessionId, method, listener) {
    const key = `${sessionId ?? ''} ${method}`;
    if (!this.#listeners.has(key)) this.#listeners.set(key, []);
    this.#listeners.get(key).push(listener);
  }

  close() {
    this.#ws.close();
  }
}

const KEYS = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Tab: { code: 'Tab', keyCode: 9 },
  Escape: { code: 'Escape', keyCode: 27 },
  Backspace: { code: 'Backspace', keyCode: 8 },
  ArrowDown: { code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { code: 'ArrowUp', keyCode: 38 },
};

/** The text a console message or exception shows. */
function describe(remote) {
  if (!remote) return '';
  if (remote.type === 'string') return remote.value;
  return remote.description ?? (remote.value !== undefined ? JSON.stringify(remote.value) : remote.type);
}

class ChromiumPage extends BasePage {
  constructor(connection, sessionId, targetId) {
    super();
    this.connection = connection;
    this.sessionId = sessionId;
    this.targetId = targetId;
    const on = (method, listener) => connection.on(sessionId, method, listener);
    on('Runtime.consoleAPICalled', (e) => {
      if (e.type === 'error' || e.type === 'assert') this.problems.push(`console error: ${e.args.map(describe).join(' ')}`);
    });
    on('Runtime.exceptionThrown', (e) => {
      const d = e.exceptionDetails;
      this.problems.push(`uncaught: ${d.exception ? describe(d.exception) : d.text}`);
    });
    // What the engine itself reports: CSP violations, failed loads, wasm compile refusals.
    on('Log.entryAdded', ({ entry }) => {
      if (entry.level === 'error') this.problems.push(`console error: ${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
    });
    on('Network.requestWillBeSent', (e) => this.requests.push(e.request.url));
  }

  send(method, params) {
    return this.connection.send(method, params, this.sessionId);
  }

  async evaluate(fn, ...args) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression: `(${fn})(...${JSON.stringify(args)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) {
      throw new Error(`evaluate: ${exceptionDetails.exception ? describe(exceptionDetails.exception) : exceptionDetails.text}`);
    }
    return result.value;
  }

  async navigate(url) {
    const { errorText } = await this.send('Page.navigate', { url });
    if (errorText) throw new Error(`navigate to ${url}: ${errorText}`);
  }

  reload() {
    return this.send('Page.reload', {});
  }

  addInitScript(fn) {
    return this.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${fn})()` });
  }

  async clickAt(x, y) {
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  }

  insertText(text) {
    return this.send('Input.insertText', { text });
  }

  async press(key) {
    const k = KEYS[key];
    if (!k) throw new Error(`press: no key ${key}`);
    const common = { key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode };
    await this.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...common, ...(k.text ? { text: k.text, unmodifiedText: k.text } : {}) });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  }

  /** A paste event carrying `text`, as Ctrl+V after copying from Excel dispatches it (the main suite's way). */
  async paste(selector, text) {
    await this.evaluate((selector, text) => {
      const target = document.querySelector(selector);
      target.focus();
      const transfer = new DataTransfer();
      transfer.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, selector, text);
  }

  async setFiles(selector, paths) {
    const { result } = await this.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` });
    if (!result.objectId) throw new Error(`setFiles: no ${selector}`);
    await this.send('DOM.setFileInputFiles', { files: paths, objectId: result.objectId });
  }

  /** The page as printed (print media, its own @page size), as PDF bytes. */
  async pdf() {
    const { data } = await this.send('Page.printToPDF', { preferCSSPageSize: true, printBackground: true });
    return Buffer.from(data, 'base64');
  }

  async screenshot(path) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    await writeFile(path, Buffer.from(data, 'base64'));
  }

  async close() {
    await this.connection.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
  }
}

/**
 * Starts `engine.binary` headless with a fresh profile and connects to it.
 * Downloads go to `downloads`.
 */
export async function launchChromium(engine, downloads) {
  const profile = await mkdtemp(join(tmpdir(), `jixiao-matrix-${engine.name}-`));
  const env = { ...process.env };
  if (engine.libs) env.LD_LIBRARY_PATH = [engine.libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const child = spawn(
    engine.binary,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--window-size=1366,768',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  const endpoint = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${engine.name}: no DevTools endpoint within 30 s; it said:\n${said.slice(-2000)}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      said += chunk;
      const m = said.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${engine.name} exited (${code ?? signal}) before listening; it said:\n${said.slice(-2000)}`));
    });
  });
  const ws = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  const connection = new Connection(ws);
  const { product } = await connection.send('Browser.getVersion');
  await connection.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });

  return {
    version: product,
    major: Number(product.match(/\/(\d+)\./)?.[1]),
    async newPage() {
      const { targetId } = await connection.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await connection.send('Target.attachToTarget', { targetId, flatten: true });
      const page = new ChromiumPage(connection, sessionId, targetId);
      await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable'].map((m) => page.send(m, {})));
      return page;
    },
    async close() {
      await connection.send('Browser.close').catch(() => {});
      connection.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(profile, { recursive: true, force: true });
    },
  };
}
