//! IndexedDB glue. Database `jixiao` (opened by `preload.js`, which holds
//! its version and stores): `records` (id → the stored record's JSON text),
//! `summaries` (id → its summary, present only while it describes that
//! record), `meta` ("catalog" → every record id and summary as one value),
//! `versions` (id → `versions::Meta` as one line), `texts` (id → the
//! snapshot's text), `handles` ("working" → the working file's handle).
//!
//! A record is written together with its summary or with the summary's
//! removal, and with the catalog's removal, in one transaction, so a stored
//! summary is always current and a stored catalog always complete. The
//! catalog is made again in the transactions that store summaries. What
//! to keep of the 历史版本 is decided by `jixiao_core::versions`; this module only
//! reads and writes.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

use jixiao_core::versions::{Meta, Plan, Shelf};

const VERSIONS: &str = "versions";
const TEXTS: &str = "texts";
const HANDLES: &str = "handles";
const WORKING: &str = "working";
const RECORDS: &str = "records";
const SUMMARIES: &str = "summaries";
const META: &str = "meta";
const CATALOG: &str = "catalog";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Resolves with the request's result once it succeeds.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(
            &Closure::once_into_js(move || resolve.call0(&JsValue::NULL)).unchecked_into(),
        ));
        let failed = request.clone();
        request.set_onerror(Some(
            &Closure::once_into_js(move || {
                reject.call1(&JsValue::NULL, &failed.error().ok().flatten().into())
            })
            .unchecked_into(),
        ));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// Resolves when the transaction has committed; rejects with its error
/// (a `QuotaExceededError` when the browser has no room).
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(
            &Closure::once_into_js(move || resolve.call0(&JsValue::NULL)).unchecked_into(),
        ));
        let failed = tx.clone();
        tx.set_onabort(Some(
            &Closure::once_into_js(move || {
                reject.call1(
                    &JsValue::NULL,
                    &failed.error().map(JsValue::from).unwrap_or_default(),
                )
            })
            .unchecked_into(),
        ));
    });
    JsFuture::from(promise).await.map(drop)
}

/// What the database held when it was opened: the record ids and the
/// summaries' texts (read from the catalog when there was one), or why it
/// could not be opened.
pub struct Opened {
    pub ids: Vec<String>,
    pub summaries: Vec<String>,
    pub from_catalog: bool,
    pub problem: Option<String>,
}

/// The preload's reading, taken once at startup.
pub async fn start() -> Opened {
    let found = match js_sys::Reflect::get(&js_sys::global(), &"jixiaoStore".into()) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.unwrap_or_default(),
            Err(_) => JsValue::UNDEFINED,
        },
        Err(_) => JsValue::UNDEFINED,
    };
    adopt(&found)
}

fn adopt(found: &JsValue) -> Opened {
    let field = |key: &str| js_sys::Reflect::get(found, &key.into()).unwrap_or_default();
    // Each list comes as one JSON text: one string into wasm, not 1,000.
    let texts = |value: JsValue| {
        value
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    };
    match field("db").dyn_into::<IdbDatabase>() {
        Ok(db) => {
            // Site data cleared under the page closes the connection: open afresh then.
            let closed = Closure::<dyn Fn()>::new(|| DB.set(None));
            db.set_onclose(Some(closed.as_ref().unchecked_ref()));
            closed.forget();
            // A later build upgrading the database: let it, and open afresh
            // (at this version, which then fails and says so) when needed.
            let open = db.clone();
            let upgrading = Closure::<dyn Fn()>::new(move || {
                open.close();
                DB.set(None);
            });
            db.set_onversionchange(Some(upgrading.as_ref().unchecked_ref()));
            upgrading.forget();
            DB.set(Some(db));
            Opened {
                ids: texts(field("keys")),
                summaries: texts(field("summaries")),
                from_catalog: field("catalog").is_truthy(),
                problem: None,
            }
        }
        Err(_) => Opened {
            ids: Vec::new(),
            summaries: Vec::new(),
            from_catalog: false,
            problem: Some(field("why").as_string().unwrap_or_default()),
        },
    }
}

/// Waits for the commit of `tx`, whose requests were `issued`. A request
/// refused at once (a full disk can be reported so) aborts the transaction,
/// so the others never commit alone.
async fn all_or_nothing(tx: &IdbTransaction, issued: Result<(), JsValue>) -> Result<(), JsValue> {
    if let Err(err) = issued {
        let _ = tx.abort();
        return Err(err);
    }
    committed(tx).await
}

