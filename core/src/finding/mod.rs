//! What the 体检 reports: the rule that fired (with its severity and
//! category, from the catalogue), a Chinese message and the field it is
//! about. A leaf beside [`super::path`]: checks, the report's prose checks,
//! the monitoring lights and every view share these types without
//! importing one another.

mod catalogue;

pub use catalogue::{CATALOGUE, Category, Rule};

use super::path::FieldPath;
use super::stage::Stage;

/// Ordered by urgency: sorting findings puts errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 错误: the table is wrong as it stands.
    Error,
    /// 警告: probably wrong, or likely to be questioned.
    Warning,
    /// 提示: worth a look.
    Hint,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Hint => "提示",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// The rule's severity, kept here because every list sorts by it.
    pub severity: Severity,
    pub message: String,
    pub path: FieldPath,
    /// Text that would put the field right (`95%` for a rate typed `0.95`),
    /// offered to the user, never applied silently.
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(rule: Rule, path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.spec().severity,
            message: message.into(),
            path,
            fix: None,
        }
    }

    pub fn with_fix(mut self, text: impl Into<String>) -> Self {
        self.fix = Some(text.into());
        self
    }
}

/// Which findings a list shows: of one category, of the rules that apply
/// at one stage; `None` keeps all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub category: Option<Category>,
    pub stage: Option<Stage>,
}

impl Filter {
    pub fn keeps(&self, finding: &Finding) -> bool {
        self.keeps_rule(finding.rule)
    }

    pub fn keeps_rule(&self, rule: Rule) -> bool {
        self.category.is_none_or(|c| rule.spec().category == c)
            && self.stage.is_none_or(|s| rule.applies_at(s))
    }
}

/// How many findings of each severity a project has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub errors: usize,
    pub warnings: usize,
    pub hints: usize,
}

impl FindingCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = Self::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Hint => counts.hints += 1,
            }
        }
        counts
    }
}

/// Counts of many projects: the command-line checker's summary.
impl std::ops::AddAssign for FindingCounts {
    fn add_assign(&mut self, other: Self) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.hints += other.hints;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_sort_first_and_counts_add_up() {
        let mut list = vec![
            Finding::new(Rule::HeaderYearBlank, FieldPath::Total, "c"),
            Finding::new(Rule::HeaderNameBlank, FieldPath::Tree, "a"),
            Finding::new(Rule::HeaderYearMalformed, FieldPath::Rules, "b"),
            Finding::new(Rule::RulesInvalid, FieldPath::Rules, "d"),
        ];
        list.sort_by_key(|f| f.severity);
        let order: Vec<_> = list.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(order, ["a", "d", "b", "c"]);
        assert_eq!(
            FindingCounts::of(&list),
            FindingCounts {
                errors: 2,
                warnings: 1,
                hints: 1
            }
        );
    }

    #[test]
    fn a_rule_is_due_from_its_first_stage_on() {
        assert!(!Rule::IndicatorActualBlank.due_at(Stage::Targets));
        assert!(!Rule::IndicatorActualBlank.due_at(Stage::Monitoring));
        assert!(Rule::IndicatorActualBlank.due_at(Stage::SelfEvaluation));
        assert!(Rule::TargetValueVague.due_at(Stage::Targets));
        assert!(!Rule::MonitorCutoffBlank.due_at(Stage::Targets));
        assert!(Rule::MonitorCutoffBlank.due_at(Stage::SelfEvaluation));
    }

    #[test]
    fn a_filter_keeps_a_category_and_the_rules_of_a_stage() {
        let blank_actual = Finding::new(Rule::IndicatorActualBlank, FieldPath::Total, "");
        let blank_name = Finding::new(Rule::HeaderNameBlank, FieldPath::Total, "");
        let at_targets = Filter {
            stage: Some(Stage::Targets),
            ..Filter::default()
        };
        assert!(at_targets.keeps(&blank_name) && !at_targets.keeps(&blank_actual));
        let completeness = Filter {
            category: Some(Category::Completeness),
            stage: Some(Stage::SelfEvaluation),
        };
        assert!(completeness.keeps(&blank_name) && completeness.keeps(&blank_actual));
        let progress = Filter {
            category: Some(Category::Progress),
            ..Filter::default()
        };
        assert!(!progress.keeps(&blank_name));
        assert!(Filter::default().keeps(&blank_actual));
    }
}
