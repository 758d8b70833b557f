//! A table pasted into the indicator grid, read as the 附1 indicator block.
//!
//! Columns are recognised by their header (the 附1 names and the variants
//! published tables use: 指标值, 全年实际值, 权重, 分数, 偏差原因 …) or, without a
//! header, by position from the column pasted into. Blank 一级/二级 cells carry
//! down (merged cells arrive blank in text); template rows ("指标2:", "……")
//! and the 总分 row are skipped. A column that is not recognised is listed,
//! never silently dropped; the 得分 column is listed too, as scores are the
//! rules' to compute (it only gives the grade of an ungraded 定性 row,
//! `grades`). Nothing changes until the plan is applied.

use super::columns::{Column, header_score, note_field};
use super::grades::{GradeNote, Verdict, verdict_of_words};
use super::names::same_name;
use super::number::parse_number;
use super::path::IndicatorField;
use super::project::{
    Indicator, IndicatorKind, Level1, Level2, NumberText, Project, QualitativeGrade,
};

/// One data row of the pasted table: its 一级/二级 (carried down) and the
/// texts of its recognised columns.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedRow {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub values: Vec<(Column, String)>,
    /// The 得分 column's text, if the table has one: never applied (scores
    /// are the rules'), kept for an import to record as 表中得分.
    pub score: Option<String>,
    /// The 申报表's notes on the indicator (指标解释 …), by their columns.
    pub notes: Vec<(IndicatorField, String)>,
    /// A row that says its 二级 does not apply (三级 and value 不适用): it
    /// makes the group, marked 不适用, and no indicator.
    pub not_applicable: bool,
}

impl PastedRow {
    pub fn get(&self, column: Column) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.as_str())
    }
}

/// Where the rows go.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// Each row under its 一级/二级 (made when missing); a 三级 of the same
    /// name in that group is updated, others are added.
    Tree,
    /// Over the rows from the one pasted into, in table order; rows beyond
    /// the last are added after it.
    Over { from: u64 },
    /// Each row a new indicator under its 一级/二级 (made when missing),
    /// even where a name repeats: a whole table read into a new project.
    Append,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PastePlan {
    /// What each pasted column is read as (`None`: not recognised).
    pub columns: Vec<Option<Column>>,
    /// Whether a header row named the columns (else: by position).
    pub by_header: bool,
    pub rows: Vec<PastedRow>,
    pub placement: Placement,
    /// Columns left out, as "第 3 列“备注”", for the preview.
    pub left_out: Vec<String>,
}

impl PastePlan {
    /// The rows that make indicators (not a 不适用 row), in order: what
    /// `PasteOutcome::rows` answers one for one.
    pub fn indicator_rows(&self) -> impl Iterator<Item = &PastedRow> {
        self.rows.iter().filter(|r| !r.not_applicable)
    }
}

/// Words of a row that only marks an empty template slot or the total.
fn is_filler(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // "指标2:", "指标1:/": a numbered slot with nothing (or a blank mark) in it.
    let template = t.strip_prefix("指标").is_some_and(|rest| {
        let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        after.len() < rest.len()
            && after
                .trim_start_matches([':', '：', '.', '、'])
                .chars()
                .all(|c| matches!(c, '/' | '／' | '-' | '—' | '…' | '.' | '。' | '无'))
    });
    t.is_empty()
        || template
        || t.chars()
            .all(|c| matches!(c, '…' | '.' | '。' | '-' | '—' | '/' | '／'))
}

fn is_total_row(row: &[String]) -> bool {
    row.iter().any(|c| {
        let t: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        t == "总分" || t == "合计" || t.starts_with("总分") && t.chars().count() <= 4
    })
}

