//! 定性 grades read from a table that gives none: from the table's own 得分
//! against 分值 (10号's bands), else from the words of 实际完成值.
//!
//! A reviewer importing hundreds of tables cannot pick every grade by hand,
//! but a guessed grade must never pass for a chosen one: each is marked
//! inferred with its reason, shown before it is applied, and taken back in
//! one step. Words that say otherwise always win over a score: a 5/5 beside
//! "未完成" is left for the user to grade.

use super::number::{figure, format_value, starts_with as starts};
use super::project::{
    Indicator, IndicatorKind, InferredGrade, NumberText, Project, QualitativeGrade,
};
use super::rules::RuleSet;

/// What the words of an 实际完成值 say of the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Partly,
    NotMet,
}

impl Verdict {
    fn grade(self) -> QualitativeGrade {
        match self {
            Verdict::Met => QualitativeGrade::Achieved,
            Verdict::Partly => QualitativeGrade::PartlyAchieved,
            Verdict::NotMet => QualitativeGrade::NotAchieved,
        }
    }
}

/// Words that say the target was reached, longest first where one holds another.
const MET: &[&str] = &[
    "达到预期",
    "达到目标",
    "达到要求",
    "按计划完成",
    "按期完成",
    "按时完成",
    "如期完成",
    "全部完成",
    "已完成",
    "达成",
    "完成",
    "明显提升",
    "显著提升",
    "明显提高",
    "显著提高",
    "明显改善",
    "显著改善",
    "提升",
    "提高",
    "改善",
    "有效",
    "达标",
    "达到",
    "实现",
    "满足",
    "符合",
    "到位",
    "落实",
];

/// Words that turn what follows them around ("未完成", "没有明显提升").
const NEGATIONS: &[&str] = &["尚未", "没有", "未能", "未", "没", "不", "无"];

/// Words of a negation that negate nothing ("不断提升": "keeps rising").
const NOT_NEGATIONS: &[&str] = &["不断", "不仅", "无论"];

/// Words that say the target was missed without a negation.
const MISSED: &[&str] = &["滞后", "延期", "延迟", "推迟", "逾期", "差距较大"];

/// Words that make a "met" only partly so.
const PARTLY: &[&str] = &["基本", "部分", "大部", "初步", "一定程度"];

/// How many characters may stand between a negation and the word it turns
/// ("未能按期完成", "无明显改善" is one, "不够明显" two).
const NEGATION_REACH: usize = 2;

fn clause_breaks(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '、' | ',' | ';' | '！' | '!' | '？' | '?' | '\n' | '：' | ':'
    )
}

/// Whether a negation ends within reach before `at` (in chars) in `clause`.
fn negated(clause: &[char], at: usize) -> bool {
    let earliest = at.saturating_sub(NEGATION_REACH + 4);
    (earliest..at).any(|start| {
        NEGATIONS.iter().any(|word| {
            let len = word.chars().count();
            let end = start + len;
            end <= at
                && at - end <= NEGATION_REACH
                && starts(clause, start, word)
                && !NOT_NEGATIONS.iter().any(|not| starts(clause, start, not))
        })
    })
}

fn contains(chars: &[char], word: &str) -> bool {
    (0..chars.len()).any(|i| starts(chars, i, word))
}

/// What the words of `actual` say, if they say anything: the target's own
/// words, or a "met" word, with 基本/部分 making it partly and a negation
/// before it (or 滞后, 延期 …) making it missed.
pub fn verdict_of_words(actual: &str, target: &str) -> Option<Verdict> {
    let text: String = actual.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return None;
    }
    let mut met = false;
    let mut partly = false;
    for clause in text.split(clause_breaks) {
        let chars: Vec<char> = clause.chars().collect();
        if MISSED.iter().any(|w| contains(&chars, w)) {
            return Some(Verdict::NotMet);
        }
        for at in 0..chars.len() {
            if MET.iter().any(|w| starts(&chars, at, w)) {
                if negated(&chars, at) {
                    return Some(Verdict::NotMet);
                }
                met = true;
            }
        }
        partly |= PARTLY.iter().any(|w| contains(&chars, w));
    }
    let target: String = target.chars().filter(|c| !c.is_whitespace()).collect();
    if met || text == target {
        Some(if partly {
            Verdict::Partly
        } else {
            Verdict::Met
        })
    } else {
        None
    }
}

/// The grade whose band holds `score` of `weight`, if one does.
fn grade_of_score(rules: &RuleSet, score: f64, weight: f64) -> Option<QualitativeGrade> {
    if weight <= 0.0 || score < 0.0 {
        return None;
    }
    let bands = &rules.qualitative_bands;
    [
        (QualitativeGrade::Achieved, &bands.achieved),
        (QualitativeGrade::PartlyAchieved, &bands.partly),
        (QualitativeGrade::NotAchieved, &bands.not_achieved),
    ]
    .into_iter()
    .find(|(_, band)| band.contains(score / weight))
    .map(|(grade, _)| grade)
}

