//! The two tables of the year before the 自评表, from the same document:
//! the 绩效目标申报表 (the targets as submitted with the budget) and the
//! 绩效目标执行监控表 (运行监控 at the cut-off). Layouts follow the published
//! tables cited in docs/research/cycle/NOTES.md: the 申报表 after the
//! 参考模板 附2-2-1 and 井研县马踏镇's (指标性质/度量单位/权重 columns), the
//! 监控表 after 黄石市's 项目支出绩效监控表 (2019, published at
//! http://hsgyyc.com/xwdt_10201/gsgg_10206/201908/t20190821_663302.html:
//! 项目资金 年初预算数/执行数/全年预计执行数, then per indicator 指标值,
//! 执行情况, 完成目标可能性) with the per-indicator columns monitoring forms
//! use (偏差原因 category, 全年预计完成值, 纠偏措施).

use super::items::with_unit;
use super::table::amount_cell;
use super::{Block, Cell, CellRole, Document, Table};
use crate::cycle::{original_target, original_weight};
use crate::date::Date;
use crate::monitor::{self, light_label};
use crate::number::format_value;
use crate::path::{FundsColumn, FundsLine};
use crate::project::{Indicator, MonitoredIndicator, Monitoring, NumberText, Project};

/// Columns of the 目标表's indicator block and of its header grid.
const TARGET_COLUMNS: u32 = 7;
/// Columns of the 监控表's indicator block and of its header grid.
const MONITORING_COLUMNS: u32 = 10;

fn text(s: &str) -> Cell {
    Cell::text(s.trim())
}

fn year_caption(title: &str, project: &Project) -> String {
    match project.year.trim() {
        "" => title.to_string(),
        year => format!("{title}（{year} 年度）"),
    }
}

fn amount(project: &Project, line: FundsLine, column: FundsColumn) -> Cell {
    project
        .amount(line, column)
        .map_or_else(|| Cell::text(""), Cell::amount)
}

/// 项目名称, 主管部门/实施单位 and 负责人 rows over `width` columns.
fn header_rows(project: &Project, width: u32) -> Vec<Vec<Cell>> {
    let left = (width - 2) / 2;
    let right = width - 2 - left;
    let mut rows = vec![
        vec![
            Cell::label("项目名称"),
            text(&project.name).span(width - 1, 1),
        ],
        vec![
            Cell::label("主管部门"),
            text(&project.department).span(left, 1),
            Cell::label("实施单位"),
            text(&project.implementer).span(right, 1),
        ],
    ];
    if !project.leader.trim().is_empty() || !project.phone.trim().is_empty() {
        rows.push(vec![
            Cell::label("项目负责人"),
            text(&project.leader).span(left, 1),
            Cell::label("联系电话"),
            text(&project.phone).span(right, 1),
        ]);
    }
    rows
}

/// The indicators with their 一级/二级 cells merged over their rows, as the
/// 自评表 prints them; `cells` gives the rest of each row.
fn indicator_rows(
    project: &Project,
    width: u32,
    mut cells: impl FnMut(&Indicator) -> Vec<Cell>,
) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    // A 不适用 二级 prints as one row saying so (the 申报表 states it rather
    // than leaving the 二级 out).
    let printed = |g: &&crate::project::Level2| !g.indicators.is_empty() || g.not_applicable;
    for level1 in &project.indicators {
        let in_level1: usize = level1
            .groups
            .iter()
            .filter(printed)
            .map(|g| g.indicators.len().max(1))
            .sum();
        let mut first_of_level1 = true;
        for group in level1.groups.iter().filter(printed) {
            if group.indicators.is_empty() {
                let mut row = Vec::new();
                if first_of_level1 {
                    row.push(
                        text(&level1.name)
                            .span(1, in_level1 as u32)
                            .role(CellRole::Group),
                    );
                    first_of_level1 = false;
                }
                row.push(text(&group.name).role(CellRole::Group));
                row.push(Cell::text("不适用").span(width - 2, 1));
                rows.push(row);
                continue;
            }
            for (k, ind) in group.indicators.iter().enumerate() {
                let mut row = Vec::new();
                if first_of_level1 {
                    row.push(
                        text(&level1.name)
                            .span(1, in_level1 as u32)
                            .role(CellRole::Group),
                    );
                    first_of_level1 = false;
                }
                if k == 0 {
                    row.push(
                        text(&group.name)
                            .span(1, group.indicators.len() as u32)
                            .role(CellRole::Group),
                    );
                }
                row.push(text(&ind.name));
                row.extend(cells(ind));
                rows.push(row);
            }
        }
    }
    if rows.is_empty() {
        rows.push(vec![Cell::text("（未设置绩效指标）").span(width, 1)]);
    }
    rows
}

