//! Figures stated in prose: "执行率达到 100%", "自评得分为 95 分", "绩效等级为
//! “优秀”", "预算 27.5 万元". The narrative fields and the user's rewritten
//! report paragraphs are scanned for them, so a sentence that contradicts
//! the table is caught (scoring-rules §5). Pure text scanning: it knows the
//! wording of reports, not how they are composed.

use super::finding::{Finding, Rule};
use super::number::{format_percent, normalize, parse_number, skip_spaces, starts_with};
use super::path::{FieldPath, FundsColumn};
use super::project::MoneyUnit;
use super::rules::Grade;

/// Flags "执行率 … N%" in free text when N differs from the computed rate by
/// more than 0.5 percentage points (prose often rounds to whole percents).
pub fn rate_findings(text: &str, path: &FieldPath, execution_rate: Option<f64>) -> Vec<Finding> {
    let Some(rate) = execution_rate else {
        return Vec::new();
    };
    let chars = normalize(text);
    let key = ['执', '行', '率'];
    let mut found = Vec::new();
    let mut i = 0;
    while i + key.len() <= chars.len() {
        if chars[i..i + key.len()] != key {
            i += 1;
            continue;
        }
        let start = i + key.len();
        if let Some((stated, shown)) = stated_percent(&chars[start..])
            && (stated / 100.0 - rate).abs() > 0.005
        {
            found.push(Finding::new(
                Rule::ProseExecutionRateMismatch,
                path.clone(),
                format!(
                    "文中写执行率为 {shown}，但按资金表计算的预算执行率为 {}，请核对",
                    format_percent(rate)
                ),
            ));
        }
        i = start;
    }
    found
}

/// The first `N%` within a short window after "执行率", stopping at the end
/// of the clause so a later, unrelated percentage is not picked up.
fn stated_percent(after: &[char]) -> Option<(f64, String)> {
    const WINDOW: usize = 24;
    let mut i = 0;
    while i < after.len().min(WINDOW) {
        let c = after[i];
        if matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '率') {
            return None;
        }
        if c.is_ascii_digit() {
            let begin = i;
            while i < after.len() && (after[i].is_ascii_digit() || after[i] == '.') {
                i += 1;
            }
            let digits: String = after[begin..i].iter().collect();
            let mut j = i;
            while j < after.len() && after[j] == ' ' {
                j += 1;
            }
            if after.get(j) == Some(&'%') {
                let value = parse_number(&digits).ok().flatten()?.value;
                return Some((value, format!("{digits}%")));
            }
            continue;
        }
        i += 1;
    }
    None
}

fn skip_link(chars: &[char], at: usize, links: &[&str]) -> usize {
    let i = skip_spaces(chars, at);
    match links.iter().find(|w| starts_with(chars, i, w)) {
        Some(w) => skip_spaces(chars, i + w.chars().count()),
        None => i,
    }
}

/// A decimal figure at `at` (千分位 allowed): its text, value and end.
pub(crate) fn figure(chars: &[char], at: usize) -> Option<(String, f64, usize)> {
    let mut i = at;
    let mut text = String::new();
    while let Some(&c) = chars.get(i) {
        let digit_follows = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || ((c == '.' || c == ',') && !text.is_empty() && digit_follows) {
            text.push(c);
            i += 1;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    let value = parse_number(&text).ok().flatten()?.value;
    value.is_finite().then_some((text, value, i))
}

const TOTAL_KEYS: [&str; 7] = [
    "自评得分",
    "总得分",
    "综合得分",
    "最终得分",
    "评价得分",
    "项目得分",
    "总分",
];

/// "自评得分为 95 分", "总分 95.5 分": (keyword, figure as written, value).
pub fn stated_totals(chars: &[char]) -> Vec<(&'static str, String, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(key) = TOTAL_KEYS.iter().find(|k| starts_with(chars, i, k)) else {
            i += 1;
            continue;
        };
        i += key.chars().count();
        let at = skip_link(chars, i, &["为", "是", ":", "达到", "达"]);
        if let Some((shown, value, end)) = figure(chars, at) {
            let end = skip_spaces(chars, end);
            if chars.get(end) == Some(&'分') {
                out.push((*key, shown, value));
                i = end;
            }
        }
    }
    out
}

const GRADE_KEYS: [&str; 5] = ["绩效等级", "评价等级", "自评等级", "评定等级", "综合等级"];