/// Reads a pasted grid. `anchor_column` is the grid column pasted into
/// (positions count from it when there is no header); `anchor_row` the
/// indicator pasted on, if any.
pub fn plan(grid: &[Vec<String>], anchor_column: Column, anchor_row: Option<u64>) -> PastePlan {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    // A header is a row (of the first few) naming at least two columns; a
    // second header row below it (年度指标值 over 指标性质|指标值|度量单位) refines it.
    let header_at = grid.iter().take(4).position(|row| header_score(row) >= 2);
    let (columns, first_data) = match header_at {
        Some(h) => {
            let mut columns: Vec<Option<Column>> = (0..width)
                .map(|c| grid[h].get(c).and_then(|t| Column::recognise(t)))
                .collect();
            let mut first = h + 1;
            if let Some(next) = grid.get(h + 1)
                && header_score(next) >= 2
            {
                for (c, slot) in columns.iter_mut().enumerate() {
                    if let Some(col) = next.get(c).and_then(|t| Column::recognise(t)) {
                        *slot = Some(col);
                    }
                }
                first += 1;
            }
            (columns, first)
        }
        None => {
            let start = Column::ALL
                .iter()
                .position(|c| *c == anchor_column)
                .unwrap_or(0);
            let columns = (0..width)
                .map(|c| Column::ALL.get(start + c).copied())
                .collect();
            (columns, 0)
        }
    };
    // A column named twice keeps its first place (merged header cells).
    let mut seen = Vec::new();
    let columns: Vec<Option<Column>> = columns
        .into_iter()
        .map(|c| match c {
            Some(c) if seen.contains(&c) => None,
            Some(c) => {
                seen.push(c);
                Some(c)
            }
            None => None,
        })
        .collect();

    // The 申报表's note columns (指标解释 …), which no 附1 column names.
    let notes: Vec<(usize, IndicatorField)> = header_at
        .map(|h| {
            grid[h]
                .iter()
                .enumerate()
                .filter_map(|(n, t)| note_field(t).map(|f| (n, f)))
                .collect()
        })
        .unwrap_or_default();
    let mut left_out = Vec::new();
    for (n, c) in columns.iter().enumerate() {
        if notes.iter().any(|(at, _)| *at == n) {
            continue;
        }
        let header = header_at
            .and_then(|h| grid[h].get(n))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| {
                grid.get(first_data)
                    .and_then(|r| r.get(n))
                    .map(|t| t.trim().chars().take(12).collect())
            })
            .unwrap_or_default();
        match c {
            None if grid
                .iter()
                .skip(first_data)
                .any(|r| r.get(n).is_some_and(|t| !t.trim().is_empty())) =>
            {
                left_out.push(format!("第 {} 列“{header}”（未识别）", n + 1));
            }
            Some(Column::Score) => {
                left_out.push(format!(
                    "第 {} 列“{header}”（得分按规则计算，不导入；未选等级的定性指标据此推断等级）",
                    n + 1
                ));
            }
            _ => {}
        }
    }

    let has = |col: Column| columns.contains(&Some(col));
    let tree = has(Column::Level1) || has(Column::Level2);
    let mut rows = Vec::new();
    let (mut level1, mut level2): (Option<String>, Option<String>) = (None, None);
    for row in grid.iter().skip(first_data) {
        if is_total_row(row) || header_score(row) >= 3 {
            continue;
        }
        let cell = |col: Column| -> Option<String> {
            let at = columns.iter().position(|c| *c == Some(col))?;
            Some(row.get(at).map_or(String::new(), |t| t.trim().to_string()))
        };
        if let Some(name) = cell(Column::Level1).filter(|t| !t.is_empty()) {
            if level1.as_deref() != Some(name.as_str()) {
                level2 = None;
            }
            level1 = Some(name);
        }
        if let Some(name) = cell(Column::Level2).filter(|t| !t.is_empty()) {
            level2 = Some(name);
        }
        let values: Vec<(Column, String)> = columns
            .iter()
            .flatten()
            .filter(|c| c.field().is_some())
            .map(|c| (*c, cell(*c).unwrap_or_default()))
            .collect();
        let empty_data = values
            .iter()
            .filter(|(c, _)| *c != Column::Name)
            .all(|(_, v)| v.is_empty() || is_filler(v));
        let name = values
            .iter()
            .find(|(c, _)| *c == Column::Name)
            .map_or("", |(_, v)| v.as_str());
        if (is_filler(name) && empty_data) || values.iter().all(|(_, v)| v.is_empty()) {
            continue;
        }
        // 不适用 in the 三级 cell, and nothing else but 不适用 or blanks.
        let not_applicable = is_not_applicable(name)
            && values
                .iter()
                .all(|(_, v)| v.is_empty() || is_not_applicable(v) || is_filler(v));
        let row_notes = notes
            .iter()
            .filter_map(|(at, field)| {
                let text = row.get(*at).map_or("", |t| t.trim());
                (!text.is_empty() && !not_applicable).then(|| (*field, text.to_string()))
            })
            .collect();
        rows.push(PastedRow {
            level1: if tree { level1.clone() } else { None },
            level2: if tree { level2.clone() } else { None },
            values,
            score: cell(Column::Score),
            notes: row_notes,
            not_applicable,
        });
    }
    let placement = match (tree, anchor_row) {
        (false, Some(from)) => Placement::Over { from },
        _ => Placement::Tree,
    };
    PastePlan {
        columns,
        by_header: header_at.is_some(),
        rows,
        placement,
        left_out,
    }
}