async fn db() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with_borrow(Clone::clone) {
        return Ok(db);
    }
    let global = js_sys::global();
    let open: js_sys::Function = js_sys::Reflect::get(&global, &"jixiaoOpen".into())?.dyn_into()?;
    let found = JsFuture::from(js_sys::Promise::from(open.call0(&global)?)).await?;
    if let Some(problem) = adopt(&found).problem {
        return Err(JsValue::from_str(&problem));
    }
    DB.with_borrow(Clone::clone).ok_or(JsValue::NULL)
}

fn transaction(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction, JsValue> {
    let names = stores
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>();
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .inspect_err(|_| DB.set(None))
}

/// The metadata of every snapshot.
pub async fn shelf() -> Result<Shelf, JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[VERSIONS], false)?;
    let all = done(&tx.object_store(VERSIONS)?.get_all()?).await?;
    let metas = js_sys::Array::from(&all)
        .iter()
        .filter_map(|v| Meta::from_line(&v.as_string()?))
        .collect();
    Ok(Shelf { metas })
}

/// Adds and drops snapshots as planned, all or nothing.
pub async fn write(plan: &Plan) -> Result<(), JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[VERSIONS, TEXTS], true)?;
    let requests = || {
        let versions = tx.object_store(VERSIONS)?;
        let texts = tx.object_store(TEXTS)?;
        for id in &plan.drop {
            let key = JsValue::from_f64(*id as f64);
            versions.delete(&key)?;
            texts.delete(&key)?;
        }
        if let Some(added) = &plan.add {
            let key = JsValue::from_f64(added.meta.id as f64);
            versions.put_with_key(&JsValue::from_str(&added.meta.to_line()), &key)?;
            texts.put_with_key(&JsValue::from_str(&added.text), &key)?;
        }
        Ok(())
    };
    all_or_nothing(&tx, requests()).await
}

/// The text of one snapshot.
pub async fn text(id: u64) -> Result<Option<String>, JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[TEXTS], false)?;
    let request = tx.object_store(TEXTS)?.get(&JsValue::from_f64(id as f64))?;
    Ok(done(&request).await?.as_string())
}

/// Remembers the working file's handle for the next visit.
pub async fn keep_handle(handle: &JsValue) -> Result<(), JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[HANDLES], true)?;
    tx.object_store(HANDLES)?
        .put_with_key(handle, &JsValue::from_str(WORKING))?;
    committed(&tx).await
}

/// The working file's handle kept by an earlier visit, if any.
pub async fn kept_handle() -> Option<JsValue> {
    let db = db().await.ok()?;
    let tx = transaction(&db, &[HANDLES], false).ok()?;
    let request = tx
        .object_store(HANDLES)
        .ok()?
        .get(&JsValue::from_str(WORKING))
        .ok()?;
    let handle = done(&request).await.ok()?;
    (!handle.is_undefined()).then_some(handle)
}

/// The texts of the records of `ids` (`None` for one not stored), read in
/// one transaction.
pub async fn records(ids: &[String]) -> Result<Vec<Option<js_sys::JsString>>, JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[RECORDS], false)?;
    let store = tx.object_store(RECORDS)?;
    let requests = ids
        .iter()
        .map(|id| store.get(&JsValue::from_str(id)))
        .collect::<Result<Vec<_>, _>>()?;
    committed(&tx).await?;
    Ok(requests
        .iter()
        .map(|r| r.result().ok()?.dyn_into().ok())
        .collect())
}

/// A read-write transaction over records, summaries and meta, with the
/// records stored under `ids` read in it: a write decided on them happens
/// in the same transaction, which IndexedDB runs alone for these stores
/// across tabs.
async fn read_to_write(ids: &[&str]) -> Result<(IdbTransaction, Vec<IdbRequest>), JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[RECORDS, SUMMARIES, META], true)?;
    let records = tx.object_store(RECORDS)?;
    let stored = ids
        .iter()
        .map(|id| records.get(&JsValue::from_str(id)))
        .collect::<Result<Vec<_>, _>>()?;
    // Requests complete in order: once the last has, all have.
    if let Some(last) = stored.last() {
        done(last).await?;
    }
    Ok((tx, stored))
}

