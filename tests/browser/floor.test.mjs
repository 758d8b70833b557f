// Issue 24: nothing in the pages' scripts beyond what Chromium 86 and Firefox
// ESR 115 run. Every inline script of both pages and the wasm-bindgen glue
// (which also holds every Web API call the Rust code makes) is parsed with an
// ES-version-limited parser, then searched for syntax and built-ins that the
// floor lacks. The wasm's own features are checked by `cargo xtask dist`
// (xtask/src/floor.rs). The boot script is held to ES5: it must run where the
// app cannot, to say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'acorn';
import { DIST } from './harness.mjs';

/** Built-ins newer than Chromium 86 or Firefox 115, with the version that brought them. */
const TOO_NEW = new Map([
  ['at', 'Array/String.prototype.at (Chromium 92)'],
  ['hasOwn', 'Object.hasOwn (Chromium 93)'],
  ['structuredClone', 'structuredClone (Chromium 98)'],
  ['findLast', 'findLast (Chromium 97)'],
  ['findLastIndex', 'findLastIndex (Chromium 97)'],
  ['toSorted', 'toSorted (Chromium 110)'],
  ['toReversed', 'toReversed (Chromium 110)'],
  ['toSpliced', 'toSpliced (Chromium 110)'],
  ['fromAsync', 'Array.fromAsync (Chromium 121)'],
  ['groupBy', 'Object.groupBy (Chromium 117, Firefox 119)'],
  ['withResolvers', 'Promise.withResolvers (Chromium 119, Firefox 121)'],
  ['isWellFormed', 'isWellFormed (Chromium 111)'],
  ['toWellFormed', 'toWellFormed (Chromium 111)'],
  ['fromBase64', 'Uint8Array.fromBase64 (Chromium 140)'],
  ['toBase64', 'Uint8Array.prototype.toBase64 (Chromium 140)'],
  ['fromHex', 'Uint8Array.fromHex (Chromium 140)'],
  ['symmetricDifference', 'Set methods (Chromium 122, Firefox 127)'],
  ['isSubsetOf', 'Set methods (Chromium 122, Firefox 127)'],
  ['randomUUID', 'crypto.randomUUID (Chromium 92)'],
  ['Segmenter', 'Intl.Segmenter (Chromium 87)'],
  ['replaceChildren', 'replaceChildren (Chromium 86, Firefox 78: fine) — listed by mistake'],
]);
TOO_NEW.delete('replaceChildren');

/** Inline `<script>` bodies of a page (those without `src`), with their type. */
function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(match[1])) continue;
    scripts.push({ module: /type="module"/.test(match[1]), text: match[2] });
  }
  return scripts;
}

/** Walks every node of an acorn AST, giving each with its parent chain. */
function walk(node, visit, parents = []) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, parents);
  const chain = [...parents, node];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) walk(child, visit, chain);
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit, chain);
  }
}

/** Whether `tree` holds a use of the built-in `name` (as `X.name` or `name`). */
function mentions(tree, name) {
  let found = false;
  walk(tree, (node) => {
    if ((node.type === 'MemberExpression' && !node.computed && node.property.name === name) || (node.type === 'Identifier' && node.name === name)) found = true;
  });
  return found;
}

/**
 * A use that tests whether the built-in exists (`typeof X.y`, `X.y ? … : …`,
 * `if (X.y)`, `X.y && …`), or runs only where such a test passed (the branch
 * or right-hand side after it), is allowed.
 */
