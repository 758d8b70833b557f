//! 定性 grades read from imported and pasted tables (issue 25 item 1): the
//! table's own 得分 against 分值, else the words of 实际完成值; never a grade
//! the words deny; every one listed with its reason and taken back in one step.

use proptest::prelude::*;

use crate::columns::Column;
use crate::formats::clipboard::parse_tsv;
use crate::formats::xlsx::import::{import_workbook, preview};
use crate::formats::xlsx::read::{Workbook, read_workbook};
use crate::formats::xlsx::self_evaluation_xlsx;
use crate::number::format_score;
use crate::paste::plan;
use crate::project::{Project, QualitativeGrade};
use crate::sample::example_project;
use crate::score::evaluate;

/// The example's 附1 as another program (openpyxl) writes it: no grade
/// printed after the actual, no hidden 指标性质/计量单位 columns, and the
/// 定性 row worded as in the issue: "项目按时完成 | 按年初计划完成 | 按计划完成".
fn example_written_elsewhere(actual: &str) -> Workbook {
    let p = example_project();
    let mut book = read_workbook(&self_evaluation_xlsx(&p, &evaluate(&p))).unwrap();
    book.by_jixiao = false;
    book.identifier = None;
    let rows = &mut book.sheets[0].rows;
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|t| t == "一级指标"))
        .unwrap();
    let reason_column = rows[header]
        .iter()
        .position(|t| t.starts_with("偏差原因"))
        .unwrap();
    for row in rows.iter_mut().skip(header) {
        row.truncate(reason_column + 1);
    }
    let qualitative = rows
        .iter_mut()
        .find(|r| r.get(2).is_some_and(|t| t == "项目完成时间符合目标"))
        .unwrap();
    qualitative[2] = "项目按时完成".into();
    qualitative[4] = actual.into();
    book
}

#[test]
fn the_example_written_by_another_program_imports_at_its_own_score() {
    let imported = import_workbook(&example_written_elsewhere("按计划完成"));
    let found = &imported.found[0];
    let total = evaluate(&found.project).total;
    assert_eq!(format_score(total), "100.00", "{:#?}", found.grades);
    let shown = preview(found, &[]);
    assert_eq!(shown.total, "100.00");
    assert_eq!(shown.grades.len(), 1);
    assert_eq!(shown.grades[0].name, "项目按时完成");
    assert_eq!(shown.grades[0].reason, "表中得分 15/15 → 达成");
    assert!(shown.grades[0].inferred);
    let (_, ind) = found
        .project
        .indicators_in_order()
        .find(|(_, i)| i.name == "项目按时完成")
        .unwrap();
    assert_eq!(ind.qualitative_grade, Some(QualitativeGrade::Achieved));
    assert!(
        ind.inferred_grade.is_some(),
        "marked as read from the table"
    );

    // Taken back, the row scores as before: ungraded, 0 of 15.
    let mut back = found.project.clone();
    assert!(back.take_back_grade(ind.id));
    assert_eq!(format_score(evaluate(&back).total), "85.00");
}

#[test]
fn a_table_score_the_words_deny_is_not_taken_and_the_preview_says_why() {
    let imported = import_workbook(&example_written_elsewhere("未完成"));
    let found = &imported.found[0];
    assert_eq!(format_score(evaluate(&found.project).total), "85.00");
    let shown = preview(found, &[]);
    assert_eq!(shown.grades.len(), 1);
    assert!(!shown.grades[0].inferred);
    assert_eq!(
        shown.grades[0].reason,
        "表中得分 15/15 是“达成”，但实际完成值“未完成”不是，请选择评价等级"
    );
}

/// jixiao's own export prints every grade: nothing is read from its 得分.
#[test]
fn our_own_export_infers_nothing() {
    let p = example_project();
    let imported =
        import_workbook(&read_workbook(&self_evaluation_xlsx(&p, &evaluate(&p))).unwrap());
    assert!(imported.found[0].grades.is_empty());
    for (_, ind) in imported.found[0].project.indicators_in_order() {
        assert_eq!(ind.inferred_grade, None, "{}", ind.name);
    }
}

const HEAD: &str = "一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t实际完成值\t分值\t得分\n";

fn pasted(rows: &str) -> (Project, crate::paste::PasteOutcome) {
    let mut p = Project::default();
    let outcome = p.apply_paste(&plan(
        &parse_tsv(&format!("{HEAD}{rows}")),
        Column::Name,
        None,
    ));
    (p, outcome)
}

