//! Property tests of the scoring engine: bounds, monotonicity, round trips,
//! and "never panics" on whatever a user (or a corrupted file) can produce.
#![cfg(not(target_arch = "wasm32"))]

use super::common::*;
use crate::checkup;
use crate::finding::Severity;
use crate::formats::json::schema::{load_project_json, to_json};
use crate::number::{parse_number, round2};
use crate::project::{
    Funds, FundsRow, Indicator, IndicatorKind, Level1, Level2, NumberText, Project,
    QualitativeGrade,
};
use crate::report::compose;
use crate::rules::Rounding;
use crate::score::{evaluate, score_indicator};
use proptest::prelude::*;

/// A project whose weights (执行率 + every 三级 分值) sum to exactly 100.
fn project_summing_to_100() -> impl Strategy<Value = Project> {
    (
        project(),
        prop::collection::vec(0u32..=80, 1..12),
        prop::collection::vec(indicator(), 12),
    )
        .prop_map(|(mut p, mut cuts, mut inds)| {
            let remaining = (100.0 - p.rules.execution_weight) as u32;
            for c in &mut cuts {
                *c = (*c).min(remaining);
            }
            cuts.push(0);
            cuts.push(remaining);
            cuts.sort_unstable();
            let weights: Vec<u32> = cuts.windows(2).map(|w| w[1] - w[0]).collect();
            inds.truncate(weights.len());
            for (ind, w) in inds.iter_mut().zip(&weights) {
                ind.weight = NumberText::new(w.to_string());
            }
            p.indicators = vec![Level1 {
                name: "产出指标".into(),
                weight: NumberText::default(),
                groups: vec![Level2 {
                    name: "数量指标".into(),
                    weight: NumberText::default(),
                    indicators: inds,
                    not_applicable: false,
                }],
            }];
            p
        })
}

