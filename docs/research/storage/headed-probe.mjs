// Does the File System Access API write a file the user picks, from a page
// opened as file://, in a headed Chromium 156? Headless Chromium cancels every
// picker, so this runs headed on a virtual display and answers the save dialog
// with xdotool, as a user would type a path and press Enter:
//   Xvfb :99 & DISPLAY=:99 node docs/research/storage/headed-probe.mjs
// (Debian packages xvfb and xdotool; not needed by the tests.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SINGLE_FILE_URL, waitReady } from '../../../tests/browser/harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-fsa-'));
const path = join(dir, 'work-file.json');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: false,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const say = (...a) => console.log(...a);
await page.goto(SINGLE_FILE_URL);
await waitReady(page);
say('origin', await page.evaluate(() => location.origin), 'secure', await page.evaluate(() => isSecureContext));
await page.getByRole('button', { name: '载入示例' }).click();
await page.locator('.save-status', { hasText: '已保存' }).waitFor();
await page.getByRole('link', { name: '项目列表' }).click();
await page.getByRole('button', { name: '保存到文件' }).click();
// The GTK save dialog opens with the suggested name selected: type a path over it.
const xdotool = (...args) => execFileSync('xdotool', args, { stdio: 'inherit' });
await page.waitForTimeout(2500);
const shot = (name) => {
  if (process.env.PROBE_SHOTS) execFileSync('import', ['-window', 'root', join(process.env.PROBE_SHOTS, name)]);
};
xdotool('search', '--onlyvisible', '--name', 'Warning', 'windowmove', '%@', '40', '40', 'windowsize', '%@', '1000', '640');
await page.waitForTimeout(500);
shot('1-dialog.png');
// No window manager on the virtual display: give the dialog the keyboard first.
const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '.']).toString().trim().split('\n');
const dialog = windows.find((w) => !execFileSync('xdotool', ['getwindowname', w]).toString().includes('Chromium'));
say('dialog', dialog && execFileSync('xdotool', ['getwindowname', dialog]).toString().trim());
xdotool('windowfocus', '--sync', dialog);
xdotool('key', '--window', dialog, 'ctrl+a');
xdotool('type', '--window', dialog, '--delay', '30', path);
await page.waitForTimeout(500);
shot('2-typed.png');
// The dialog's Save button (it was moved to 40,40 and sized 1000×640 above).
xdotool('mousemove', '990', '656', 'click', '1');
await page.waitForTimeout(1500);
shot('3-after.png');
const deadline = Date.now() + 15000;
while (!existsSync(path) && Date.now() < deadline) await page.waitForTimeout(200);
const first = existsSync(path) ? readFileSync(path, 'utf8') : null;
say('written', first !== null, first && JSON.parse(first).format, first && JSON.parse(first).projects.length, 'projects');
say('header', await page.locator('.work-file').allTextContents());
// An edit: the next autosave rewrites the file (about 1 s after saves pause).
await page.locator('.project-list tbody tr td a').first().click();
await page.getByLabel('项目名称').fill('从 file:// 页面写入工作文件的名称');
await page.locator('.save-status', { hasText: '已保存' }).waitFor();
await page.waitForTimeout(3000);
const second = JSON.parse(readFileSync(path, 'utf8'));
say('rewritten after an edit', second.projects[0].name);
await page.screenshot({ path: join(dir, 'headed.png') });
say('screenshot', join(dir, 'headed.png'));
await browser.close();
