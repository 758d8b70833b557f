//! 汇总: one row per project, filters and totals for a department's
//! portfolio. Computed here so the page, the CSV and the Excel export agree.

use std::fmt::Write as _;

use super::checkup;
use super::finding::{Finding, FindingCounts};
use super::monitor::{self, Light, Stage};
use super::path::{FundsColumn, FundsLine};
use super::project::{MoneyUnit, Project};
use super::rules::Grade;
use super::score::{Evaluation, evaluate};

/// One project in the overview.
#[derive(Clone, Debug, PartialEq)]
pub struct OverviewRow {
    pub id: String,
    /// 项目名称
    pub name: String,
    /// 主管部门
    pub department: String,
    /// 年度
    pub year: String,
    /// 全年预算数 of 年度资金总额, in 万元 (converted from 元 when needed)
    pub annual_budget_wan: Option<f64>,
    /// 全年执行数, in 万元
    pub executed_wan: Option<f64>,
    /// 执行率 as a fraction
    pub execution_rate: Option<f64>,
    /// 总分 (printed, 2 decimals)
    pub total: f64,
    /// `None`: no grade can be given (the 分值 do not add up to 100).
    pub grade: Option<Grade>,
    pub errors: usize,
    pub warnings: usize,
    /// 得分率 of each 一级指标: (name, score ÷ weight).
    pub level1_rates: Vec<(String, f64)>,
    /// 目标, 监控 or 自评.
    pub stage: Stage,
    /// The 运行监控 light; `None` when not monitored (or nothing to judge).
    pub light: Option<Light>,
    /// Indicators with a yellow or red light.
    pub lagging: usize,
}

impl OverviewRow {
    /// The name as lists show it: "（未命名）" when blank.
    pub fn shown_name(&self) -> &str {
        if self.name.is_empty() {
            "（未命名）"
        } else {
            &self.name
        }
    }

    pub fn new(project: &Project, evaluation: &Evaluation, findings: &[Finding]) -> Self {
        let to_wan = |column| {
            let value = project.amount(FundsLine::Total, column)?;
            Some(MoneyUnit::Wan.convert(value, project.money_unit))
        };
        let counts = FindingCounts::of(findings);
        // Once the year-end figures are in, the self-evaluation speaks, not
        // July's lights: those are judged only for a project under monitoring.
        let stage = monitor::stage(project);
        let monitoring = (stage == Stage::Monitoring)
            .then(|| monitor::assess(project))
            .flatten();
        Self {
            id: project.id.clone(),
            name: project.name.trim().to_string(),
            department: project.department.trim().to_string(),
            year: project.year.trim().to_string(),
            annual_budget_wan: to_wan(FundsColumn::Annual),
            executed_wan: to_wan(FundsColumn::Executed),
            execution_rate: evaluation.execution.rate,
            total: evaluation.total,
            grade: evaluation.grade,
            errors: counts.errors,
            warnings: counts.warnings,
            level1_rates: evaluation
                .level1
                .iter()
                .filter_map(|g| Some((g.name.clone(), g.rate()?)))
                .collect(),
            stage,
            light: monitoring.as_ref().and_then(|s| s.light),
            lagging: monitoring.as_ref().map_or(0, |s| s.lagging().len()),
        }
    }
}

/// In the order of `Light`'s discriminants.
const LIGHTS: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];

/// The fingerprint of the domain core this build was compiled from
/// (`build.rs`): a summary scored by other code is scored again.
pub const SCORING_BUILD: &str = env!("JIXIAO_MODEL_FINGERPRINT");

/// What the 项目列表 and the 汇总 show of one project, stored beside its
/// record so that neither reads nor scores every document at startup. It
/// names the stored record it was computed from (revision and save time):
/// a record written since, by any tab or build, is read and scored again.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub build: String,
    pub revision: u64,
    pub saved_at: f64,
    /// When the document was last edited (the list's 最后编辑, the backup reminder).
    pub updated_at: f64,
    /// 实施单位, searched by the list.
    pub implementer: String,
    /// A draft has no 总分 to show yet.
    pub draft: bool,
    pub row: OverviewRow,
}

