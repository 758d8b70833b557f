// The one driver interface the matrix scenarios use, over two protocols:
// Chromium over CDP (cdp.mjs; Playwright does not drive builds as old as
// 86) and Firefox over WebDriver BiDi (bidi.mjs). Each implementation
// supplies the primitives — evaluate, clickAt, insertText, press, paste,
// setFiles, navigate, reload, addInitScript, screenshot, close — and collects
// `problems` (console errors, uncaught exceptions) and `requests` (every URL
// the page asked for); the rest is here, built on them.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** How long a started app gets to mount. Old engines compile the wasm slower. */
export const READY_TIMEOUT = 20_000;

export class BasePage {
  problems = [];
  requests = [];

  /** Polls `fn(...args)` in the page until it returns something truthy; returns that. */
  async waitFor(fn, args = [], { timeout = 10_000, what = String(fn) } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, ...args);
        if (last) return last;
      } catch (err) {
        // A navigation in progress destroys the context; the next poll sees the new one.
        last = err.message;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})${this.problemsSaid()}`);
      }
      await sleep(50);
    }
  }

  problemsSaid() {
    return this.problems.length ? `; the page said: ${this.problems.join(' | ')}` : '';
  }

  /**
   * Runs `action` (a navigation) and waits for the app of the new document:
   * a mark left in the old document tells it apart from the new one, whose
   * root says data-app-ready once the app has mounted.
   */
  async navigation(action) {
    await this.evaluate(() => { window.__matrixOld = true; }).catch(() => {});
    await action();
    await this.waitFor(
      () => !window.__matrixOld && document.documentElement.getAttribute('data-app-ready') === '1',
      [],
      { timeout: READY_TIMEOUT, what: 'html[data-app-ready="1"]' },
    );
  }

  goto(url) {
    return this.navigation(() => this.navigate(url));
  }

  reloadApp() {
    return this.navigation(() => this.reload());
  }

  /**
   * Clicks, with the pointer, the element matching `selector` (and whose
   * trimmed text is `text`, when given), once there is one and nothing else
   * is on top of it.
   */
  async click(selector, text = null, { timeout = 10_000 } = {}) {
    const point = await this.waitFor(
      (selector, text) => {
        const el = [...document.querySelectorAll(selector)].find((e) => text === null || e.textContent.trim() === text);
        if (!el) return null;
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return null;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        return hit && (hit === el || el.contains(hit)) ? { x, y } : null;
      },
      [selector, text],
      { timeout, what: `a clickable ${selector}${text === null ? '' : ` “${text}”`}` },
    );
    await this.clickAt(point.x, point.y);
  }

  /** Focuses the field, puts the caret at its end and types `text` there. */
  async typeAtEnd(selector, text) {
    await this.waitFor((selector) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
      return document.activeElement === el;
    }, [selector], { what: `focus on ${selector}` });
    await this.insertText(text);
  }

  text(selector) {
    return this.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, selector);
  }

  /** Waits until an element matching `selector` has text matching `pattern` (a RegExp); returns the text. */
  waitText(selector, pattern, options = {}) {
    return this.waitFor(
      (selector, source, flags) => {
        const re = new RegExp(source, flags);
        return [...document.querySelectorAll(selector)].map((e) => e.textContent).find((t) => re.test(t)) ?? null;
      },
      [selector, pattern.source, pattern.flags],
      { what: `${selector} to match ${pattern}`, ...options },
    );
  }
}

/**
 * Runs `action` and waits for the download it starts to finish in `dir`:
 * a file whose name matches `pattern`, new or rewritten since (Chromium
 * overwrites a file of the same name), with no partial file beside it and a
 * size that has stopped changing. Resolves to its path.
 */
export async function download(dir, pattern, action, { timeout = 15_000 } = {}) {
  // A partial file may be renamed between the listing and its stat.
  const stamps = async () => new Map(await Promise.all((await readdir(dir)).map(async (n) => [n, (await stat(join(dir, n)).catch(() => null))?.mtimeMs])));
  const before = await stamps();
  await action();
  const deadline = Date.now() + timeout;
  let lastSize = -1;
  for (;;) {
    const now = await stamps();
    const fresh = [...now.keys()].filter((n) => before.get(n) !== now.get(n));
    const partial = fresh.some((n) => /\.(crdownload|part)$/.test(n));
    const found = fresh.find((n) => pattern.test(n));
    if (found && !partial) {
      const { size } = await stat(join(dir, found));
      if (size > 0 && size === lastSize) return join(dir, found);
      lastSize = size;
    }
    if (Date.now() > deadline) {
      throw new Error(`no download matching ${pattern} in ${dir} after ${timeout} ms (new or changed: ${fresh.join(', ') || 'none'})`);
    }
    await sleep(100);
  }
}

/** The first bytes of a file: every .docx and .xlsx is a zip ("PK"). */
export async function magic(path, length = 2) {
  return (await readFile(path)).subarray(0, length).toString('latin1');
}
