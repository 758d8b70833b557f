//! jixiao — 项目支出绩效自评, a browser-only single-page app.
//!
//! `model` (the domain core) and `route` (hash parsing) are pure and tested
//! natively; `ui` and the browser glue (`storage`, `download`, `upload`, `print`) need a
//! browser and only exist in the wasm build.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod download;
#[cfg(target_arch = "wasm32")]
pub mod print;
pub mod route;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod upload;
