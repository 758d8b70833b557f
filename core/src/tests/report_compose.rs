//! The report: outline, wording, the 自评表 grid, user edits, and the
//! prose-vs-data check, on the example project and on arbitrary ones.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use crate::checkup;
use crate::finding::{Finding, Rule};
use crate::formats::json::schema::{load_project_json, to_json};
use crate::number::format_score;
use crate::project::{
    Indicator, IndicatorKind, Level1, Level2, MoneyUnit, NumberText, Project, QualitativeGrade,
    ReportTemplate,
};
use crate::report::{
    Block, Cell, CellRole, Document, Paragraph, Table, compose, edit_findings, paragraph_ids,
    paragraph_in_use, paragraphs, to_plain_text,
};
use crate::rules::{Grade, presets};
use crate::sample::example_project;
use crate::score::{Attainment, Evaluation, evaluate};
use proptest::prelude::*;

/// The 体检's findings about one field, by its path text.
fn findings_at(p: &Project, ev: &Evaluation, path: &str) -> Vec<Finding> {
    checkup::run(p, ev)
        .into_iter()
        .filter(|f| f.path.to_string() == path)
        .collect()
}

fn composed(p: &Project) -> (Evaluation, Document) {
    let ev = evaluate(p);
    let doc = compose(p, &ev);
    (ev, doc)
}

fn headings(doc: &Document, level: u8) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: l, text } if *l == level => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn paragraph<'a>(doc: &'a Document, id: &str) -> Option<&'a Paragraph> {
    paragraphs(doc).find(|p| p.id == id)
}

fn text_of(doc: &Document, id: &str) -> String {
    paragraph(doc, id)
        .unwrap_or_else(|| panic!("no paragraph {id} in {:?}", paragraph_ids(doc)))
        .text
        .clone()
}

/// The scores a table marks as below their 分值, as printed.
fn missed_scores(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .flatten()
        .filter(|c| c.role == CellRole::Missed)
        .map(Cell::display)
        .collect()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// The 自评表's first table: header, funds and goals.
fn table(doc: &Document) -> &Table {
    tables(doc)[0]
}

/// The 自评表's indicator block, printed under the first table.
fn indicator_table(doc: &Document) -> &Table {
    tables(doc)[1]
}

/// The blocks between a level-1 heading starting with `prefix` and the next one.
fn section<'a>(doc: &'a Document, prefix: &str) -> Vec<&'a Block> {
    let start = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, text } if text.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no section {prefix}"));
    doc.blocks[start + 1..]
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { level: 1, .. }))
        .collect()
}

fn section_text(doc: &Document, prefix: &str) -> String {
    section(doc, prefix)
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn indicator(
    id: u64,
    name: &str,
    target: &str,
    unit: &str,
    actual: &str,
    weight: &str,
) -> Indicator {
    Indicator {
        id,
        name: name.to_string(),
        kind: IndicatorKind::AtLeast,
        target: NumberText::new(target),
        unit: unit.to_string(),
        actual: NumberText::new(actual),
        weight: NumberText::new(weight),
        ..Indicator::default()
    }
}

/// The example with two 20-point indicators at 0: 100 − 40 = 60.00, graded 中.
fn graded_fair() -> Project {
    let mut p = example_project();
    let groups = &mut p.indicators[0].groups;
    groups[0].indicators[0].actual = NumberText::new("0");
    groups[1].indicators[0].actual = NumberText::new("0");
    groups[0].indicators[0].deviation_reason = "网络中断".to_string();
    p
}

#[test]
fn example_has_the_five_sections_of_the_example_report_and_the_attachment() {
    let (_, doc) = composed(&example_project());
    assert_eq!(
        doc.title,
        "县政务中心互联网网络费、IMS 通讯费项目支出绩效自评报告"
    );
    assert_eq!(
        headings(&doc, 1),
        [
            "一、项目基本情况",
            "二、绩效目标完成情况评价",
            "三、存在的主要问题及原因分析",
            "四、下一步改进措施",
            "五、评价结论",
            "附件：项目支出绩效自评表",
        ]
    );
    assert_eq!(
        headings(&doc, 2),
        [
            "（一）项目背景与目标",
            "（二）预算与执行情况",
            "（一）产出质量",
            "（二）产出数量",
            "（三）产出成本",
            "（四）产出时效",
            "（一）绩效评价制度体系需进一步完善",
            "（二）干部职工绩效评价认识需进一步提升",
        ]
    );
    // The attachment starts on a new page.
    let attachment = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { text, .. } if text.starts_with("附件")))
        .unwrap();
    assert_eq!(doc.blocks[attachment - 1], Block::PageBreak);
    assert!(matches!(doc.blocks[attachment + 1], Block::Table(_)));
}

