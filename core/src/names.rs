//! Indicator-level names as published tables write them: "效 益 指 标",
//! "产出指标(50分)", "满意度", "服务对象满意度指标". One reading of a name,
//! used by every check, the scoring rules, the report and the 汇总, so two
//! parts of the app never disagree about what a row is. The name as typed
//! is kept and printed as typed; only comparisons go through here.

use super::lookalikes::NAME_FOLDS;

/// The classes of 一级指标 the rules know (10号 第十三条; 101号 成本单列).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level1Class {
    Output,
    Benefit,
    Satisfaction,
    Cost,
}

/// The classes of 二级指标 (10号 第十三条; 101号 for the 成本 一级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level2Class {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Satisfaction,
    EconomicCost,
    SocialCost,
    EcologicalCost,
}

impl Level2Class {
    /// The sub-section title the example report gives a 二级 ("产出数量").
    pub fn report_title(self) -> &'static str {
        match self {
            Level2Class::Quantity => "产出数量",
            Level2Class::Quality => "产出质量",
            Level2Class::Timeliness => "产出时效",
            Level2Class::Cost => "产出成本",
            Level2Class::Economic => "经济效益",
            Level2Class::Social => "社会效益",
            Level2Class::Ecological => "生态效益",
            Level2Class::Sustainable => "可持续影响",
            Level2Class::Satisfaction => "服务对象满意度",
            Level2Class::EconomicCost => "经济成本",
            Level2Class::SocialCost => "社会成本",
            Level2Class::EcologicalCost => "生态环境成本",
        }
    }
}

/// Folds one character the way NFKC does for the forms that occur in
/// copied tables: full-width ASCII, the ideographic space, and the Kangxi
/// radicals and compatibility ideographs PDFs put in place of the
/// characters of indicator names (`⽣态` for 生态).
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => NAME_FOLDS
            .binary_search_by_key(&c, |(from, _)| *from)
            .map_or(c, |at| NAME_FOLDS[at].1),
    }
}

/// Characters that print as nothing or as space: removed from names.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A name reduced to what identifies it: folded, without any whitespace,
/// without a trailing "(50分)"-style note, and without the 指标 suffix.
pub fn name_key(name: &str) -> String {
    let mut key: String = name.chars().map(fold).filter(|c| !is_blank(*c)).collect();
    // "产出指标(50分)": the weight printed into the name cell.
    if key.ends_with(')')
        && let Some(open) = key.rfind('(')
        && open > 0
    {
        key.truncate(open);
    }
    match key.strip_suffix("指标") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => key,
    }
}

/// Whether two group names mean the same group.
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

pub fn classify_level1(name: &str) -> Option<Level1Class> {
    Some(match name_key(name).as_str() {
        "产出" => Level1Class::Output,
        "效益" => Level1Class::Benefit,
        "满意度" | "服务对象满意度" | "社会公众或服务对象满意度" | "社会公众满意度" => {
            Level1Class::Satisfaction
        }
        "成本" => Level1Class::Cost,
        _ => return None,
    })
}

pub fn classify_level2(name: &str) -> Option<Level2Class> {
    Some(match name_key(name).as_str() {
        "数量" | "产出数量" => Level2Class::Quantity,
        "质量" | "产出质量" => Level2Class::Quality,
        "时效" | "产出时效" => Level2Class::Timeliness,
        "成本" | "产出成本" => Level2Class::Cost,
        "经济效益" => Level2Class::Economic,
        "社会效益" => Level2Class::Social,
        "生态效益" => Level2Class::Ecological,
        "可持续影响" => Level2Class::Sustainable,
        "服务对象满意度" | "满意度" | "社会公众或服务对象满意度" | "社会公众满意度" => {
            Level2Class::Satisfaction
        }
        "经济成本" => Level2Class::EconomicCost,
        "社会成本" => Level2Class::SocialCost,
        "生态环境成本" => Level2Class::EcologicalCost,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_and_decorated_names_read_the_same() {
        for name in [
            "效益指标",
            "效 益 指 标",
            "效\u{3000}益\u{00A0}指标",
            "效益",
            " 效益指标(30分) ",
            "效益指标（30分）",
            "效\u{200B}益指标",
        ] {
            assert_eq!(classify_level1(name), Some(Level1Class::Benefit), "{name}");
        }
        assert_eq!(
            classify_level1("服务对象满意度指标"),
            Some(Level1Class::Satisfaction)
        );
        assert_eq!(classify_level1("满意度"), Some(Level1Class::Satisfaction));
        assert_eq!(classify_level1("成本指标"), Some(Level1Class::Cost));
        assert_eq!(classify_level1("产出指标(50分)"), Some(Level1Class::Output));
        // A PDF's Kangxi radical for 生.
        assert_eq!(
            classify_level2("\u{2F63}态效益指标"),
            Some(Level2Class::Ecological)
        );
        assert_eq!(classify_level1("安全指标"), None);
        assert_eq!(classify_level1(""), None);
        assert!(same_name("产 出 指 标", "产出"));
        assert!(!same_name("产出", "效益"));
    }

    #[test]
    fn level2_classes_and_titles() {
        assert_eq!(classify_level2("数量指标"), Some(Level2Class::Quantity));
        assert_eq!(classify_level2(" 质 量 指 标"), Some(Level2Class::Quality));
        assert_eq!(
            classify_level2("服务对象满意度指标").map(Level2Class::report_title),
            Some("服务对象满意度")
        );
        assert_eq!(
            classify_level2("经济成本指标"),
            Some(Level2Class::EconomicCost)
        );
        assert_eq!(classify_level2("安全保障"), None);
        // "指标" alone is a name, not an empty stem.
        assert_eq!(name_key("指标"), "指标");
    }
}