/// "不适用" as forms write it ("不适用", "/不适用", "（不适用）").
fn is_not_applicable(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '/' | '／' | '（' | '）' | '(' | ')'))
        .collect();
    t == "不适用"
}

/// The 指标性质 a pasted 指标性质 cell names.
fn kind_of(text: &str) -> Option<IndicatorKind> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    // The kinds as jixiao names them ("> 正向", "± 区间/偏差").
    if let Some(kind) = IndicatorKind::ALL.into_iter().find(|k| {
        k.label()
            .chars()
            .filter(|c| !c.is_whitespace())
            .eq(t.chars())
    }) {
        return Some(kind);
    }
    if t.contains("定性") {
        return Some(IndicatorKind::Qualitative);
    }
    if t.contains("满意") {
        return Some(IndicatorKind::Satisfaction);
    }
    if t.contains("正向") {
        return Some(IndicatorKind::AtLeast);
    }
    if t.contains("反向") {
        return Some(IndicatorKind::AtMost);
    }
    // A sign alone: the kind it would give a target written with it.
    super::edit::suggest_kind(&format!("{t}0"))
}

/// A sign alone in the 指标性质 cell (云南 layout: `≧ | 735 | 人次`) belongs
/// with the target, as it was printed.
fn sign_only(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && kind_of(t).is_some()
        && parse_number(t).is_err()
        && t.chars().count() <= 3
        && !t.chars().any(|c| c.is_alphabetic())
}

/// The 定性 grade a pasted 实际完成值 names ("达成年度指标", "部分达成");
/// "达成" after a negation ("没有达成") names the grade it denies.
fn grade_of(text: &str) -> Option<QualitativeGrade> {
    let denied = verdict_of_words(text, "") == Some(Verdict::NotMet);
    if text.contains("未达成") {
        Some(QualitativeGrade::NotAchieved)
    } else if text.contains("部分达成") {
        Some(QualitativeGrade::PartlyAchieved)
    } else if text.contains("达成") {
        Some(if denied {
            QualitativeGrade::NotAchieved
        } else {
            QualitativeGrade::Achieved
        })
    } else {
        None
    }
}