#[test]
fn example_states_amounts_rate_indicator_total_and_grade() {
    let (ev, doc) = composed(&example_project());
    assert_eq!(ev.grade, Some(Grade::Excellent));
    assert_eq!(
        text_of(&doc, "budget"),
        "2024 年度，“县政务中心互联网网络费、IMS 通讯费”项目全年预算数为 27.5 万元，其中当年财政拨款 27.5 万元；全年执行数为 27.5 万元，预算执行率为 100.00%。"
    );
    assert!(text_of(&doc, "summary").contains("本项目自评得分为 100.00 分，绩效等级为“优”。"));
    assert_eq!(
        text_of(&doc, "indicator.2"),
        "保障网络终端数量年度指标值为 ≥200 台，实际完成 235 台，超额完成目标，得 20.00 分（分值 20.00 分）。"
    );
    assert_eq!(
        text_of(&doc, "indicator.5"),
        "项目完成时间符合目标年度指标值为“按年初计划完成”，实际完成情况为“项目整体完成时间与年初计划完全一致”，评价为“达成年度指标”，得 15.00 分（分值 15.00 分）。"
    );
    assert_eq!(
        text_of(&doc, "improvements.list"),
        "一是进一步完善绩效评价工作相关规定和制度；二是组织学习绩效评价相关政策办法。"
    );
    let conclusion = text_of(&doc, "conclusion");
    assert!(conclusion.contains("自评得分为 100.00 分，绩效等级为“优”"));
    assert!(conclusion.contains("产出质量、产出数量、产出成本、产出时效"));
    let all = to_plain_text(&doc);
    for needle in [
        "27.5 万元",
        "100.00%",
        "235 台",
        "200 台",
        "100.00 分",
        "“优”",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    // Nothing in the example needs 整改.
    assert!(paragraph(&doc, "rectification").is_none());
    assert!(!all.contains("第二十六条"));
}

#[test]
fn fair_grade_puts_the_rectification_requirement_in_the_conclusion() {
    let p = graded_fair();
    let (ev, doc) = composed(&p);
    assert_eq!(ev.grade, Some(Grade::Fair), "total {}", ev.total);
    let conclusion = section_text(&doc, "五、");
    assert!(
        conclusion.contains("本项目绩效等级为“中”。"),
        "{conclusion}"
    );
    assert!(conclusion.contains("《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十六条"));
    assert!(
        conclusion
            .contains("对评价等级为中、差的项目，须单独说明原因，研究提出改进措施，制定整改方案")
    );
    assert!(conclusion.contains("以后年度预算安排的重要依据"));
    // The missed indicators are named; a blank reason is left out (the 体检 asks for it).
    assert!(
        conclusion
            .contains("“网络终端稳定运行保障天数”、“保障网络终端数量”共 2 项指标未达到年度指标值")
    );
    assert_eq!(
        text_of(&doc, "indicator.1"),
        "网络终端稳定运行保障天数年度指标值为 ≥365 天，实际完成 0 天，未达到目标，得 0.00 分，扣 20.00 分。偏差原因：网络中断。"
    );
    assert_eq!(
        text_of(&doc, "indicator.2"),
        "保障网络终端数量年度指标值为 ≥200 台，实际完成 0 台，未达到目标，得 0.00 分，扣 20.00 分。"
    );
    // Its own wording passes the prose check.
    assert!(edit_findings(&p, &ev).is_empty());
}

#[test]
fn excellent_grade_with_full_execution_has_no_rectification() {
    let (ev, doc) = composed(&example_project());
    assert_eq!(
        (ev.grade, ev.execution.rate),
        (Some(Grade::Excellent), Some(1.0))
    );
    assert!(!section_text(&doc, "五、").contains("整改"));
}

#[test]
fn low_execution_alone_calls_for_rectification() {
    let mut p = example_project();
    p.funds.total.executed = NumberText::new("22");
    let (ev, doc) = composed(&p);
    assert_eq!(ev.grade, Some(Grade::Excellent), "total {}", ev.total);
    let text = text_of(&doc, "rectification");
    assert!(
        text.starts_with("本项目预算执行率为 80.00%，低于 90%。"),
        "{text}"
    );
    assert!(text.contains("对预算执行率偏低的项目，须单独说明原因"));
    assert!(!text.contains("等级为中"));
    // Exactly at the threshold is not low.
    p.funds.total.executed = NumberText::new("24.75");
    let (_, doc) = composed(&p);
    assert!(paragraph(&doc, "rectification").is_none());
}

#[test]
fn edited_paragraph_is_shown_as_edited_and_keeps_its_draft() {
    let mut p = example_project();
    let (_, before) = composed(&p);
    let draft = text_of(&before, "background");
    p.report
        .edits
        .insert("background".to_string(), "我们自己写的背景。".to_string());
    let (_, doc) = composed(&p);
    let para = paragraph(&doc, "background").unwrap();
    assert_eq!(para.text, "我们自己写的背景。");
    assert_eq!(para.draft, draft);
    assert!(para.edited);
    assert!(!paragraph(&doc, "goal").unwrap().edited);
    // An edit identical to the draft is not a change.
    p.report
        .edits
        .insert("background".to_string(), draft.clone());
    let (_, doc) = composed(&p);
    assert!(!paragraph(&doc, "background").unwrap().edited);
}

#[test]
fn an_edit_shows_in_both_templates() {
    let mut p = example_project();
    p.report
        .edits
        .insert("indicator.2".to_string(), "终端数量超额完成。".to_string());
    for template in [ReportTemplate::CountyA, ReportTemplate::MinistryB] {
        p.report.template = template;
        let (_, doc) = composed(&p);
        assert_eq!(text_of(&doc, "indicator.2"), "终端数量超额完成。");
    }
}

#[test]
fn edited_rate_that_contradicts_the_data_is_a_warning() {
    let mut p = example_project();
    p.report.edits.insert(
        "budget".to_string(),
        "2024 年度项目预算执行率为 90%。".to_string(),
    );
    let ev = evaluate(&p);
    let found = findings_at(&p, &ev, "report.budget");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, Rule::ProseExecutionRateMismatch);
    assert!(found[0].message.contains("90%") && found[0].message.contains("100.00%"));
    assert_eq!(edit_findings(&p, &ev), vec![found[0].clone()]);
}

