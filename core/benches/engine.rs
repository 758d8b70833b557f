//! `evaluate` runs on every keystroke in the browser: this measures it on a
//! large single project (300 三级指标) and on a 500-project portfolio.
//!
//! cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3

#[cfg(not(target_arch = "wasm32"))]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use crate::workload::{Workload, project};
    use criterion::Criterion;

    pub fn bench(c: &mut Criterion) {
        let big = project(300, 0);
        assert_eq!(big.indicator_count(), 300);
        c.bench_function("evaluate 300 indicators", |b| b.iter(|| big.evaluate()));
        c.bench_function("evaluate + 体检 300 indicators", |b| {
            b.iter(|| big.evaluate_and_check())
        });
        c.bench_function("score_indicator × 300", |b| {
            b.iter(|| big.score_indicators())
        });

        let portfolio: Vec<Workload> = (0..500).map(|s| project(10, s)).collect();
        c.bench_function("evaluate + 体检 500 projects × 10 indicators", |b| {
            b.iter(|| {
                portfolio
                    .iter()
                    .map(Workload::evaluate_and_check)
                    .sum::<usize>()
            })
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, native::bench);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
