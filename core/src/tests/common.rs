//! Proptest strategies for documents, shared by the native test crates:
//! numbers as people type them (and as corrupted files hold them), text with
//! Chinese, markup characters and arbitrary code points, whole projects.
#![allow(dead_code)] // each test crate uses its own subset

use crate::project::{
    Adjustment, Funds, FundsRow, Indicator, IndicatorKind, Level1, Level2, Likelihood, MoneyUnit,
    MonitoredIndicator, Monitoring, NumberText, Project, QualitativeGrade,
};
use crate::rules::{CapBand, InverseFormula, QuantitativeScoring, RuleSet, presets};
use proptest::prelude::*;

pub const KINDS: [IndicatorKind; 9] = IndicatorKind::ALL;

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
        (
            number_text(),
            grade(),
            number_text(),
            text(),
            number_text(),
            prop_oneof![Just(String::new()), text()],
        ),
        prop::collection::vec(adjustment(), 0..2),
    )
        .prop_map(
            |(
                (id, name, kind, target, unit, actual),
                (weight, g, qs, reason, red, stated),
                adjustments,
            )| {
                // Stored records and exchange files carry the mark of a
                // grade read from the table: it must travel with them.
                let inferred_grade =
                    (g.is_some() && !stated.is_empty()).then(|| crate::project::InferredGrade {
                        reason: format!("表中得分 {stated} → 达成"),
                        score_from_table: qs.is_blank(),
                    });
                Indicator {
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
                    stated_score: stated,
                    inferred_grade,
                    adjustments,
                    notes: Default::default(),
                }
            },
        )
}

/// 运行监控 as anyone might fill it in (ids that match no indicator included).
pub fn monitoring() -> impl Strategy<Value = Monitoring> {
    (
        prop_oneof![Just("2025-07-31".to_string()), text()],
        number_text(),
        number_text(),
        prop::collection::vec(
            (
                0u64..6,
                number_text(),
                number_text(),
                prop::sample::select(vec!["", "经费保障", "其他"]),
                prop::option::of(prop::sample::select(Likelihood::ALL.to_vec())),
                text(),
            )
                .prop_map(|(id, progress, forecast, cause, likelihood, remedy)| {
                    MonitoredIndicator {
                        id,
                        progress,
                        forecast,
                        cause: cause.to_string(),
                        likelihood,
                        remedy,
                    }
                }),
            0..4,
        ),
    )
        .prop_map(|(cutoff, executed, forecast, indicators)| Monitoring {
            cutoff,
            executed,
            forecast,
            indicators,
        })
}

/// A 目标调整 as anyone might type it (dates included that are no date).
pub fn adjustment() -> impl Strategy<Value = Adjustment> {
    (
        prop_oneof![Just("2025-06-30".to_string()), text()],
        (text(), text(), text(), text()),
        (text(), text()),
    )
        .prop_map(
            |(
                date,
                (target_before, target_after, weight_before, weight_after),
                (reason, approval),
            )| {
                Adjustment {
                    date,
                    target_before,
                    target_after,
                    weight_before,
                    weight_after,
                    reason,
                    approval,
                }
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
            not_applicable: false,
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

/// A preset, optionally with the other inverse formula, 101号's pass mark and the 执行率 cap.
/// Values stay "nice" so that the JSON round trip is exact.
pub fn rules() -> impl Strategy<Value = RuleSet> {
    (
        prop::sample::select(presets()),
        any::<bool>(),
        any::<bool>(),
        0u32..4,
        any::<bool>(),
    )
        .prop_map(|(mut r, ratio, cap, low, pass_mark)| {
            if ratio {
                r.inverse_formula = InverseFormula::Ratio;
            }
            if pass_mark {
                r.quantitative_scoring = QuantitativeScoring::PASS_MARK_101;
            }
            if cap {
                r.total_cap = Some(CapBand::manual_bands());
            }
            r.low_execution_rate = f64::from(60 + low * 10);
            r.monitoring.yellow_behind = f64::from(5 + low * 5);
            r
        })
}

/// Boxed: whole-project value trees are large, and a test that combines
/// several would outgrow a test thread's stack in a debug build.
pub fn project() -> BoxedStrategy<Project> {
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
        (
            rules(),
            0u64..4_000_000_000_000,
            prop::option::of(monitoring()),
        ),
    )
        .prop_map(
            |(
                (id, name, department, implementer, year, leader, phone),
                (background, goal_expected, goal_actual, yuan),
                (total, current_appropriation, carried_over, other),
                indicators,
                (problems, improvements, other_notes),
                (rules, updated_at, monitoring),
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
                monitoring,
                ..Project::default()
            },
        )
        .boxed()
}

// ---- valid documents, then broken ----------------------------------------

use serde_json::Value;

/// One way a file gets broken: by an old or foreign tool, by hand, by a
/// truncated copy, or on purpose.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// A field deleted.
    Delete,
    /// A value replaced by one of another JSON type.
    WrongType(u8),
    /// A value replaced by a huge one (long text, long list, big figure).
    Huge(u8),
    /// A value buried in deep nesting.
    Deep(u16),
    /// Text replaced by odd Unicode (NUL, bidi controls, noncharacters …).
    OddText(u8),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => Just(Mutation::Delete),
        4 => any::<u8>().prop_map(Mutation::WrongType),
        2 => any::<u8>().prop_map(Mutation::Huge),
        // Past serde_json's nesting limit of 128, not so deep that printing a
        // failing case overflows the test's stack.
        1 => (1u16..160).prop_map(Mutation::Deep),
        2 => any::<u8>().prop_map(Mutation::OddText),
    ]
}