#[test]
fn edited_total_grade_and_amounts_are_checked() {
    let mut p = example_project();
    let edits = &mut p.report.edits;
    edits.insert(
        "conclusion".to_string(),
        "本项目自评得分为 95 分，绩效等级为“良好”。全年预算数为 30 万元，实际执行 27.5 万元。"
            .to_string(),
    );
    edits.insert(
        "summary".to_string(),
        "本项目最终自评得分为 100 分，项目整体绩效等级为“优秀”，预算执行率达到 100%。".to_string(),
    );
    let ev = evaluate(&p);
    let found = findings_at(&p, &ev, "report.conclusion");
    let rules: Vec<Rule> = found.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::ReportTotalMismatch,
            Rule::ReportGradeMismatch,
            Rule::ReportAmountMismatch
        ],
        "{found:#?}"
    );
    assert!(found[0].message.contains("95") && found[0].message.contains("100.00"));
    assert!(found[2].message.contains("30") && found[2].message.contains("27.5"));
    // 优秀 for 优, 100 for 100.00 and 100% for 100.00% agree with the data.
    assert_eq!(findings_at(&p, &ev, "report.summary").len(), 0);
}

#[test]
fn amounts_in_the_other_money_unit_are_converted() {
    let mut p = example_project();
    p.money_unit = MoneyUnit::Yuan;
    for row in [&mut p.funds.total, &mut p.funds.current_appropriation] {
        row.initial_budget = NumberText::new("275000");
        row.annual_budget = NumberText::new("275000");
        row.executed = NumberText::new("275000");
    }
    p.report.edits.insert(
        "budget".to_string(),
        "全年预算 27.5 万元，执行 27 万元。".to_string(),
    );
    let ev = evaluate(&p);
    let found = findings_at(&p, &ev, "report.budget");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, Rule::ReportAmountMismatch);
    assert!(found[0].message.contains("27") && found[0].message.contains("275000"));
}

