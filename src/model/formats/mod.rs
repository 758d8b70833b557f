//! File formats, each a module with its writer (and, as they come, its
//! reader) side by side: the OOXML container and XML text, Excel workbooks,
//! CSV, and the JSON of stored records and exchange files. Formats read the
//! document, its evaluation and the composed report; nothing below them
//! depends on a format.

pub mod clipboard;
pub mod csv;
pub mod json;
pub mod xlsx;
pub mod xml;
pub mod zip;
