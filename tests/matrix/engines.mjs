// The engines of the browser matrix (issue 24) and where `cargo xtask setup`
// put them (xtask/src/browsers.rs): old Chromium builds unpacked from npm
// packages into the cache, Debian's chromium and firefox-esr, and the
// previous Firefox ESR unpacked from its Debian package into the cache.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache `cargo xtask setup` fills; the same rule as browsers::cache_dir. */
export const CACHE = process.env.JIXIAO_BROWSERS
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'jixiao-browsers');

const cached = (name, ...path) => join(CACHE, name, ...path);

/**
 * kind: which driver; major: the version the build must report (null for
 * Debian's packages, which move with the archive).
 */
export const ENGINES = {
  chromium86: { kind: 'chromium', major: 86, binary: cached('chromium86', 'chromium'), libs: cached('chromium86', 'aws', 'lib') },
  chromium90: { kind: 'chromium', major: 90, binary: cached('chromium90', 'chromium'), libs: cached('chromium90', 'aws', 'lib') },
  chromium102: { kind: 'chromium', major: 102, binary: cached('chromium102', 'chromium'), libs: cached('chromium102', 'aws', 'lib') },
  chromium: { kind: 'chromium', major: null, binary: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  firefox140: { kind: 'firefox', major: 140, binary: cached('firefox140', 'usr', 'lib', 'firefox-esr', 'firefox-esr') },
  'firefox-esr': { kind: 'firefox', major: null, binary: '/usr/lib/firefox-esr/firefox-esr' },
};

/**
 * The engines `JIXIAO_MATRIX` (comma-separated names) asks for; all when
 * unset. An unknown name is an error, not an empty run.
 */
export function selected() {
  const wanted = (process.env.JIXIAO_MATRIX ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of wanted) {
    if (!ENGINES[name]) throw new Error(`JIXIAO_MATRIX: no engine "${name}"; known: ${Object.keys(ENGINES).join(', ')}`);
  }
  return wanted.length ? wanted : Object.keys(ENGINES);
}

/** The engine's description, or an error saying how to install it. */
export function locate(name) {
  const engine = ENGINES[name];
  if (!existsSync(engine.binary)) {
    throw new Error(`${name}: ${engine.binary} is missing; \`cargo xtask setup\` installs it`);
  }
  return { name, ...engine };
}
