//! The workloads `benches/engine.rs` measures: generated projects behind
//! small handles, so the benchmark names what it times and nothing else.

use std::hint::black_box;

use jixiao_core::checkup;
use jixiao_core::project::Project;
use jixiao_core::sample::generated_project;
use jixiao_core::score::{evaluate, score_indicator};

/// One generated project.
pub struct Workload(Project);

/// A project with `indicators` 三级指标 of mixed kinds; `seed` varies the figures.
pub fn project(indicators: usize, seed: usize) -> Workload {
    Workload(generated_project(indicators, seed))
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