/// Longest first, so 优秀 is read before 优. 合格 is the 中 band where a
/// four-level scale says 合格.
const GRADE_WORDS: [(&str, Grade); 10] = [
    ("不合格", Grade::Poor),
    ("优秀", Grade::Excellent),
    ("良好", Grade::Good),
    ("中等", Grade::Fair),
    ("合格", Grade::Fair),
    ("较差", Grade::Poor),
    ("优", Grade::Excellent),
    ("良", Grade::Good),
    ("中", Grade::Fair),
    ("差", Grade::Poor),
];

/// "绩效等级为“优秀”": (word as written, grade). A word followed by 、/或…
/// is part of a list ("等级为中、差的项目") and says nothing about this project.
pub fn stated_grades(chars: &[char]) -> Vec<(&'static str, Grade)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(key) = GRADE_KEYS.iter().find(|k| starts_with(chars, i, k)) else {
            i += 1;
            continue;
        };
        i += key.chars().count();
        let mut at = skip_link(
            chars,
            i,
            &[
                "评定为",
                "被评为",
                "确定为",
                "为",
                "是",
                ":",
                "达到",
                "属于",
            ],
        );
        while chars
            .get(at)
            .is_some_and(|c| matches!(c, '“' | '"' | '「' | '『' | '‘' | '\''))
        {
            at += 1;
        }
        if let Some((word, grade)) = GRADE_WORDS.iter().find(|(w, _)| starts_with(chars, at, w)) {
            let end = at + word.chars().count();
            let listed = chars.get(end).is_some_and(|c| {
                matches!(c, '、' | '或' | '和' | '及' | '与' | '/' | '至' | '-' | '~')
            });
            if !listed {
                out.push((*word, *grade));
            }
            i = end;
        }
    }
    out
}

/// An amount a sentence ties to one of the 年度资金总额 figures.
#[derive(Debug, PartialEq)]
pub struct AmountClaim {
    pub field: FundsColumn,
    /// The figure as written.
    pub shown: String,
    pub value: f64,
    pub unit: MoneyUnit,
}

/// Clause ends (after `normalize`, full-width ，；：（） are ASCII).
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | ',' | ';' | '(' | ')' | '、' | '!' | '?' | '\n' | '【' | '】'
    )
}

/// Words that make an amount a part, an estimate or another year's figure.
const NOT_THE_WHOLE: [&str; 6] = ["其中", "分别", "用于", "包括", "含", "合计"];
const ESTIMATE_BEFORE: [&str; 6] = ["约", "近", "超过", "逾", "不足", "不到"];
const ESTIMATE_AFTER: [&str; 4] = ["左右", "以上", "以下", "余"];

/// "预算…27.5 万元", "执行…27.5 万元": amounts the clause ties to the
/// 全年预算数 (年初预算数 when it says 年初) or the 全年执行数.
pub fn stated_amounts(chars: &[char]) -> Vec<AmountClaim> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((shown, value, end)) = figure(chars, i) else {
            i += 1;
            continue;
        };
        let start = i;
        i = end;
        let at = skip_spaces(chars, end);
        let (unit, after) = if starts_with(chars, at, "万元") {
            (MoneyUnit::Wan, at + 2)
        } else if chars.get(at) == Some(&'元') {
            (MoneyUnit::Yuan, at + 1)
        } else {
            continue;
        };
        let mut clause_start = start;
        while clause_start > 0 && !is_clause_end(chars[clause_start - 1]) {
            clause_start -= 1;
        }
        let before: String = chars[clause_start..start].iter().collect();
        let before_trimmed = before.trim_end();
        if NOT_THE_WHOLE.iter().any(|w| before.contains(w))
            || ESTIMATE_BEFORE.iter().any(|w| before_trimmed.ends_with(w))
            || ESTIMATE_AFTER.iter().any(|w| starts_with(chars, after, w))
        {
            continue;
        }
        if let Some(field) = clause_field(&before) {
            out.push(AmountClaim {
                field,
                shown,
                value,
                unit,
            });
        }
    }
    out
}

