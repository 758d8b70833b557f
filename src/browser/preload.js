// Runs before the WebAssembly is compiled (inlined at the top of both pages):
// opens the IndexedDB database and starts reading every project's summary,
// so that the list is ready as soon as the app is. `src/browser/idb.rs` takes
// the open database from `jixiaoStore`; this is the one place that knows the
// database's version and stores. `jixiaoOpen` opens it again after the
// browser closed it (site data cleared under the page).
//
// Version 3 added `records` (id → the stored record's JSON text),
// `summaries` (id → its `overview::Summary` as a JSON array) and `meta`
// ("catalog" → {ids, summaries}: every record id and every summary, one
// read instead of a thousand; removed by any write of a record and made
// again with the summaries); version 1 had the 历史版本 stores and the
// working file's handle. Each list reaches the app as one JSON text: one
// string into the wasm, not a thousand.
globalThis.jixiaoOpen = () => new Promise((resolve) => {
  const stores = ['versions', 'texts', 'handles', 'records', 'summaries', 'meta'];
  const nothing = (why) => resolve({ db: null, keys: [], summaries: [], why: String(why) });
  let request;
  try {
    request = indexedDB.open('jixiao', 3);
  } catch (err) {
    nothing(err);
    return;
  }
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const name of stores) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
  };
  // A page of an older build holds the database open at version 1.
  request.onblocked = () => nothing('blocked');
  request.onerror = () => nothing(request.error && request.error.name);
  request.onsuccess = () => {
    const db = request.result;
    // A later build upgrading the database must not wait for this page.
    db.onversionchange = () => db.close();
    try {
      // Resolved on the read's success, not on the transaction's completion:
      // while the page is still busy loading, each event waits its turn.
      const tx = db.transaction(['records', 'summaries', 'meta']);
      const catalog = tx.objectStore('meta').get('catalog');
      catalog.onsuccess = () => {
        const found = catalog.result;
        const done = (ids, summaries, catalog) =>
          resolve({ db, keys: JSON.stringify(ids), summaries: JSON.stringify(summaries), catalog, why: '' });
        if (found) {
          done(found.ids, found.summaries, true);
          return;
        }
        const keys = tx.objectStore('records').getAllKeys();
        const summaries = tx.objectStore('summaries').getAll();
        summaries.onsuccess = () => done(keys.result, summaries.result, false);
      };
      tx.onabort = () => nothing(tx.error && tx.error.name);
    } catch (err) {
      nothing(err);
    }
  };
});
globalThis.jixiaoStore = globalThis.jixiaoOpen();