/// Every location in a JSON value, as a list of keys and indices.
fn locations(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(key.clone());
                out.push(at.clone());
                locations(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (n, child) in items.iter().enumerate() {
                at.push(n.to_string());
                out.push(at.clone());
                locations(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn replacement(mutation: &Mutation, old: &Value) -> Option<Value> {
    Some(match mutation {
        Mutation::Delete => return None,
        Mutation::WrongType(n) => {
            let choices = [
                Value::Null,
                Value::Bool(true),
                serde_json::json!(-1),
                serde_json::json!(1.5e300),
                serde_json::json!("文字"),
                serde_json::json!([]),
                serde_json::json!({}),
                serde_json::json!([1, "二", null]),
            ];
            let mut pick = choices[*n as usize % choices.len()].clone();
            if std::mem::discriminant(&pick) == std::mem::discriminant(old) {
                pick = Value::String("类型不对".to_string());
            }
            pick
        }
        Mutation::Huge(n) => match n % 3 {
            0 => Value::String("长".repeat(100_000)),
            1 => Value::Array(vec![old.clone(); 2_000]),
            _ => serde_json::json!(1.7976931348623157e308),
        },
        Mutation::Deep(depth) => {
            let mut v = old.clone();
            for _ in 0..*depth {
                v = Value::Array(vec![v]);
            }
            v
        }
        Mutation::OddText(n) => {
            let odd = [
                "\u{0}\u{1}\u{1f}",
                "\u{202E}倒序\u{202C}",
                "\u{FEFF}\u{200B}零宽",
                "\u{FFFE}\u{FFFF}",
                "𠀀𪜀😀",
                "\r\n\t",
                "é\u{301}",
                "",
            ];
            Value::String(odd[*n as usize % odd.len()].to_string())
        }
    })
}

/// `value` with `mutation` applied at the location `pick` selects.
pub fn mutate(value: &mut Value, pick: usize, mutation: &Mutation) {
    let mut all = Vec::new();
    locations(value, &mut Vec::new(), &mut all);
    let Some(location) = (!all.is_empty()).then(|| all[pick % all.len()].clone()) else {
        return;
    };
    let (last, parents) = location.split_last().unwrap();
    let mut node = value;
    for key in parents {
        node = match node {
            Value::Object(map) => map.get_mut(key).unwrap(),
            Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
            _ => return,
        };
    }
    match node {
        Value::Object(map) => {
            let old = map[last].clone();
            match replacement(mutation, &old) {
                Some(new) => {
                    map.insert(last.clone(), new);
                }
                None => {
                    map.remove(last);
                }
            }
        }
        Value::Array(items) => {
            let n: usize = last.parse().unwrap();
            match replacement(mutation, &items[n]) {
                Some(new) => items[n] = new,
                None => {
                    items.remove(n);
                }
            }
        }
        _ => {}
    }
}

/// A valid project as JSON, then one to three mutations.
pub fn broken_project_json() -> BoxedStrategy<Value> {
    (
        project(),
        prop::collection::vec((any::<usize>(), mutation()), 1..4),
    )
        .prop_map(|(p, mutations)| {
            let mut value = serde_json::to_value(&p).unwrap();
            for (pick, m) in &mutations {
                mutate(&mut value, *pick, m);
            }
            value
        })
        .boxed()
}

/// The example with 40 indicators in one group, named by `name`, so the
/// 自评表 runs over pages.
pub fn forty_indicator_project(name: impl Fn(u64) -> String) -> Project {
    let mut p = crate::sample::example_project();
    let template = p.indicators[0].groups[0].indicators[0].clone();
    p.indicators[0].groups.truncate(1);
    p.indicators[0].groups[0].indicators.clear();
    for n in 0..40 {
        p.indicators[0].groups[0].indicators.push(Indicator {
            id: n + 1,
            name: name(n + 1),
            weight: NumberText::new("2.25"),
            ..template.clone()
        });
    }
    p
}