fn quantitative(kind: IndicatorKind, target: f64, actual: f64, weight: f64) -> Indicator {
    Indicator {
        kind,
        target: NumberText::new(format!("{target}")),
        actual: NumberText::new(format!("{actual}")),
        weight: NumberText::new(format!("{weight}")),
        ..Indicator::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// §3: scores never exceed 分值 and are never negative; evaluate never panics.
    #[test]
    fn indicator_scores_within_weight(p in project()) {
        let ev = evaluate(&p);
        for s in &ev.indicators {
            prop_assert!(s.weight.is_finite() && s.weight >= 0.0, "{s:?}");
            prop_assert!(s.score.is_finite(), "{s:?}");
            // Scores print with 2 decimals, as do the 分值 they are held to.
            prop_assert!(s.score >= 0.0 && s.score <= round2(s.weight).max(s.weight), "{s:?}");
            prop_assert!(s.reduction >= 0.0);
        }
        prop_assert!(ev.total.is_finite() && ev.total >= 0.0);
        prop_assert!(ev.raw_total.is_finite());
        // A grade is given exactly when the 分值 add up to 100.
        let sound = (ev.weight_total - 100.0).abs() < 0.005 && ev.total <= 100.0;
        prop_assert_eq!(ev.grade, sound.then(|| p.rules.grade(ev.total)));
        prop_assert_eq!(ev.grade.is_none(), ev.ungraded_reason().is_some());
        prop_assert_eq!(ev.indicators.len(), p.indicators_in_order().count());
    }

    /// With weights summing to 100, the total is within [0, 100].
    #[test]
    fn total_within_bounds_when_weights_sum_to_100(p in project_summing_to_100()) {
        let ev = evaluate(&p);
        prop_assert!(ev.total >= 0.0 && ev.total <= 100.0, "{}", ev.total);
        prop_assert!(ev.execution.score >= 0.0 && ev.execution.score <= ev.execution.weight);
    }

    /// 正向: raising an actual never lowers the score.
    #[test]
    fn higher_better_is_monotonic(
        k in prop::sample::select(vec![IndicatorKind::AtLeast, IndicatorKind::MoreThan, IndicatorKind::Satisfaction]),
        r in rules(),
        t in prop_oneof![Just(0.0), 0.001f64..1e6],
        a1 in -1e6f64..2e6,
        a2 in -1e6f64..2e6,
        w in 0.0f64..100.0,
    ) {
        let (lo, hi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
        let s_lo = score_indicator(&quantitative(k, t, lo, w), (0, 0, 0), &r, None).score;
        let s_hi = score_indicator(&quantitative(k, t, hi, w), (0, 0, 0), &r, None).score;
        prop_assert!(s_lo <= s_hi + 1e-9, "{lo} → {s_lo}, {hi} → {s_hi}");
    }

    /// 反向 (both formulas) and 区间: lowering an actual never lowers the score.
    #[test]
    fn lower_better_is_monotonic(
        k in prop::sample::select(vec![IndicatorKind::AtMost, IndicatorKind::LessThan]),
        r in rules(),
        t in prop_oneof![Just(0.0), 0.001f64..1e6],
        a1 in 0.0f64..3e6,
        a2 in 0.0f64..3e6,
        w in 0.0f64..100.0,
    ) {
        let (lo, hi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
        for kind in [k, IndicatorKind::Deviation] {
            let s_lo = score_indicator(&quantitative(kind, t, lo, w), (0, 0, 0), &r, None).score;
            let s_hi = score_indicator(&quantitative(kind, t, hi, w), (0, 0, 0), &r, None).score;
            prop_assert!(s_lo + 1e-9 >= s_hi, "{kind:?}: {lo} → {s_lo}, {hi} → {s_hi}");
        }
    }

    /// The over-achievement reduction only ever subtracts.
    #[test]
    fn reduction_never_adds(i in indicator(), r in rules()) {
        let without = Indicator { over_achievement_reduction: NumberText::default(), ..i.clone() };
        let a = score_indicator(&i, (0, 0, 0), &r, None).score;
        let b = score_indicator(&without, (0, 0, 0), &r, None).score;
        prop_assert!(a <= b, "{a} > {b}");
    }

    /// 第十八条: a higher total never has a lower grade.
    #[test]
    fn grade_is_monotonic(r in rules(), t1 in -10.0f64..110.0, t2 in -10.0f64..110.0) {
        let (lo, hi) = if t1 <= t2 { (t1, t2) } else { (t2, t1) };
        prop_assert!(r.grade(lo) <= r.grade(hi));
    }

    /// Export → import gives back the same document.
    #[test]
    fn project_json_round_trip(p in project()) {
        let text = to_json(&p);
        let back = load_project_json(&text);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.unwrap(), p);
    }

    /// Fuzz: no string makes the parser panic, and what parses is finite.
    #[test]
    fn parse_number_never_panics(s in prop_oneof![
        any::<String>(),
        "[0-9０-９.,，．%％≥≤<>=±+\\-−－ eE万元台\u{3000}]{0,24}",
    ]) {
        if let Ok(Some(n)) = parse_number(&s) {
            prop_assert!(n.value.is_finite());
        }
    }

    /// Valid documents, then broken (fields deleted, wrong types, huge
    /// values, deep nesting, odd Unicode): loading never panics; a refusal
    /// says why in Chinese; what loads scores to finite figures and composes.
    #[test]
    fn broken_documents_load_or_are_refused(value in broken_project_json()) {
        let text = value.to_string();
        match load_project_json(&text) {
            Err(e) => {
                let message = e.to_string();
                prop_assert!(!message.is_empty());
                prop_assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", message);
            }
            Ok(p) => {
                let ev = evaluate(&p);
                prop_assert!(ev.total.is_finite() && (0.0..=100.0 + 1e-9).contains(&ev.total) || ev.total > 100.0);
                let _ = checkup::run(&p, &ev);
                let _ = compose(&p, &ev);
            }
        }
    }
}

/// Division-by-zero targets, overflow and NaN-producing text evaluate to
/// finite scores (a fixed case list on top of the generated ones).
#[test]
fn evaluate_survives_degenerate_numbers() {
    let nasty = [
        "0", "-0", "1e400", "1e308", "1e-320", "-1e308", "NaN", "", "9e99999",
    ];
    for kind in KINDS {
        for t in nasty {
            for a in nasty {
                for w in ["1e308", "0", "10"] {
                    let ind = Indicator {
                        kind,
                        target: NumberText::new(t),
                        actual: NumberText::new(a),
                        weight: NumberText::new(w),
                        qualitative_grade: Some(QualitativeGrade::Achieved),
                        qualitative_score: NumberText::new(a),
                        ..Indicator::default()
                    };
                    let p = Project {
                        funds: Funds {
                            total: FundsRow {
                                initial_budget: NumberText::new(t),
                                annual_budget: NumberText::new(t),
                                executed: NumberText::new(a),
                            },
                            ..Funds::default()
                        },
                        indicators: vec![Level1 {
                            groups: vec![Level2 {
                                indicators: vec![ind],
                                ..Level2::default()
                            }],
                            ..Level1::default()
                        }],
                        ..Project::default()
                    };
                    let ev = evaluate(&p);
                    assert!(ev.total.is_finite(), "{kind:?} {t} {a} {w}");
                    assert!(ev.indicators[0].score.is_finite());
                    assert!(ev.indicators[0].score <= ev.indicators[0].weight);
                }
            }
        }
    }
}

/// Names as published tables print them: the framework's, some spelled
/// short, one not in any framework.
const LEVEL1_NAMES: [&str; 7] = [
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "产出",
    "服务对象满意度",
    "安全指标",
];
const LEVEL2_NAMES: [&str; 8] = [
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "社会效益指标",
    "服务对象满意度指标",
    "经济成本指标",
    "自定义(5分)",
];

fn with_known_names(mut p: Project, picks: &[usize]) -> Project {
    let mut n = 0;
    for l1 in &mut p.indicators {
        l1.name = LEVEL1_NAMES[picks[n % picks.len()] % LEVEL1_NAMES.len()].to_string();
        n += 1;
        for l2 in &mut l1.groups {
            l2.name = LEVEL2_NAMES[picks[n % picks.len()] % LEVEL2_NAMES.len()].to_string();
            n += 1;
        }
    }
    p
}

/// Whitespace of any kind slipped in, or every ASCII character made
/// full-width, as copying from Word, PDF or a web page does.
fn disguise(name: &str, how: u8, at: usize) -> String {
    const SPACES: [char; 5] = [' ', '\u{3000}', '\u{00A0}', '\t', '\u{200B}'];
    match how % 3 {
        0 => name
            .chars()
            .flat_map(|c| [c, SPACES[at % SPACES.len()]])
            .collect(),
        1 => {
            let mut chars: Vec<char> = name.chars().collect();
            chars.insert(at % (chars.len() + 1), SPACES[(at / 3) % SPACES.len()]);
            chars.into_iter().collect()
        }
        _ => name
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    }
}

/// What a project's 体检 says, without the wording (messages quote names as typed).
fn finding_places(p: &Project) -> Vec<(Severity, String)> {
    let ev = evaluate(p);
    let mut places: Vec<(Severity, String)> = checkup::run(p, &ev)
        .into_iter()
        .map(|f| (f.severity, f.path.to_string()))
        .collect();
    places.sort();
    places
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Issue 18: one reading of names. Spacing names out or folding them to
    /// full width never changes the score, the grade or the findings.
    #[test]
    fn disguised_names_change_nothing(
        p in project(),
        picks in prop::collection::vec(0usize..64, 1..8),
        how in any::<u8>(),
        at in any::<usize>(),
    ) {
        let clean = with_known_names(p, &picks);
        let mut copied = clean.clone();
        for l1 in &mut copied.indicators {
            l1.name = disguise(&l1.name, how, at);
            for l2 in &mut l1.groups {
                l2.name = disguise(&l2.name, how.wrapping_add(1), at / 2);
            }
        }
        let (a, b) = (evaluate(&clean), evaluate(&copied));
        prop_assert_eq!(a.total, b.total);
        prop_assert_eq!(a.grade, b.grade);
        prop_assert_eq!(a.weight_total, b.weight_total);
        prop_assert_eq!(finding_places(&clean), finding_places(&copied));
    }

    /// Issue 12: under the default rounding the printed scores add up to
    /// the printed total, to the cent (unless a 执行率 cap lowers it).
    #[test]
    fn printed_scores_add_up_to_the_printed_total(p in project()) {
        let mut p = p;
        p.rules.rounding = Rounding::PerIndicator;
        let ev = evaluate(&p);
        // Cents of figures a table can print: a generated weight of 1e20
        // would overflow the sum, and no table has one.
        prop_assume!(ev.indicators.iter().all(|s| s.score.abs() < 1e12) && ev.total.abs() < 1e12);
        let cents = |v: f64| (round2(v) * 100.0).round() as i64;
        let printed: i64 = cents(ev.execution.score)
            + ev.indicators.iter().map(|s| cents(s.score)).sum::<i64>();
        match ev.cap {
            None => prop_assert_eq!(printed, cents(ev.total)),
            Some(cap) => prop_assert_eq!(cents(ev.total), cents(cap)),
        }
    }
}