function isFeatureTest(node, parents, name) {
  const parent = parents[parents.length - 1];
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === 'typeof') return true;
  if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && parent.test === node) return true;
  if (parent.type === 'LogicalExpression' && parent.left === node) return true;
  const chain = [...parents, node];
  return parents.some((guard, at) => {
    const inside = chain[at + 1];
    if (guard.type === 'ConditionalExpression' || guard.type === 'IfStatement') return guard.consequent === inside && mentions(guard.test, name);
    if (guard.type === 'LogicalExpression' && guard.operator === '&&') return guard.right === inside && mentions(guard.left, name);
    return false;
  });
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** What in `source` the floor cannot run: a list of readable problems. */
function problems(source, { module, ecmaVersion }) {
  let ast;
  try {
    ast = parse(source, { ecmaVersion, sourceType: module ? 'module' : 'script' });
  } catch (err) {
    return [`does not parse as ES${ecmaVersion}: ${err.message}`];
  }
  const found = [];
  walk(ast, (node, parents) => {
    // acorn allows it in every ES2022 module, whatever its options say.
    const topLevel = !parents.some((p) => FUNCTIONS.has(p.type));
    if (topLevel && (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await))) found.push('top-level await (Chromium 89)');
    if (node.type === 'StaticBlock') found.push('a class static block (Chromium 94)');
    if (node.type === 'BinaryExpression' && node.left.type === 'PrivateIdentifier') found.push('`#x in obj` (Chromium 91)');
    if (node.type === 'Literal' && node.regex && node.regex.flags.includes('d')) found.push('a RegExp /d flag (Chromium 90)');
    const name =
      node.type === 'MemberExpression' && !node.computed ? node.property.name
      : node.type === 'Identifier' && !(parents.at(-1)?.type === 'MemberExpression' && parents.at(-1).property === node) ? node.name
      : null;
    if (name && TOO_NEW.has(name) && !isFeatureTest(node, parents, name)) found.push(`${TOO_NEW.get(name)} used without a feature test`);
  });
  return found;
}

async function glueFile() {
  const names = await readdir(DIST);
  const glue = names.find((n) => n.startsWith('jixiao') && n.endsWith('.js'));
  assert.ok(glue, `no glue .js in ${DIST}`);
  return readFile(join(DIST, glue), 'utf8');
}

test('the floor check itself refuses what Chromium 86 cannot run', () => {
  const module = { module: true, ecmaVersion: 2022 };
  assert.deepEqual(problems('const a = 1; a?.b ?? 2; let x; x ||= 3;', module), []);
  assert.match(problems('await init();', module)[0], /top-level await/);
  assert.deepEqual(problems('async function f() { await g(); }', module), []);
  assert.match(problems('const b = s ? Uint8Array.fromBase64(s) : [];', module)[0], /Chromium 140/);
  assert.match(problems('class A { static { } }', module)[0], /static block/);
  assert.match(problems('[1].at(-1);', module)[0], /Chromium 92/);
  assert.match(problems('structuredClone({});', module)[0], /Chromium 98/);
  assert.deepEqual(problems('const b = Uint8Array.fromBase64 ? Uint8Array.fromBase64(s) : [];', module), []);
  assert.deepEqual(problems('if (typeof Array.prototype.findLast === "function") {}', module), []);
  assert.match(problems('let a = () => 1;', { module: false, ecmaVersion: 5 })[0], /does not parse as ES5/);
});

test('the single file and the web-folder page run on Chromium 86 and Firefox 115', async () => {
  const pages = {
    'jixiao.html': await readFile(join(DIST, 'jixiao.html'), 'utf8'),
    'index.html': await readFile(join(DIST, 'index.html'), 'utf8'),
  };
  const report = [];
  for (const [page, html] of Object.entries(pages)) {
    const scripts = inlineScripts(html);
    const boot = scripts.filter((s) => s.text.includes('jixiaoFail = function'));
    assert.equal(boot.length, 1, `${page}: one boot script`);
    for (const script of scripts) {
      const isBoot = script === boot[0];
      // Chromium 86 parses ES2022 but for top-level await, static blocks and `#x in`, checked above.
      const found = problems(script.text, { module: script.module, ecmaVersion: isBoot ? 5 : 2022 });
      for (const p of found) report.push(`${page} ${isBoot ? 'boot script' : script.module ? 'module script' : 'script'}: ${p}`);
    }
  }
  for (const p of problems(await glueFile(), { module: true, ecmaVersion: 2022 })) report.push(`glue: ${p}`);
  assert.deepEqual(report, []);
});