#[test]
fn edits_of_paragraphs_not_shown_are_not_checked() {
    let mut p = example_project();
    let wrong = "预算执行率为 50%，自评得分为 60 分。".to_string();
    for id in [
        "indicator.99",
        "scope",
        "level2.0.9",
        "problems.7",
        "improvements.0",
    ] {
        p.report.edits.insert(id.to_string(), wrong.clone());
    }
    let found = checkup::run(&p, &evaluate(&p));
    assert!(
        !found
            .iter()
            .any(|f| f.path.to_string().starts_with("report.")),
        "{found:#?}"
    );
    // The same text on a paragraph that is shown is checked.
    p.report
        .edits
        .insert("improvements.list".to_string(), wrong);
    assert_eq!(
        findings_at(&p, &evaluate(&p), "report.improvements.list").len(),
        2
    );
}

#[test]
fn typed_markup_is_kept_verbatim() {
    const SCRIPT: &str = "<script>alert(1)</script>";
    let mut p = example_project();
    p.name = SCRIPT.to_string();
    p.background = SCRIPT.to_string();
    p.department = SCRIPT.to_string();
    p.indicators[0].groups[0].indicators[0].name = SCRIPT.to_string();
    p.indicators[0].groups[0].indicators[0].deviation_reason = SCRIPT.to_string();
    p.problems = vec![SCRIPT.to_string()];
    p.report
        .edits
        .insert("conclusion".to_string(), format!("{SCRIPT}&amp;"));
    let (_, doc) = composed(&p);
    assert_eq!(doc.title, format!("{SCRIPT}项目支出绩效自评报告"));
    assert!(text_of(&doc, "background").starts_with(SCRIPT));
    assert!(text_of(&doc, "indicator.1").starts_with(SCRIPT));
    assert!(text_of(&doc, "problems.0").contains(SCRIPT));
    assert_eq!(text_of(&doc, "conclusion"), format!("{SCRIPT}&amp;"));
    let cells: Vec<String> = tables(&doc)
        .into_iter()
        .flat_map(|t| t.header_rows.iter().chain(&t.rows))
        .flatten()
        .map(Cell::display)
        .collect();
    assert!(
        cells.iter().filter(|t| *t == SCRIPT).count() >= 4,
        "{cells:?}"
    );
    assert!(!to_plain_text(&doc).contains("&lt;"));
}

/// Walks the grid, tracking cells held by rowspans, and checks every row is
/// exactly `columns` wide and no span runs past the table.
fn assert_rectangular(t: &Table, expected_columns: usize) {
    let columns = t.column_count();
    assert_eq!(columns, expected_columns);
    let mut held = vec![0u32; columns];
    for (n, row) in t.header_rows.iter().chain(&t.rows).enumerate() {
        let mut col = 0;
        for cell in row {
            while col < columns && held[col] > 0 {
                col += 1;
            }
            assert!(col + cell.colspan as usize <= columns, "row {n} too wide");
            let span = &mut held[col..col + cell.colspan as usize];
            assert!(span.iter().all(|h| *h == 0), "row {n} overlaps a rowspan");
            span.fill(cell.rowspan);
            col += cell.colspan as usize;
        }
        assert!(
            held.iter().all(|h| *h > 0),
            "row {n} does not fill the grid: {row:?}"
        );
        for h in &mut held {
            *h -= 1;
        }
    }
    assert!(held.iter().all(|h| *h == 0), "a span runs past the table");
}

fn group_cells(t: &Table) -> Vec<(String, u32)> {
    t.rows
        .iter()
        .flatten()
        .filter(|c| c.role == CellRole::Group)
        .map(|c| (c.display(), c.rowspan))
        .collect()
}