/// Writes a pasted row into an indicator, field by field.
fn fill(ind: &mut Indicator, row: &PastedRow) {
    for (column, text) in &row.values {
        match column {
            Column::Name => ind.name = text.clone(),
            Column::Kind => {
                if let Some(kind) = kind_of(text) {
                    ind.kind = kind;
                }
            }
            Column::Target => {
                let sign = row.get(Column::Kind).filter(|k| sign_only(k));
                let has_comparator = parse_number(text)
                    .ok()
                    .flatten()
                    .is_some_and(|n| n.comparator.is_some());
                ind.target = NumberText::new(match sign {
                    Some(sign) if !has_comparator && !text.is_empty() => {
                        format!("{}{text}", sign.trim())
                    }
                    _ => text.clone(),
                });
            }
            Column::Unit => ind.unit = text.clone(),
            Column::Actual => ind.actual = NumberText::new(text.clone()),
            Column::Weight => ind.weight = NumberText::new(text.clone()),
            Column::Reason => ind.deviation_reason = text.clone(),
            Column::Level1 | Column::Level2 | Column::Score => {}
        }
    }
    for (field, text) in &row.notes {
        if let Some(slot) = ind.notes.get_mut(*field) {
            *slot = text.clone();
        }
    }
    if row.get(Column::Kind).is_none_or(|k| kind_of(k).is_none()) {
        if let Some(kind) = super::edit::suggest_kind(ind.target.as_str()) {
            ind.kind = kind;
        } else if !ind.target.as_str().trim().is_empty()
            && parse_number(ind.target.as_str()).is_err()
        {
            // A target in words ("有效", "显著提升") is a 定性 indicator.
            ind.kind = IndicatorKind::Qualitative;
        }
    }
    // A pasted 实际完成值 that names the grade sets it (pasting a newer table
    // over an older one changes it); other words leave the choice as it was.
    // Other words ("按计划完成", the target's own) are read after the paste,
    // as inferred grades the user sees and can take back (`grades`).
    if ind.kind == IndicatorKind::Qualitative
        && row.get(Column::Actual).is_some()
        && let Some(grade) = grade_of(ind.actual.as_str().trim())
    {
        ind.qualitative_grade = Some(grade);
        ind.inferred_grade = None;
    }
}

/// What applying the plan did, for the notice after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasteOutcome {
    pub added_level1: usize,
    pub added_level2: usize,
    pub added: Vec<u64>,
    pub changed: Vec<u64>,
    /// The indicator each plan row went to, in row order.
    pub rows: Vec<u64>,
    /// The 定性 grades read from the table (its 得分, else its words), and
    /// the rows where they disagree.
    pub grades: Vec<GradeNote>,
}

impl PasteOutcome {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.added_level1 > 0 {
            parts.push(format!("新增一级指标 {} 个", self.added_level1));
        }
        if self.added_level2 > 0 {
            parts.push(format!("新增二级指标 {} 个", self.added_level2));
        }
        if !self.added.is_empty() {
            parts.push(format!("新增三级指标 {} 个", self.added.len()));
        }
        if !self.changed.is_empty() {
            parts.push(format!("修改三级指标 {} 个", self.changed.len()));
        }
        if parts.is_empty() {
            "没有可粘贴的内容".to_string()
        } else {
            parts.join("，")
        }
    }
}

