//! `jixiao score FILE`: one project's arithmetic as text, line by line as
//! the app explains each score (the same `explanation` of the same
//! `evaluate`), for scripts and for settling a disputed score.

use std::fmt::Write as _;

use jixiao_core::formats::xlsx::import::title;
use jixiao_core::number::{figure, format_score, round2};
use jixiao_core::project::Project;
use jixiao_core::score::Evaluation;
use jixiao_core::stage::Stage;

use crate::check::Checked;

/// A name on one line: tables break long 二级 names inside the cell
/// ("经济效益\n指标").
fn one_line(name: &str) -> String {
    name.split(['\n', '\r']).map(str::trim).collect()
}

/// The text for one checked project of `file`.
pub fn arithmetic(file: &str, c: &Checked) -> String {
    let (p, e): (&Project, &Evaluation) = (&c.project, &c.evaluation);
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(p));
    let source = match c.sheet.is_empty() {
        true => file.to_string(),
        false => format!("{file} 工作表“{}” {}", c.sheet, c.range),
    };
    let _ = writeln!(out, "来源：{source}");
    let stage = jixiao_core::monitor::stage(p);
    let _ = writeln!(out, "阶段：{}", stage.label());
    out.push('\n');
    // "名称　分值 10.00　得分 9.80", indented by its depth in the tree.
    let scored = |out: &mut String, indent: &str, name: &str, weight: f64, score: f64| {
        let (weight, score) = (format_score(weight), format_score(score));
        let _ = writeln!(out, "{indent}{name}　分值 {weight}　得分 {score}");
    };
    let x = &e.execution;
    scored(&mut out, "", "预算执行率", x.weight, x.score);
    let _ = writeln!(out, "    {}", x.explanation);
    for (i, level1) in p.indicators.iter().enumerate() {
        match e.level1.get(i) {
            Some(g) => scored(&mut out, "", &one_line(&level1.name), g.weight, g.score),
            None => {
                let _ = writeln!(out, "{}", one_line(&level1.name));
            }
        }
        for (j, level2) in level1.groups.iter().enumerate() {
            let not_applicable = if level2.not_applicable {
                "（不适用）"
            } else {
                ""
            };
            let _ = writeln!(out, "  {}{not_applicable}", one_line(&level2.name));
            for (k, indicator) in level2.indicators.iter().enumerate() {
                let Some(s) = e.indicator((i, j, k)) else {
                    continue;
                };
                scored(
                    &mut out,
                    "    ",
                    &one_line(&indicator.name),
                    s.weight,
                    s.score,
                );
                let _ = writeln!(out, "        {}", s.explanation);
            }
        }
    }
    out.push('\n');
    if stage == Stage::Targets {
        let _ = writeln!(out, "绩效目标申报表：尚无实际完成值，不计总分。");
        return out;
    }
    let capped = match e.cap {
        Some(cap) => format!("，受预算执行率限制不超过 {}", format_score(cap)),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "各项得分合计 {}{capped}，总分 {}，等级 {}",
        format_score(e.raw_total),
        format_score(e.total),
        e.grade_label()
    );
    if let Some(reason) = e.ungraded_reason() {
        let _ = writeln!(out, "{reason}");
    }
    if let Some(stated) = figure(&p.stated.total) {
        let diff = round2(stated - e.total);
        let words = match diff {
            d if d.abs() < 0.005 => "一致".to_string(),
            d => format!("相差 {}{}", if d > 0.0 { "+" } else { "" }, format_score(d)),
        };
        let _ = writeln!(out, "表中总分 {}，与计算{words}", format_score(stated));
    }
    out
}