impl Summary {
    /// Scores `project`, as stored at `revision` and `saved_at`.
    pub fn of(project: &Project, revision: u64, saved_at: f64) -> Self {
        let evaluation = evaluate(project);
        let findings = checkup::run(project, &evaluation);
        Self {
            build: SCORING_BUILD.to_string(),
            revision,
            saved_at,
            updated_at: project.updated_at,
            implementer: project.implementer.trim().to_string(),
            draft: project.is_draft(),
            row: OverviewRow::new(project, &evaluation, &findings),
        }
    }

    /// Whether this summary still describes the record stored at `revision`
    /// and `saved_at`, scored by this build.
    pub fn describes(&self, revision: u64, saved_at: f64) -> bool {
        self.build == SCORING_BUILD && self.revision == revision && self.saved_at == saved_at
    }

    /// The summary as a list of texts, stored as a JSON array of strings:
    /// numbers in Rust's shortest exact form, so they read back bit for bit.
    pub fn to_fields(&self) -> Vec<String> {
        let number = |x: f64| x.to_string();
        let optional = |x: Option<f64>| x.map(number).unwrap_or_default();
        let row = &self.row;
        let mut fields = vec![
            self.build.clone(),
            self.revision.to_string(),
            number(self.saved_at),
            number(self.updated_at),
            self.implementer.clone(),
            u8::from(self.draft).to_string(),
            row.id.clone(),
            row.name.clone(),
            row.department.clone(),
            row.year.clone(),
            optional(row.annual_budget_wan),
            optional(row.executed_wan),
            optional(row.execution_rate),
            number(row.total),
            grade_index(row.grade).to_string(),
            row.errors.to_string(),
            row.warnings.to_string(),
            (Stage::ALL.iter().position(|s| *s == row.stage).unwrap_or(0)).to_string(),
            row.light.map(|l| (l as u8).to_string()).unwrap_or_default(),
            row.lagging.to_string(),
        ];
        for (name, rate) in &row.level1_rates {
            fields.push(name.clone());
            fields.push(number(*rate));
        }
        fields
    }

    /// Reads [`Summary::to_fields`] back; `None` for anything else.
    pub fn from_fields(fields: &[String]) -> Option<Self> {
        fn number(text: &str) -> Option<f64> {
            text.parse().ok()
        }
        fn optional(text: &str) -> Option<Option<f64>> {
            if text.is_empty() {
                Some(None)
            } else {
                number(text).map(Some)
            }
        }
        let [
            build,
            revision,
            saved_at,
            updated_at,
            implementer,
            draft,
            id,
            name,
            department,
            year,
            budget,
            executed,
            rate,
            total,
            grade,
            errors,
            warnings,
            stage,
            light,
            lagging,
            rates @ ..,
        ] = fields
        else {
            return None;
        };
        if rates.len() % 2 != 0 {
            return None;
        }
        let level1_rates = rates
            .chunks(2)
            .map(|pair| Some((pair[0].clone(), number(&pair[1])?)))
            .collect::<Option<Vec<_>>>()?;
        let light = match light.as_str() {
            "" => None,
            code => Some(*LIGHTS.get(code.parse::<usize>().ok()?)?),
        };
        Some(Self {
            build: build.clone(),
            revision: revision.parse().ok()?,
            saved_at: number(saved_at)?,
            updated_at: number(updated_at)?,
            implementer: implementer.clone(),
            draft: draft == "1",
            row: OverviewRow {
                id: id.clone(),
                name: name.clone(),
                department: department.clone(),
                year: year.clone(),
                annual_budget_wan: optional(budget)?,
                executed_wan: optional(executed)?,
                execution_rate: optional(rate)?,
                total: number(total)?,
                grade: *GRADES.get(grade.parse::<usize>().ok()?)?,
                errors: errors.parse().ok()?,
                warnings: warnings.parse().ok()?,
                level1_rates,
                stage: *Stage::ALL.get(stage.parse::<usize>().ok()?)?,
                light,
                lagging: lagging.parse().ok()?,
            },
        })
    }

