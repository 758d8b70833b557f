//! JSON: the stored record of one project (with schema migrations) and the
//! exchange file that carries projects between colleagues (`docs/format.md`).

pub mod exchange;
pub mod schema;
