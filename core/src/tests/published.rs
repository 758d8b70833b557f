//! Real published 自评表, typed in as published (odd characters, dashes for
//! "none", copied actuals, weights that do not add up), scored as the rules
//! say. Sources and transcription notes: `tests/fixtures/published/README.md`.
//! The expected figures are worked out by hand next to each assertion.

use crate::checkup;
use crate::finding::{Finding, Rule, Severity};
use crate::formats::json::exchange::import;
use crate::project::Project;
use crate::rules::Grade;
use crate::score::{Evaluation, evaluate};

fn load(file: &str) -> (Project, Evaluation, Vec<Finding>) {
    let path = super::repository()
        .join("tests/fixtures/published")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut projects = import(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let p = projects.remove(0);
    let ev = evaluate(&p);
    let findings = checkup::run(&p, &ev);
    (p, ev, findings)
}

fn scores(ev: &Evaluation) -> Vec<f64> {
    ev.indicators.iter().map(|s| s.score).collect()
}

fn has(findings: &[Finding], rule: Rule, path: &str) -> bool {
    findings
        .iter()
        .any(|f| f.rule == rule && f.path.to_string() == path)
}

/// 永德县明朗中学 2022 (元). Operators printed as ≧ (U+2267) and ═ (U+2550),
/// "—" in empty fund cells. Printed 96 / 优.
#[test]
fn yongde_minglang_2022() {
    let (_, ev, findings) = load("01-yongde-minglang-nutrition.json");
    // 执行率 387664.62 ÷ 387664.62 = 100% → 10 × 1 = 10.00
    assert_eq!(ev.execution.score, 10.0);
    // 735 ≥ ≧735; 100% ≥ ≧100; 100% ≥ ≧100 (printed 7, full by the rule);
    // 100% = ═100; 定性 有效 → 10; 政策知晓率 ═100, 98% → 10 × 98 ÷ 100 = 9.80;
    // 100% ≥ ≧100; 满意度 100% ≥ ≧95 twice.
    assert_eq!(
        scores(&ev),
        [10.0, 10.0, 10.0, 10.0, 10.0, 9.8, 10.0, 10.0, 10.0]
    );
    // 10.00 + 80.00 + 9.80 = 99.80 (printed 96), 优.
    assert_eq!(ev.total, 99.8);
    assert_eq!(ev.grade, Some(Grade::Excellent));
    // The one shortfall has no 偏差原因.
    assert!(has(
        &findings,
        Rule::IndicatorReasonBelowFull,
        "indicator.6.deviation_reason"
    ));
    // "—" is "none": the 其中 rows still add up, so no sum error.
    assert!(
        !findings
            .iter()
            .any(|f| f.path.to_string().starts_with("funds") && f.severity == Severity::Error)
    );
    // No look-alike left unread.
    assert!(
        !findings.iter().any(|f| f.rule == Rule::NumberUnreadable),
        "{findings:#?}"
    );
}

/// 中江县水利局 2022 (万元). 分值 add up to 110; every quantitative actual
/// is the target copied with its ≥. Printed 100 / 100.
#[test]
fn zhongjiang_2022() {
    let (_, ev, findings) = load("04-zhongjiang-water-gauges.json");
    // 执行率 20 ÷ 20 → 10.00; every indicator full (actuals read as the
    // figure after ≥): 10 + 10 + 20 + 10 + 10 + 10 + 10 + 10 + 10 = 100.
    assert_eq!(ev.execution.score, 10.0);
    assert!(
        scores(&ev)
            .iter()
            .zip(&ev.indicators)
            .all(|(s, i)| *s == i.weight)
    );
    // 10 + 100 = 110.00 on 110 points: no grade.
    assert_eq!(ev.total, 110.0);
    assert_eq!(ev.weight_total, 110.0);
    assert_eq!(ev.grade, None);
    assert!(has(&findings, Rule::OutcomeUngraded, "total"));
    assert!(has(&findings, Rule::WeightsTotalNot100, "indicators"));
    // Six actuals carry the target's ≥: copied, not measured.
    for id in [1, 2, 4, 5, 7, 9] {
        assert!(
            has(
                &findings,
                Rule::IndicatorActualCopiedTarget,
                &format!("indicator.{id}.actual")
            ),
            "indicator {id}"
        );
    }
    // 产出 70 and 效益 20 against the standard 50 and 30.
    assert!(has(
        &findings,
        Rule::WeightsLevel1DiffersFromRules,
        "indicators.0.weight"
    ));
    assert!(has(
        &findings,
        Rule::WeightsLevel1DiffersFromRules,
        "indicators.1.weight"
    ));
}

/// 天长市水利局 2022 (万元). 一级 names left blank; six indicators with
/// neither target nor actual; "-" in empty fund cells. Printed 100 / 100.
#[test]
fn tianchang_2022() {
    let (_, ev, findings) = load("05-tianchang-flood-defence.json");
    // 执行率 880 ÷ 880 → 10.00; 1 ≥ 1 twice → 10 + 10; six unscored → 0;
    // 满意度 100% ≥ 90% → 10.
    assert_eq!(
        scores(&ev),
        [10.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0]
    );
    // 10 + 20 + 10 = 40.00 on 100 points: 差 (printed 100).
    assert_eq!(ev.total, 40.0);
    assert_eq!(ev.grade, Some(Grade::Poor));
    for id in 3..=8 {
        assert!(has(
            &findings,
            Rule::IndicatorActualBlank,
            &format!("indicator.{id}.actual")
        ));
    }
    assert!(has(&findings, Rule::Level1NameBlank, "indicators.0.name"));
    assert!(has(&findings, Rule::OutcomeNeedsRectification, "total"));
    assert!(
        !findings
            .iter()
            .any(|f| f.path.to_string().starts_with("funds") && f.severity == Severity::Error)
    );
}

/// 稷山县医疗保障局 2020 (万元). Printed 94, whose own scores add to 93.
#[test]
fn jishan_2020() {
    let (_, ev, findings) = load("07-jishan-medical-insurance-match.json");
    // 执行率 65.07 ÷ 65.66 = 0.991014… → 10 × 0.991014 = 9.910 → 9.91
    assert_eq!(ev.execution.score, 9.91);
    // 15 × 8676 ÷ 8755 = 14.8646… → 14.86; the rest met: 15, 10, 10 (75元 ≤ 75元), 30, 10.
    assert_eq!(scores(&ev), [14.86, 15.0, 10.0, 10.0, 30.0, 10.0]);
    // 9.91 + 14.86 + 75 = 99.77, 优.
    assert_eq!(ev.total, 99.77);
    assert_eq!(ev.grade, Some(Grade::Excellent));
    // The shortfall is explained: no 偏差原因 error.
    assert!(!has(
        &findings,
        Rule::IndicatorReasonBelowFull,
        "indicator.1.deviation_reason"
    ));
}

/// 廊坊市食品工程学校 2019 (万元). Rates written without %; the money spent
/// counted again as a 数量指标. Printed scores 9 and 9 where the rule gives 8.62.
#[test]
fn langfang_2019() {
    let (_, ev, findings) = load("08-langfang-food-school-hvac.json");
    // 执行率 37.24 ÷ 43.2 = 0.862037… → 10 × 0.862037 = 8.62
    assert_eq!(ev.execution.score, 8.62);
    // 工程资金金额 10 × 37.24 ÷ 43.2 = 8.62; eight others 100 ≥ 100 → 10.
    assert_eq!(
        scores(&ev),
        [8.62, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]
    );
    // 8.62 + 8.62 + 80 = 97.24, 优.
    assert_eq!(ev.total, 97.24);
    assert_eq!(ev.grade, Some(Grade::Excellent));
    // 86.20% is below 90%: the 整改 hint; units missing on the rates.
    assert!(has(
        &findings,
        Rule::FundsExecutionRateLow,
        "funds.total.executed"
    ));
    assert!(has(&findings, Rule::IndicatorUnitBlank, "indicator.2.unit"));
}