/// The 绩效指标 block: its title row and column heads repeat on every
/// printed page.
fn indicator_block(width: u32, heads: &[&str], rows: Vec<Vec<Cell>>, footnote: String) -> Table {
    Table {
        caption: String::new(),
        header_rows: vec![
            vec![Cell::label("绩效指标").span(width, 1)],
            heads.iter().map(|l| Cell::label(*l)).collect(),
        ],
        rows,
        footnote,
    }
}

/// 项目支出绩效目标申报表: the targets as set with the budget (an adjusted
/// indicator shows its original target and 分值).
pub fn targets_document(project: &Project) -> Document {
    // 指标解释 is a column once any indicator has one (tables of projects
    // without keep their seven columns).
    let explained = project
        .indicators_in_order()
        .any(|(_, i)| !i.notes.explanation.trim().is_empty());
    let w = TARGET_COLUMNS + u32::from(explained);
    let unit = project.money_unit.label();
    let mut rows = declaration_rows(project, w);
    rows.push(vec![
        Cell::label(format!("项目资金（{unit}）")).span(1, 5),
        Cell::label("资金来源").span(3, 1),
        Cell::label("年初预算数").span(w - 4, 1),
    ]);
    for line in [FundsLine::Total].into_iter().chain(FundsLine::PARTS) {
        rows.push(vec![
            Cell::label(line.table_label()).span(3, 1),
            amount(project, line, FundsColumn::Initial).span(w - 4, 1),
        ]);
    }
    rows.push(vec![
        Cell::label("年度总体目标"),
        text(&project.goal_expected)
            .span(w - 1, 1)
            .role(CellRole::LongText),
    ]);
    let long_term = project.declaration.long_term_goal.trim();
    if !long_term.is_empty() {
        rows.push(vec![
            Cell::label("长期目标"),
            text(long_term).span(w - 1, 1).role(CellRole::LongText),
        ]);
    }
    let first = Table {
        caption: year_caption("项目支出绩效目标申报表", project),
        header_rows: header_rows(project, w),
        rows,
        footnote: String::new(),
    };

    let mut heads = vec![
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "分值",
    ];
    if explained {
        heads.push("指标解释");
    }
    let indicators = indicator_block(
        w,
        &heads,
        indicator_rows(project, w, |ind| {
            let mut cells = vec![
                Cell::text(ind.kind.label()),
                Cell::text(original_target(ind)),
                text(&ind.unit),
                Cell::text(original_weight(ind)),
            ];
            if explained {
                cells.push(text(&ind.notes.explanation).role(CellRole::LongText));
            }
            cells
        }),
        if project
            .indicators_in_order()
            .any(|(_, i)| !i.adjustments.is_empty())
        {
            "本表为年初申报的绩效目标；年度执行中的目标调整见自评表和自评报告。".to_string()
        } else {
            String::new()
        },
    );
    Document {
        title: first.caption.clone(),
        blocks: vec![Block::Table(first), Block::Table(indicators)],
    }
}