    /// The list's search: `needle` (lower case) in the name, 主管部门, 实施单位 or 年度.
    pub fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || [
                &self.row.name,
                &self.row.department,
                &self.implementer,
                &self.row.year,
            ]
            .iter()
            .any(|field| field.to_lowercase().contains(needle))
    }
}

/// The filters of the 汇总 page; `None` = all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub year: Option<String>,
    pub department: Option<String>,
    /// `Some(None)`: the projects that cannot be graded.
    pub grade: Option<Option<Grade>>,
}

impl Filter {
    pub fn accepts(&self, row: &OverviewRow) -> bool {
        self.year.as_ref().is_none_or(|y| *y == row.year)
            && self
                .department
                .as_ref()
                .is_none_or(|d| *d == row.department)
            && self.grade.is_none_or(|g| g == row.grade)
    }
}

/// Totals over the shown rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub projects: usize,
    /// Sum of 全年预算数 (万元) over rows that state it.
    pub budget_wan: f64,
    pub executed_wan: f64,
    /// Σ 执行数 ÷ Σ 预算数 over rows that state both: weighted by budget, so
    /// a small project does not move it as much as a large one.
    pub weighted_rate: Option<f64>,
    /// Count per class of [`GRADES`]: 优, 良, 中, 差, 不能定级.
    pub per_grade: [usize; 5],
}

/// The grade classes the 汇总 counts and filters by, in order.
pub const GRADES: [Option<Grade>; 5] = [
    Some(Grade::Excellent),
    Some(Grade::Good),
    Some(Grade::Fair),
    Some(Grade::Poor),
    None,
];

pub fn grade_index(grade: Option<Grade>) -> usize {
    match grade {
        Some(Grade::Excellent) => 0,
        Some(Grade::Good) => 1,
        Some(Grade::Fair) => 2,
        Some(Grade::Poor) => 3,
        None => 4,
    }
}

/// 优/良/中/差, or 不能定级.
pub fn grade_label(grade: Option<Grade>) -> &'static str {
    grade.map_or("不能定级", Grade::label)
}

pub fn totals<'a>(rows: impl IntoIterator<Item = &'a OverviewRow>) -> Totals {
    let mut t = Totals::default();
    let (mut rate_budget, mut rate_executed) = (0.0, 0.0);
    for row in rows {
        t.projects += 1;
        t.budget_wan += row.annual_budget_wan.unwrap_or(0.0);
        t.executed_wan += row.executed_wan.unwrap_or(0.0);
        if let (Some(b), Some(e)) = (row.annual_budget_wan, row.executed_wan)
            && b > 0.0
        {
            rate_budget += b;
            rate_executed += e;
        }
        t.per_grade[grade_index(row.grade)] += 1;
    }
    t.weighted_rate = (rate_budget > 0.0).then(|| rate_executed / rate_budget);
    t
}

/// Sort keys of the table's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Department,
    Year,
    Budget,
    Executed,
    Rate,
    Total,
    Grade,
    Problems,
    Stage,
    /// 监控预警: red before yellow before green, then by lagging indicators.
    Light,
}

pub fn sort(rows: &mut [OverviewRow], key: SortKey, ascending: bool) {
    let number = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    crate::sorting::sort_by(rows, |a, b| {
        let order = match key {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::Department => a.department.cmp(&b.department),
            SortKey::Year => a.year.cmp(&b.year),
            SortKey::Budget => number(a.annual_budget_wan).total_cmp(&number(b.annual_budget_wan)),
            SortKey::Executed => number(a.executed_wan).total_cmp(&number(b.executed_wan)),
            SortKey::Rate => number(a.execution_rate).total_cmp(&number(b.execution_rate)),
            SortKey::Total => a.total.total_cmp(&b.total),
            SortKey::Grade => grade_index(a.grade).cmp(&grade_index(b.grade)),
            SortKey::Problems => (a.errors, a.warnings).cmp(&(b.errors, b.warnings)),
            SortKey::Stage => a.stage.cmp(&b.stage),
            SortKey::Light => (a.light, a.lagging).cmp(&(b.light, b.lagging)),
        };
        if ascending { order } else { order.reverse() }
    });
}

