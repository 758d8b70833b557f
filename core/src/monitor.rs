//! 运行监控: where a project stands at a cut-off date during the year (by
//! custom 7月31日), and which of its indicators are likely to miss. Each
//! indicator and the project get a light: 红灯 (will miss, or far behind the
//! year), 黄灯 (behind, or uncertain), 绿灯. The thresholds are rule data
//! ([`MonitoringRules`]), edited with the scoring rules.

use super::date::{Date, parse_year};
use super::finding::{Finding, Rule};
use super::number::{figure, format_percent, parse_number};
pub use super::path::MonitorField;
use super::path::{FieldPath, FundsColumn, FundsLine, IndicatorField};
use super::project::{IndicatorKind, Likelihood, MonitoredIndicator, Monitoring, Project};
use super::rules::MonitoringRules;
pub use super::stage::Stage;

/// A warning light, ordered by severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => "绿灯",
            Light::Yellow => "黄灯",
            Light::Red => "红灯",
        }
    }

    /// The class the views colour it by.
    pub fn class(self) -> &'static str {
        match self {
            Light::Green => "light-green",
            Light::Yellow => "light-yellow",
            Light::Red => "light-red",
        }
    }
}

/// The label of an optional light: "—" when there is nothing to judge.
pub fn light_label(light: Option<Light>) -> &'static str {
    light.map_or("—", Light::label)
}

pub fn stage(project: &Project) -> Stage {
    let year_end = !project.funds.total.executed.is_blank()
        || !project.goal_actual.trim().is_empty()
        || project
            .indicators_in_order()
            .any(|(_, ind)| !ind.actual.is_blank() || ind.qualitative_grade.is_some());
    if year_end {
        Stage::SelfEvaluation
    } else if project.monitoring.is_some() {
        Stage::Monitoring
    } else {
        Stage::Targets
    }
}

/// The project's year as a number, when it is one.
pub fn project_year(project: &Project) -> Option<i32> {
    parse_year(&project.year)
}

/// 7月31日 of the project's year (the usual cut-off), as a date input wants it.
pub fn default_cutoff(project: &Project) -> String {
    project_year(project).map_or_else(String::new, |y| format!("{y}-07-31"))
}

/// The monitoring a project starts with: the usual cut-off, nothing filled.
pub fn start(project: &Project) -> Monitoring {
    Monitoring {
        cutoff: default_cutoff(project),
        ..Monitoring::default()
    }
}

impl Project {
    /// Starts monitoring (cut-off 7月31日 of the project's year); a project
    /// already monitored keeps what it has.
    pub fn start_monitoring(&mut self) {
        if self.monitoring.is_none() {
            self.monitoring = Some(start(self));
        }
    }
}

impl Project {
    /// Sets a light's threshold (percentage points behind time progress).
    /// Not a change of the scoring: the rule set is not marked as modified.
    /// Refused unless 0 ≤ yellow < red ≤ 100.
    pub fn set_light_threshold(&mut self, red: bool, value: f64) -> Result<(), String> {
        let m = &self.rules.monitoring;
        let (yellow, red_value) = if red {
            (m.yellow_behind, value)
        } else {
            (value, m.red_behind)
        };
        if !(0.0..=100.0).contains(&value) {
            return Err("应在 0 到 100 个百分点之间".to_string());
        }
        if yellow >= red_value {
            return Err("黄灯的百分点应小于红灯的".to_string());
        }
        let m = &mut self.rules.monitoring;
        if red {
            m.red_behind = value;
        } else {
            m.yellow_behind = value;
        }
        Ok(())
    }
}

