//! Apache Parquet through the `parquet` crate's own column writers (no
//! arrow): text as optional UTF-8 byte arrays, figures as optional doubles,
//! counts as required int64, snappy-compressed, in row groups of
//! [`ROW_GROUP`] rows. DuckDB, Spark and pandas read it as it is.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::rows::{Column, Row, Type, Value};

/// Rows buffered before a row group is written: large enough for the
/// columns to compress, small enough to keep memory flat.
const ROW_GROUP: usize = 8_192;

pub struct ParquetSink {
    writer: SerializedFileWriter<Box<dyn Write + Send>>,
    columns: &'static [Column],
    buffer: Vec<Row>,
}

fn to_io(e: ParquetError) -> io::Error {
    io::Error::other(format!("Parquet：{e}"))
}

/// The schema, in Parquet's message syntax.
pub fn schema(columns: &[Column]) -> String {
    let mut text = String::from("message jixiao {\n");
    for column in columns {
        let field = match column.kind {
            Type::Text => format!("  OPTIONAL BYTE_ARRAY {} (STRING);\n", column.id),
            Type::Number => format!("  OPTIONAL DOUBLE {};\n", column.id),
            Type::Count => format!("  REQUIRED INT64 {};\n", column.id),
        };
        text.push_str(&field);
    }
    text.push('}');
    text
}

impl ParquetSink {
    pub fn new(out: Box<dyn Write + Send>, columns: &'static [Column]) -> io::Result<Self> {
        let schema = Arc::new(parse_message_type(&schema(columns)).map_err(to_io)?);
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by("jixiao check".to_string())
                .build(),
        );
        let writer = SerializedFileWriter::new(out, schema, properties).map_err(to_io)?;
        Ok(Self {
            writer,
            columns,
            buffer: Vec::new(),
        })
    }

    fn row_group(&mut self) -> Result<(), ParquetError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.buffer);
        let mut group = self.writer.next_row_group()?;
        for (c, column) in self.columns.iter().enumerate() {
            let mut writer = group
                .next_column()?
                .ok_or_else(|| ParquetError::General("fewer columns than the schema".into()))?;
            let present = |value: &Value| match value {
                Value::Text(t) => i16::from(t.is_some()),
                Value::Number(v) => i16::from(v.is_some()),
                Value::Count(_) => 1,
            };
            let levels: Vec<i16> = rows.iter().map(|r| present(&r[c])).collect();
            match column.kind {
                Type::Text => {
                    let values: Vec<ByteArray> = rows
                        .iter()
                        .filter_map(|r| match &r[c] {
                            Value::Text(Some(t)) => Some(ByteArray::from(t.as_str())),
                            _ => None,
                        })
                        .collect();
                    writer
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&levels), None)?;
                }
                Type::Number => {
                    let values: Vec<f64> = rows
                        .iter()
                        .filter_map(|r| match r[c] {
                            Value::Number(v) => v,
                            _ => None,
                        })
                        .collect();
                    writer
                        .typed::<DoubleType>()
                        .write_batch(&values, Some(&levels), None)?;
                }
                Type::Count => {
                    let values: Vec<i64> = rows
                        .iter()
                        .map(|r| match r[c] {
                            Value::Count(n) => i64::try_from(n).unwrap_or(i64::MAX),
                            _ => 0,
                        })
                        .collect();
                    writer
                        .typed::<Int64Type>()
                        .write_batch(&values, None, None)?;
                }
            }
            writer.close()?;
        }
        group.close()?;
        Ok(())
    }
}

impl super::Sink for ParquetSink {
    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        self.buffer.extend_from_slice(rows);
        if self.buffer.len() >= ROW_GROUP {
            self.row_group().map_err(to_io)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.row_group().map_err(to_io)?;
        let mut out = self.writer.into_inner().map_err(to_io)?;
        out.flush()
    }
}