/// The 申报表's own fields (项目编码 … 测算依据), for a project that has
/// any: two short ones a row, the 依据 over the whole width.
fn declaration_rows(project: &Project, width: u32) -> Vec<Vec<Cell>> {
    let d = &project.declaration;
    if d.is_empty() {
        return Vec::new();
    }
    let left = (width - 2) / 2;
    let right = width - 2 - left;
    let unit = project.money_unit.label();
    let money = |t: &NumberText| {
        project
            .money_unit
            .figure(t)
            .map_or_else(|| text(t.as_str()), Cell::amount)
    };
    let pair = |a: &str, x: Cell, b: &str, y: Cell| {
        vec![
            Cell::label(a),
            x.span(left, 1),
            Cell::label(b),
            y.span(right, 1),
        ]
    };
    let long = |label: &str, value: &str| {
        vec![
            Cell::label(label),
            text(value).span(width - 1, 1).role(CellRole::LongText),
        ]
    };
    vec![
        pair("项目编码", text(&d.code), "实施期限", text(&d.period)),
        pair(
            "项目类型",
            text(&d.project_type),
            "是否新增",
            text(&d.is_new),
        ),
        pair(
            &format!("项目总金额（{unit}）"),
            money(&d.total_amount),
            &format!("本年度项目金额（{unit}）"),
            money(&d.year_amount),
        ),
        long("政策依据", &d.policy_basis),
        long("测算依据", &d.cost_basis),
    ]
}

/// "1-7月" for a cut-off at a month's end, else "截至7月15日".
fn period_label(cutoff: Option<Date>) -> String {
    match cutoff {
        Some(d) if Date::parse(&format!("{}-{}-{}", d.year, d.month, d.day + 1)).is_none() => {
            format!("1-{}月", d.month)
        }
        Some(d) => format!("截至{}月{}日", d.month, d.day),
        None => "截至目前".to_string(),
    }
}

/// 项目支出绩效目标执行监控表 at the cut-off: funds executed against the
/// year, each indicator's progress, forecast, cause, likelihood, remedy and
/// light. `None` when the project is not monitored.
pub fn monitoring_document(project: &Project) -> Option<Document> {
    let m: &Monitoring = project.monitoring.as_ref()?;
    let status = monitor::assess(project)?;
    let w = MONITORING_COLUMNS;
    let period = period_label(status.cutoff);
    let unit = project.money_unit.label();

    let mut head = header_rows(project, w);
    head.push(vec![
        Cell::label("监控截止日期"),
        Cell::text(
            status
                .cutoff
                .map_or_else(|| m.cutoff.trim().to_string(), Date::chinese),
        )
        .span((w - 2) / 2, 1),
        Cell::label("时间进度"),
        status
            .time
            .map_or_else(Cell::not_applicable, Cell::percent)
            .span(w - 2 - (w - 2) / 2, 1),
    ]);
    let money = |t: &NumberText| amount_cell(t, project.money_unit);
    let rows = vec![
        vec![
            Cell::label(format!("项目资金（{unit}）")).span(2, 1),
            Cell::label("年初预算数"),
            Cell::label("全年预算数").span(2, 1),
            Cell::label(format!("{period}执行数")).span(2, 1),
            Cell::label("执行进度"),
            Cell::label("全年预计执行数"),
            Cell::label("预警"),
        ],
        vec![
            Cell::label("年度资金总额").span(2, 1),
            amount(project, FundsLine::Total, FundsColumn::Initial),
            amount(project, FundsLine::Total, FundsColumn::Annual).span(2, 1),
            money(&m.executed).span(2, 1),
            status
                .execution
                .map_or_else(Cell::not_applicable, Cell::percent),
            money(&m.forecast),
            Cell::text(light_label(status.funds_light)),
        ],
        vec![
            Cell::label("年度总体目标").span(2, 1),
            text(&project.goal_expected)
                .span(w - 2, 1)
                .role(CellRole::LongText),
        ],
    ];
    let first = Table {
        caption: year_caption("项目支出绩效目标执行监控表", project),
        header_rows: head,
        rows,
        footnote: String::new(),
    };

    let entry = |id: u64| m.indicators.iter().find(|e| e.id == id);
    let indicators = indicator_block(
        w,
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            &format!("{period}完成情况"),
            "全年预计完成值",
            "偏差原因",
            "完成目标可能性",
            "纠偏措施",
            "预警",
        ],
        indicator_rows(project, w, |ind| {
            let e = entry(ind.id);
            let get = |f: fn(&MonitoredIndicator) -> String| e.map(f).unwrap_or_default();
            let light = status.of(ind.id).and_then(|s| s.light);
            vec![
                // The target as the 自评表 prints it ("≥200 台", "≥95%").
                Cell::text(with_unit(ind.target.as_str(), &ind.unit)),
                Cell::text(get(|e| e.progress.as_str().trim().to_string())),
                Cell::text(get(|e| e.forecast.as_str().trim().to_string())),
                Cell::text(get(|e| e.cause.clone())),
                Cell::text(get(|e| {
                    e.likelihood
                        .map(|l| l.label().to_string())
                        .unwrap_or_default()
                })),
                Cell::text(get(|e| e.remedy.trim().to_string())).role(CellRole::LongText),
                Cell::text(light_label(light)),
            ]
        }),
        monitoring_footnote(project, &status),
    );
    Some(Document {
        title: first.caption.clone(),
        blocks: vec![Block::Table(first), Block::Table(indicators)],
    })
}

