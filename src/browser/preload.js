// Runs before the WebAssembly is compiled (inlined at the top of both pages):
// opens the IndexedDB database and starts reading every project's summary,
// so that the list is ready as soon as the app is. `src/browser/idb.rs` takes
// the open database from `jixiaoStore`; this is the one place that knows the
// database's version and stores. `jixiaoOpen` opens it again after the
// browser closed it (site data cleared under the page).
//
// Version 2 added `records` (id → the stored record's JSON text) and
// `summaries` (id → its `overview::Summary` as a JSON array); version 1 had
// the 历史版本 stores and the working file's handle.
globalThis.jixiaoOpen = () => new Promise((resolve) => {
  const stores = ['versions', 'texts', 'handles', 'records', 'summaries'];
  const nothing = (why) => resolve({ db: null, keys: [], summaries: [], why: String(why) });
  let request;
  try {
    request = indexedDB.open('jixiao', 2);
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
      const tx = db.transaction(['records', 'summaries']);
      const keys = tx.objectStore('records').getAllKeys();
      const summaries = tx.objectStore('summaries').getAll();
      tx.oncomplete = () => resolve({ db, keys: keys.result, summaries: summaries.result, why: '' });
      tx.onabort = () => nothing(tx.error && tx.error.name);
    } catch (err) {
      nothing(err);
    }
  };
});
globalThis.jixiaoStore = globalThis.jixiaoOpen();