impl Project {
    /// Applies a paste plan; returns what changed. One edit, for undo.
    pub fn apply_paste(&mut self, plan: &PastePlan) -> PasteOutcome {
        let mut outcome = PasteOutcome::default();
        match &plan.placement {
            Placement::Tree | Placement::Append => {
                let append = plan.placement == Placement::Append;
                for row in &plan.rows {
                    let l1_name = row.level1.clone().unwrap_or_default();
                    let i = match self
                        .indicators
                        .iter()
                        .position(|l| same_name(&l.name, &l1_name))
                    {
                        Some(i) => i,
                        None => {
                            self.indicators.push(Level1 {
                                name: l1_name,
                                ..Level1::default()
                            });
                            outcome.added_level1 += 1;
                            self.indicators.len() - 1
                        }
                    };
                    let l2_name = row.level2.clone().unwrap_or_default();
                    let groups = &mut self.indicators[i].groups;
                    let j = match groups.iter().position(|g| same_name(&g.name, &l2_name)) {
                        Some(j) => j,
                        None => {
                            groups.push(Level2 {
                                name: l2_name,
                                ..Level2::default()
                            });
                            outcome.added_level2 += 1;
                            groups.len() - 1
                        }
                    };
                    if row.not_applicable {
                        let group = &mut self.indicators[i].groups[j];
                        // A group that has indicators applies whatever a row says.
                        group.not_applicable = group.indicators.is_empty();
                        continue;
                    }
                    let name = row.get(Column::Name).unwrap_or("");
                    let existing = (!name.is_empty() && !append)
                        .then(|| {
                            self.indicators[i].groups[j]
                                .indicators
                                .iter()
                                .position(|ind| same_name(&ind.name, name))
                        })
                        .flatten();
                    match existing {
                        Some(k) => {
                            let ind = &mut self.indicators[i].groups[j].indicators[k];
                            fill(ind, row);
                            outcome.changed.push(ind.id);
                            outcome.rows.push(ind.id);
                        }
                        None => {
                            let id = self.next_indicator_id();
                            let mut ind = Indicator {
                                id,
                                ..Indicator::default()
                            };
                            fill(&mut ind, row);
                            let group = &mut self.indicators[i].groups[j];
                            group.not_applicable = false;
                            group.indicators.push(ind);
                            outcome.added.push(id);
                            outcome.rows.push(id);
                        }
                    }
                }
            }
            Placement::Over { from } => {
                let order: Vec<u64> = self
                    .indicators_in_order()
                    .map(|(_, ind)| ind.id)
                    .skip_while(|id| id != from)
                    .collect();
                let mut last = order.first().copied();
                for (n, row) in plan.indicator_rows().enumerate() {
                    let id = match order.get(n) {
                        Some(id) => {
                            outcome.changed.push(*id);
                            *id
                        }
                        None => {
                            let Some(new) = last.and_then(|l| self.insert_indicator_after(l))
                            else {
                                break;
                            };
                            outcome.added.push(new);
                            new
                        }
                    };
                    if let Some(ind) = self.indicator_mut(id) {
                        fill(ind, row);
                    }
                    outcome.rows.push(id);
                    last = Some(id);
                }
            }
        }
        let stated: Vec<(u64, String)> = outcome
            .rows
            .iter()
            .zip(plan.indicator_rows())
            .map(|(id, row)| (*id, row.score.clone().unwrap_or_default()))
            .collect();
        outcome.grades = self.infer_grades(&stated);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::clipboard::parse_tsv;
    use crate::sample::example_project;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse_tsv(text)
    }

    /// A 附1 block copied from Excel: header, merged 一级/二级 blank, a
    /// template row, the 总分 row, an unknown column.
    #[test]
    fn a_copied_block_becomes_the_tree() {
        let text = "一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t计量单位\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\t备注\n\
产出指标\t数量指标\t保障网络终端数量\t≥\t200\t台\t235\t20\t20\t\t甲\n\
\t质量指标\t网络终端稳定运行保障天数\t正向\t≥365\t天\t365\t20\t20\t\t\n\
\t\t指标2：\t\t\t\t\t\t\t\t\n\
\t时效指标\t项目完成时间符合目标\t定性\t按期完成\t\t达成年度指标\t15\t15\t\t\n\
总分\t\t\t\t\t\t\t100\t100\t\t\n";
        let plan = plan(&rows(text), Column::Name, None);
        assert!(plan.by_header);
        assert_eq!(plan.placement, Placement::Tree);
        assert_eq!(plan.rows.len(), 3);
        assert_eq!(plan.rows[1].level1.as_deref(), Some("产出指标"));
        assert_eq!(plan.left_out.len(), 2, "{:?}", plan.left_out);
        assert!(plan.left_out[0].contains("得分"));
        assert!(plan.left_out[1].contains("备注"));

        let mut p = Project::default();
        let outcome = p.apply_paste(&plan);
        assert_eq!(
            (
                outcome.added_level1,
                outcome.added_level2,
                outcome.added.len()
            ),
            (1, 3, 3)
        );
        let first = &p.indicators[0].groups[0].indicators[0];
        assert_eq!(first.target.as_str(), "≥200");
        assert_eq!(first.kind, IndicatorKind::AtLeast);
        let qualitative = &p.indicators[0].groups[2].indicators[0];
        assert_eq!(qualitative.kind, IndicatorKind::Qualitative);
        assert_eq!(
            qualitative.qualitative_grade,
            Some(QualitativeGrade::Achieved)
        );
        // Pasting again updates the same indicators instead of adding.
        let outcome = p.apply_paste(&plan);
        assert_eq!((outcome.added.len(), outcome.changed.len()), (0, 3));
    }