/// The order the 汇总 opens in: the projects likely to miss their targets
/// first when any is lit yellow or red, else by 总分.
pub fn default_sort(rows: &[OverviewRow]) -> (SortKey, bool) {
    if rows.iter().any(|r| r.light >= Some(Light::Yellow)) {
        (SortKey::Light, false)
    } else {
        (SortKey::Total, false)
    }
}

/// The columns of the 汇总 as the exports write them.
pub const HEADS: [&str; 12] = [
    "项目名称",
    "主管部门",
    "年度",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "总分",
    "等级",
    "错误",
    "警告",
    "阶段",
    "监控预警",
];

/// One value of the 汇总, before it becomes a sheet cell or a CSV field.
pub enum Field {
    Text(String),
    Amount(Option<f64>),
    Percent(Option<f64>),
    Score(f64),
    Count(usize),
}

pub fn row_fields(row: &OverviewRow) -> [Field; 12] {
    [
        Field::Text(row.name.clone()),
        Field::Text(row.department.clone()),
        Field::Text(row.year.clone()),
        Field::Amount(row.annual_budget_wan),
        Field::Amount(row.executed_wan),
        Field::Percent(row.execution_rate),
        Field::Score(row.total),
        Field::Text(grade_label(row.grade).to_string()),
        Field::Count(row.errors),
        Field::Count(row.warnings),
        Field::Text(row.stage.label().to_string()),
        Field::Text(light_words(row)),
    ]
}

/// "红灯，2 项指标预警", "绿灯", or "" when not monitored.
pub fn light_words(row: &OverviewRow) -> String {
    match (row.light, row.lagging) {
        (None, _) => String::new(),
        (Some(light), 0) => light.label().to_string(),
        (Some(light), n) => format!("{}，{n} 项指标预警", light.label()),
    }
}

