//! `evaluate` runs on every keystroke in the browser: this measures it on a
//! large single project (300 三级指标) and on a 500-project portfolio.
//!
//! cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::Criterion;
    use jixiao::model::project::{
        Indicator, IndicatorKind, Level1, Level2, NumberText, Project, QualitativeGrade,
    };
    use jixiao::model::sample::example_project;
    use jixiao::model::score::{evaluate, score_indicator};

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

    pub fn bench(c: &mut Criterion) {
        let big = generated(300, 0);
        assert_eq!(big.indicators_in_order().count(), 300);
        c.bench_function("evaluate 300 indicators", |b| {
            b.iter(|| evaluate(black_box(&big)))
        });

        // The scoring half alone, to see what the checks cost on top.
        c.bench_function("score_indicator × 300 (no checks)", |b| {
            b.iter(|| {
                big.indicators_in_order()
                    .map(|(path, ind)| score_indicator(black_box(ind), path, &big.rules).score)
                    .sum::<f64>()
            })
        });

        let portfolio: Vec<Project> = (0..500).map(|s| generated(10, s)).collect();
        c.bench_function("evaluate 500 projects × 10 indicators", |b| {
            b.iter(|| {
                portfolio
                    .iter()
                    .map(|p| evaluate(black_box(p)).total)
                    .sum::<f64>()
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
