//! Proptest strategies for documents, shared by the native test crates:
//! numbers as people type them (and as corrupted files hold them), text with
//! Chinese, markup characters and arbitrary code points, whole projects.
#![allow(dead_code)] // each test crate uses its own subset

use jixiao::model::project::{
    Funds, FundsRow, Indicator, IndicatorKind, Level1, Level2, MoneyUnit, NumberText, Project,
    QualitativeGrade,
};
use jixiao::model::rules::{CapBand, InverseFormula, RuleSet, presets};
use proptest::prelude::*;

pub const KINDS: [IndicatorKind; 8] = [
    IndicatorKind::AtLeast,
    IndicatorKind::MoreThan,
    IndicatorKind::AtMost,
    IndicatorKind::LessThan,
    IndicatorKind::Equal,
    IndicatorKind::Deviation,
    IndicatorKind::Qualitative,
    IndicatorKind::Satisfaction,
];

pub fn kind() -> impl Strategy<Value = IndicatorKind> {
    prop::sample::select(KINDS.to_vec())
}

pub fn grade() -> impl Strategy<Value = Option<QualitativeGrade>> {
    prop::option::of(prop::sample::select(vec![
        QualitativeGrade::Achieved,
        QualitativeGrade::PartlyAchieved,
        QualitativeGrade::NotAchieved,
    ]))
}

/// Text as typed into a number field: mostly numbers in the forms people
/// use, plus the nasty cases (overflow, zero, garbage, empty).
pub fn number_text() -> impl Strategy<Value = NumberText> {
    let plain = (-1e6f64..1e6).prop_map(|v| format!("{v}"));
    let small = (0u32..200).prop_map(|v| v.to_string());
    let decorated = (
        prop::sample::select(vec!["", "≥", "≤", ">", "<", "=", "±", ">=", "－", " "]),
        0u32..100_000,
        prop::sample::select(vec!["", "%", "％", "台", "万元", "小时", " 天"]),
    )
        .prop_map(|(p, v, u)| format!("{p}{v}{u}"));
    let special = prop::sample::select(vec![
        "",
        "0",
        "-0",
        "1e400",
        "-1e400",
        "1e-300",
        "1e308",
        "NaN",
        "inf",
        "abc",
        "1,000",
        "1,00",
        "1.2.3",
        "２７．５",
        "99.9%",
        "±0%",
        "−5",
    ])
    .prop_map(str::to_string);
    let huge = Just("9".repeat(400));
    let garbage = ".{0,12}";
    prop_oneof![
        4 => plain,
        4 => small,
        3 => decorated,
        3 => special,
        1 => huge,
        1 => garbage,
    ]
    .prop_map(NumberText)
}

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z\u{4e00}-\u{4e20}，。%0-9 <>/\"'&]{0,16}",
        ".{0,8}"
    ]
}

pub fn indicator() -> impl Strategy<Value = Indicator> {
    (
        (
            any::<u64>(),
            text(),
            kind(),
            number_text(),
            text(),
            number_text(),
        ),
        (number_text(), grade(), number_text(), text(), number_text()),
    )
        .prop_map(
            |((id, name, kind, target, unit, actual), (weight, g, qs, reason, red))| Indicator {
                id,
                name,
                kind,
                target,
                unit,
                actual,
                weight,
                qualitative_grade: g,
                qualitative_score: qs,
                deviation_reason: reason,
                over_achievement_reduction: red,
            },
        )
}

pub fn level2() -> impl Strategy<Value = Level2> {
    (
        text(),
        number_text(),
        prop::collection::vec(indicator(), 0..4),
    )
        .prop_map(|(name, weight, indicators)| Level2 {
            name,
            weight,
            indicators,
        })
}

pub fn level1() -> impl Strategy<Value = Level1> {
    (text(), number_text(), prop::collection::vec(level2(), 0..3)).prop_map(
        |(name, weight, groups)| Level1 {
            name,
            weight,
            groups,
        },
    )
}

pub fn funds_row() -> impl Strategy<Value = FundsRow> {
    (number_text(), number_text(), number_text()).prop_map(|(a, b, c)| FundsRow {
        initial_budget: a,
        annual_budget: b,
        executed: c,
    })
}

/// A preset, optionally with the other inverse formula and the 执行率 cap.
/// Values stay "nice" so that the JSON round trip is exact.
pub fn rules() -> impl Strategy<Value = RuleSet> {
    (
        prop::sample::select(presets()),
        any::<bool>(),
        any::<bool>(),
        0u32..4,
    )
        .prop_map(|(mut r, ratio, cap, low)| {
            if ratio {
                r.inverse_formula = InverseFormula::Ratio;
            }
            if cap {
                r.total_cap = Some(CapBand::manual_bands());
            }
            r.low_execution_rate = f64::from(60 + low * 10);
            r
        })
}

pub fn project() -> impl Strategy<Value = Project> {
    (
        (text(), text(), text(), text(), text(), text(), text()),
        (text(), text(), text(), any::<bool>()),
        (funds_row(), funds_row(), funds_row(), funds_row()),
        prop::collection::vec(level1(), 0..4),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
            text(),
        ),
        (rules(), 0u64..4_000_000_000_000),
    )
        .prop_map(
            |(
                (id, name, department, implementer, year, leader, phone),
                (background, goal_expected, goal_actual, yuan),
                (total, current_appropriation, carried_over, other),
                indicators,
                (problems, improvements, other_notes),
                (rules, updated_at),
            )| Project {
                id,
                name,
                department,
                implementer,
                year,
                leader,
                phone,
                background,
                goal_expected,
                goal_actual,
                money_unit: if yuan {
                    MoneyUnit::Yuan
                } else {
                    MoneyUnit::Wan
                },
                funds: Funds {
                    total,
                    current_appropriation,
                    carried_over,
                    other,
                },
                indicators,
                problems,
                improvements,
                other_notes,
                rules,
                updated_at: updated_at as f64,
                ..Project::default()
            },
        )
}
