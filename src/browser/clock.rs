//! The time as people read it: a moment (ms since 1970, as `Date.now()`
//! gives) in the browser's time zone.

/// "2025-07-31 14:05" in local time; "—" for none (0 or less).
pub fn local_time(ms: f64) -> String {
    if ms <= 0.0 {
        return "—".to_string();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}