/// The funds figure a clause names: the keyword nearest the amount wins.
fn clause_field(before: &str) -> Option<FundsColumn> {
    let last = |word: &str, unless_followed_by: Option<&str>| {
        before
            .match_indices(word)
            .filter(|(at, w)| {
                unless_followed_by.is_none_or(|next| !before[at + w.len()..].starts_with(next))
            })
            .map(|(at, _)| at)
            .last()
    };
    // 预算执行率 and 执行率 are rates, not amounts.
    let budget = last("预算", Some("执行率"));
    let executed = [last("执行", Some("率")), last("实际支出", None)]
        .into_iter()
        .flatten()
        .max();
    match (budget, executed) {
        (Some(b), e) if e.is_none_or(|e| b > e) => {
            if before[..b].ends_with("年初") {
                Some(FundsColumn::Initial)
            } else {
                Some(FundsColumn::Annual)
            }
        }
        (_, Some(_)) => Some(FundsColumn::Executed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::HeaderField;

    fn chars(s: &str) -> Vec<char> {
        normalize(s)
    }

    /// §5: a figure in the narrative that contradicts the computed 执行率.
    #[test]
    fn stated_rates() {
        let goal_actual = FieldPath::Header(HeaderField::GoalActual);
        let x = FieldPath::Total;
        let f = rate_findings(
            "项目实际执行金额为 27.5 万元，预算执行率达到 100%。",
            &goal_actual,
            Some(0.8),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, goal_actual);
        assert!(f[0].message.contains("100%") && f[0].message.contains("80.00%"));
        assert!(rate_findings("预算执行率达到 100%。", &x, Some(1.0)).is_empty());
        assert!(rate_findings("预算执行率达到１００％。", &x, Some(1.0)).is_empty());
        assert_eq!(
            rate_findings("预算执行率达到１００％。", &x, Some(0.9)).len(),
            1
        );
        // Within 0.5 percentage points is rounding, not contradiction.
        assert!(rate_findings("执行率约 99.6%", &x, Some(0.9999)).is_empty());
        assert!(rate_findings("执行率为 99.5%", &x, Some(0.9999)).is_empty());
        assert_eq!(rate_findings("执行率为 99.4%", &x, Some(1.0)).len(), 1);
        // "执行率 = 22 ÷ 27.5 = 80%" reads the percentage, not the amounts.
        assert!(rate_findings("执行率 = 22 ÷ 27.5 = 80%", &x, Some(0.8)).is_empty());
        // A percentage after the clause ends is not the 执行率.
        assert!(rate_findings("执行率较好。满意度 50%", &x, Some(1.0)).is_empty());
        assert!(rate_findings("执行率和支付及时率均为 50%", &x, Some(1.0)).is_empty());
        assert!(rate_findings("执行率 100%", &x, None).is_empty());
    }

    #[test]
    fn totals_read_from_prose() {
        let found = stated_totals(&chars("本项目最终自评得分为 95.5 分，总分100分。"));
        assert_eq!(
            found,
            vec![
                ("自评得分", "95.5".to_string(), 95.5),
                ("总分", "100".to_string(), 100.0)
            ]
        );
        // An indicator's 得分 and 总分值 are not the total.
        assert!(stated_totals(&chars("保障数量得分为 20 分，总分值 100 分")).is_empty());
    }

    #[test]
    fn grades_read_from_prose() {
        let found = stated_grades(&chars("项目整体绩效等级为“优秀”。"));
        assert_eq!(found, vec![("优秀", Grade::Excellent)]);
        assert_eq!(
            stated_grades(&chars("评价等级：良")),
            vec![("良", Grade::Good)]
        );
        assert_eq!(
            stated_grades(&chars("评价等级为不合格")),
            vec![("不合格", Grade::Poor)]
        );
        assert!(stated_grades(&chars("对评价等级为中、差的项目")).is_empty());
        assert!(stated_grades(&chars("工程质量等级为合格")).is_empty());
        assert!(stated_grades(&chars("绩效等级按总分划分为优")).is_empty());
    }

    #[test]
    fn amounts_read_from_prose() {
        let found = stated_amounts(&chars(
            "项目预算金额为 27.5 万元，主要用于支付费用。截至年底，项目实际执行金额为 27 万元，预算执行率达到 98%。",
        ));
        assert_eq!(
            found.iter().map(|c| (c.field, c.value)).collect::<Vec<_>>(),
            vec![(FundsColumn::Annual, 27.5), (FundsColumn::Executed, 27.0)]
        );
        let found = stated_amounts(&chars("年初预算数为 1,000 元；全年实际支出 900元"));
        assert_eq!(
            found
                .iter()
                .map(|c| (c.field, c.value, c.unit))
                .collect::<Vec<_>>(),
            vec![
                (FundsColumn::Initial, 1000.0, MoneyUnit::Yuan),
                (FundsColumn::Executed, 900.0, MoneyUnit::Yuan)
            ]
        );
        for skipped in [
            "全年预算数为 27.5 万元，其中当年财政拨款 20 万元",
            "预算约 30 万元",
            "预算 30 万元左右",
            "用于设备的预算 5 万元",
            "网络费 5 万元",
        ] {
            let found = stated_amounts(&chars(skipped));
            assert!(
                found
                    .iter()
                    .all(|c| c.value != 20.0 && c.value != 30.0 && c.value != 5.0),
                "{skipped}: {found:?}"
            );
        }
    }
}