/// The lights explained: the rule, then every lagging indicator and why.
fn monitoring_footnote(project: &Project, status: &monitor::MonitoringStatus) -> String {
    let rules = &project.rules.monitoring;
    let mut note = format!(
        "预警规则：执行进度或累计类指标的完成进度落后时间进度 {} 个百分点及以上为黄灯，{} 个百分点及以上为红灯；比率类指标截至目前未达年度指标值为黄灯，上限类指标已超出为红灯；全年预计完成值达不到（或超出）年度指标值、完成目标可能性为“完全不可能”为红灯，“有可能”为黄灯；全年预计执行率低于 {}% 为黄灯。",
        format_value(rules.yellow_behind),
        format_value(rules.red_behind),
        format_value(project.rules.low_execution_rate)
    );
    if let Some(adjusted) = crate::cycle::adjustments_note(project) {
        note.push_str(&adjusted);
    }
    let lagging = status.lagging();
    let funds_why = status.funds_why();
    if !funds_why.is_empty() {
        note.push_str(&format!("资金：{funds_why}。"));
    }
    if !lagging.is_empty() {
        let items: Vec<String> = lagging
            .iter()
            .filter_map(|s| {
                let ind = project.indicator(s.id)?;
                let why = s.why();
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!("，{why}")
                };
                Some(format!(
                    "“{}”{}{why}",
                    ind.name.trim(),
                    light_label(s.light)
                ))
            })
            .collect();
        note.push_str(&format!(
            "可能无法完成目标的指标 {} 项：{}。",
            lagging.len(),
            items.join("；")
        ));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cycle::AdjustmentRequest;
    use crate::project::Likelihood;
    use crate::report::to_plain_text;
    use crate::sample::example_project;
    use crate::score::evaluate;

    fn next_year() -> Project {
        let p = example_project();
        let mut next = p.next_year_copy(&evaluate(&p), "n".into(), 0.0);
        next.funds.total.initial_budget = NumberText::new("30");
        next.funds.total.annual_budget = NumberText::new("30");
        next
    }

    #[test]
    fn the_targets_table_lists_the_plan_as_submitted() {
        let mut p = next_year();
        p.adjust_indicator(
            2,
            AdjustmentRequest {
                target: "≥180".into(),
                weight: "15".into(),
                ..AdjustmentRequest::default()
            },
        )
        .unwrap();
        let doc = targets_document(&p);
        assert_eq!(doc.title, "项目支出绩效目标申报表（2025 年度）");
        let text = to_plain_text(&doc);
        assert!(text.contains("年度资金总额\t30.00"), "{text}");
        // The original target and 分值, not the adjusted ones.
        assert!(
            text.contains("保障网络终端数量\t≥ 正向\t≥200\t台\t20"),
            "{text}"
        );
        assert!(
            text.contains("本表为年初申报的绩效目标；年度执行中的目标调整见自评表和自评报告。")
        );
        let tables: Vec<&Table> = doc.tables().collect();
        assert_eq!(tables[1].column_count(), TARGET_COLUMNS as usize);
        // Every row fills the grid exactly (merged cells counted once).
        for t in &tables {
            let width = t.column_count();
            let mut covered = vec![vec![false; width]; t.row_count()];
            for placed in t.placed(width) {
                for row in covered.iter_mut().skip(placed.row).take(placed.height) {
                    for c in row.iter_mut().skip(placed.col).take(placed.width) {
                        assert!(!*c, "overlap in {}", t.caption);
                        *c = true;
                    }
                }
            }
            assert!(covered.iter().flatten().all(|c| *c), "gap in {}", t.caption);
        }
    }

    /// The 申报表's own fields, the 指标解释 column and a 不适用 二级 print
    /// (a project without them keeps its seven columns, above).
    #[test]
    fn the_targets_table_prints_the_declaration() {
        let mut p = next_year();
        p.declaration.code = "440105230001".into();
        p.declaration.year_amount = NumberText::new("1018.55");
        p.declaration.is_new = "否（延续）".into();
        p.declaration.cost_basis = "13台×50万元=650万元".into();
        p.declaration.long_term_goal = "建成感知网络".into();
        p.indicators[0].groups[0].indicators[0].notes.explanation = "在网终端台数".into();
        let i = p.indicators.len() - 1;
        let j = p.add_level2(i).unwrap();
        p.indicators[i].groups[j].name = "生态效益指标".into();
        p.indicators[i].groups[j].not_applicable = true;
        let doc = targets_document(&p);
        let text = to_plain_text(&doc);
        for expected in [
            "项目编码\t440105230001",
            "是否新增\t否（延续）",
            "本年度项目金额（万元）\t1018.55",
            "测算依据\t13台×50万元=650万元",
            "长期目标\t建成感知网络",
            "\t指标解释",
            "\t在网终端台数",
            "生态效益指标\t不适用",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        let tables: Vec<&Table> = doc.tables().collect();
        assert_eq!(tables[1].column_count(), TARGET_COLUMNS as usize + 1);
        for t in &tables {
            let width = t.column_count();
            let mut covered = vec![vec![false; width]; t.row_count()];
            for placed in t.placed(width) {
                for row in covered.iter_mut().skip(placed.row).take(placed.height) {
                    for c in row.iter_mut().skip(placed.col).take(placed.width) {
                        assert!(!*c, "overlap in {}", t.caption);
                        *c = true;
                    }
                }
            }
            assert!(covered.iter().flatten().all(|c| *c), "gap in {}", t.caption);
        }
    }

    #[test]
    fn the_monitoring_table_shows_progress_lights_and_why() {
        let mut p = next_year();
        assert!(monitoring_document(&p).is_none());
        p.monitoring = Some(monitor::start(&p));
        let m = p.monitoring.as_mut().unwrap();
        m.executed = NumberText::new("12");
        m.forecast = NumberText::new("30");
        m.indicators.push(MonitoredIndicator {
            id: 2,
            progress: NumberText::new("60"),
            forecast: NumberText::new("200"),
            cause: "经费保障".into(),
            likelihood: Some(Likelihood::Possible),
            remedy: "加快采购进度".into(),
        });
        let doc = monitoring_document(&p).unwrap();
        let text = to_plain_text(&doc);
        assert!(
            text.contains("监控截止日期\t2025年7月31日\t时间进度\t58.08%"),
            "{text}"
        );
        assert!(text.contains("1-7月执行数"), "{text}");
        assert!(
            text.contains("30.00\t30.00\t12.00\t40.00%\t30.00\t黄灯"),
            "{text}"
        );
        assert!(
            text.contains(
                "保障网络终端数量\t≥200 台\t60\t200\t经费保障\t有可能\t加快采购进度\t红灯"
            ),
            "{text}"
        );
        assert!(text.contains("可能无法完成目标的指标 1 项：“保障网络终端数量”红灯，"));
        for t in doc.tables() {
            let width = t.column_count();
            assert_eq!(width, MONITORING_COLUMNS as usize, "{}", t.caption);
            let cells: usize = t.placed(width).iter().map(|p| p.width * p.height).sum();
            assert_eq!(cells, width * t.row_count(), "{}", t.caption);
        }
        assert_eq!(period_label(Date::parse("2025-06-30")), "1-6月");
        assert_eq!(period_label(Date::parse("2025-07-15")), "截至7月15日");
        assert_eq!(period_label(Date::parse("2024-02-29")), "1-2月");
    }
}
