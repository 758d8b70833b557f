//! Chart geometry for the overview and the score panel: plain numbers the
//! view turns into SVG elements. Readable in grey-scale print: every bar and
//! point also carries its figure as text, and outliers differ in shape.

use super::number::{format_percent, format_score};
use super::overview::{GRADES, OverviewRow, grade_label};

/// One labelled bar, in SVG user units.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value_label: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// 0 = darkest: bars differ in shade as well as position.
    pub shade: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<Bar>,
    /// Where the value axis starts (the baseline of vertical bars, the left
    /// edge of horizontal ones).
    pub baseline: f64,
}

const GRADE_CHART: (f64, f64) = (360.0, 200.0);

/// 等级分布: a vertical bar per grade (and one for 不能定级), with its count.
pub fn grade_distribution(per_grade: [usize; 5]) -> BarChart {
    let (width, height) = GRADE_CHART;
    let (top, bottom, left) = (24.0, 28.0, 16.0);
    let plot = height - top - bottom;
    let max = per_grade.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (width - 2.0 * left) / GRADES.len() as f64;
    let bars = GRADES
        .iter()
        .zip(per_grade)
        .enumerate()
        .map(|(n, (grade, count))| {
            let h = plot * count as f64 / max;
            Bar {
                label: grade_label(*grade).to_string(),
                value_label: format!("{count} 个"),
                x: left + slot * n as f64 + slot * 0.2,
                y: top + plot - h,
                width: slot * 0.6,
                height: h,
                shade: n,
            }
        })
        .collect();
    BarChart {
        width,
        height,
        bars,
        baseline: top + plot,
    }
}

/// 一级指标得分率: a horizontal bar per 一级指标 (rates in [0, 1]).
pub fn level1_rates(rates: &[(String, f64)]) -> BarChart {
    let width = 260.0;
    let row = 22.0;
    let left = 78.0;
    let right = 52.0;
    let height = row * rates.len().max(1) as f64 + 8.0;
    let bars = rates
        .iter()
        .enumerate()
        .map(|(n, (name, rate))| {
            let rate = if rate.is_finite() {
                rate.clamp(0.0, 1.0)
            } else {
                0.0
            };
            Bar {
                label: name.clone(),
                value_label: format_percent(rate),
                x: left,
                y: 4.0 + row * n as f64 + 4.0,
                width: (width - left - right) * rate,
                height: row - 8.0,
                shade: n % 4,
            }
        })
        .collect();
    BarChart {
        width,
        height,
        bars,
        baseline: left,
    }
}

/// A project in the 执行率 × 总分 chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    /// Shown on hover and read by screen readers.
    pub title: String,
    pub outlier: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    pub width: f64,
    pub height: f64,
    /// Plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    pub points: Vec<Point>,
    /// Vertical guides at 执行率 60% and 80%: (x, label).
    pub x_guides: Vec<(f64, String)>,
    /// Horizontal guides at 总分 60, 80, 90: (y, label).
    pub y_guides: Vec<(f64, String)>,
    /// Projects without a computable 执行率 are not drawn; counted here.
    pub left_out: usize,
}

/// The "得分虚高" pattern: a high score on a low 执行率, or a failing score.
pub fn is_outlier(rate: f64, total: f64) -> bool {
    (total >= 90.0 && rate < 0.8) || total < 60.0
}

/// 执行率 (x, 0–120 %) against 总分 (y, 0–100).
pub fn rate_vs_total(rows: &[OverviewRow]) -> Scatter {
    let (width, height) = (420.0, 260.0);
    let plot = (44.0, 12.0, width - 12.0, height - 32.0);
    let max_rate = 1.2;
    let x_of = |rate: f64| plot.0 + (plot.2 - plot.0) * (rate.clamp(0.0, max_rate) / max_rate);
    let y_of = |total: f64| plot.3 - (plot.3 - plot.1) * (total.clamp(0.0, 100.0) / 100.0);
    let mut left_out = 0;
    let points = rows
        .iter()
        .filter_map(|row| {
            let Some(rate) = row.execution_rate.filter(|r| r.is_finite()) else {
                left_out += 1;
                return None;
            };
            Some(Point {
                x: x_of(rate),
                y: y_of(row.total),
                title: format!(
                    "{}：执行率 {}，总分 {}（{}）",
                    row.name,
                    format_percent(rate),
                    format_score(row.total),
                    grade_label(row.grade)
                ),
                outlier: is_outlier(rate, row.total),
            })
        })
        .collect();
    Scatter {
        width,
        height,
        plot,
        points,
        x_guides: [0.6, 0.8, 1.0]
            .iter()
            .map(|&r| (x_of(r), format!("{:.0}%", r * 100.0)))
            .collect(),
        y_guides: [60.0, 80.0, 90.0]
            .iter()
            .map(|&t| (y_of(t), format!("{t:.0}")))
            .collect(),
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::example_project;
    use crate::score::evaluate;

    #[test]
    fn grade_bars_are_proportional_to_counts_and_share_a_baseline() {
        let chart = grade_distribution([4, 2, 0, 1, 0]);
        let heights: Vec<f64> = chart.bars.iter().map(|b| b.height).collect();
        assert!((heights[0] - 2.0 * heights[1]).abs() < 1e-9);
        assert_eq!(heights[2], 0.0);
        for bar in &chart.bars {
            assert!((bar.y + bar.height - chart.baseline).abs() < 1e-9);
        }
        assert_eq!(chart.bars[0].label, "优");
        assert_eq!(chart.bars[3].value_label, "1 个");
    }

    #[test]
    fn an_empty_portfolio_draws_empty_bars_without_dividing_by_zero() {
        let chart = grade_distribution([0; 5]);
        assert!(
            chart
                .bars
                .iter()
                .all(|b| b.height == 0.0 && b.y.is_finite())
        );
    }

    #[test]
    fn level1_bars_scale_to_the_rate_and_clamp() {
        let chart = level1_rates(&[
            ("产出指标".into(), 1.0),
            ("效益指标".into(), 0.5),
            ("x".into(), 7.0),
        ]);
        assert!((chart.bars[0].width - 2.0 * chart.bars[1].width).abs() < 1e-9);
        assert_eq!(chart.bars[2].width, chart.bars[0].width);
        assert_eq!(chart.bars[1].value_label, "50.00%");
    }

    /// 得分虚高: ≥ 90 points on < 80 % 执行率 is flagged; so is a failing total.
    #[test]
    fn outliers_are_high_scores_on_low_execution_or_failing_totals() {
        assert!(is_outlier(0.7, 95.0));
        assert!(!is_outlier(0.8, 95.0));
        assert!(is_outlier(1.0, 59.99));
        assert!(!is_outlier(1.0, 85.0));
    }

    #[test]
    fn points_sit_inside_the_plot_and_missing_rates_are_counted() {
        let p = example_project();
        let ev = evaluate(&p);
        let mut row = OverviewRow::new(&p, &ev, &[]);
        let mut no_rate = row.clone();
        no_rate.execution_rate = None;
        row.total = 100.0;
        let chart = rate_vs_total(&[row, no_rate]);
        assert_eq!(chart.points.len(), 1);
        assert_eq!(chart.left_out, 1);
        let (l, t, r, b) = chart.plot;
        let pt = &chart.points[0];
        assert!(pt.x >= l && pt.x <= r && pt.y >= t && pt.y <= b);
        assert!((pt.y - t).abs() < 1e-9, "100 points is the top of the plot");
        assert!(pt.title.contains("100.00%"));
    }
}
