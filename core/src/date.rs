//! Calendar dates as people type them, and the share of a year gone by
//! (运行监控's time progress, 目标调整's dates).

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// "2025-07-31" (what a date input gives), "2025/7/31", "2025.7.31" or
    /// "2025年7月31日"; `None` for anything else or a day that does not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text
            .trim()
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect();
        let [y, m, d] = parts[..] else { return None };
        let year: i32 = y.parse().ok().filter(|y| (1900..3000).contains(y))?;
        let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day: u32 = d
            .parse()
            .ok()
            .filter(|d| (1..=days_in_month(year, month)).contains(d))?;
        Some(Date { year, month, day })
    }

    /// 1 for 1 January.
    fn day_of_year(self) -> u32 {
        (1..self.month)
            .map(|m| days_in_month(self.year, m))
            .sum::<u32>()
            + self.day
    }

    /// The share of its year gone by at the end of this day (31 Dec → 1).
    pub fn year_progress(self) -> f64 {
        let days = if is_leap(self.year) { 366.0 } else { 365.0 };
        f64::from(self.day_of_year()) / days
    }

    /// "2025年7月31日".
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// A date as a 时效 target or its completion is written: a date
/// ("2023年6月30日", "2023-06-30"), a day of the project's year ("12月31日"),
/// or a month ("11月底", "2023年11月"), which means its last day; followed
/// by what deadlines say after it ("前", "之前", "前完成", "完成"). `year`
/// is the project's, for a form that names none. `None` when the text is
/// anything else (a count such as "12个月" included).
pub fn parse_deadline(text: &str, year: Option<i32>) -> Option<Date> {
    let text = text
        .trim()
        .trim_start_matches(['≤', '<', '=', '＜', '＝'])
        .trim();
    // The words after the date; "底" and "末" (月底, 月末) stay with it.
    let end = text
        .find(['前', '完', '以', '之', '内', '。'])
        .unwrap_or(text.len());
    let (head, tail) = text.split_at(end);
    let tail_ok = tail
        .chars()
        .all(|c| matches!(c, '前' | '完' | '成' | '以' | '之' | '内' | '。' | ' '));
    if !tail_ok {
        return None;
    }
    let head = head.trim();
    if let Some(date) = Date::parse(head) {
        return Some(date);
    }
    let (month_part, day_part) = head.split_once('月')?;
    let (year, month_text) = match month_part.split_once('年') {
        Some((y, m)) => (parse_year(y)?, m),
        None => (year?, month_part),
    };
    let month: u32 = month_text
        .trim()
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = match day_part.trim() {
        "" | "底" | "末" | "份" => days_in_month(year, month),
        d => d
            .trim_end_matches(['日', '号'])
            .parse()
            .ok()
            .filter(|d| (1..=days_in_month(year, month)).contains(d))?,
    };
    Some(Date { year, month, day })
}

/// A year as a project writes it ("2025", "2025年"), when it is one.
pub fn parse_year(text: &str) -> Option<i32> {
    text.trim()
        .trim_end_matches('年')
        .parse()
        .ok()
        .filter(|y| (1900..3000).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_type() {
        let d = Date::parse("2025-07-31").unwrap();
        assert_eq!(Date::parse("2025年7月31日"), Some(d));
        assert_eq!(Date::parse(" 2025/7/31 "), Some(d));
        assert_eq!(d.chinese(), "2025年7月31日");
        assert_eq!(Date::parse("2025-02-29"), None);
        assert!(Date::parse("2024-02-29").is_some());
        assert_eq!(Date::parse("7月31日"), None);
        assert_eq!(Date::parse(""), None);
        // 212 of 365 days.
        assert!((d.year_progress() - 212.0 / 365.0).abs() < 1e-12);
        assert_eq!(Date::parse("2025-12-31").unwrap().year_progress(), 1.0);
    }

    #[test]
    fn deadlines_as_targets_write_them() {
        let d = |y, m, day| {
            Some(Date {
                year: y,
                month: m,
                day,
            })
        };
        assert_eq!(parse_deadline("11月底前完成", Some(2023)), d(2023, 11, 30));
        assert_eq!(parse_deadline("2023年6月30日前", None), d(2023, 6, 30));
        assert_eq!(parse_deadline("12月31日前", Some(2024)), d(2024, 12, 31));
        assert_eq!(parse_deadline("2024年2月底前", Some(2023)), d(2024, 2, 29));
        assert_eq!(parse_deadline("≤2023-06-30", None), d(2023, 6, 30));
        assert_eq!(parse_deadline("2023年11月20日", None), d(2023, 11, 20));
        assert_eq!(parse_deadline("6月", Some(2023)), d(2023, 6, 30));
        // No year anywhere: a month alone names no day.
        assert_eq!(parse_deadline("11月底前", None), None);
        // Durations and counts are not dates.
        assert_eq!(parse_deadline("12个月", Some(2023)), None);
        assert_eq!(parse_deadline("3个月内完成", Some(2023)), None);
        assert_eq!(parse_deadline("13个", Some(2023)), None);
        assert_eq!(parse_deadline("按时完成", Some(2023)), None);
        assert_eq!(parse_deadline("13月底前", Some(2023)), None);
    }

    #[test]
    fn years_as_projects_write_them() {
        assert_eq!(parse_year(" 2025年 "), Some(2025));
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("二〇二五"), None);
        assert_eq!(parse_year("1800"), None);
    }
}
