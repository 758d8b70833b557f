//! jixiao — 项目支出绩效自评, a browser-only single-page app.
//!
//! The domain core is its own crate, `jixiao_core` (`core/`: pure, tested
//! natively, shared with the command-line checker in `cli/`). This crate is
//! what the browser adds: `browser`, the glue to the page (storage, files,
//! print, hash routes), and `ui`, the views.

mod browser;
#[cfg(target_arch = "wasm32")]
mod ui;

/// The app's root component, mounted by `main`.
#[cfg(target_arch = "wasm32")]
pub use ui::App;