fn owned(cells: &[(&str, u32)]) -> Vec<(String, u32)> {
    cells.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

#[test]
fn self_evaluation_table_merges_levels_and_totals() {
    let (ev, doc) = composed(&example_project());
    let t = table(&doc);
    assert_rectangular(t, 9);
    let block = indicator_table(&doc);
    assert_rectangular(block, 8);
    assert_eq!(block.header_rows[1][2].display(), "三级指标");
    assert_eq!(
        group_cells(block),
        owned(&[
            ("产出指标", 5),
            ("质量指标", 1),
            ("数量指标", 1),
            ("成本指标", 1),
            ("时效指标", 2),
        ])
    );
    assert_eq!(t.header_rows[0][0].display(), "项目名称");
    assert_eq!(t.header_rows[0][1].colspan, 8);
    let funds = &t.rows[0];
    assert_eq!(funds[0].display(), "项目资金（万元）");
    assert_eq!(funds[0].rowspan, 5);
    let total_funds: Vec<String> = t.rows[1].iter().map(Cell::display).collect();
    assert_eq!(
        total_funds,
        [
            "年度资金总额",
            "27.50",
            "27.50",
            "27.50",
            "10.00",
            "100.00%",
            "10.00"
        ]
    );
    let appropriation: Vec<String> = t.rows[2].iter().map(Cell::display).collect();
    assert_eq!(appropriation[0], "其中：当年财政拨款");
    assert_eq!(&appropriation[4..], ["—", "—", "—"]);
    let last = block.rows.last().unwrap();
    assert_eq!(last[0].display(), "总分");
    assert_eq!(last[2].display(), format_score(ev.total));
    assert_eq!(last[1].display(), "100.00");
    assert!(
        block
            .footnote
            .contains("各项得分保留两位小数，总分为各项得分之和")
    );
}

#[test]
fn table_rowspans_count_indicators_of_each_level() {
    let mut p = example_project();
    p.indicators.push(Level1 {
        name: "效益指标".to_string(),
        weight: NumberText::default(),
        groups: vec![
            Level2 {
                name: "社会效益指标".to_string(),
                weight: NumberText::default(),
                indicators: vec![
                    indicator(10, "服务群众人次", "≥1000", "人次", "1200", "10"),
                    indicator(11, "办结率", "≥95", "%", "90", "10"),
                ],
                not_applicable: false,
            },
            // Empty groups have no rows.
            Level2::default(),
            Level2 {
                name: "可持续影响指标".to_string(),
                weight: NumberText::default(),
                indicators: vec![indicator(12, "运行年限", "≥3", "年", "3", "10")],
                not_applicable: false,
            },
        ],
    });
    let (_, doc) = composed(&p);
    let t = indicator_table(&doc);
    assert_rectangular(t, 8);
    let cells = group_cells(t);
    assert_eq!(
        &cells[5..],
        owned(&[("效益指标", 3), ("社会效益指标", 2), ("可持续影响指标", 1)])
    );
    let missed = missed_scores(t);
    assert_eq!(missed, ["9.47"]);
    assert_eq!(
        headings(&doc, 2)[6..8],
        ["（五）社会效益", "（六）可持续影响"]
    );
}

#[test]
fn ministry_template_has_the_seven_headings_and_the_table_in_section_three() {
    let mut p = example_project();
    p.report.template = ReportTemplate::MinistryB;
    let (_, doc) = composed(&p);
    assert_eq!(
        headings(&doc, 1),
        [
            "一、基本情况",
            "二、绩效评价工作开展情况",
            "三、综合评价情况及评价结论",
            "四、绩效评价指标分析",
            "五、主要经验及做法、存在的问题及原因分析",
            "六、有关建议",
            "七、其他需要说明的问题",
        ]
    );
    assert!(
        section(&doc, "三、")
            .iter()
            .any(|b| matches!(b, Block::Table(_)))
    );
    assert_rectangular(table(&doc), 9);
    assert_rectangular(indicator_table(&doc), 8);
    let ids: HashSet<String> = paragraph_ids(&doc).into_iter().collect();
    let (_, county) = composed(&example_project());
    let shared = paragraph_ids(&county)
        .into_iter()
        .filter(|id| ids.contains(id))
        .count();
    assert_eq!(
        shared,
        paragraph_ids(&county).len(),
        "B reuses all of A's paragraphs"
    );
    for id in ["scope", "method", "process", "experience", "other_notes"] {
        assert!(ids.contains(id), "{id}");
    }
}

#[test]
fn problems_and_improvements_when_empty_or_long() {
    let mut p = example_project();
    p.problems = vec![" ".to_string()];
    p.improvements = vec![
        "建立绩效指标动态调整机制，业务量变化时及时修订设备保障数量、故障响应时间等指标，并报主管部门备案。".to_string(),
        "开展培训。".to_string(),
    ];
    let (_, doc) = composed(&p);
    // Blank on paper, never a placeholder; the 体检 asks for the items.
    assert_eq!(section_text(&doc, "三、"), "");
    assert!(paragraph(&doc, "problems.empty").is_some());
    let ids = paragraph_ids(&doc);
    assert!(ids.contains(&"improvements.0".to_string()));
    assert!(!ids.contains(&"improvements.list".to_string()));
    assert_eq!(text_of(&doc, "improvements.1"), "（二）开展培训。");
    assert!(text_of(&doc, "improvements.0").starts_with("（一）建立绩效指标动态调整机制"));
    assert_eq!(
        text_of(&doc, "improvements.intro"),
        "结合项目实际情况，制定以下改进措施："
    );
}

/// The example with its narrative left blank: no 背景, 目标, 问题, 措施 or
/// 其他, a missed and an exceeded indicator without reasons.
fn blank_narrative() -> Project {
    let mut p = example_project();
    p.background = "  ".into();
    p.goal_expected.clear();
    p.goal_actual.clear();
    p.problems.clear();
    p.improvements = vec![" ".into()];
    p.other_notes.clear();
    let groups = &mut p.indicators[0].groups;
    // 保障天数 365 → 300: missed; 终端数量 235 → 300 (150%): exceeded.
    groups[0].indicators[0].actual = NumberText::new("300");
    groups[1].indicators[0].actual = NumberText::new("300");
    p
}

/// Issue 15: a blank field never prints placeholder text. Its paragraph
/// drafts nothing (the id stays, so an edit still lands), indicator
/// sentences just end, and the 体检 asks for every field left out.
#[test]
fn blank_fields_print_no_placeholder_and_the_checkup_asks_for_each() {
    for template in [ReportTemplate::CountyA, ReportTemplate::MinistryB] {
        let mut p = blank_narrative();
        p.report.template = template;
        let (ev, doc) = composed(&p);
        let attainments: Vec<Attainment> =
            ev.indicators[..2].iter().map(|s| s.attainment).collect();
        assert_eq!(attainments, [Attainment::Missed, Attainment::Exceeded]);
        for para in paragraphs(&doc) {
            assert!(
                !para.text.contains("未填写"),
                "{template:?} {}: {}",
                para.id,
                para.text
            );
            assert!(
                !para.text.contains("（未"),
                "{template:?} {}: {}",
                para.id,
                para.text
            );
        }
        assert!(!to_plain_text(&doc).contains("未填写"), "{template:?}");
        let mut blank = vec!["background", "goal", "problems.empty", "improvements.empty"];
        if template == ReportTemplate::MinistryB {
            blank.push("experience");
        }
        for id in &blank {
            assert_eq!(text_of(&doc, id), "", "{template:?} {id}");
        }
        assert!(
            text_of(&doc, "indicator.1").ends_with("扣 3.56 分。"),
            "{}",
            text_of(&doc, "indicator.1")
        );
        assert!(
            text_of(&doc, "indicator.2").ends_with("（分值 20.00 分）。"),
            "{}",
            text_of(&doc, "indicator.2")
        );
        // The 体检 asks for each field the report leaves out.
        let all = checkup::run(&p, &ev);
        let mut asked = vec![
            "background",
            "goal_expected",
            "goal_actual",
            "problems.0",
            "improvements.0",
            "indicator.1.deviation_reason",
            "indicator.2.deviation_reason",
        ];
        if template == ReportTemplate::MinistryB {
            asked.push("report.experience");
        }
        for path in asked {
            assert!(
                all.iter().any(|f| f.path.to_string() == path),
                "{template:?}: nothing asks for {path}: {all:#?}"
            );
        }
        // An edit of a blank paragraph still shows.
        p.report
            .edits
            .insert("goal".into(), "全年保障网络稳定运行。".into());
        p.report
            .edits
            .insert("experience".into(), "建立了运维台账。".into());
        let (ev, doc) = composed(&p);
        assert_eq!(text_of(&doc, "goal"), "全年保障网络稳定运行。");
        if template == ReportTemplate::MinistryB {
            assert_eq!(text_of(&doc, "experience"), "建立了运维台账。");
            assert!(
                !checkup::run(&p, &ev)
                    .iter()
                    .any(|f| f.path.to_string() == "report.experience")
            );
        }
    }
}

/// The underlined scores have their key under the table, and only then.
#[test]
fn the_missed_mark_has_a_legend_only_when_used() {
    const LEGEND: &str = "得分下加横线者为未得满分的指标。";
    let (_, doc) = composed(&example_project());
    let t = indicator_table(&doc);
    assert!(!t.rows.iter().flatten().any(|c| c.role == CellRole::Missed));
    assert!(!t.footnote.contains(LEGEND), "{}", t.footnote);
    assert!(!table(&doc).footnote.contains(LEGEND));

    let (_, doc) = composed(&blank_narrative());
    let t = indicator_table(&doc);
    let missed = missed_scores(t);
    assert_eq!(missed, ["16.44"]);
    assert!(t.footnote.ends_with(LEGEND), "{}", t.footnote);
    assert!(
        t.footnote.starts_with("各项得分保留两位小数"),
        "{}",
        t.footnote
    );
}

#[test]
fn other_notes_and_signature_appear_when_set() {
    let mut p = example_project();
    p.other_notes = "无其他事项".to_string();
    p.report.show_signature = true;
    p.report.signature_date = "2025 年 3 月 1 日".to_string();
    let (_, doc) = composed(&p);
    assert_eq!(headings(&doc, 1)[5], "六、其他需要说明的问题");
    assert_eq!(text_of(&doc, "other_notes"), "无其他事项。");
    assert!(doc.blocks.contains(&Block::Signature {
        unit: "县政务服务中心".to_string(),
        date: "2025 年 3 月 1 日".to_string(),
    }));
}

#[test]
fn old_records_without_report_settings_load() {
    let p = example_project();
    let mut value: serde_json::Value = serde_json::from_str(&to_json(&p)).unwrap();
    value.as_object_mut().unwrap().remove("report");
    let loaded = load_project_json(&value.to_string()).unwrap();
    assert_eq!(loaded.report, Default::default());
    assert_eq!(loaded.report.template, ReportTemplate::CountyA);
    let mut edited = p.clone();
    edited.report.edits.insert("goal".into(), "改写".into());
    edited.report.template = ReportTemplate::MinistryB;
    assert_eq!(load_project_json(&to_json(&edited)).unwrap(), edited);
}

#[test]
fn forty_indicator_project_composes() {
    let mut p = example_project();
    p.indicators[0].groups = (0..8)
        .map(|g| Level2 {
            name: ["数量指标", "质量指标", "时效指标", "成本指标"][g % 4].to_string(),
            weight: NumberText::default(),
            indicators: (0..5)
                .map(|k| {
                    let id = (g * 5 + k + 1) as u64;
                    indicator(id, &format!("指标{id}"), "≥10", "项", "9", "2.25")
                })
                .collect(),
            not_applicable: false,
        })
        .collect();
    let (ev, doc) = composed(&p);
    let ids = paragraph_ids(&doc);
    assert_eq!(
        ids.iter().filter(|id| id.starts_with("indicator.")).count(),
        40
    );
    assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len());
    assert_eq!(
        headings(&doc, 2)
            .iter()
            .filter(|h| h.ends_with("产出数量"))
            .count(),
        2
    );
    assert_eq!(headings(&doc, 2)[9], "（八）产出成本");
    let t = indicator_table(&doc);
    assert_rectangular(t, 8);
    assert_eq!(group_cells(t)[0], ("产出指标".to_string(), 40));
    assert_eq!(t.rows.last().unwrap()[2].display(), format_score(ev.total));
}