/// A grade read from a table: the grade and why, or why none could be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    Grade {
        grade: QualitativeGrade,
        reason: String,
        /// The table's 得分, kept as the 定性得分 (it lies in the grade's band).
        score: Option<String>,
    },
    /// Nothing to read from (no 得分, words that say nothing).
    Silent,
    /// The table's 得分 and its words disagree: left to the user, with why.
    Contradicted(String),
}

fn short_grade(grade: QualitativeGrade) -> &'static str {
    match grade {
        QualitativeGrade::Achieved => "达成",
        QualitativeGrade::PartlyAchieved => "部分达成",
        QualitativeGrade::NotAchieved => "未达成",
    }
}

/// Whether a grade from the 得分 goes against what the words say: a full
/// grade beside a negation, or a missed grade beside words of success.
fn contradicts(grade: QualitativeGrade, words: Option<Verdict>) -> bool {
    matches!(
        (grade, words),
        (QualitativeGrade::Achieved, Some(Verdict::NotMet))
            | (QualitativeGrade::NotAchieved, Some(Verdict::Met))
    )
}

/// Reads the grade of an ungraded 定性 row from `stated` (the table's 得分)
/// against its 分值, else from its words.
pub fn read_grade(ind: &Indicator, stated: &str, rules: &RuleSet) -> Reading {
    let actual = ind.actual.as_str().trim();
    let words = verdict_of_words(actual, ind.target.as_str());
    let score = figure(stated);
    let weight = figure(ind.weight.as_str());
    if let (Some(score), Some(weight)) = (score, weight) {
        let shown = format!("{}/{}", format_value(score), format_value(weight));
        let Some(grade) = grade_of_score(rules, score, weight) else {
            return Reading::Contradicted(format!(
                "表中得分 {shown} 不在任何定性等级的分数区间内，请选择评价等级"
            ));
        };
        if contradicts(grade, words) {
            return Reading::Contradicted(format!(
                "表中得分 {shown} 是“{}”，但实际完成值“{actual}”不是，请选择评价等级",
                short_grade(grade)
            ));
        }
        return Reading::Grade {
            grade,
            reason: format!("表中得分 {shown} → {}", short_grade(grade)),
            score: Some(stated.trim().to_string()),
        };
    }
    match words {
        Some(verdict) => Reading::Grade {
            grade: verdict.grade(),
            reason: format!("实际完成值“{actual}” → {}", short_grade(verdict.grade())),
            score: None,
        },
        None => Reading::Silent,
    }
}

/// One 定性 row read by `Project::infer_grades`, for the previews.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeNote {
    pub id: u64,
    /// The 三级指标's name.
    pub name: String,
    /// "表中得分 5/5 → 达成", or why no grade was read.
    pub reason: String,
    /// Whether a grade was set (else it was left to the user).
    pub inferred: bool,
}

impl Project {
    /// Grades the ungraded 定性 rows among `ids` from their table: `stated`
    /// gives each row's 得分 as the table printed it (blank: none). Each
    /// grade set is marked inferred; returns what was read, row by row.
    pub fn infer_grades(&mut self, rows: &[(u64, String)]) -> Vec<GradeNote> {
        let rules = self.rules.clone();
        let mut notes = Vec::new();
        for (id, stated) in rows {
            let Some(ind) = self.indicator_mut(*id) else {
                continue;
            };
            if ind.kind != IndicatorKind::Qualitative || ind.qualitative_grade.is_some() {
                continue;
            }
            let name = ind.name.trim().to_string();
            match read_grade(ind, stated, &rules) {
                Reading::Grade {
                    grade,
                    reason,
                    score,
                } => {
                    let score_from_table = score.is_some() && ind.qualitative_score.is_blank();
                    if let Some(score) = score.filter(|_| score_from_table) {
                        ind.qualitative_score = NumberText::new(score);
                    }
                    ind.qualitative_grade = Some(grade);
                    ind.inferred_grade = Some(InferredGrade {
                        reason: reason.clone(),
                        score_from_table,
                    });
                    notes.push(GradeNote {
                        id: *id,
                        name,
                        reason,
                        inferred: true,
                    });
                }
                Reading::Contradicted(why) => notes.push(GradeNote {
                    id: *id,
                    name,
                    reason: why,
                    inferred: false,
                }),
                Reading::Silent => {}
            }
        }
        notes
    }

