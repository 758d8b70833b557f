//! Tests of the core as a whole: properties of the engine over generated
//! projects, the report, the exchange format, migrations and the xlsx
//! writer. Unit tests of one module live beside it.

mod common;
mod consumers;
mod docx_export;
mod engine_props;
mod exchange_format;
mod inferred_grades;
mod published;
mod report_compose;
mod schema_migration;
mod summaries;
mod xlsx_export;
mod xlsx_import;
mod year_cycle;
