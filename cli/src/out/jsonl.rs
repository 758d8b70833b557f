//! JSON Lines: one object per row, keyed by column id, null where a value
//! is missing.

use std::io::{self, Write};

use serde_json::Value as Json;

use crate::rows::{Column, Row, Value};

pub struct JsonlSink {
    out: Box<dyn Write + Send>,
    columns: &'static [Column],
}

impl JsonlSink {
    pub fn new(out: Box<dyn Write + Send>, columns: &'static [Column]) -> Self {
        Self { out, columns }
    }
}

/// One row as a JSON object, its keys in column order.
pub fn object(columns: &[Column], row: &Row) -> String {
    let mut text = String::from("{");
    for (i, (column, value)) in columns.iter().zip(row).enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push('"');
        text.push_str(column.id);
        text.push_str("\":");
        let json = match value {
            Value::Text(Some(t)) => Json::from(t.as_str()),
            Value::Number(Some(v)) => {
                serde_json::Number::from_f64(*v).map_or(Json::Null, Json::Number)
            }
            Value::Count(n) => Json::from(*n),
            _ => Json::Null,
        };
        text.push_str(&json.to_string());
    }
    text.push('}');
    text
}

impl super::Sink for JsonlSink {
    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        for row in rows {
            let line = object(self.columns, row);
            self.out.write_all(line.as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}
