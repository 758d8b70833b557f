// Files the app downloads, read by other software: tests/tools/read_ooxml.py
// in the project's .venv (openxml-audit, openpyxl, python-docx), which
// `cargo xtask setup` makes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = `${ROOT}.venv/bin/python`;

/** One report per path: { audit: [errors], sheets | paragraphs, tables }. */
export async function readOoxml(paths) {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run cargo xtask setup`);
  const { stdout } = await promisify(execFile)(PYTHON, [`${ROOT}tests/tools/read_ooxml.py`, ...paths], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

/** Extracts a .zip the app downloaded into `dir`; returns the entry names. */
export async function unzip(file, dir) {
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nz.extractall(sys.argv[2])\nprint(json.dumps(z.namelist(), ensure_ascii=False))';
  const { stdout } = await promisify(execFile)(PYTHON, ['-c', script, file, dir]);
  return JSON.parse(stdout);
}
