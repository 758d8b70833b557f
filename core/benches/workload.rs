//! The workloads `benches/engine.rs` measures: generated projects behind
//! small handles, so the benchmark names what it times and nothing else.

use std::hint::black_box;

use jixiao_core::checkup;
use jixiao_core::project::{
    Indicator, IndicatorKind, Level1, Level2, NumberText, Project, QualitativeGrade,
};
use jixiao_core::sample::example_project;
use jixiao_core::score::{evaluate, score_indicator};

const KINDS: [IndicatorKind; 6] = [
    IndicatorKind::AtLeast,
    IndicatorKind::AtMost,
    IndicatorKind::Deviation,
    IndicatorKind::Equal,
    IndicatorKind::Qualitative,
    IndicatorKind::Satisfaction,
];

/// A project with `n` indicators of mixed kinds, some missing their
/// target, some under- or over-achieved, so every code path is exercised.
fn generated(n: usize, seed: usize) -> Project {
    let mut p = example_project();
    p.indicators.clear();
    let per_group = 10;
    let groups = n.div_ceil(per_group);
    let mut id = 0u64;
    let level1_names = ["产出指标", "效益指标", "满意度指标"];
    for (l1_index, l1_name) in level1_names.iter().enumerate() {
        let mut l1 = Level1 {
            name: (*l1_name).to_string(),
            ..Level1::default()
        };
        for g in (0..groups).filter(|g| g % 3 == l1_index) {
            let mut l2 = Level2 {
                name: format!("二级指标{g}"),
                ..Level2::default()
            };
            for k in 0..per_group {
                let index = g * per_group + k;
                if index >= n {
                    break;
                }
                id += 1;
                let v = (index * 7 + seed) % 97;
                let kind = KINDS[(index + seed) % KINDS.len()];
                l2.indicators.push(Indicator {
                    id,
                    name: format!("三级指标{index}"),
                    kind,
                    target: NumberText::new(if v == 13 {
                        String::new()
                    } else {
                        format!("≥{}", 50 + v)
                    }),
                    unit: if v.is_multiple_of(5) {
                        String::new()
                    } else {
                        "%".into()
                    },
                    actual: NumberText::new(format!("{}.{}", 40 + v, v % 10)),
                    weight: NumberText::new("0.3"),
                    qualitative_grade: Some(QualitativeGrade::PartlyAchieved),
                    deviation_reason: if v.is_multiple_of(2) {
                        "原因".into()
                    } else {
                        String::new()
                    },
                    ..Indicator::default()
                });
            }
            l1.groups.push(l2);
        }
        p.indicators.push(l1);
    }
    p
}

/// One generated project.
pub struct Workload(Project);

/// A project with `indicators` 三级指标 of mixed kinds; `seed` varies the figures.
pub fn project(indicators: usize, seed: usize) -> Workload {
    Workload(generated(indicators, seed))
}

impl Workload {
    /// Scores alone (`score::evaluate`): what every keystroke costs first.
    pub fn evaluate(&self) -> f64 {
        evaluate(black_box(&self.0)).total
    }

    /// Scores and the whole 体检, as the editor's panel shows them.
    pub fn evaluate_and_check(&self) -> usize {
        let evaluation = evaluate(black_box(&self.0));
        checkup::run(&self.0, &evaluation).len()
    }

    /// `score_indicator` over every 三级指标, without the totals.
    pub fn score_indicators(&self) -> f64 {
        let p = black_box(&self.0);
        p.indicators_in_order()
            .map(|(path, ind)| score_indicator(ind, path, &p.rules, None).score)
            .sum()
    }

    pub fn indicator_count(&self) -> usize {
        self.0.indicators_in_order().count()
    }
}
