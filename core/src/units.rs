//! Units as tables write them beside or inside a figure ("万元", "小时",
//! "‰", "人次"), and which of them convert into one another.
//!
//! Only exact conversions are known: 1 天 = 24 小时 always holds, a 月 of
//! days or a 工作日 of hours does not, so those stay units of their own and a
//! comparison across them is reported rather than guessed.

/// The units with an exact factor to a base of their kind.
const KNOWN: &[(&str, &str, f64)] = &[
    ("元", "money", 1.0),
    ("角", "money", 0.1),
    ("千元", "money", 1e3),
    ("万元", "money", 1e4),
    ("百万元", "money", 1e6),
    ("亿元", "money", 1e8),
    ("秒", "time", 1.0 / 3600.0),
    ("秒钟", "time", 1.0 / 3600.0),
    ("分钟", "time", 1.0 / 60.0),
    ("小时", "time", 1.0),
    ("个小时", "time", 1.0),
    ("h", "time", 1.0),
    ("天", "time", 24.0),
    ("日", "time", 24.0),
    ("周", "time", 168.0),
    ("星期", "time", 168.0),
    ("%", "share", 0.01),
    ("百分比", "share", 0.01),
    ("‰", "share", 0.001),
    ("毫米", "length", 0.001),
    ("mm", "length", 0.001),
    ("厘米", "length", 0.01),
    ("cm", "length", 0.01),
    ("米", "length", 1.0),
    ("m", "length", 1.0),
    ("千米", "length", 1e3),
    ("公里", "length", 1e3),
    ("km", "length", 1e3),
    ("平方米", "area", 1.0),
    ("㎡", "area", 1.0),
    ("m2", "area", 1.0),
    ("m²", "area", 1.0),
    ("亩", "area", 2000.0 / 3.0),
    ("公顷", "area", 1e4),
    ("平方千米", "area", 1e6),
    ("平方公里", "area", 1e6),
    ("克", "mass", 0.001),
    ("g", "mass", 0.001),
    ("斤", "mass", 0.5),
    ("千克", "mass", 1.0),
    ("公斤", "mass", 1.0),
    ("kg", "mass", 1.0),
    ("吨", "mass", 1e3),
    ("t", "mass", 1e3),
    // A month of the year as a deadline ("11月底前", actual "11月"): the
    // same month however it is worded, so never a mismatch.
    ("月", "month of year", 1.0),
    ("月底", "month of year", 1.0),
    ("月底前", "month of year", 1.0),
    ("月前", "month of year", 1.0),
    ("月末", "month of year", 1.0),
    ("月末前", "month of year", 1.0),
    ("月份", "month of year", 1.0),
];

/// Multipliers written in front of any unit ("万人次", "亿千瓦时").
const PREFIXES: &[(&str, f64)] = &[("百万", 1e6), ("亿", 1e8), ("万", 1e4), ("千", 1e3)];

/// A unit as typed in the 计量单位 field or read from a value, in the one
/// spelling compared: full-width letters and signs folded, spaces and
/// invisible control characters dropped.
pub fn canonical(unit: &str) -> String {
    unit.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The kind of quantity a unit measures and its size in that kind's base.
fn measure(unit: &str) -> (String, f64) {
    if let Some((_, kind, factor)) = KNOWN.iter().find(|(name, _, _)| *name == unit) {
        return (kind.to_string(), *factor);
    }
    for (prefix, times) in PREFIXES {
        if let Some(stem) = unit.strip_prefix(prefix) {
            let (kind, factor) = measure(stem);
            return (kind, times * factor);
        }
    }
    // Any other unit (台, 个, 人次) is a kind of its own.
    (unit.to_string(), 1.0)
}

/// The factor that turns a figure in `from` into one in `to`
/// (`factor("万元", "元")` is 10000), or `None` when they measure different things.
pub fn factor(from: &str, to: &str) -> Option<f64> {
    let (from, to) = (canonical(from), canonical(to));
    if from == to {
        return Some(1.0);
    }
    let (from_kind, from_size) = measure(&from);
    let (to_kind, to_size) = measure(&to);
    (from_kind == to_kind).then(|| from_size / to_size)
}

/// Whether two spellings name the very same unit ("%" and "百分比", "天" and "日").
pub fn same(a: &str, b: &str) -> bool {
    factor(a, b) == Some(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obvious_pairs_convert() {
        assert_eq!(factor("万元", "元"), Some(1e4));
        assert_eq!(factor("元", "万元"), Some(1e-4));
        assert_eq!(factor("天", "小时"), Some(24.0));
        assert_eq!(factor("小时", "天"), Some(1.0 / 24.0));
        assert_eq!(factor("‰", "%"), Some(0.1));
        assert_eq!(factor("公里", "米"), Some(1000.0));
        assert_eq!(factor("吨", "公斤"), Some(1000.0));
        assert_eq!(factor("公顷", "亩"), Some(15.0));
        assert_eq!(factor("万人次", "人次"), Some(1e4));
        assert_eq!(factor("亿元", "万元"), Some(1e4));
    }

    #[test]
    fn spellings_of_one_unit_are_the_same() {
        assert!(same("%", "百分比"));
        assert!(same("％", "%"));
        assert!(same("天", "日"));
        assert!(same("KM", "公里"));
        assert!(same(" 台 ", "台"));
        assert!(same("台\u{3}", "台"));
        assert_eq!(canonical("\u{3}\t"), "");
        assert!(same("月底前", "月"));
    }

    #[test]
    fn different_things_do_not_convert() {
        assert_eq!(factor("台", "天"), None);
        assert_eq!(factor("个", "台"), None);
        assert_eq!(factor("人次", "人"), None);
        assert_eq!(factor("%", "分"), None);
        // A month of days or a working day of hours is no fixed figure.
        assert_eq!(factor("个月", "天"), None);
        assert_eq!(factor("工作日", "小时"), None);
    }
}
