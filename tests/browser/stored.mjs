// What the app has stored, read and written the way the app does: project
// records and their summaries in IndexedDB (database `jixiao`, stores
// `records` and `summaries`, id → JSON text, and `meta`, whose "catalog" holds
// all ids and summaries in one value and goes with any write of a record or
// summary), the small keys in localStorage.
// Records written to localStorage under `jixiao.v1.project.<id>` (as an older
// build did) are moved into IndexedDB at the next start: tests seed that way.

/**
 * Runs `body(db, has, arg, done)` in the page with the app's database open
 * and resolves with its result; `done(tx, value)` resolves with `value()`
 * once transaction `tx` has committed. The expression is put together here,
 * not with `new Function` in the page, which the page's CSP forbids.
 */
function withDb(page, body, arg) {
  const open = (body, arg) =>
    new Promise((resolve, reject) => {
      // Opened without a version: never blocks the app's own connection.
      // Never created here either: an empty database would make "nothing
      // stored" true of a page that stored nothing anywhere.
      const request = indexedDB.open('jixiao');
      request.onupgradeneeded = () => request.transaction.abort();
      request.onerror = () => reject(new Error(`the app's database is not there (${request.error?.name})`));
      request.onsuccess = () => {
        const db = request.result;
        const has = (name) => db.objectStoreNames.contains(name);
        const done = (tx, value = () => undefined) =>
          new Promise((ok, fail) => {
            tx.oncomplete = () => ok(value());
            tx.onerror = () => fail(tx.error);
          });
        new Promise((ok) => ok(body(db, has, arg, done))).then(
          (value) => { db.close(); resolve(value); },
          (err) => { db.close(); reject(err); },
        );
      };
    });
  return page.evaluate(`(${open})(${body}, ${JSON.stringify(arg ?? null)})`);
}

/** Every entry of `store` as {id: parsed JSON}. */
function readStore(page, store) {
  return withDb(
    page,
    (db, has, store, done) => {
      if (!has(store)) throw new Error(`no store ${store} in the app's database`);
      const tx = db.transaction(store);
      const keys = tx.objectStore(store).getAllKeys();
      const values = tx.objectStore(store).getAll();
      return done(tx, () => Object.fromEntries(keys.result.map((k, n) => [k, JSON.parse(values.result[n])])));
    },
    store,
  );
}

/** Every stored record (schema version, revision, save time, project), by id. */
export const storedRecords = (page) => readStore(page, 'records');

/** Every stored summary (a JSON array of texts), by id. */
export const storedSummaries = (page) => readStore(page, 'summaries');

/**
 * The catalog (every record id and every summary as one value, read at
 * startup instead of the stores), parsed, or null when there is none.
 */
export const storedCatalog = (page) =>
  withDb(
    page,
    (db, has, _, done) => {
      if (!has('meta')) return null;
      const tx = db.transaction('meta');
      const request = tx.objectStore('meta').get('catalog');
      return done(tx, () => {
        const found = request.result;
        return found ? { ids: found.ids, summaries: found.summaries.map((s) => JSON.parse(s)) } : null;
      });
    },
  );

/**
 * Writes one value into `store` under `key` and nothing else: a write that
 * leaves the catalog as it was, to tell whether a start reads the catalog.
 */
export const putRaw = (page, store, key, value) =>
  withDb(
    page,
    (db, has, { store, key, value }, done) => {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(value, key);
      return done(tx);
    },
    { store, key, value },
  );

/** One stored record, or null. */
export const storedRecord = async (page, id) => (await storedRecords(page))[id] ?? null;

/** The only (or first) stored record. */
export const firstStoredRecord = async (page) => Object.values(await storedRecords(page))[0] ?? null;

/**
 * Writes records (objects, stored as JSON text) straight into IndexedDB, and
 * drops their summaries: as another tab or another build would leave them.
 */
export function putRecords(page, records) {
  return withDb(
    page,
    (db, has, records, done) => {
      const tx = db.transaction(['records', 'summaries', 'meta'], 'readwrite');
      for (const record of records) {
        tx.objectStore('records').put(JSON.stringify(record), record.project.id);
        tx.objectStore('summaries').delete(record.project.id);
      }
      tx.objectStore('meta').delete('catalog');
      return done(tx);
    },
    records,
  );
}

/** Drops every summary (as after an upgrade to a build that scores differently). */
export function dropSummaries(page) {
  return withDb(
    page,
    (db, has, _, done) => {
      const tx = db.transaction(['summaries', 'meta'], 'readwrite');
      tx.objectStore('summaries').clear();
      tx.objectStore('meta').delete('catalog');
      return done(tx);
    },
  );
}

/** Empties the app's storage: localStorage and the stored projects (not the 历史版本). */
export async function clearProjects(page) {
  await page.evaluate(() => localStorage.clear());
  await withDb(
    page,
    (db, has, _, done) => {
      if (!has('records')) return undefined;
      const tx = db.transaction(['records', 'summaries', 'meta'].filter(has), 'readwrite');
      tx.objectStore('records').clear();
      tx.objectStore('summaries').clear();
      if (has('meta')) tx.objectStore('meta').clear();
      return done(tx);
    },
  );
}

/**
 * The example project as a stored record: 载入示例 in the page, wait for the
 * save, take the record, then empty the storage for the test to seed its own.
 */
export async function exampleRecord(page) {
  await page.evaluate(() => { location.hash = '#/'; });
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  const record = await firstStoredRecord(page);
  await clearProjects(page);
  return record;
}

/**
 * Seeds records the way an older build left them (localStorage, moved into
 * IndexedDB at the next start), with the list order and the project opened
 * last; reload the page afterwards.
 */
export function seedRecords(page, records, { lastOpened } = {}) {
  return page.evaluate(
    ({ records, lastOpened }) => {
      for (const record of records) localStorage.setItem(`jixiao.v1.project.${record.project.id}`, JSON.stringify(record));
      localStorage.setItem('jixiao.v1.index', JSON.stringify(records.map((r) => r.project.id)));
      if (lastOpened) localStorage.setItem('jixiao.v1.last_opened', lastOpened);
    },
    { records, lastOpened },
  );
}

/**
 * Stores records as the projects, in this list order (the index in
 * localStorage), without summaries: as records no summary was made of yet.
 * Reload the page afterwards.
 */
export async function storeRecords(page, records) {
  await putRecords(page, records);
  await page.evaluate((ids) => localStorage.setItem('jixiao.v1.index', JSON.stringify(ids)), records.map((r) => r.project.id));
}

/** Writes summaries ({id: array}) straight into IndexedDB, as another build would leave them. */
export function putSummaries(page, summaries) {
  return withDb(
    page,
    (db, has, summaries, done) => {
      const tx = db.transaction(['summaries', 'meta'], 'readwrite');
      for (const [id, summary] of Object.entries(summaries)) tx.objectStore('summaries').put(JSON.stringify(summary), id);
      tx.objectStore('meta').delete('catalog');
      return done(tx);
    },
    summaries,
  );
}

/**
 * Rewrites the stored record of `id` (or the first) with `edit(record)`, run
 * here in node, as another tab or build would (its summary dropped); reload
 * the page afterwards. Resolves with the record written.
 */
export async function rewriteRecord(page, edit, id) {
  const record = id ? await storedRecord(page, id) : await firstStoredRecord(page);
  edit(record);
  await putRecords(page, [record]);
  return record;
}

/**
 * Polls until `check` passes or `ms` have gone (then throws its error):
 * IndexedDB writes, and the working file, finish after the action that
 * starts them.
 */
export async function eventually(check, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
}
