//! jixiao — 项目支出绩效自评, a browser-only single-page app.
//!
//! `model` is the domain core (pure, tested natively); `browser` is the glue
//! to the page (storage, files, print, hash routes); `ui` the views. All
//! three are private: the app is the only user of the core, so the wasm32
//! build reports any core item the app does not use as dead code.

mod browser;
mod model;
#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;

/// The app's root component, mounted by `main`.
#[cfg(target_arch = "wasm32")]
pub use ui::App;
