import { launchBrowser, FILE_TARGET, openApp } from '../../../tests/browser/harness.mjs';
const b = await launchBrowser();
const app = await openApp(b, FILE_TARGET);
const r = await app.page.evaluate(async () => {
  const out = { origin: location.origin, secure: isSecureContext };
  out.showSaveFilePicker = typeof window.showSaveFilePicker;
  out.showOpenFilePicker = typeof window.showOpenFilePicker;
  out.storageManager = typeof navigator.storage;
  try { out.persisted = await navigator.storage.persisted(); } catch (e) { out.persisted = 'error: ' + e.name + ' ' + e.message; }
  try { out.persist = await navigator.storage.persist(); } catch (e) { out.persist = 'error: ' + e.name + ' ' + e.message; }
  try { const e = await navigator.storage.estimate(); out.estimate = [e.usage, e.quota]; } catch (e) { out.estimate = 'error: ' + e.name + ' ' + e.message; }
  try {
    const dir = await navigator.storage.getDirectory();
    const h = await dir.getFileHandle('probe.json', { create: true });
    out.opfsHandle = Object.prototype.toString.call(h);
    const w = await h.createWritable();
    await w.write('{"ok":1}'); await w.close();
    out.opfsRead = await (await h.getFile()).text();
    out.queryPermission = await h.queryPermission?.({ mode: 'readwrite' });
  } catch (e) { out.opfs = 'error: ' + e.name + ' ' + e.message; }
  try {
    const db = await new Promise((res, rej) => { const q = indexedDB.open('probe', 1); q.onupgradeneeded = () => q.result.createObjectStore('s'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
    await new Promise((res, rej) => { const t = db.transaction('s', 'readwrite'); t.objectStore('s').put('v', 'k'); t.oncomplete = res; t.onerror = () => rej(t.error); });
    out.indexedDB = 'ok';
  } catch (e) { out.indexedDB = 'error: ' + e.name + ' ' + e.message; }
  try {
    // Without a user gesture the picker must refuse; with one it opens a dialog (not testable headless).
    await window.showSaveFilePicker({ suggestedName: 'x.json' });
    out.pickerNoGesture = 'opened';
  } catch (e) { out.pickerNoGesture = e.name + ': ' + e.message; }
  return out;
});
console.log(JSON.stringify(r, null, 1));
console.log('chromium', b.version());
await b.close();