// ---- arbitrary projects --------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z\u{4e00}-\u{4e20}，。%0-9 ]{0,16}",
        prop::sample::select(vec![
            "预算执行率为 90%，自评得分为 95 分，绩效等级为“良”。",
            "全年预算数为 1,000.5 万元，执行 3 元。",
            "<script>alert(1)</script>",
            "评价等级为中、差或",
            "总分为",
            "9999999999999999999999 万元",
            "。。。",
        ])
        .prop_map(str::to_string),
        ".{0,10}"
    ]
}

fn number_text() -> impl Strategy<Value = NumberText> {
    prop_oneof![
        (0u32..300).prop_map(|v| v.to_string()),
        prop::sample::select(vec![
            "",
            "≥200",
            "≤1",
            "±0",
            "95%",
            "abc",
            "1e400",
            "-5",
            "0",
            "27.5万元"
        ])
        .prop_map(str::to_string),
    ]
    .prop_map(NumberText)
}

fn any_indicator() -> impl Strategy<Value = Indicator> {
    (
        (0u64..6, text(), super::common::kind()),
        (number_text(), text(), number_text(), number_text()),
        (
            prop::option::of(prop::sample::select(vec![
                QualitativeGrade::Achieved,
                QualitativeGrade::PartlyAchieved,
                QualitativeGrade::NotAchieved,
            ])),
            text(),
            number_text(),
        ),
    )
        .prop_map(
            |((id, name, kind), (target, unit, actual, weight), (grade, reason, reduction))| {
                Indicator {
                    id,
                    name,
                    kind,
                    target,
                    unit,
                    actual,
                    weight,
                    qualitative_grade: grade,
                    deviation_reason: reason,
                    over_achievement_reduction: reduction,
                    ..Indicator::default()
                }
            },
        )
}