/// The 体检 of the monitoring form as typed, each finding at its field
/// (where the form shows it): the cut-off, and each figure that cannot be
/// read (its text is kept; "" and words that are a figure are fine).
/// Nothing for a project not under monitoring.
pub fn form_findings(project: &Project) -> Vec<Finding> {
    let Some(m) = &project.monitoring else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some((rule, message)) = cutoff_problem(project, &m.cutoff) {
        out.push(Finding::new(
            rule,
            FieldPath::Monitoring(MonitorField::Cutoff),
            message,
        ));
    }
    // A 定性 row's progress and forecast are words, not figures.
    let rows = project
        .indicators_in_order()
        .filter(|(_, ind)| ind.kind != IndicatorKind::Qualitative)
        .flat_map(|(_, ind)| {
            [
                MonitorField::Progress(ind.id),
                MonitorField::IndicatorForecast(ind.id),
            ]
        });
    for field in [MonitorField::Executed, MonitorField::Forecast]
        .into_iter()
        .chain(rows)
    {
        if let Err(e) = parse_number(&project.monitoring_text(field)) {
            out.push(Finding::new(
                Rule::MonitorFigureUnreadable,
                FieldPath::Monitoring(field),
                e.message(),
            ));
        }
    }
    out
}

/// Which rule the cut-off date breaks, and how the form says it.
fn cutoff_problem(project: &Project, cutoff: &str) -> Option<(Rule, String)> {
    let text = cutoff.trim();
    if text.is_empty() {
        return Some((Rule::MonitorCutoffBlank, "请填写监控截止日期".to_string()));
    }
    let Some(date) = Date::parse(text) else {
        return Some((
            Rule::MonitorCutoffUnreadable,
            format!("“{text}”不是日期，请按 2025-07-31 的格式填写"),
        ));
    };
    match project_year(project) {
        Some(y) if date.year != y => Some((
            Rule::MonitorCutoffOutsideYear,
            format!(
                "截止日期不在项目年度（{y} 年）内，时间进度按{}计",
                if date.year < y { " 0%" } else { " 100%" }
            ),
        )),
        _ => None,
    }
}

/// One indicator's light and why.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorStatus {
    pub id: u64,
    /// `None`: nothing entered to judge by.
    pub light: Option<Light>,
    /// 完成进度: progress ÷ target, for a target that accumulates over the year.
    pub completion: Option<f64>,
    /// Why the light is not green (none when green or unjudged), each
    /// reason a finding of a `monitor.*` rule at the indicator's target.
    pub findings: Vec<Finding>,
}

impl IndicatorStatus {
    /// The reasons in words, as the form and the 监控表 show them.
    pub fn why(&self) -> String {
        reasons(&self.findings)
    }
}

fn reasons(findings: &[Finding]) -> String {
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    messages.join("；")
}

/// The whole project at the cut-off.
#[derive(Clone, Debug, PartialEq)]
pub struct MonitoringStatus {
    pub cutoff: Option<Date>,
    /// 时间进度: the share of the year gone by at the cut-off.
    pub time: Option<f64>,
    /// 执行进度: executed ÷ 全年预算数 (else 年初预算数).
    pub execution: Option<f64>,
    pub funds_light: Option<Light>,
    /// Why the funds' light is not green, as findings at the 执行数.
    pub funds_findings: Vec<Finding>,
    /// In table order.
    pub indicators: Vec<IndicatorStatus>,
    /// The worst light of the funds and the indicators.
    pub light: Option<Light>,
}

impl MonitoringStatus {
    /// Indicators with a yellow or red light, red first, then in table order.
    pub fn lagging(&self) -> Vec<&IndicatorStatus> {
        let mut out: Vec<&IndicatorStatus> = self
            .indicators
            .iter()
            .filter(|s| s.light >= Some(Light::Yellow))
            .collect();
        crate::sorting::sort_by_key(&mut out, |s| std::cmp::Reverse(s.light));
        out
    }

    pub fn of(&self, id: u64) -> Option<&IndicatorStatus> {
        self.indicators.iter().find(|s| s.id == id)
    }

    pub fn funds_why(&self) -> String {
        reasons(&self.funds_findings)
    }
}

/// How far `progress` (a share) is behind `time`, in percentage points.
fn behind(time: f64, progress: f64) -> f64 {
    (time - progress) * 100.0
}

