//! Numbers as people type them into a 自评表, and the figures printed back.
//!
//! Parsing is lenient about form (full-width digits, 千分位, ≥, units) and
//! strict about meaning: anything that is not one clear finite number is an
//! error with a message the user can act on, never a guess.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::lookalikes::{MISTAKEN_SIGNS, SIGN_FOLDS};

/// The comparison written in front of (or behind) a figure: `≥200台`, `±0%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// ≥
    AtLeast,
    /// >
    MoreThan,
    /// ≤
    AtMost,
    /// <
    LessThan,
    /// =
    Equal,
    /// ±
    PlusMinus,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::MoreThan => ">",
            Comparator::AtMost => "≤",
            Comparator::LessThan => "<",
            Comparator::Equal => "=",
            Comparator::PlusMinus => "±",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedNumber {
    /// The figure as written: `99.9%` is 99.9, `27.5万元` is 27.5 (no scaling).
    pub value: f64,
    pub comparator: Option<Comparator>,
    /// Trailing text such as 台, %, 万元, 小时; `None` when there is none.
    pub unit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all, or a malformed one (two dots, bad 千分位 …).
    Invalid(String),
    /// A character where a comparison sign belongs that is none the parser
    /// knows; `position` counts characters of the text from 1.
    UnknownSign {
        raw: String,
        position: usize,
        found: char,
    },
    /// A character that only looks like a sign of a number (the letter O
    /// for 0, 。 for the point): never read as it, always pointed out.
    LookAlike {
        raw: String,
        position: usize,
        found: char,
        meant: char,
    },
    /// A well-formed figure too large to compute with (e.g. `1e400`).
    OutOfRange(String),
}

/// Long pasted text would swamp the message; the start is enough to find it.
fn excerpt(raw: &str) -> String {
    const MAX: usize = 20;
    let trimmed = raw.trim();
    if trimmed.chars().count() > MAX {
        let head: String = trimmed.chars().take(MAX).collect();
        format!("{head}…")
    } else {
        trimmed.to_string()
    }
}

