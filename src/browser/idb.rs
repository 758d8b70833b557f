//! IndexedDB glue: the 历史版本 snapshots and the remembered working-file
//! handle (a `FileSystemFileHandle` can be kept there, not in localStorage).
//! Opened on first use, never on the startup path. Database `jixiao`,
//! version 1: `versions` (id → `versions::Meta` as one line), `texts` (id → the
//! snapshot's text), `handles` ("working" → the handle).
//!
//! What to keep and what to drop is decided by `model::versions`; this
//! module only reads and writes.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::model::versions::{Meta, Plan, Shelf};

const VERSIONS: &str = "versions";
const TEXTS: &str = "texts";
const HANDLES: &str = "handles";
const WORKING: &str = "working";

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

async fn db() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with_borrow(Clone::clone) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32("jixiao", 1)?;
    let opening = request.clone();
    request.set_onupgradeneeded(Some(
        &Closure::once_into_js(move || {
            if let Ok(db) = opening.result() {
                let db: IdbDatabase = db.unchecked_into();
                for store in [VERSIONS, TEXTS, HANDLES] {
                    let _ = db.create_object_store(store);
                }
            }
        })
        .unchecked_into(),
    ));
    let db: IdbDatabase = done(&request).await?.unchecked_into();
    // Site data cleared under the page closes the connection: open afresh then.
    let closed = Closure::<dyn Fn()>::new(|| DB.set(None));
    db.set_onclose(Some(closed.as_ref().unchecked_ref()));
    closed.forget();
    DB.set(Some(db.clone()));
    Ok(db)
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
    let requests = || -> Result<(), JsValue> {
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
    // A request refused at once (a full disk can be reported so) must not
    // leave the others to commit alone.
    if let Err(err) = requests() {
        let _ = tx.abort();
        return Err(err);
    }
    committed(&tx).await
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