    /// A later table says the 定性 row fell short: pasting it over changes
    /// the grade; a 实际完成值 without grade words leaves the choice alone.
    #[test]
    fn a_pasted_grade_word_updates_the_grade() {
        let head = "一级指标\t二级指标\t三级指标\t指标性质\t实际完成值\n";
        let mut p = Project::default();
        p.apply_paste(&plan(
            &rows(&format!(
                "{head}产出指标\t时效指标\t按期完成\t定性\t达成年度指标\n"
            )),
            Column::Name,
            None,
        ));
        let grade = |p: &Project| p.indicators[0].groups[0].indicators[0].qualitative_grade;
        assert_eq!(grade(&p), Some(QualitativeGrade::Achieved));
        p.apply_paste(&plan(
            &rows(&format!(
                "{head}产出指标\t时效指标\t按期完成\t定性\t未达成年度指标\n"
            )),
            Column::Name,
            None,
        ));
        assert_eq!(grade(&p), Some(QualitativeGrade::NotAchieved));
        p.apply_paste(&plan(
            &rows(&format!(
                "{head}产出指标\t时效指标\t按期完成\t定性\t延期两个月\n"
            )),
            Column::Name,
            None,
        ));
        assert_eq!(grade(&p), Some(QualitativeGrade::NotAchieved));
        assert_eq!(
            p.indicators[0].groups[0].indicators[0].actual.as_str(),
            "延期两个月"
        );
    }

    /// 云南's two header rows: 年度指标值 over 指标性质 | 指标值 | 度量单位.
    #[test]
    fn two_header_rows_and_a_sign_in_its_own_column() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t\t\t实际完成值\t分值\t得分\n\
\t\t\t指标性质\t指标值\t度量单位\t\t\t\n\
产出指标\t数量指标\t学生受资助人数\t≧\t735\t人次\t735\t10\t10\n";
        let plan = plan(&rows(text), Column::Name, None);
        let mut p = Project::default();
        p.apply_paste(&plan);
        let ind = &p.indicators[0].groups[0].indicators[0];
        assert_eq!((ind.target.as_str(), ind.unit.as_str()), ("≧735", "人次"));
        assert_eq!(ind.kind, IndicatorKind::AtLeast);
    }

    /// Without a header, columns count from the cell pasted into, over the
    /// rows from there down; rows beyond the end are added.
    #[test]
    fn a_block_without_header_goes_over_the_rows_from_the_anchor() {
        let mut p = example_project();
        let ids: Vec<u64> = p.indicators_in_order().map(|(_, i)| i.id).collect();
        let text = "190\t20\n365\t20\n10\t5\n";
        let plan = plan(&rows(text), Column::Actual, Some(ids[3]));
        assert!(!plan.by_header);
        assert_eq!(plan.placement, Placement::Over { from: ids[3] });
        let outcome = p.apply_paste(&plan);
        assert_eq!(outcome.changed, vec![ids[3], ids[4]]);
        assert_eq!(outcome.added.len(), 1);
        assert_eq!(p.indicator(ids[3]).unwrap().actual.as_str(), "190");
        assert_eq!(p.indicator(outcome.added[0]).unwrap().weight.as_str(), "5");
    }
}