impl NumberError {
    pub fn message(&self) -> String {
        match self {
            NumberError::Invalid(raw) => format!(
                "“{}”不是有效的数值，请输入如 27.5、1,000、99.9% 这样的数字",
                excerpt(raw)
            ),
            NumberError::UnknownSign {
                position, found, ..
            } => format!(
                "第 {position} 个字符“{found}”（U+{:04X}）无法识别为比较符号，请改用 ≥、≤、>、<、= 或 ±",
                *found as u32
            ),
            NumberError::LookAlike {
                position,
                found,
                meant,
                ..
            } => {
                let kind = if found.is_alphabetic() && !meant.is_alphabetic() {
                    "是字母，"
                } else {
                    ""
                };
                format!(
                    "第 {position} 个字符“{found}”（U+{:04X}）{kind}不是“{meant}”，请改为“{meant}”",
                    *found as u32
                )
            }
            NumberError::OutOfRange(raw) => {
                format!("“{}”超出可计算的范围，请检查是否多输入了数字", excerpt(raw))
            }
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for NumberError {}

fn table_lookup(table: &[(char, char)], c: char) -> Option<char> {
    table
        .binary_search_by_key(&c, |(from, _)| *from)
        .ok()
        .map(|at| table[at].1)
}

/// The sign a look-alike stands for (`＝`, `﹦`, `≧`, `═`, `𝟎`, `—` …),
/// from the Unicode data in [`lookalikes`].
pub(crate) fn fold_sign(c: char) -> Option<char> {
    table_lookup(SIGN_FOLDS, c)
}

/// What a character that only looks like a sign seems meant as.
fn mistaken_sign(c: char) -> Option<char> {
    table_lookup(MISTAKEN_SIGNS, c)
}

/// Invisible characters copied from web pages and PDFs.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Folds the many ways a keyboard, a PDF or a web page writes the same sign
/// into the one spelling the grammar below reads, remembering for each
/// resulting character its position (from 1) in the text as typed.
fn normalize_positions(raw: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = Vec::with_capacity(raw.len());
    for (n, c) in raw.chars().enumerate() {
        let position = n + 1;
        let mut push = |c: char| {
            out.push(c);
            at.push(position);
        };
        if is_invisible(c) {
            continue;
        }
        match fold_sign(c).unwrap_or(c) {
            '\u{3000}' | '\u{00A0}' => push(' '),
            '≥' => {
                push('>');
                push('=');
            }
            '≤' => {
                push('<');
                push('=');
            }
            // Full-width ASCII (letters of units, brackets) maps 1:1.
            c @ '\u{FF01}'..='\u{FF5E}' => push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            c => push(c),
        }
    }
    (out, at)
}

/// [`normalize_positions`] without the positions: for scanning prose.
pub(crate) fn normalize(raw: &str) -> Vec<char> {
    normalize_positions(raw).0
}

pub(crate) fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

/// Prefix spellings (after [`normalize`]), longest first so `>=` wins over `>`.
const PREFIXES: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("大于等于", Comparator::AtLeast),
    ("小于等于", Comparator::AtMost),
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("+/-", Comparator::PlusMinus),
    // `≥=` as typed by people who add an = to the sign.
    (">==", Comparator::AtLeast),
    ("<==", Comparator::AtMost),
    ("大于", Comparator::MoreThan),
    ("小于", Comparator::LessThan),
    ("等于", Comparator::Equal),
    ("高于", Comparator::MoreThan),
    ("低于", Comparator::LessThan),
    ("超过", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("少于", Comparator::LessThan),
    ("达到", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("=>", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("=<", Comparator::AtMost),
    ("==", Comparator::Equal),
    ("+-", Comparator::PlusMinus),
    ("±", Comparator::PlusMinus),
    // "not less than" is "at least": the signs GB2312 has for it.
    ("≮", Comparator::AtLeast),
    ("≯", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("=", Comparator::Equal),
];

/// Suffix spellings (`200台以上`, `1小时以内`), longest first.
const SUFFIXES: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("及以内", Comparator::AtMost),
    ("以上", Comparator::AtLeast),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
];

/// Words before a figure that name no comparison ("控制在 5% 以内").
const FILLERS: &[&str] = &["控制在", "保持在"];

pub(crate) fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// What published tables write in a cell that has no figure: `-`, `—`,
/// `——`, `－`, `/`, `无` (all dashes fold to `-` first).
fn is_none_mark(chars: &[char]) -> bool {
    chars == ['无'] || chars.iter().all(|c| matches!(c, '-' | '/' | '\\'))
}

/// The character at `position` (from 1) of the text as typed.
fn typed_char(raw: &str, position: usize, folded: char) -> char {
    raw.chars().nth(position - 1).unwrap_or(folded)
}

/// A character where a figure or a sign should start: a sign the parser
/// does not know (`⋝`), or one that only looks like a sign (`O`, `。`).
fn unreadable_start(raw: &str, c: char, position: usize) -> NumberError {
    if let Some(meant) = mistaken_sign(c) {
        return NumberError::LookAlike {
            raw: raw.to_string(),
            position,
            found: typed_char(raw, position, c),
            meant,
        };
    }
    // Arrows, mathematical operators and shapes: meant as a comparison.
    let sign_like = matches!(
        c as u32,
        0x2190..=0x23FF | 0x25A0..=0x25FF | 0x27C0..=0x27FF | 0x2900..=0x2AFF
    ) || matches!(c, '~' | '^' | '!' | '?');
    if sign_like {
        NumberError::UnknownSign {
            raw: raw.to_string(),
            position,
            found: typed_char(raw, position, c),
        }
    } else {
        NumberError::Invalid(raw.to_string())
    }
}

/// The value of a text that reads as a figure ("≥95%" → 95), else `None`
/// (blank, or not a figure).
pub fn figure(text: &str) -> Option<f64> {
    parse_number(text).ok().flatten().map(|n| n.value)
}

/// Parses one typed figure. `Ok(None)` means the field is blank, or holds a
/// mark published tables use for "none" (`-`, `—`, `/`, `无`).
pub fn parse_number(raw: &str) -> Result<Option<ParsedNumber>, NumberError> {
    let (chars, positions) = normalize_positions(raw);
    let invalid = || NumberError::Invalid(raw.to_string());

    let mut start = skip_spaces(&chars, 0);
    let mut end = chars.len();
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return Ok(None);
    }
    let chars = &chars[..end];
    if is_none_mark(&chars[start..]) {
        return Ok(None);
    }

    let mut comparator = None;
    // Most fields start with a digit; skip the prefix table for them (hot path).
    let plain_start = chars[start].is_ascii_digit() || matches!(chars[start], '.' | '-');
    if !plain_start {
        if let Some(filler) = FILLERS.iter().find(|w| starts_with(chars, start, w)) {
            start = skip_spaces(chars, start + filler.chars().count());
        }
        for (word, cmp) in PREFIXES {
            if starts_with(chars, start, word) {
                comparator = Some(*cmp);
                start = skip_spaces(chars, start + word.chars().count());
                break;
            }
        }
    }

    let mut i = start;
    let mut number = String::new();
    if let Some(&sign) = chars.get(i).filter(|c| **c == '-' || **c == '+') {
        if sign == '-' {
            number.push('-');
        }
        i += 1;
    }

    // Integer part, with 千分位 accepted only as proper 3-digit groups.
    let int_start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        number.push(chars[i]);
        i += 1;
    }
    let first_group = i - int_start;
    while chars.get(i) == Some(&',') {
        let group_ok = (1..=3).all(|d| chars.get(i + d).is_some_and(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if first_group == 0 || first_group > 3 || !group_ok {
            return Err(invalid());
        }
        number.extend(&chars[i + 1..i + 4]);
        i += 4;
    }
    let mut digits = first_group > 0;
    if chars.get(i) == Some(&'.') {
        i += 1;
        number.push('.');
        let frac_start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            number.push(chars[i]);
            i += 1;
        }
        if i > frac_start {
            digits = true;
        } else {
            // `27.` mid-typing: read it as 27 rather than flash an error.
            number.push('0');
        }
    }
    if !digits {
        // Nothing readable where the figure (or its sign) starts: say which
        // character stops it.
        let at = if comparator.is_some() { i } else { start };
        return Err(match chars.get(at) {
            Some(&c) if !c.is_ascii_digit() && !matches!(c, '.' | '-' | '+') => {
                unreadable_start(raw, c, positions[at])
            }
            _ => invalid(),
        });
    }

    // Exponent only when digits follow, so a unit starting with `e` still works.
    if matches!(chars.get(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(chars.get(j), Some('+' | '-')) {
            j += 1;
        }
        if chars.get(j).is_some_and(char::is_ascii_digit) {
            number.push('e');
            number.extend(&chars[i + 1..j]);
            while chars.get(j).is_some_and(char::is_ascii_digit) {
                number.push(chars[j]);
                j += 1;
            }
            i = j;
        }
    }

    let value: f64 = number.parse().map_err(|_| invalid())?;
    if !value.is_finite() {
        return Err(NumberError::OutOfRange(raw.to_string()));
    }
    // -0 would print as "-0"; nobody means that.
    let value = value + 0.0;

    // A letter O or a 。 right after the digits is a typo inside the figure
    // (`2OO`, `3。5`), not a unit.
    if let Some(&c) = chars.get(i)
        && let Some(meant) = mistaken_sign(c).filter(|m| m.is_ascii_digit() || *m == '.')
    {
        return Err(NumberError::LookAlike {
            raw: raw.to_string(),
            position: positions[i],
            found: typed_char(raw, positions[i], c),
            meant,
        });
    }

    // What is left is the unit, possibly followed by 以上/以内.
    let mut rest: Vec<char> = chars[skip_spaces(chars, i)..].to_vec();
    for (word, cmp) in SUFFIXES.iter().filter(|_| rest.len() >= 2) {
        let n = word.chars().count();
        if rest.len() >= n && starts_with(&rest, rest.len() - n, word) {
            rest.truncate(rest.len() - n);
            comparator.get_or_insert(*cmp);
            break;
        }
    }
    let unit: String = rest.iter().collect::<String>().trim().to_string();
    let bad_unit = unit.chars().any(|c| {
        c.is_ascii_digit() || matches!(c, '.' | ',' | '<' | '>' | '=' | '±' | '+' | '-' | '。')
    });
    if bad_unit {
        return Err(invalid());
    }
    let unit = (!unit.is_empty()).then_some(unit);
    Ok(Some(ParsedNumber {
        value,
        comparator,
        unit,
    }))
}

/// Decimal half-up rounding to 2 places, done on the shortest decimal form of
/// `v` so that a typed 89.995 (stored as 89.99499…) rounds to 90.00 as the
/// user expects from the figure they see.
pub fn round2(v: f64) -> f64 {
    // Beyond 1e13 the cents no longer fit exactly in an f64 integer; such
    // figures are nonsense in a 自评表 anyway, so leave them alone.
    if !v.is_finite() || v.abs() >= 1e13 || v.fract() == 0.0 {
        return v;
    }
    let text = format!("{}", v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    if frac.len() <= 2 {
        return v;
    }
    let int: u64 = int.parse().unwrap_or(0);
    let cents: u64 = frac[..2].parse().unwrap_or(0);
    let mut n = int * 100 + cents;
    if frac.as_bytes()[2] >= b'5' {
        n += 1;
    }
    let r = n as f64 / 100.0;
    if v < 0.0 && r != 0.0 { -r } else { r }
}

/// A score as printed: always two decimals (`10.00`).
pub fn format_score(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let r = round2(v);
    // Whole scores are the common case and integer formatting is much
    // cheaper than float formatting in the wasm build (this runs per keystroke).
    if let Some(n) = whole(r) {
        return format!("{n}.00");
    }
    let s = format!("{r:.2}");
    if s == "-0.00" { "0.00".to_string() } else { s }
}

/// `v` as an integer when it is one (and small enough to be exact); -0 → 0.
fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 1e15).then_some(v as i64)
}

/// Trims `12.50` to `12.5` and `100.00` to `100`.
fn trim_zeros(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    let t = s.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// An amount as printed: at most two decimals, no trailing zeros (`27.5`, `100`).
pub fn format_amount(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let r = round2(v);
    match whole(r) {
        Some(n) => n.to_string(),
        None => trim_zeros(format!("{r:.2}")),
    }
}

/// A typed figure echoed back in an explanation: as typed up to 4 decimals.
pub fn format_value(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    match whole(v) {
        Some(n) => n.to_string(),
        None => trim_zeros(format!("{v:.4}")),
    }
}

/// A fraction (1.0 = 100%) as a percentage with two decimals: `100.00%`.
pub fn format_percent(fraction: f64) -> String {
    format!("{}%", format_score(fraction * 100.0))
}

/// A signed difference with a real minus sign: `+5.00`, `−5.00`.
pub fn format_signed(v: f64) -> String {
    let r = round2(v);
    if r < 0.0 {
        format!("−{}", format_score(-r))
    } else {
        format!("+{}", format_score(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(raw: &str) -> ParsedNumber {
        parse_number(raw)
            .unwrap_or_else(|e| panic!("{raw}: {e}"))
            .unwrap_or_else(|| panic!("{raw}: blank"))
    }

    fn unit(raw: &str) -> Option<String> {
        p(raw).unit
    }

    #[test]
    fn blank_is_none() {
        for raw in ["", "   ", "\u{3000}", " \t\u{3000} "] {
            assert_eq!(parse_number(raw), Ok(None), "{raw:?}");
        }
    }

    #[test]
    fn plain_and_full_width() {
        assert_eq!(p("27.5").value, 27.5);
        assert_eq!(p("２７．５").value, 27.5);
        assert_eq!(p("  27.5  ").value, 27.5);
        assert_eq!(p("\u{3000}27.5\u{3000}").value, 27.5);
        assert_eq!(p("0").value, 0.0);
        assert_eq!(p(".5").value, 0.5);
        assert_eq!(p("27.").value, 27.0);
        assert_eq!(p("+3").value, 3.0);
    }

    #[test]
    fn thousands_separators_only_in_groups_of_three() {
        assert_eq!(p("1,000").value, 1000.0);
        assert_eq!(p("1，000").value, 1000.0);
        assert_eq!(p("12,345,678.9").value, 12_345_678.9);
        for bad in [
            "1,00", "1,0000", "1000,000", ",100", "1,,000", "1,000,00", "1,",
        ] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percent_and_units() {
        let n = p("99.9%");
        assert_eq!((n.value, n.unit.as_deref()), (99.9, Some("%")));
        assert_eq!(p("99.9％").unit.as_deref(), Some("%"));
        let n = p("27.5万元");
        assert_eq!((n.value, n.unit.as_deref()), (27.5, Some("万元")));
        assert_eq!(unit("235 台").as_deref(), Some("台"));
        assert_eq!(unit("27.5"), None);
    }

    #[test]
    fn comparators() {
        let n = p("≥200台");
        assert_eq!(
            (n.value, n.comparator, n.unit.as_deref()),
            (200.0, Some(Comparator::AtLeast), Some("台"))
        );
        assert_eq!(p(">=200").comparator, Some(Comparator::AtLeast));
        assert_eq!(p("＞＝200").comparator, Some(Comparator::AtLeast));
        let n = p("≤1小时");
        assert_eq!(
            (n.value, n.comparator, n.unit.as_deref()),
            (1.0, Some(Comparator::AtMost), Some("小时"))
        );
        assert_eq!(p("<5").comparator, Some(Comparator::LessThan));
        assert_eq!(p(">5").comparator, Some(Comparator::MoreThan));
        assert_eq!(p("=5").comparator, Some(Comparator::Equal));
        assert_eq!(p("< 5").comparator, Some(Comparator::LessThan));
        let n = p("±0%");
        assert_eq!(
            (n.value, n.comparator, n.unit.as_deref()),
            (0.0, Some(Comparator::PlusMinus), Some("%"))
        );
        assert_eq!(p("不少于200台").comparator, Some(Comparator::AtLeast));
        let n = p("200台以上");
        assert_eq!(
            (n.comparator, n.unit.as_deref()),
            (Some(Comparator::AtLeast), Some("台"))
        );
        assert_eq!(p("1小时以内").comparator, Some(Comparator::AtMost));
        assert_eq!(p("≤100%").comparator, Some(Comparator::AtMost));
    }

    #[test]
    fn negatives() {
        assert_eq!(p("-5").value, -5.0);
        assert_eq!(p("－5").value, -5.0);
        assert_eq!(p("−5").value, -5.0);
        assert_eq!(p("≥-5%").value, -5.0);
        // -0 is just 0 so it never prints as "-0".
        assert!(p("-0").value.is_sign_positive());
    }

    /// Every look-alike of every sign, built from Unicode data in
    /// `lookalikes.rs`, reads exactly as the sign it stands for.
    #[test]
    fn every_look_alike_reads_as_its_sign() {
        use crate::lookalikes::SIGN_FOLDS;
        let sample = |sign: char| -> String {
            match sign {
                '0'..='9' => format!("1{sign}"),
                '.' => format!("1{sign}5"),
                ',' => format!("1{sign}000"),
                '%' | '‰' => format!("5{sign}"),
                _ => format!("{sign}5"),
            }
        };
        assert!(SIGN_FOLDS.len() > 100);
        assert!(
            SIGN_FOLDS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted for lookup"
        );
        for &(look_alike, sign) in SIGN_FOLDS {
            let canonical = sample(sign);
            let copied = canonical.replace(sign, &look_alike.to_string());
            let want = parse_number(&canonical);
            assert!(matches!(want, Ok(Some(_))), "{canonical}");
            assert_eq!(
                parse_number(&copied),
                want,
                "U+{:04X} {look_alike} should read as {sign}",
                look_alike as u32
            );
        }
    }

    /// Characters that only look like a sign are never read as it, and the
    /// message names the character, its place and its code point.
    #[test]
    fn look_alikes_that_are_not_signs_are_pointed_at() {
        use crate::lookalikes::MISTAKEN_SIGNS;
        for &(found, meant) in MISTAKEN_SIGNS {
            let (text, position) = if meant.is_ascii_digit() || meant == '.' {
                (format!("2{found}5"), 2)
            } else {
                (format!("{found}5"), 1)
            };
            match parse_number(&text) {
                // ≮ and ≯ mean "at least" / "at most" and are read as such.
                Ok(Some(n)) if matches!(found, '≮' | '≯') => assert!(n.comparator.is_some()),
                Err(NumberError::LookAlike {
                    position: p,
                    found: f,
                    meant: m,
                    ..
                }) => {
                    assert_eq!((p, f, m), (position, found, meant), "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        let err = parse_number("2OO台").unwrap_err();
        assert_eq!(
            err.message(),
            "第 2 个字符“O”（U+004F）是字母，不是“0”，请改为“0”"
        );
        let err = parse_number("3。5").unwrap_err();
        assert_eq!(err.message(), "第 2 个字符“。”（U+3002）不是“.”，请改为“.”");
        let err = parse_number("⋝200").unwrap_err();
        assert_eq!(
            err.message(),
            "第 1 个字符“⋝”（U+22DD）无法识别为比较符号，请改用 ≥、≤、>、<、= 或 ±"
        );
        let err = parse_number("  \u{200B}⋝200").unwrap_err();
        assert!(err.message().starts_with("第 4 个字符“⋝”"), "{err}");
    }

    /// The two-character and word forms, and those of published tables.
    #[test]
    fn written_forms_of_the_comparisons() {
        for (raw, cmp) in [
            (">=95%", Comparator::AtLeast),
            ("=>95%", Comparator::AtLeast),
            ("≥=95%", Comparator::AtLeast),
            ("≧95%", Comparator::AtLeast),
            ("⩾95%", Comparator::AtLeast),
            ("大于等于95%", Comparator::AtLeast),
            ("大于或等于95%", Comparator::AtLeast),
            ("不低于95%", Comparator::AtLeast),
            ("不少于95%", Comparator::AtLeast),
            ("95%以上", Comparator::AtLeast),
            ("不高于5%", Comparator::AtMost),
            ("不超过5%", Comparator::AtMost),
            ("5%以内", Comparator::AtMost),
            ("控制在5%以内", Comparator::AtMost),
            ("≦5%", Comparator::AtMost),
            ("═100%", Comparator::Equal),
            ("﹦100%", Comparator::Equal),
            ("＝100％", Comparator::Equal),
            ("＞90", Comparator::MoreThan),
            ("低于3天", Comparator::LessThan),
        ] {
            assert_eq!(p(raw).comparator, Some(cmp), "{raw}");
        }
        assert_eq!(p("控制在5%以内").value, 5.0);
        assert_eq!(p("﹣5").value, -5.0);
        assert_eq!(p("1‚000").value, 1000.0);
    }

    /// What published tables put in a cell that has no figure.
    #[test]
    fn none_marks_read_as_blank() {
        for raw in [
            "-", "—", "——", "－", "/", "／", "无", " — ", "–", "─", "—/—",
        ] {
            assert_eq!(parse_number(raw), Ok(None), "{raw:?}");
        }
        assert!(parse_number("--5").is_err());
        assert!(parse_number("无5").is_err());
    }

    #[test]
    fn garbage_is_rejected_with_a_chinese_message() {
        for bad in [
            "abc",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "1.2.3",
            "..",
            ".",
            "±",
            "≥",
            "12 34",
            "1..2",
            "5-3",
            "e5",
            "台",
            "%",
            "--5",
            "1,000.5.5",
            "二十",
            "1/2",
            "5>3",
        ] {
            let err = parse_number(bad).expect_err(bad);
            assert!(err.message().contains("不是有效的数值"), "{bad}: {err}");
        }
        let err = parse_number("abc").unwrap_err();
        assert_eq!(
            err.message(),
            "“abc”不是有效的数值，请输入如 27.5、1,000、99.9% 这样的数字"
        );
    }

    #[test]
    fn infinite_values_are_out_of_range() {
        let err = parse_number("1e400").unwrap_err();
        assert!(matches!(err, NumberError::OutOfRange(_)));
        assert!(err.message().contains("超出"));
        let huge = "9".repeat(400);
        assert!(matches!(
            parse_number(&huge),
            Err(NumberError::OutOfRange(_))
        ));
        assert_eq!(p("1e3").value, 1000.0);
    }

    #[test]
    fn long_garbage_is_excerpted_in_the_message() {
        let long = "x".repeat(100);
        let msg = parse_number(&long).unwrap_err().message();
        assert!(msg.contains('…') && msg.chars().count() < 80);
    }

    /// 第十六条 / §3: the grade follows the printed figure, so 89.995 must print 90.00.
    #[test]
    fn round2_is_decimal_half_up() {
        assert_eq!(round2(89.995), 90.0);
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(89.994), 89.99);
        assert_eq!(round2(89.9949), 89.99);
        assert_eq!(round2(100.0), 100.0);
        assert_eq!(round2(-0.125), -0.13);
        assert_eq!(round2(0.0), 0.0);
        assert_eq!(round2(1e-9), 0.0);
        assert_eq!(format_score(89.995), "90.00");
        assert_eq!(format_score(0.125), "0.13");
    }

    #[test]
    fn round2_of_sums() {
        // Sums of shares carry binary noise; the decimal is what counts.
        let s = 0.1 + 0.2; // 0.30000000000000004
        assert_eq!(round2(s), 0.3);
        assert_eq!(round2(33.333_333_333), 33.33);
        assert_eq!(round2(66.666_666_666), 66.67);
    }

    #[test]
    fn formatting() {
        assert_eq!(format_amount(27.5), "27.5");
        assert_eq!(format_amount(100.0), "100");
        assert_eq!(format_amount(0.125), "0.13");
        assert_eq!(format_amount(12.345_6), "12.35");
        assert_eq!(format_amount(-0.0), "0");
        assert_eq!(format_score(10.0), "10.00");
        assert_eq!(format_score(-0.0), "0.00");
        assert_eq!(format_score(f64::NAN), "—");
        assert_eq!(format_value(1.175), "1.175");
        assert_eq!(format_percent(1.0), "100.00%");
        assert_eq!(format_signed(-5.0), "−5.00");
        assert_eq!(format_signed(5.0), "+5.00");
    }
}
