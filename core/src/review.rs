//! 绩效目标审核: what a 主管部门 or 财政 reviewer decided on one project's
//! declaration. The 体检 proposes findings; the reviewer accepts, rewords or
//! dismisses each, adds opinions of their own and concludes 通过 or 退回修改.
//! The decisions travel with the project (its exchange file), so the unit
//! sees them in its editor.
//!
//! A decision names its finding by rule id and field path, not by position:
//! the 体检 runs again on every edit, and a finding that comes back after
//! the unit changed the field is still the one the reviewer decided on.

use serde::{Deserialize, Serialize};

use super::finding::{Category, Filter, Finding};
use super::stage::Stage;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The reviewer's own opinions, in the order written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own: Vec<Opinion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.own.is_empty() && self.verdict.is_none()
    }

    /// The decision on the finding of `rule` (its id) at `path`, if any.
    pub fn choice(&self, rule: &str, path: &str) -> Option<&Choice> {
        self.decisions
            .iter()
            .find(|d| d.rule == rule && d.path == path)
            .map(|d| &d.choice)
    }

    /// Decides on a finding; `None` takes the decision back.
    pub fn decide(&mut self, rule: &str, path: &str, choice: Option<Choice>) {
        self.decisions
            .retain(|d| !(d.rule == rule && d.path == path));
        if let Some(choice) = choice {
            self.decisions.push(Decision {
                rule: rule.to_string(),
                path: path.to_string(),
                choice,
            });
        }
    }
}

/// What the reviewer made of one finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The rule's id (`target.policy_basis.no_document`).
    pub rule: String,
    /// The field's path as text (`FieldPath`'s `Display`).
    pub path: String,
    pub choice: Choice,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// 采纳: the finding's message goes into the opinions as it is.
    Accepted,
    /// 修改: the reviewer's wording instead of the message.
    Edited(String),
    /// 不采纳: left out of the opinions.
    Dismissed,
}

/// An opinion the reviewer wrote, under a category by its label (a region
/// may name its own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opinion {
    pub category: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 通过
    Pass,
    /// 退回修改
    Return,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Pass, Verdict::Return];

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "通过",
            Verdict::Return => "退回修改",
        }
    }
}

/// The conclusion as printed: the verdict, or that there is none yet.
pub fn conclusion(review: Option<&Review>) -> &'static str {
    review
        .and_then(|r| r.verdict)
        .map_or("未审核", Verdict::label)
}

/// A finding as the review lists it, with what was decided on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub rule: &'static str,
    pub path: String,
    pub category: &'static str,
    /// The 体检's message.
    pub message: String,
    pub choice: Option<Choice>,
}

impl Line {
    /// What goes into the opinions: the reviewer's wording, else the
    /// message; nothing when dismissed.
    pub fn opinion(&self) -> Option<&str> {
        match &self.choice {
            Some(Choice::Dismissed) => None,
            Some(Choice::Edited(text)) => Some(text.as_str()),
            Some(Choice::Accepted) | None => Some(self.message.as_str()),
        }
    }
}

/// The findings a review decides on, each with its decision: of the 体检
/// `findings`, those whose rules apply at the 目标 stage, whatever stage
/// the project has reached (a reviewer judges the targets, not the
/// year-end figures).
pub fn lines(review: Option<&Review>, findings: &[Finding]) -> Vec<Line> {
    let at_targets = Filter {
        category: None,
        stage: Some(Stage::Targets),
    };
    findings
        .iter()
        .filter(|f| at_targets.keeps(f))
        .map(|f| {
            let spec = f.rule.spec();
            let path = f.path.to_string();
            Line {
                rule: spec.id,
                choice: review.and_then(|r| r.choice(spec.id, &path)).cloned(),
                path,
                category: spec.category.label(),
                message: f.message.clone(),
            }
        })
        .collect()
}

/// Every opinion the review gives, by category: the catalogue's categories
/// in their order, then any other a reviewer named, in the order first
/// used. Within a category, the findings' opinions come first, then the
/// reviewer's own. Categories without an opinion are left out.
pub fn opinions(review: Option<&Review>, lines: &[Line]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Category::ALL
        .iter()
        .map(|c| (c.label().to_string(), Vec::new()))
        .collect();
    let mut put = |category: &str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match out.iter_mut().find(|(c, _)| c == category) {
            Some((_, list)) => list.push(text.to_string()),
            None => out.push((category.to_string(), vec![text.to_string()])),
        }
    };
    for line in lines {
        if let Some(text) = line.opinion() {
            put(line.category, text);
        }
    }
    for own in review.map_or(&[][..], |r| &r.own) {
        put(own.category.trim(), &own.text);
    }
    out.retain(|(_, list)| !list.is_empty());
    out
}

