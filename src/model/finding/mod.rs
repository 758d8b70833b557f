//! What the 体检 reports: a severity, a Chinese message and the field it is
//! about. A leaf beside [`super::path`]: checks, the report's prose checks
//! and every view share these types without importing one another.

use super::path::FieldPath;

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
    pub severity: Severity,
    pub message: String,
    pub path: FieldPath,
    /// Text that would put the field right (`95%` for a rate typed `0.95`),
    /// offered to the user, never applied silently.
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(severity: Severity, path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            severity,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_sort_first_and_counts_add_up() {
        let mut list = vec![
            Finding::new(Severity::Hint, FieldPath::Total, "c"),
            Finding::new(Severity::Error, FieldPath::Tree, "a"),
            Finding::new(Severity::Warning, FieldPath::Rules, "b"),
            Finding::new(Severity::Error, FieldPath::Rules, "d"),
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
}
