//! 年度复制 over generated projects: an untouched copy scores nothing (no
//! actuals), nothing of last year's actuals leaks into it, and it travels
//! through the exchange format with its record of last year.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use crate::formats::json::exchange;
use crate::score::{Attainment, evaluate};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(64)))]

    /// Whatever was typed into the monitoring form: a light only where
    /// something was entered, one status per indicator in table order, and
    /// the 监控表 and 目标表 compose.
    #[test]
    fn monitoring_judges_only_what_was_entered(p in super::common::project()) {
        let Some(status) = crate::monitor::assess(&p) else {
            prop_assert!(p.monitoring.is_none());
            return Ok(());
        };
        let ids: Vec<u64> = p.indicators_in_order().map(|(_, i)| i.id).collect();
        prop_assert_eq!(status.indicators.iter().map(|s| s.id).collect::<Vec<_>>(), ids);
        let m = p.monitoring.as_ref().unwrap();
        for s in &status.indicators {
            if !m.indicators.iter().any(|e| e.id == s.id) {
                prop_assert_eq!(s.light, None);
            }
        }
        prop_assert!(status.light >= status.funds_light);
        prop_assert!(crate::report::monitoring_document(&p).is_some());
        prop_assert_eq!(crate::report::targets_document(&p).tables().count(), 2);
    }

    #[test]
    fn an_untouched_copy_scores_nothing_and_keeps_no_actual(p in super::common::project()) {
        let next = p.next_year_copy(&evaluate(&p), "next".into(), 1.0);
        let e = evaluate(&next);
        for s in &e.indicators {
            prop_assert_eq!(s.attainment, Attainment::NotScored, "{}", s.explanation);
            prop_assert_eq!(s.score, 0.0);
        }
        for (_, ind) in next.indicators_in_order() {
            prop_assert!(ind.actual.is_blank());
            prop_assert!(ind.qualitative_grade.is_none());
            prop_assert!(ind.deviation_reason.is_empty() && ind.stated_score.is_empty());
            // This year's approvals and monitoring stay with this year.
            prop_assert!(ind.adjustments.is_empty());
        }
        prop_assert!(next.monitoring.is_none());
        prop_assert_eq!(crate::monitor::stage(&next), crate::monitor::Stage::Targets);
        prop_assert!(next.funds.total.executed.is_blank());
        let prior = next.prior.clone().unwrap();
        prop_assert_eq!(prior.indicators.len(), p.indicators_in_order().count());
        // Through an exchange file and back: the same document.
        let original = Project { id: "this-year".into(), ..p.clone() };
        let text = exchange::export(std::slice::from_ref(&original), "2026-01-01T00:00:00Z");
        let back = exchange::import(&text).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(&back[0], &original, "the original with its monitoring and adjustments");
        let text = exchange::export(std::slice::from_ref(&next), "2026-01-01T00:00:00Z");
        let back = exchange::import(&text).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(&back[0], &next);
    }
}

// ---- the year's tables, read and rendered by other software ---------------

use crate::cycle::AdjustmentRequest;
use crate::formats::json::schema;
use crate::formats::xlsx::{monitoring_xlsx, targets_xlsx};
use crate::monitor::{self, Light};
use crate::project::{Likelihood, MonitoredIndicator, NumberText, Project};
use crate::sample::example_project;

/// The example copied to 2025, monitored at 31 July with two indicators
/// behind (one red, one yellow), and one target adjusted with a 文号.
fn monitored_2025() -> Project {
    let p = example_project();
    let mut next = p.next_year_copy(&evaluate(&p), "n2025".into(), 0.0);
    next.funds.total.initial_budget = NumberText::new("30");
    next.funds.total.annual_budget = NumberText::new("30");
    next.monitoring = Some(monitor::start(&next));
    let m = next.monitoring.as_mut().unwrap();
    m.executed = NumberText::new("16");
    m.forecast = NumberText::new("30");
    m.indicators = vec![
        MonitoredIndicator {
            id: 2,
            progress: NumberText::new("60"),
            forecast: NumberText::new("190"),
            cause: "硬件条件保障".into(),
            likelihood: Some(Likelihood::Possible),
            remedy: "追加终端采购，9月底前完成部署".into(),
        },
        MonitoredIndicator {
            id: 4,
            progress: NumberText::new("92"),
            cause: "制度保障".into(),
            likelihood: Some(Likelihood::Certain),
            ..MonitoredIndicator::default()
        },
    ];
    next.adjust_indicator(
        2,
        AdjustmentRequest {
            target: "≥190".into(),
            date: "2025-08-15".into(),
            reason: "部分科室合并，终端需求减少".into(),
            approval: "县财预〔2025〕18号".into(),
            ..AdjustmentRequest::default()
        },
    )
    .unwrap();
    next
}

#[test]
fn monitoring_lights_the_two_lagging_indicators() {
    let p = monitored_2025();
    let status = monitor::assess(&p).unwrap();
    let lagging: Vec<(u64, Option<Light>)> =
        status.lagging().iter().map(|s| (s.id, s.light)).collect();
    // 60 of ≥190 台 is 31.6% of the target at 58.1% of the year: red;
    // 资金支付及时率 92% against ≥100%: yellow.
    assert_eq!(
        lagging,
        vec![(2, Some(Light::Red)), (4, Some(Light::Yellow))]
    );
    assert_eq!(status.light, Some(Light::Red));
}