/// The opinions of one category as the 审核意见表 prints them: numbered,
/// one per line.
pub fn numbered(list: &[String]) -> String {
    list.iter()
        .enumerate()
        .map(|(n, text)| format!("{}. {text}", n + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 小结: how many opinions, by category, in one sentence.
pub fn summary(opinions: &[(String, Vec<String>)]) -> String {
    let total: usize = opinions.iter().map(|(_, list)| list.len()).sum();
    if total == 0 {
        return "未发现需要修改的问题。".to_string();
    }
    let parts: Vec<String> = opinions
        .iter()
        .map(|(category, list)| format!("{category} {} 条", list.len()))
        .collect();
    format!("共 {total} 条审核意见：{}。", parts.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Rule;
    use crate::path::{FieldPath, HeaderField};

    fn finding(rule: Rule, path: FieldPath, message: &str) -> Finding {
        Finding::new(rule, path, message)
    }

    fn two_findings() -> Vec<Finding> {
        vec![
            finding(
                Rule::HeaderNameBlank,
                FieldPath::Header(HeaderField::Name),
                "第一条",
            ),
            finding(
                Rule::HeaderNameBlank,
                FieldPath::Header(HeaderField::Leader),
                "第二条",
            ),
        ]
    }

    #[test]
    fn decisions_shape_the_opinions() {
        let findings = two_findings();
        let category = Rule::HeaderNameBlank.spec().category.label();
        let mut review = Review::default();
        let all = opinions(Some(&review), &lines(Some(&review), &findings));
        assert_eq!(
            all,
            [(category.to_string(), vec!["第一条".into(), "第二条".into()])]
        );

        let path = FieldPath::Header(HeaderField::Name).to_string();
        let id = Rule::HeaderNameBlank.spec().id;
        review.decide(id, &path, Some(Choice::Edited("改写的意见".into())));
        let leader = FieldPath::Header(HeaderField::Leader).to_string();
        review.decide(id, &leader, Some(Choice::Dismissed));
        review.own.push(Opinion {
            category: "相关性".into(),
            text: "指标与年度目标关联不紧密".into(),
        });
        review.own.push(Opinion {
            category: category.into(),
            text: "  ".into(),
        });
        let all = opinions(Some(&review), &lines(Some(&review), &findings));
        assert_eq!(
            all,
            [
                (category.to_string(), vec!["改写的意见".to_string()]),
                (
                    "相关性".to_string(),
                    vec!["指标与年度目标关联不紧密".to_string()]
                ),
            ]
        );
        assert_eq!(numbered(&all[0].1), "1. 改写的意见");
        assert_eq!(
            summary(&all),
            format!("共 2 条审核意见：{category} 1 条、相关性 1 条。")
        );

        // Taking a decision back restores the finding's own message.
        review.decide(id, &leader, None);
        let back = opinions(Some(&review), &lines(Some(&review), &findings));
        assert_eq!(back[0].1, ["改写的意见", "第二条"]);
    }

    #[test]
    fn only_the_target_stage_is_reviewed() {
        let year_end = finding(
            Rule::HeaderGoalActualBlank,
            FieldPath::Header(HeaderField::GoalActual),
            "实际完成情况未填写",
        );
        assert!(!Rule::HeaderGoalActualBlank.applies_at(Stage::Targets));
        let mut findings = two_findings();
        findings.push(year_end);
        let lines = lines(None, &findings);
        assert_eq!(lines.len(), 2);
        assert!(
            lines
                .iter()
                .all(|l| l.rule == Rule::HeaderNameBlank.spec().id)
        );
    }

    #[test]
    fn no_opinion_no_verdict() {
        assert_eq!(summary(&[]), "未发现需要修改的问题。");
        assert_eq!(conclusion(None), "未审核");
        let review = Review {
            verdict: Some(Verdict::Return),
            ..Review::default()
        };
        assert_eq!(conclusion(Some(&review)), "退回修改");
        assert!(!review.is_empty());
        assert!(Review::default().is_empty());
    }

    #[test]
    fn a_review_round_trips_through_json() {
        let review = Review {
            decisions: vec![Decision {
                rule: "target.x.y".into(),
                path: "name".into(),
                choice: Choice::Edited("改".into()),
            }],
            own: vec![Opinion {
                category: "完整性".into(),
                text: "补充测算依据".into(),
            }],
            verdict: Some(Verdict::Pass),
        };
        let text = serde_json::to_string(&review).unwrap();
        assert_eq!(serde_json::from_str::<Review>(&text).unwrap(), review);
    }
}