fn light_for_gap(gap: f64, rules: &MonitoringRules) -> Light {
    if gap >= rules.red_behind {
        Light::Red
    } else if gap >= rules.yellow_behind {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// A light with its reasons, keeping the worst; a reason is kept only for
/// a light that is not green.
struct Verdict {
    at: FieldPath,
    light: Option<Light>,
    findings: Vec<Finding>,
}

impl Verdict {
    fn new(at: FieldPath) -> Self {
        Self {
            at,
            light: None,
            findings: Vec::new(),
        }
    }

    fn green(&mut self) {
        self.light = self.light.max(Some(Light::Green));
    }

    fn add(&mut self, light: Light, rule: Rule, why: String) {
        self.light = self.light.max(Some(light));
        if light > Light::Green {
            self.findings.push(Finding::new(rule, self.at.clone(), why));
        }
    }
}

/// Which way a target points, read as the scoring reads it (`score.rs`):
/// `=` is "at least" except `=0`, which is a ceiling; `±x` is a ceiling on
/// the size of the deviation.
#[derive(Clone, Copy, PartialEq)]
enum Direction {
    AtLeast { strict: bool },
    AtMost { strict: bool },
    Within,
}

fn direction(kind: IndicatorKind, target: f64) -> Option<Direction> {
    Some(match kind {
        IndicatorKind::AtLeast | IndicatorKind::Satisfaction => {
            Direction::AtLeast { strict: false }
        }
        IndicatorKind::Equal if target != 0.0 => Direction::AtLeast { strict: false },
        IndicatorKind::MoreThan => Direction::AtLeast { strict: true },
        IndicatorKind::Equal | IndicatorKind::AtMost => Direction::AtMost { strict: false },
        IndicatorKind::LessThan => Direction::AtMost { strict: true },
        IndicatorKind::Deviation => Direction::Within,
        // A date is not a quantity to be on course towards.
        IndicatorKind::Qualitative | IndicatorKind::Deadline => return None,
    })
}

impl Direction {
    fn reaches(self, value: f64, target: f64) -> bool {
        match self {
            Direction::AtLeast { strict: false } => value >= target,
            Direction::AtLeast { strict: true } => value > target,
            Direction::AtMost { strict: false } => value <= target,
            Direction::AtMost { strict: true } => value < target,
            Direction::Within => value.abs() <= target.abs() + 1e-9 * target.abs().max(1.0),
        }
    }

    /// What missing it is called: falling short of a floor, passing a ceiling.
    fn miss(self) -> &'static str {
        match self {
            Direction::AtLeast { .. } => "达不到",
            Direction::AtMost { .. } | Direction::Within => "超出",
        }
    }
}

/// A rate (%, ％, ‰): compared with its target, not with the time gone by.
/// The unit is the indicator's, else the one written with the target, as
/// the scoring takes it.
fn is_rate(ind: &super::project::Indicator) -> bool {
    let unit = match ind.unit.trim() {
        "" => parse_number(ind.target.as_str())
            .ok()
            .flatten()
            .and_then(|n| n.unit)
            .unwrap_or_default(),
        unit => unit.to_string(),
    };
    matches!(unit.as_str(), "%" | "％" | "‰")
}

fn indicator_status(
    project: &Project,
    id: u64,
    entry: Option<&MonitoredIndicator>,
    time: Option<f64>,
) -> IndicatorStatus {
    let rules = &project.rules.monitoring;
    let mut verdict = Verdict::new(FieldPath::Indicator(id, IndicatorField::Target));
    let mut completion = None;
    if let (Some(ind), Some(m)) = (project.indicator(id), entry) {
        let target = figure(ind.target.as_str());
        let target_text = ind.target.as_str().trim();
        match m.likelihood {
            Some(Likelihood::Impossible) => {
                verdict.add(
                    Light::Red,
                    Rule::MonitorJudgedImpossible,
                    "完成目标可能性为“完全不可能”".into(),
                );
            }
            Some(Likelihood::Possible) => {
                verdict.add(
                    Light::Yellow,
                    Rule::MonitorJudgedUncertain,
                    "完成目标可能性为“有可能”".into(),
                );
            }
            Some(Likelihood::Certain) => verdict.green(),
            None => {}
        }
        let way = target.and_then(|t| Some((t, direction(ind.kind, t)?)));
        if let (Some(forecast), Some((target, way))) = (figure(m.forecast.as_str()), way) {
            if way.reaches(forecast, target) {
                verdict.green();
            } else {
                verdict.add(
                    Light::Red,
                    Rule::MonitorForecastMisses,
                    format!(
                        "全年预计完成值 {} {}年度指标值 {target_text}",
                        m.forecast.as_str().trim(),
                        way.miss()
                    ),
                );
            }
        }
        if let (Some(progress), Some((target, way))) = (figure(m.progress.as_str()), way) {
            // A count or amount builds up over the year and is compared with
            // the time gone by; a rate or a satisfaction is compared with
            // the target itself; a ceiling is missed once passed.
            let accumulates = matches!(way, Direction::AtLeast { .. })
                && ind.kind != IndicatorKind::Satisfaction
                && !is_rate(ind)
                && target > 0.0;
            if accumulates {
                let share = progress / target;
                completion = Some(share);
                if let Some(time) = time {
                    let gap = behind(time, share);
                    verdict.add(
                        light_for_gap(gap, rules),
                        Rule::MonitorIndicatorBehindTime,
                        format!(
                            "完成进度 {} 落后时间进度 {} 达 {:.1} 个百分点",
                            format_percent(share),
                            format_percent(time),
                            gap
                        ),
                    );
                }
            } else if way.reaches(progress, target) {
                verdict.green();
            } else if matches!(way, Direction::AtLeast { .. }) {
                verdict.add(
                    Light::Yellow,
                    Rule::MonitorProgressShort,
                    format!(
                        "截至目前 {} 未达到年度指标值 {target_text}",
                        m.progress.as_str().trim()
                    ),
                );
            } else {
                verdict.add(
                    Light::Red,
                    Rule::MonitorProgressOver,
                    format!(
                        "截至目前 {} 已超出年度指标值 {target_text}",
                        m.progress.as_str().trim()
                    ),
                );
            }
        }
    }
    IndicatorStatus {
        id,
        light: verdict.light,
        completion,
        findings: verdict.findings,
    }
}

/// The lights of a project under monitoring; `None` when it is not.
pub fn assess(project: &Project) -> Option<MonitoringStatus> {
    let m = project.monitoring.as_ref()?;
    let rules = &project.rules.monitoring;
    let cutoff = Date::parse(&m.cutoff);
    // A cut-off outside the project's year (a slip in the date picker) is
    // the year not begun or over, not a share of another year.
    let time = cutoff.map(|d| match project_year(project) {
        Some(y) if d.year < y => 0.0,
        Some(y) if d.year > y => 1.0,
        _ => d.year_progress(),
    });
    let budget = project
        .amount(FundsLine::Total, FundsColumn::Annual)
        .or_else(|| project.amount(FundsLine::Total, FundsColumn::Initial))
        .filter(|b| *b > 0.0);
    let read = |text| project.money_unit.figure(text);
    let execution = budget.and_then(|b| Some(read(&m.executed)? / b));
    let mut funds = Verdict::new(FieldPath::Funds(FundsLine::Total, FundsColumn::Executed));
    if let (Some(rate), Some(time)) = (execution, time) {
        let gap = behind(time, rate);
        funds.add(
            light_for_gap(gap, rules),
            Rule::MonitorFundsBehindTime,
            format!(
                "执行进度 {} 落后时间进度 {} 达 {:.1} 个百分点",
                format_percent(rate),
                format_percent(time),
                gap
            ),
        );
    }
    if let Some(rate) = budget.and_then(|b| Some(read(&m.forecast)? / b)) {
        let floor = project.rules.low_execution_rate;
        if rate * 100.0 < floor {
            funds.add(
                Light::Yellow,
                Rule::MonitorFundsForecastLow,
                format!(
                    "全年预计执行率 {} 低于 {}%",
                    format_percent(rate),
                    super::number::format_value(floor)
                ),
            );
        }
    }
    let indicators: Vec<IndicatorStatus> = project
        .indicators_in_order()
        .map(|(_, ind)| {
            let entry = m.indicators.iter().find(|e| e.id == ind.id);
            indicator_status(project, ind.id, entry, time)
        })
        .collect();
    let light = indicators
        .iter()
        .map(|s| s.light)
        .chain([funds.light])
        .max()
        .flatten();
    Some(MonitoringStatus {
        cutoff,
        time,
        execution,
        funds_light: funds.light,
        funds_findings: funds.findings,
        indicators,
        light,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::NumberText;
    use crate::sample::example_project;

    fn monitored(p: &mut Project, name: &str, progress: &str, forecast: &str) -> u64 {
        let id = p
            .indicators_in_order()
            .find(|(_, i)| i.name == name)
            .map(|(_, i)| i.id)
            .unwrap();
        let m = p.monitoring.get_or_insert_with(Monitoring::default);
        m.indicators.push(MonitoredIndicator {
            id,
            progress: NumberText::new(progress),
            forecast: NumberText::new(forecast),
            ..MonitoredIndicator::default()
        });
        id
    }

    #[test]
    fn the_stage_follows_what_is_filled_in() {
        let p = example_project();
        assert_eq!(stage(&p), Stage::SelfEvaluation);
        let next = p.next_year_copy(&crate::score::evaluate(&p), "n".into(), 0.0);
        assert_eq!(stage(&next), Stage::Targets);
        let mut m = next.clone();
        m.monitoring = Some(start(&m));
        assert_eq!(m.monitoring.as_ref().unwrap().cutoff, "2025-07-31");
        assert_eq!(stage(&m), Stage::Monitoring);
        assert!(assess(&next).is_none());
    }

    #[test]
    fn lights_compare_progress_with_the_year_gone_by() {
        let p = example_project();
        let mut p = p.next_year_copy(&crate::score::evaluate(&p), "n".into(), 0.0);
        p.monitoring = Some(start(&p));
        // ≥200 台 by 31 July (58.1% of the year): 120 台 is 60% → green;
        // 100 台 is 50%, 8.1 points behind → still green; 80 台 is 40%,
        // 18.1 behind → yellow; 60 台 is 30%, 28.1 behind → red.
        let terminals = monitored(&mut p, "保障网络终端数量", "120", "");
        let light = |p: &Project| assess(p).unwrap().of(terminals).unwrap().light;
        assert_eq!(light(&p), Some(Light::Green));
        for (progress, expected) in [
            ("100", Light::Green),
            ("80", Light::Yellow),
            ("60", Light::Red),
        ] {
            p.monitoring.as_mut().unwrap().indicators[0].progress = NumberText::new(progress);
            assert_eq!(light(&p), Some(expected), "{progress}");
        }
        let status = assess(&p).unwrap();
        let behind = &status.of(terminals).unwrap().findings;
        assert_eq!(behind.len(), 1);
        assert_eq!(behind[0].rule, Rule::MonitorIndicatorBehindTime);
        for figure in ["30.00%", "58.08%", "28.1"] {
            assert!(behind[0].message.contains(figure), "{figure}");
        }
        assert_eq!(status.light, Some(Light::Red));
        assert_eq!(status.lagging().len(), 1);

        // The thresholds are the rule set's, set without marking the
        // scoring rules as modified; yellow stays below red.
        let name = p.rules.name.clone();
        assert_eq!(p.set_light_threshold(true, 30.0), Ok(()));
        assert_eq!(light(&p), Some(Light::Yellow));
        assert_eq!(p.rules.name, name);
        assert!(p.set_light_threshold(false, 30.0).is_err());
        assert!(p.set_light_threshold(true, 120.0).is_err());
        assert_eq!(p.rules.monitoring.yellow_behind, 10.0);

        // A forecast that misses the target is red whatever the progress.
        p.monitoring.as_mut().unwrap().indicators[0] = MonitoredIndicator {
            id: terminals,
            progress: NumberText::new("150"),
            forecast: NumberText::new("190"),
            ..MonitoredIndicator::default()
        };
        assert_eq!(light(&p), Some(Light::Red));
        let status = assess(&p).unwrap();
        let misses = &status.of(terminals).unwrap().findings;
        assert_eq!(misses[0].rule, Rule::MonitorForecastMisses);
        assert!(misses[0].message.contains("190") && misses[0].message.contains("≥200"));
    }

    #[test]
    fn rates_ceilings_and_likelihood() {
        let p = example_project();
        let mut p = p.next_year_copy(&crate::score::evaluate(&p), "n".into(), 0.0);
        p.monitoring = Some(start(&p));
        let status_of = |p: &Project, id| assess(p).unwrap().of(id).unwrap().clone();
        // A rate is compared with its target, not with the time gone by.
        let satisfaction = monitored(&mut p, "资金支付及时率", "88", "");
        let s = status_of(&p, satisfaction);
        assert_eq!(s.light, Some(Light::Yellow), "{s:?}");
        assert_eq!(s.completion, None);
        assert_eq!(s.findings[0].rule, Rule::MonitorProgressShort);
        p.monitoring.as_mut().unwrap().indicators[0].progress = NumberText::new("100");
        assert_eq!(status_of(&p, satisfaction).light, Some(Light::Green));
        // 完全不可能 is red, 有可能 at least yellow.
        let rules =
            |s: IndicatorStatus| -> Vec<Rule> { s.findings.iter().map(|f| f.rule).collect() };
        p.monitoring.as_mut().unwrap().indicators[0].likelihood = Some(Likelihood::Impossible);
        assert_eq!(status_of(&p, satisfaction).light, Some(Light::Red));
        assert_eq!(
            rules(status_of(&p, satisfaction)),
            [Rule::MonitorJudgedImpossible]
        );
        p.monitoring.as_mut().unwrap().indicators[0].likelihood = Some(Likelihood::Possible);
        assert_eq!(status_of(&p, satisfaction).light, Some(Light::Yellow));
        assert_eq!(
            rules(status_of(&p, satisfaction)),
            [Rule::MonitorJudgedUncertain]
        );
        // Nothing entered: nothing to judge.
        let (_, other) = p
            .indicators_in_order()
            .find(|(_, i)| i.id != satisfaction)
            .unwrap();
        assert_eq!(status_of(&p, other.id).light, None);
    }

    #[test]
    fn the_form_writes_what_is_typed() {
        let mut p = example_project();
        p.start_monitoring();
        p.set_monitoring(MonitorField::Progress(2), "12O".into());
        p.set_monitoring(MonitorField::Likelihood(2), "possible".into());
        p.set_monitoring(MonitorField::Cause(2), "经费保障".into());
        p.set_monitoring(MonitorField::Executed, "12".into());
        let m = p.monitoring.as_ref().unwrap();
        assert_eq!(m.cutoff, "2024-07-31");
        assert_eq!(m.indicators.len(), 1);
        assert_eq!(m.indicators[0].progress.as_str(), "12O");
        assert_eq!(m.indicators[0].likelihood, Some(Likelihood::Possible));
        // What is read back is what was written.
        assert_eq!(p.monitoring_text(MonitorField::Progress(2)), "12O");
        assert_eq!(p.monitoring_text(MonitorField::Likelihood(2)), "possible");
        assert_eq!(p.monitoring_text(MonitorField::Cause(2)), "经费保障");
        assert_eq!(p.monitoring_text(MonitorField::Remedy(3)), "");
        p.set_monitoring(MonitorField::Likelihood(2), String::new());
        assert_eq!(
            p.monitoring.as_ref().unwrap().indicators[0].likelihood,
            None
        );
        // Starting again keeps what was entered.
        p.start_monitoring();
        assert_eq!(p.monitoring.as_ref().unwrap().indicators.len(), 1);
    }

    #[test]
    fn every_kind_is_judged_the_way_it_is_scored() {
        use crate::project::Indicator;
        let mut p = example_project();
        p.start_monitoring();
        let add = |p: &mut Project, id: u64, kind, target: &str, unit: &str| {
            p.indicators[0].groups[0].indicators.push(Indicator {
                id,
                name: format!("指标{id}"),
                kind,
                target: NumberText::new(target),
                unit: unit.into(),
                ..Indicator::default()
            });
        };
        add(&mut p, 11, IndicatorKind::AtLeast, "≥95%", "");
        add(&mut p, 12, IndicatorKind::AtLeast, "≥95", "％");
        add(&mut p, 13, IndicatorKind::Equal, "=200", "台");
        add(&mut p, 14, IndicatorKind::Equal, "=0", "起");
        add(&mut p, 15, IndicatorKind::Deviation, "±0", "%");
        add(&mut p, 16, IndicatorKind::AtMost, "≤30", "万元");
        let judge = |p: &mut Project, id, progress: &str, forecast: &str| {
            p.set_monitoring(MonitorField::Progress(id), progress.into());
            p.set_monitoring(MonitorField::IndicatorForecast(id), forecast.into());
            let s = assess(p).unwrap().of(id).unwrap().clone();
            let rules: Vec<Rule> = s.findings.iter().map(|f| f.rule).collect();
            (s.light, rules)
        };
        // Rates are compared with their target, the % written anywhere.
        assert_eq!(judge(&mut p, 11, "92", "").0, Some(Light::Yellow));
        assert_eq!(judge(&mut p, 12, "92", "").0, Some(Light::Yellow));
        // =200 is "at least 200": 210 forecast reaches it.
        assert_eq!(judge(&mut p, 13, "150", "210").0, Some(Light::Green));
        // =0 is a ceiling: one accident so far is already a miss.
        let (light, why) = judge(&mut p, 14, "1", "");
        assert_eq!(light, Some(Light::Red));
        assert_eq!(why, [Rule::MonitorProgressOver]);
        assert_eq!(judge(&mut p, 15, "2", "").0, Some(Light::Red));
        let (light, why) = judge(&mut p, 16, "10", "35");
        assert_eq!(light, Some(Light::Red));
        assert_eq!(why, [Rule::MonitorForecastMisses]);
    }

    /// The rules of the monitoring form's findings, with the field of each.
    fn form_rules(p: &Project) -> Vec<(Rule, String)> {
        form_findings(p)
            .into_iter()
            .map(|f| (f.rule, f.path.to_string()))
            .collect()
    }

    #[test]
    fn a_cut_off_outside_the_year_is_said_and_not_a_share_of_it() {
        let mut p = example_project();
        assert_eq!(form_rules(&p), []);
        p.start_monitoring();
        assert_eq!(form_rules(&p), []);
        let cutoff = "monitoring.cutoff".to_string();
        for (typed, rule) in [
            ("2023-07-31", Rule::MonitorCutoffOutsideYear),
            ("2025-01-01", Rule::MonitorCutoffOutsideYear),
            ("七月底", Rule::MonitorCutoffUnreadable),
            (" ", Rule::MonitorCutoffBlank),
        ] {
            p.set_monitoring(MonitorField::Cutoff, typed.into());
            assert_eq!(form_rules(&p), [(rule, cutoff.clone())], "{typed}");
        }
        p.set_monitoring(MonitorField::Cutoff, "2023-07-31".into());
        assert_eq!(assess(&p).unwrap().time, Some(0.0));
        // Written the Chinese way, within the year: nothing to say.
        p.set_monitoring(MonitorField::Cutoff, "2024年7月31日".into());
        assert_eq!(form_rules(&p), []);
        // A year that is no year gives no year to be outside of.
        p.year = "本年".into();
        p.set_monitoring(MonitorField::Cutoff, "2023-07-31".into());
        assert_eq!(form_rules(&p), []);
    }

    #[test]
    fn a_figure_that_cannot_be_read_is_found_at_its_field() {
        use crate::project::Indicator;
        let mut p = example_project();
        p.start_monitoring();
        p.indicators[0].groups[0].indicators.push(Indicator {
            id: 90,
            name: "群众反映".into(),
            kind: IndicatorKind::Qualitative,
            ..Indicator::default()
        });
        // Blank, 千分位, a unit and a word for "none" are figures; words
        // in a 定性 row or in the text fields are not checked as figures.
        for (field, text) in [
            (MonitorField::Executed, ""),
            (MonitorField::Forecast, "1,200万元"),
            (MonitorField::Progress(2), "无"),
            (MonitorField::IndicatorForecast(2), "≥200台"),
            (MonitorField::Progress(90), "基本完成"),
            (MonitorField::IndicatorForecast(90), "好"),
            (MonitorField::Cause(2), "12O"),
            (MonitorField::Remedy(2), "12O"),
        ] {
            p.set_monitoring(field, text.into());
        }
        assert_eq!(form_rules(&p), []);
        for field in [
            MonitorField::Executed,
            MonitorField::Forecast,
            MonitorField::Progress(2),
            MonitorField::IndicatorForecast(2),
        ] {
            let mut typo = p.clone();
            typo.set_monitoring(field, "12O".into());
            assert_eq!(
                form_rules(&typo),
                [(
                    Rule::MonitorFigureUnreadable,
                    FieldPath::Monitoring(field).to_string()
                )],
                "{field:?}"
            );
            // The text stays as typed, and is not judged.
            assert_eq!(typo.monitoring_text(field), "12O");
        }
        // A row whose indicator was deleted is not on the form.
        let mut gone = p.clone();
        gone.set_monitoring(MonitorField::Progress(777), "12O".into());
        assert_eq!(form_rules(&gone), []);
        // Several at once, in the order of the form.
        p.set_monitoring(MonitorField::Cutoff, "七月底".into());
        p.set_monitoring(MonitorField::IndicatorForecast(2), "x".into());
        p.set_monitoring(MonitorField::Executed, "1..2".into());
        let rules: Vec<Rule> = form_findings(&p).iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [
                Rule::MonitorCutoffUnreadable,
                Rule::MonitorFigureUnreadable,
                Rule::MonitorFigureUnreadable
            ]
        );
    }

    #[test]
    fn funds_behind_the_year_light_the_project() {
        let p = example_project();
        let mut p = p.next_year_copy(&crate::score::evaluate(&p), "n".into(), 0.0);
        p.funds.total.annual_budget = NumberText::new("100");
        p.monitoring = Some(start(&p));
        p.monitoring.as_mut().unwrap().executed = NumberText::new("30");
        let s = assess(&p).unwrap();
        assert_eq!(s.execution, Some(0.3));
        assert_eq!(s.funds_light, Some(Light::Red));
        assert_eq!(s.light, Some(Light::Red));
        assert_eq!(s.funds_findings[0].rule, Rule::MonitorFundsBehindTime);
        p.monitoring.as_mut().unwrap().executed = NumberText::new("55");
        p.monitoring.as_mut().unwrap().forecast = NumberText::new("85");
        let s = assess(&p).unwrap();
        assert_eq!(s.funds_light, Some(Light::Yellow));
        let rules: Vec<Rule> = s.funds_findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::MonitorFundsForecastLow]);
        assert!(s.funds_why().contains("85.00%"));
        // An unreadable cut-off: no time progress, so only the forecast speaks.
        p.monitoring.as_mut().unwrap().cutoff = "七月底".into();
        let s = assess(&p).unwrap();
        assert_eq!((s.cutoff, s.time), (None, None));
        assert_eq!(s.funds_light, Some(Light::Yellow));
    }
}
