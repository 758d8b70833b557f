//! The 审核意见表 and a project's 审核意见 sheet, read by other software:
//! openpyxl finds one row per project with a column per category, and
//! LibreOffice prints the sheet on one A4 page.

use crate::formats::docx::review_docx;
use crate::formats::xlsx::review_xlsx;
use crate::project::Project;
use crate::review::{Choice, Verdict};
use crate::review_sheet::ReviewRow;
use crate::sample::example_project;

fn reviewed(n: usize) -> Project {
    let mut p = example_project();
    p.id = format!("p{n}");
    p.name = format!("审核项目{n}");
    if n.is_multiple_of(2) {
        p.goal_expected = String::new();
    }
    p.add_opinion(
        "完整性".into(),
        format!("第{n}个项目：测算依据未列明单价×数量"),
    );
    p.add_opinion("可测性".into(), "“明显提升”改为可量化的指标值".into());
    p.set_verdict(Some(if n.is_multiple_of(3) {
        Verdict::Pass
    } else {
        Verdict::Return
    }));
    p
}

#[test]
fn the_review_table_has_a_row_per_project_and_the_sheet_prints_on_a4() {
    let projects: Vec<Project> = (1..=5).map(reviewed).collect();
    let mut edited = projects[1].clone();
    let row = ReviewRow::of(&edited);
    let line = row.lines.first().expect("a finding to decide on").clone();
    edited.decide_finding(
        line.rule,
        &line.path,
        Some(Choice::Edited("改写后的意见".into())),
    );
    let rows: Vec<ReviewRow> = [
        &projects[0],
        &edited,
        &projects[2],
        &projects[3],
        &projects[4],
    ]
    .into_iter()
    .map(ReviewRow::of)
    .collect();
    let files = vec![
        ("审核意见表.xlsx".to_string(), review_xlsx(&rows)),
        ("审核意见.docx".to_string(), review_docx(&edited)),
    ];
    let reports = super::consumers::read_back_rendered(&files);
    for report in &reports {
        assert_eq!(report["audit"], serde_json::json!([]), "{}", report["path"]);
    }

    let sheets = reports[0]["sheets"].as_object().unwrap();
    let (_, sheet) = sheets.iter().next().unwrap();
    let cells = sheet["cells"].as_object().unwrap();
    let text = |at: &str| {
        cells
            .get(at)
            .map_or(String::new(), |v| match (&v["text"], &v["number"]) {
                (serde_json::Value::String(t), _) => t.clone(),
                (_, n) => n.as_f64().map_or(String::new(), |n| n.to_string()),
            })
    };
    // A head row, then one row per project, in order.
    let heads: Vec<String> = (b'A'..=b'Z')
        .map(|c| text(&format!("{}1", c as char)))
        .collect();
    assert_eq!(
        &heads[..5],
        [
            "序号",
            "项目编码",
            "项目名称",
            "申报单位",
            "申报金额（万元）"
        ]
    );
    let column = |head: &str| {
        let n = heads
            .iter()
            .position(|h| h == head)
            .unwrap_or_else(|| panic!("{head} in {heads:?}"));
        (b'A' + n as u8) as char
    };
    assert!(heads.contains(&"可测性意见".to_string()));
    for (n, row) in rows.iter().enumerate() {
        let r = n + 2;
        assert_eq!(text(&format!("C{r}")), row.name);
        assert_eq!(text(&format!("{}{r}", column("审核结论"))), row.conclusion);
        let completeness = text(&format!("{}{r}", column("完整性意见")));
        assert!(completeness.starts_with("1. "), "{completeness}");
        assert!(
            completeness.contains(&format!("第{}个项目", n + 1)),
            "{completeness}"
        );
    }
    assert_eq!(text(&format!("C{}", rows.len() + 1)), rows[4].name);
    assert_eq!(
        text(&format!("C{}", rows.len() + 2)),
        "",
        "nothing after the last project"
    );
    let all: String = cells.values().filter_map(|v| v["text"].as_str()).collect();
    assert!(
        all.contains("改写后的意见"),
        "the reviewer's wording replaces the finding's"
    );

    // The per-project sheet: its title once, one A4 page, portrait, with its opinions.
    let titles = reports[1]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("项目支出绩效目标审核意见")
        })
        .count();
    assert_eq!(titles, 1);
    let pages = reports[1]["pdf"]["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 1);
    let (_, _, landscape) = super::consumers::a4_page(&pages[0]);
    assert!(!landscape);
    let words: String = pages[0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["text"].as_str())
        .collect();
    for expected in [
        "审核意见",
        "审核项目2",
        "改写后的意见",
        "退回修改",
        "审核人",
    ] {
        assert!(words.contains(expected), "{expected} in {words}");
    }
}