/// 合计: count, Σ 预算, Σ 执行, the budget-weighted 执行率, projects per
/// grade, Σ 错误/警告.
pub fn sum_fields(rows: &[OverviewRow]) -> [Field; 12] {
    let t = totals(rows);
    let mut grades = String::new();
    for (grade, count) in GRADES.iter().zip(t.per_grade) {
        if !grades.is_empty() {
            grades.push_str(" / ");
        }
        let _ = write!(grades, "{} {count}", grade_label(*grade));
    }
    [
        Field::Text("合计".to_string()),
        Field::Text(format!("共 {} 个项目", t.projects)),
        Field::Text(String::new()),
        Field::Amount(Some(t.budget_wan)),
        Field::Amount(Some(t.executed_wan)),
        Field::Percent(t.weighted_rate),
        Field::Text(String::new()),
        Field::Text(grades),
        Field::Count(rows.iter().map(|r| r.errors).sum()),
        Field::Count(rows.iter().map(|r| r.warnings).sum()),
        Field::Text(String::new()),
        Field::Text(format!(
            "红灯 {} / 黄灯 {}",
            rows.iter().filter(|r| r.light == Some(Light::Red)).count(),
            rows.iter()
                .filter(|r| r.light == Some(Light::Yellow))
                .count()
        )),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkup;
    use crate::project::{MoneyUnit, NumberText};
    use crate::sample::example_project;
    use crate::score::evaluate;

    fn row_of(p: &Project) -> OverviewRow {
        let ev = evaluate(p);
        OverviewRow::new(p, &ev, &checkup::run(p, &ev))
    }

    fn row(year: &str, dept: &str, budget: &str, executed: &str) -> OverviewRow {
        let mut p = example_project();
        p.year = year.into();
        p.department = dept.into();
        p.funds.total.annual_budget = NumberText::new(budget);
        p.funds.total.executed = NumberText::new(executed);
        row_of(&p)
    }

    #[test]
    fn the_example_row_states_its_figures() {
        let p = example_project();
        let r = row_of(&p);
        assert_eq!(r.annual_budget_wan, Some(27.5));
        assert_eq!(r.execution_rate, Some(1.0));
        assert_eq!(r.total, 100.0);
        assert_eq!(r.grade, Some(Grade::Excellent));
        assert!(r.warnings >= 2, "效益/满意度 missing are warnings");
    }

    #[test]
    fn amounts_in_yuan_are_converted_to_wan() {
        let mut p = example_project();
        p.money_unit = MoneyUnit::Yuan;
        p.funds.total.annual_budget = NumberText::new("275000");
        let r = row_of(&p);
        assert_eq!(r.annual_budget_wan, Some(27.5));
    }

    /// The 执行率 total is weighted by budget: Σ执行 ÷ Σ预算, not a mean of rates.
    #[test]
    fn weighted_rate_is_sum_over_sum() {
        let rows = [
            row("2024", "甲", "100", "50"),
            row("2024", "乙", "10", "10"),
        ];
        let t = totals(&rows);
        assert_eq!(t.projects, 2);
        assert_eq!(t.budget_wan, 110.0);
        assert_eq!(t.executed_wan, 60.0);
        assert!((t.weighted_rate.unwrap() - 60.0 / 110.0).abs() < 1e-12);
    }

    #[test]
    fn filters_combine() {
        let rows = [
            row("2024", "甲", "1", "1"),
            row("2023", "甲", "1", "1"),
            row("2024", "乙", "1", "1"),
        ];
        let f = Filter {
            year: Some("2024".into()),
            department: Some("甲".into()),
            grade: None,
        };
        assert_eq!(rows.iter().filter(|r| f.accepts(r)).count(), 1);
        assert_eq!(
            rows.iter().filter(|r| Filter::default().accepts(r)).count(),
            3
        );
    }

    #[test]
    fn sorting_puts_missing_figures_first_ascending() {
        let mut rows = vec![
            row("2024", "甲", "5", "5"),
            row("2024", "乙", "", ""),
            row("2024", "丙", "1", "1"),
        ];
        sort(&mut rows, SortKey::Budget, true);
        let order: Vec<_> = rows.iter().map(|r| r.department.as_str()).collect();
        assert_eq!(order, ["乙", "丙", "甲"]);
        sort(&mut rows, SortKey::Budget, false);
        assert_eq!(rows[0].department, "甲");
    }

    #[test]
    fn monitored_projects_behind_open_the_overview() {
        use crate::project::{MonitoredIndicator, NumberText};
        use crate::sample::example_project;
        use crate::score::evaluate;
        let row = |p: &Project| OverviewRow::new(p, &evaluate(p), &[]);
        let done = example_project();
        let mut behind = done.next_year_copy(&evaluate(&done), "b".into(), 0.0);
        behind.start_monitoring();
        behind
            .monitoring
            .as_mut()
            .unwrap()
            .indicators
            .push(MonitoredIndicator {
                id: 2,
                progress: NumberText::new("50"),
                ..MonitoredIndicator::default()
            });
        let planned = done.next_year_copy(&evaluate(&done), "c".into(), 0.0);
        let mut rows = vec![row(&done), row(&planned), row(&behind)];
        assert_eq!(
            rows.iter().map(|r| r.stage.label()).collect::<Vec<_>>(),
            ["自评", "目标", "监控"]
        );
        assert_eq!(light_words(&rows[2]), "红灯，1 项指标预警");
        let (key, ascending) = default_sort(&rows);
        sort(&mut rows, key, ascending);
        assert_eq!(rows[0].id, "b");
        rows.retain(|r| r.id != "b");
        assert_eq!(default_sort(&rows), (SortKey::Total, false));
    }
}