    /// Takes an inferred grade back: the row is ungraded again, as the
    /// table left it. A grade the user chose is not touched.
    pub fn take_back_grade(&mut self, id: u64) -> bool {
        let Some(ind) = self.indicator_mut(id) else {
            return false;
        };
        let Some(inferred) = ind.inferred_grade.take() else {
            return false;
        };
        ind.qualitative_grade = None;
        if inferred.score_from_table {
            ind.qualitative_score = NumberText::default();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(actual: &str) -> Option<Verdict> {
        verdict_of_words(actual, "按年初计划完成")
    }

    #[test]
    fn words_of_success_read_as_met() {
        for actual in [
            "按计划完成",
            "达到预期",
            "已完成",
            "有效",
            "明显提升",
            "服务质量不断提升",
            "无安全事故发生，按期完成",
            "按年初计划完成",
        ] {
            assert_eq!(words(actual), Some(Verdict::Met), "{actual}");
        }
    }

    #[test]
    fn partly_and_negated_words() {
        for actual in ["基本完成", "部分完成", "基本达到预期"] {
            assert_eq!(words(actual), Some(Verdict::Partly), "{actual}");
        }
        for actual in [
            "未完成",
            "没有按计划完成",
            "尚未完成",
            "未能按期完成",
            "效果不明显，无明显改善",
            "无明显提升",
            "不达标",
            "进度滞后",
            "尚未完全达到预期",
        ] {
            assert_eq!(words(actual), Some(Verdict::NotMet), "{actual}");
        }
        for actual in ["", "见附件", "正在推进"] {
            assert_eq!(words(actual), None, "{actual}");
        }
    }

    fn qualitative(actual: &str, weight: &str) -> Indicator {
        Indicator {
            id: 1,
            name: "项目按时完成".into(),
            kind: IndicatorKind::Qualitative,
            target: NumberText::new("按年初计划完成"),
            actual: NumberText::new(actual),
            weight: NumberText::new(weight),
            ..Indicator::default()
        }
    }

    #[test]
    fn the_table_score_gives_the_grade_and_is_kept() {
        let rules = RuleSet::default();
        let ind = qualitative("按计划完成", "5");
        assert_eq!(
            read_grade(&ind, "5", &rules),
            Reading::Grade {
                grade: QualitativeGrade::Achieved,
                reason: "表中得分 5/5 → 达成".into(),
                score: Some("5".into()),
            }
        );
        let ind = qualitative("", "10");
        for (stated, grade) in [
            ("8", QualitativeGrade::Achieved),
            ("7.9", QualitativeGrade::PartlyAchieved),
            ("6", QualitativeGrade::PartlyAchieved),
            ("5.9", QualitativeGrade::NotAchieved),
            ("0", QualitativeGrade::NotAchieved),
        ] {
            match read_grade(&ind, stated, &rules) {
                Reading::Grade { grade: g, .. } => assert_eq!(g, grade, "{stated}"),
                other => panic!("{stated}: {other:?}"),
            }
        }
        assert!(matches!(
            read_grade(&ind, "11", &rules),
            Reading::Contradicted(_)
        ));
    }

    #[test]
    fn words_decide_without_a_score() {
        let rules = RuleSet::default();
        let ind = qualitative("按计划完成", "5");
        assert_eq!(
            read_grade(&ind, "", &rules),
            Reading::Grade {
                grade: QualitativeGrade::Achieved,
                reason: "实际完成值“按计划完成” → 达成".into(),
                score: None,
            }
        );
        assert_eq!(
            read_grade(&qualitative("正在推进", "5"), "", &rules),
            Reading::Silent
        );
    }

    #[test]
    fn a_score_the_words_contradict_gives_no_grade() {
        let rules = RuleSet::default();
        let Reading::Contradicted(why) = read_grade(&qualitative("未完成", "5"), "5", &rules)
        else {
            panic!("a full score beside 未完成 must not grade");
        };
        assert_eq!(
            why,
            "表中得分 5/5 是“达成”，但实际完成值“未完成”不是，请选择评价等级"
        );
        assert!(matches!(
            read_grade(&qualitative("已完成", "5"), "1", &rules),
            Reading::Contradicted(_)
        ));
    }

    #[test]
    fn an_inferred_grade_is_marked_and_taken_back() {
        let mut p = Project::default();
        p.indicators.push(crate::project::Level1 {
            name: "产出指标".into(),
            groups: vec![crate::project::Level2 {
                name: "时效指标".into(),
                indicators: vec![qualitative("按计划完成", "5")],
                ..Default::default()
            }],
            ..Default::default()
        });
        let before = p.clone();
        let notes = p.infer_grades(&[(1, "5".into())]);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].inferred);
        let ind = p.indicator(1).unwrap();
        assert_eq!(ind.qualitative_grade, Some(QualitativeGrade::Achieved));
        assert_eq!(ind.qualitative_score.as_str(), "5");
        assert_eq!(
            ind.inferred_grade.as_ref().map(|i| i.reason.as_str()),
            Some("表中得分 5/5 → 达成")
        );
        assert!(p.take_back_grade(1));
        assert_eq!(p, before);
        assert!(!p.take_back_grade(1), "nothing left to take back");
    }
}