fn any_tree() -> impl Strategy<Value = Vec<Level1>> {
    let level2 =
        (text(), prop::collection::vec(any_indicator(), 0..4)).prop_map(|(name, indicators)| {
            Level2 {
                name,
                weight: NumberText::default(),
                indicators,
                not_applicable: false,
            }
        });
    let level1 = (text(), prop::collection::vec(level2, 0..3)).prop_map(|(name, groups)| Level1 {
        name,
        weight: NumberText::default(),
        groups,
    });
    prop::collection::vec(level1, 0..3)
}

/// Ids a project could have, whether or not it shows them.
fn candidate_ids() -> Vec<String> {
    let mut ids: Vec<String> = [
        "background",
        "goal",
        "budget",
        "summary",
        "goal_actual",
        "conclusion",
        "rectification",
        "other_notes",
        "scope",
        "method",
        "process",
        "experience",
        "problems.intro",
        "problems.empty",
        "improvements.intro",
        "improvements.list",
        "improvements.empty",
        "nonsense",
        "indicator.",
        "indicator.01",
        "problems.00",
    ]
    .map(str::to_string)
    .to_vec();
    for n in 0..4 {
        ids.push(format!("problems.{n}"));
        ids.push(format!("improvements.{n}"));
    }
    for id in 0..7 {
        ids.push(format!("indicator.{id}"));
    }
    for i in 0..3 {
        for j in 0..3 {
            ids.push(format!("level2.{i}.{j}"));
            for k in 0..4 {
                ids.push(format!("indicator.{i}.{j}.{k}"));
            }
        }
    }
    ids
}