#[test]
fn a_paste_reads_grades_from_score_then_words_and_lists_them() {
    let (p, outcome) = pasted(
        "效益指标\t社会效益指标\t群众办事便利度\t定性\t明显提升\t有所提升\t10\t7\n\
         效益指标\t社会效益指标\t服务规范化\t定性\t有效\t达到预期\t10\t\n\
         效益指标\t社会效益指标\t窗口改造\t定性\t按期完成\t尚未完成\t10\t\n\
         效益指标\t社会效益指标\t宣传覆盖\t定性\t广泛\t见附件\t10\t\n",
    );
    let reasons: Vec<(&str, &str, bool)> = outcome
        .grades
        .iter()
        .map(|g| (g.name.as_str(), g.reason.as_str(), g.inferred))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("群众办事便利度", "表中得分 7/10 → 部分达成", true),
            ("服务规范化", "实际完成值“达到预期” → 达成", true),
            ("窗口改造", "实际完成值“尚未完成” → 未达成", true),
        ]
    );
    let e = evaluate(&p);
    let scores: Vec<f64> = e.indicators.iter().map(|s| s.score).collect();
    assert_eq!(scores, vec![7.0, 10.0, 3.0, 0.0]);
}

/// Words that deny a result, between words that say nothing.
fn negated_actual() -> impl Strategy<Value = String> {
    let filler = prop::collection::vec(
        prop::sample::select(vec![
            '项', '目', '资', '金', '工', '作', '情', '况', '年', '度', '的', '在', '，',
        ]),
        0..6,
    );
    let negation = prop::sample::select(vec!["未", "没有", "没", "不", "尚未", "未能", "无"]);
    let gap = prop::collection::vec(
        prop::sample::select(vec!['能', '够', '全', '按', '时', '太']),
        0..=2,
    );
    let met = prop::sample::select(vec![
        "完成",
        "达到预期",
        "已完成",
        "按计划完成",
        "有效",
        "明显提升",
        "达标",
        "实现",
        "达到",
    ]);
    (filler.clone(), negation, gap, met, filler).prop_map(|(before, negation, gap, met, after)| {
        let before: String = before.into_iter().collect();
        let gap: String = gap.into_iter().collect();
        let after: String = after.into_iter().collect();
        format!("{before}{negation}{gap}{met}{after}")
    })
}

proptest! {
    /// Whatever the table's 得分, a grade read from a table is never 达成
    /// beside an explicit negation of the result.
    #[test]
    fn inferred_grades_never_contradict_an_explicit_negation(
        actual in negated_actual(),
        weight in 1u32..=20,
        share in prop_oneof![Just(None), (0u32..=100).prop_map(Some)],
    ) {
        let score = share.map(|s| format_score(f64::from(weight) * f64::from(s) / 100.0)).unwrap_or_default();
        let (p, outcome) = pasted(&format!("产出指标\t时效指标\t项目按时完成\t定性\t按年初计划完成\t{actual}\t{weight}\t{score}\n"));
        let (_, ind) = p.indicators_in_order().next().unwrap();
        prop_assert_ne!(ind.qualitative_grade, Some(QualitativeGrade::Achieved), "{} {:?}", actual, outcome.grades);
    }

    /// A table whose every 定性 row carries its 得分 scores, once pasted,
    /// what the table scores; every grade read is listed and marked.
    #[test]
    fn a_table_with_every_score_scores_what_the_table_scores(
        rows in prop::collection::vec((1u32..=20, 0u32..=40, prop::sample::select(vec!["", "见附件", "按计划完成", "基本完成", "有效"])), 1..12),
    ) {
        let mut text = String::new();
        let mut table_total = 0.0;
        for (n, (weight, halves, words)) in rows.iter().enumerate() {
            let score = (f64::from(*halves) / 2.0).min(f64::from(*weight));
            // Words of success beside a low score would be left ungraded: the
            // table's words here never deny its score.
            let words = if score / f64::from(*weight) < 0.6 { "" } else { *words };
            table_total += score;
            text.push_str(&format!("效益指标\t社会效益指标\t指标{}\t定性\t有效\t{words}\t{weight}\t{score}\n", n + 1));
        }
        let (p, outcome) = pasted(&text);
        let e = evaluate(&p);
        let sum: f64 = e.indicators.iter().map(|s| s.score).sum();
        prop_assert!((sum - table_total).abs() < 1e-9, "{} vs {}: {:?}", sum, table_total, outcome.grades);
        prop_assert_eq!(outcome.grades.len(), rows.len());
        prop_assert!(outcome.grades.iter().all(|g| g.inferred && g.reason.starts_with("表中得分")));
        for (_, ind) in p.indicators_in_order() {
            prop_assert!(ind.inferred_grade.is_some());
        }
    }
}