fn sheet_texts(report: &serde_json::Value) -> Vec<String> {
    let sheets = report["sheets"].as_object().unwrap();
    let (_, sheet) = sheets.iter().next().unwrap();
    sheet["cells"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| match (&v["text"], &v["number"]) {
            (serde_json::Value::String(t), _) => t.clone(),
            (_, n) => format!("{}", n.as_f64().unwrap()),
        })
        .collect()
}

#[test]
fn the_targets_and_monitoring_sheets_open_elsewhere_and_print_on_a4() {
    let p = monitored_2025();
    let files = vec![
        ("目标表.xlsx".to_string(), targets_xlsx(&p)),
        ("监控表.xlsx".to_string(), monitoring_xlsx(&p).unwrap()),
    ];
    let reports = super::consumers::read_back_rendered(&files);
    for report in &reports {
        assert_eq!(report["audit"], serde_json::json!([]), "{}", report["path"]);
    }
    let targets = sheet_texts(&reports[0]);
    for expected in [
        "项目支出绩效目标申报表（2025 年度）",
        "保障网络终端数量",
        "≥200",
        "≥ 正向",
        "30",
    ] {
        assert!(
            targets.iter().any(|t| t == expected),
            "{expected} in {targets:?}"
        );
    }
    let monitoring = sheet_texts(&reports[1]);
    for expected in [
        "项目支出绩效目标执行监控表（2025 年度）",
        "2025年7月31日",
        "1-7月完成情况",
        "≥190 台",
        "硬件条件保障",
        "有可能",
        "红灯",
        "黄灯",
        "16",
    ] {
        assert!(
            monitoring.iter().any(|t| t == expected),
            "{expected} in {monitoring:?}"
        );
    }
    // One A4 page each: the 目标表 upright, the 监控表 landscape, every word
    // inside the page.
    for (report, landscape) in reports.iter().zip([false, true]) {
        let pages = report["pdf"]["pages"].as_array().unwrap();
        assert_eq!(pages.len(), 1, "{}", report["path"]);
        let (w, _, is_landscape) = super::consumers::a4_page(&pages[0]);
        assert_eq!(is_landscape, landscape, "{}", report["path"]);
        for word in pages[0]["words"].as_array().unwrap() {
            let at = |k: &str| word[k].as_f64().unwrap();
            assert!(
                at("x") >= 1.1 * 72.0 - 2.0 && at("x2") <= w - 1.02 * 72.0 + 2.0,
                "{word}"
            );
        }
    }
}

/// A record stored before the year's cycle existed (schema 2) loads with
/// the lights' default thresholds and nothing else changed; a v3 record
/// with monitoring and adjustments round-trips exactly.
#[test]
fn records_from_before_the_cycle_load_unchanged() {
    let p = example_project();
    let mut v2 = schema::project_to_value(&p);
    v2["schema_version"] = serde_json::json!(2);
    v2["rules"].as_object_mut().unwrap().remove("monitoring");
    let text = serde_json::to_string(&v2).unwrap();
    let loaded = schema::load_project_json(&text).unwrap();
    assert_eq!(loaded, p);
    assert_eq!(loaded.rules.monitoring.yellow_behind, 10.0);
    assert!(loaded.monitoring.is_none());

    let q = monitored_2025();
    let text = schema::to_json(&q);
    assert!(text.contains("\"adjustments\"") && text.contains("\"monitoring\""));
    assert_eq!(schema::load_project_json(&text).unwrap(), q);
    let file = exchange::export(std::slice::from_ref(&q), "2026-01-01T00:00:00Z");
    assert_eq!(exchange::import(&file).unwrap()[0], q);
}

/// The 申报表 fields, a 不适用 二级 and an 指标解释 column in the 目标表 as
/// Excel and Word read them, and the Word one printed on A4 by LibreOffice.
#[test]
fn the_declaration_prints_in_the_targets_xlsx_and_docx() {
    use crate::formats::docx::targets_docx;
    let mut p = monitored_2025();
    p.declaration.code = "440105230001".into();
    p.declaration.policy_basis = "《关于加强预算绩效管理的意见》".into();
    p.declaration.year_amount = NumberText::new("30");
    p.indicators[0].groups[0].indicators[0].notes.explanation = "在网终端台数".into();
    let i = p.indicators.len() - 1;
    let j = p.add_level2(i).unwrap();
    p.indicators[i].groups[j].name = "生态效益指标".into();
    p.indicators[i].groups[j].not_applicable = true;
    let files = vec![
        ("目标表.xlsx".to_string(), targets_xlsx(&p)),
        ("目标表.docx".to_string(), targets_docx(&p)),
    ];
    let reports = super::consumers::read_back_rendered(&files);
    for report in &reports {
        assert_eq!(report["audit"], serde_json::json!([]), "{}", report["path"]);
    }
    let cells = sheet_texts(&reports[0]);
    let word: Vec<String> = reports[1]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["cells"].as_array().unwrap().iter())
        .flat_map(|row| row.as_array().unwrap().iter())
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    for texts in [&cells, &word] {
        for expected in [
            "440105230001",
            "《关于加强预算绩效管理的意见》",
            "指标解释",
            "在网终端台数",
            "不适用",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} in {texts:?}"
            );
        }
    }
    let titles = reports[1]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("项目支出绩效目标申报表")
        })
        .count();
    assert_eq!(titles, 1, "the title printed once");
    let pages = reports[1]["pdf"]["pages"].as_array().unwrap();
    assert!(!pages.is_empty());
    for page in pages {
        let (_, _, landscape) = super::consumers::a4_page(page);
        assert!(!landscape);
    }
}
