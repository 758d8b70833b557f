//! SVG renderings of `jixiao_core::charts`: inline, so they print and need no
//! network; figures are written beside the marks for grey-scale paper.

use leptos::prelude::*;

use jixiao_core::charts::{BarChart, Scatter};

const SHADES: [&str; 4] = ["#1f4e79", "#5b7fa6", "#9db4cc", "#d4dfea"];

fn view_box(width: f64, height: f64) -> String {
    format!("0 0 {width} {height}")
}

/// Vertical bars with the label under and the figure above each bar.
pub fn vertical_bars(chart: BarChart, title: &'static str) -> impl IntoView {
    let bars = chart
        .bars
        .into_iter()
        .map(|bar| {
            let center = bar.x + bar.width / 2.0;
            view! {
                <g>
                    <rect x=bar.x y=bar.y width=bar.width height=bar.height fill=SHADES[bar.shade % 4] stroke="#000" stroke-width="0.5"></rect>
                    <text x=center y=bar.y - 4.0 text-anchor="middle" class="chart-value">{bar.value_label}</text>
                    <text x=center y=chart.baseline + 16.0 text-anchor="middle" class="chart-label">{bar.label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=view_box(chart.width, chart.height) role="img" aria-label=title width=chart.width height=chart.height>
            <title>{title}</title>
            <line x1="8" x2=chart.width - 8.0 y1=chart.baseline y2=chart.baseline stroke="#000" stroke-width="1"></line>
            {bars}
        </svg>
    }
}

/// Horizontal bars: the label left, the figure right of each bar.
pub fn horizontal_bars(chart: BarChart, title: &'static str) -> impl IntoView {
    let bars = chart
        .bars
        .into_iter()
        .map(|bar| {
            let middle = bar.y + bar.height / 2.0 + 4.0;
            view! {
                <g>
                    <text x=chart.baseline - 4.0 y=middle text-anchor="end" class="chart-label">{bar.label}</text>
                    <rect x=bar.x y=bar.y width=bar.width height=bar.height fill=SHADES[bar.shade % 4] stroke="#000" stroke-width="0.5"></rect>
                    <text x=bar.x + bar.width + 4.0 y=middle class="chart-value">{bar.value_label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=view_box(chart.width, chart.height) role="img" aria-label=title width=chart.width height=chart.height>
            <title>{title}</title>
            <line x1=chart.baseline x2=chart.baseline y1="0" y2=chart.height stroke="#000" stroke-width="1"></line>
            {bars}
        </svg>
    }
}

/// 执行率 × 总分: circles, and triangles for the outliers.
pub fn scatter(chart: Scatter, title: &'static str) -> impl IntoView {
    let (left, top, right, bottom) = chart.plot;
    let x_guides = chart
        .x_guides
        .into_iter()
        .map(|(x, label)| {
            view! {
                <line x1=x x2=x y1=top y2=bottom stroke="#888" stroke-dasharray="3 3"></line>
                <text x=x y=bottom + 14.0 text-anchor="middle" class="chart-label">{label}</text>
            }
        })
        .collect_view();
    let y_guides = chart
        .y_guides
        .into_iter()
        .map(|(y, label)| {
            view! {
                <line x1=left x2=right y1=y y2=y stroke="#888" stroke-dasharray="3 3"></line>
                <text x=left - 4.0 y=y + 4.0 text-anchor="end" class="chart-label">{label}</text>
            }
        })
        .collect_view();
    let points = chart
        .points
        .into_iter()
        .map(|p| {
            if p.outlier {
                let shape = format!("{},{} {},{} {},{}", p.x, p.y - 5.0, p.x - 5.0, p.y + 4.0, p.x + 5.0, p.y + 4.0);
                view! { <polygon points=shape fill="#000" class="outlier"><title>{p.title}</title></polygon> }.into_any()
            } else {
                view! { <circle cx=p.x cy=p.y r="3.5" fill="#fff" stroke="#1f4e79" stroke-width="1.5"><title>{p.title}</title></circle> }.into_any()
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=view_box(chart.width, chart.height) role="img" aria-label=title width=chart.width height=chart.height>
            <title>{title}</title>
            <rect x=left y=top width=right - left height=bottom - top fill="none" stroke="#000" stroke-width="1"></rect>
            {x_guides}
            {y_guides}
            <text x=(left + right) / 2.0 y=chart.height - 2.0 text-anchor="middle" class="chart-label">"执行率"</text>
            <text x="10" y=(top + bottom) / 2.0 text-anchor="middle" class="chart-label" transform=format!("rotate(-90 10 {})", (top + bottom) / 2.0)>"总分"</text>
            {points}
        </svg>
    }
}