/// Writes record `text` of `id` with its summary (or removes the summary),
/// if the stored record is still at the stamp `current` accepts: `Ok(false)`
/// and nothing written when it is not.
pub async fn put_record(
    id: &str,
    text: &str,
    summary: Option<&str>,
    current: impl Fn(Option<&js_sys::JsString>) -> bool,
) -> Result<bool, JsValue> {
    let (tx, stored) = read_to_write(&[id]).await?;
    if !current(stored[0].result()?.dyn_ref()) {
        let _ = tx.abort();
        return Ok(false);
    }
    let key = JsValue::from_str(id);
    let requests = || {
        tx.object_store(RECORDS)?
            .put_with_key(&JsValue::from_str(text), &key)?;
        let summaries = tx.object_store(SUMMARIES)?;
        match summary {
            Some(summary) => summaries.put_with_key(&JsValue::from_str(summary), &key)?,
            None => summaries.delete(&key)?,
        };
        tx.object_store(META)?.delete(&CATALOG.into())?;
        Ok(())
    };
    all_or_nothing(&tx, requests()).await.map(|()| true)
}

/// Stores summaries `(id, text)`, each only if `current` accepts the record
/// stored under its id now (another tab may have saved it since it was read).
pub async fn put_summaries(
    items: &[(String, String)],
    current: impl Fn(usize, Option<&js_sys::JsString>) -> bool,
) -> Result<(), JsValue> {
    let ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
    let (tx, requests) = read_to_write(&ids).await?;
    let summaries = tx.object_store(SUMMARIES)?;
    for (n, ((id, text), request)) in items.iter().zip(&requests).enumerate() {
        if current(n, request.result()?.dyn_ref()) {
            summaries.put_with_key(&JsValue::from_str(text), &JsValue::from_str(id))?;
        }
    }
    catalog(&tx).await?;
    committed(&tx).await
}

/// Makes the catalog again from the stores, in transaction `tx` (which
/// spans records, summaries and meta); the texts stay in JS.
async fn catalog(tx: &IdbTransaction) -> Result<(), JsValue> {
    let ids = tx.object_store(RECORDS)?.get_all_keys()?;
    let summaries = tx.object_store(SUMMARIES)?.get_all()?;
    let texts = done(&summaries).await?;
    let catalog = js_sys::Object::new();
    js_sys::Reflect::set(&catalog, &"ids".into(), &ids.result()?)?;
    js_sys::Reflect::set(&catalog, &"summaries".into(), &texts)?;
    tx.object_store(META)?
        .put_with_key(&catalog, &CATALOG.into())?;
    Ok(())
}

/// Makes the catalog again (at startup, when it was missing).
pub async fn remake_catalog() -> Result<(), JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[RECORDS, SUMMARIES, META], true)?;
    catalog(&tx).await?;
    committed(&tx).await
}

/// Writes records with their summaries `(id, record, summary)` (records
/// moved in from localStorage), each only if `take` accepts the record
/// stored under its id now; all in one transaction, so nothing is saved in
/// between.
pub async fn put_records(
    items: &[(String, String, String)],
    mut take: impl FnMut(usize, Option<&js_sys::JsString>) -> bool,
) -> Result<(), JsValue> {
    let ids: Vec<&str> = items.iter().map(|(id, _, _)| id.as_str()).collect();
    let (tx, stored) = read_to_write(&ids).await?;
    let mut requests = || {
        let records = tx.object_store(RECORDS)?;
        let summaries = tx.object_store(SUMMARIES)?;
        for (n, ((id, record, summary), stored)) in items.iter().zip(&stored).enumerate() {
            if take(n, stored.result()?.dyn_ref()) {
                let key = JsValue::from_str(id);
                records.put_with_key(&JsValue::from_str(record), &key)?;
                summaries.put_with_key(&JsValue::from_str(summary), &key)?;
            }
        }
        tx.object_store(META)?.delete(&CATALOG.into())?;
        Ok(())
    };
    all_or_nothing(&tx, requests()).await
}

/// Removes a record and its summary.
pub async fn delete_record(id: &str) -> Result<(), JsValue> {
    let db = db().await?;
    let tx = transaction(&db, &[RECORDS, SUMMARIES, META], true)?;
    let key = JsValue::from_str(id);
    tx.object_store(RECORDS)?.delete(&key)?;
    tx.object_store(SUMMARIES)?.delete(&key)?;
    tx.object_store(META)?.delete(&CATALOG.into())?;
    committed(&tx).await
}