fn any_project() -> impl Strategy<Value = Project> {
    (
        (text(), text(), text(), text(), text(), text()),
        (number_text(), number_text(), number_text(), number_text()),
        any_tree(),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(presets()),
        ),
        prop::collection::btree_map(prop::sample::select(candidate_ids()), text(), 0..6),
    )
        .prop_map(
            |(
                (name, year, background, goal_actual, other_notes, implementer),
                (initial, annual, executed, part),
                indicators,
                (problems, improvements),
                (ministry, yuan, rules),
                edits,
            )| {
                let mut p = Project {
                    name,
                    year,
                    background,
                    goal_actual,
                    other_notes,
                    implementer,
                    indicators,
                    problems,
                    improvements,
                    rules,
                    ..Project::default()
                };
                p.funds.total.initial_budget = initial;
                p.funds.total.annual_budget = annual;
                p.funds.total.executed = executed;
                p.funds.carried_over.annual_budget = part;
                p.money_unit = if yuan {
                    MoneyUnit::Yuan
                } else {
                    MoneyUnit::Wan
                };
                p.report.template = if ministry {
                    ReportTemplate::MinistryB
                } else {
                    ReportTemplate::CountyA
                };
                p.report.show_signature = yuan;
                p.report.edits = edits;
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(300)))]

    /// compose never panics; ids are unique; `paragraph_in_use` (which the
    /// prose check relies on) says exactly which ids the document shows; and
    /// the table is always a rectangular grid.
    #[test]
    fn compose_is_total_and_consistent(p in any_project()) {
        let (ev, doc) = composed(&p);
        let ids = paragraph_ids(&doc);
        let unique: HashSet<&String> = ids.iter().collect();
        prop_assert_eq!(unique.len(), ids.len(), "{:?}", ids);
        for id in &ids {
            prop_assert!(paragraph_in_use(&p, &ev, id), "{} shown but not in use", id);
        }
        for id in candidate_ids() {
            prop_assert_eq!(paragraph_in_use(&p, &ev, &id), unique.contains(&id), "{}", id);
        }
        for para in paragraphs(&doc) {
            match p.report.edits.get(&para.id) {
                // Shown as typed, less control characters (no output prints them).
                Some(edit) => prop_assert_eq!(&para.text, &crate::report::printable(edit.clone())),
                None => prop_assert_eq!(&para.text, &para.draft),
            }
        }
        assert_rectangular(table(&doc), 9);
        assert_rectangular(indicator_table(&doc), 8);
        let prose = edit_findings(&p, &ev);
        let all = checkup::run(&p, &ev);
        // The 体检 keeps the report's checks once they are due (自评).
        let stage = crate::monitor::stage(&p);
        for f in &prose {
            prop_assert!(f.path.to_string().starts_with("report."));
            prop_assert_eq!(all.contains(f), f.rule.due_at(stage));
        }
        let _ = to_plain_text(&doc);
    }
}
