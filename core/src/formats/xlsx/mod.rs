//! Excel (.xlsx) workbooks of the 自评表, the 目标表 and 监控表, and the 汇总.
//!
//! Hand-written rather than built on an xlsx crate (a full writer costs
//! about 250 KB gzip of wasm). What is written is the small, strict subset of
//! SpreadsheetML that Excel, WPS and LibreOffice all open without a repair
//! prompt: inline strings (no shared-string table), one fixed style sheet,
//! stored ZIP entries and no timestamps, so the same input always gives the
//! same bytes. Layouts (which cells hold what) are apart from the sheet model
//! (how any sheet is written).

mod a1;
pub mod data;
pub mod import;
mod overview;
pub mod read;
mod review;
mod self_evaluation;
mod sheet;
mod styles;

pub use overview::overview_xlsx;
pub use review::review_xlsx;
pub use self_evaluation::{monitoring_xlsx, self_evaluation_xlsx, targets_xlsx};

/// The media type browsers and Windows expect for .xlsx downloads.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
