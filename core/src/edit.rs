//! Edits of the document, as methods of [`Project`]. Views call these and
//! nothing else to change the indicator tree, the rule set or the lists, so
//! every edit is tested here, natively, and undo (which replays documents)
//! sees whole edits.

use super::date::parse_deadline;
use super::library::{self, LibraryEntry};
use super::names::same_name;
use super::number::parse_number;
use super::path::{FieldPath, GroupField, IndicatorField, ItemList, MonitorField};
use super::project::{
    Indicator, IndicatorKind, Level1, Level2, Likelihood, MonitoredIndicator, Monitoring,
    NumberText, Project, QualitativeGrade,
};
use super::review::{Choice, Opinion, Review, Verdict};
use super::review_rules::ReviewRules;
use super::rules::RuleSet;

/// Position of a 三级指标: (一级, 二级, 三级) indices.
pub type TreePosition = (usize, usize, usize);

impl Project {
    pub fn indicator(&self, id: u64) -> Option<&Indicator> {
        self.indicators_in_order()
            .find(|(_, ind)| ind.id == id)
            .map(|(_, ind)| ind)
    }

    pub fn indicator_mut(&mut self, id: u64) -> Option<&mut Indicator> {
        self.indicators
            .iter_mut()
            .flat_map(|l1| l1.groups.iter_mut())
            .flat_map(|l2| l2.indicators.iter_mut())
            .find(|ind| ind.id == id)
    }

    pub fn position_of(&self, id: u64) -> Option<TreePosition> {
        self.indicators_in_order()
            .find(|(_, ind)| ind.id == id)
            .map(|(at, _)| at)
    }

    /// Inserts a blank 三级指标 into group (i, j) at `at` (the end when
    /// `None` or past it); returns its id, or `None` if there is no such group.
    pub fn insert_indicator(&mut self, i: usize, j: usize, at: Option<usize>) -> Option<u64> {
        let id = self.next_indicator_id();
        let group = self.indicators.get_mut(i)?.groups.get_mut(j)?;
        let at = at.map_or(group.indicators.len(), |at| at.min(group.indicators.len()));
        // A 二级 given an indicator applies after all.
        group.not_applicable = false;
        group.indicators.insert(
            at,
            Indicator {
                id,
                ..Indicator::default()
            },
        );
        Some(id)
    }

    /// A blank 三级指标 right below indicator `id` (Enter in its last cell).
    pub fn insert_indicator_after(&mut self, id: u64) -> Option<u64> {
        let (i, j, k) = self.position_of(id)?;
        self.insert_indicator(i, j, Some(k + 1))
    }

    /// Moves indicator `id` one place up or down within its 二级 group;
    /// returns whether it moved.
    pub fn move_indicator(&mut self, id: u64, up: bool) -> bool {
        let Some((i, j, k)) = self.position_of(id) else {
            return false;
        };
        let list = &mut self.indicators[i].groups[j].indicators;
        let other = if up {
            k.checked_sub(1)
        } else {
            Some(k + 1).filter(|&n| n < list.len())
        };
        match other {
            Some(other) => {
                list.swap(k, other);
                true
            }
            None => false,
        }
    }

    /// Removes indicator `id`; returns it.
    pub fn remove_indicator(&mut self, id: u64) -> Option<Indicator> {
        let (i, j, k) = self.position_of(id)?;
        Some(self.indicators[i].groups[j].indicators.remove(k))
    }

    /// A new project until it has a name, a budget and one 三级指标: its
    /// score means nothing yet, so it is shown as 草稿, not as 0.00 and 差.
    pub fn is_draft(&self) -> bool {
        self.name.trim().is_empty()
            || self.funds.total.annual_budget.is_blank()
            || self.indicators_in_order().next().is_none()
    }

    /// Deletes the 二级 `j` of 一级 `i`, or (`j` = `None`) the whole 一级;
    /// the group `removal_of` describes. Whether there was one.
    pub fn remove_group(&mut self, i: usize, j: Option<usize>) -> bool {
        match j {
            Some(j) => self.remove_level2(i, j).is_some(),
            None => self.remove_level1(i).is_some(),
        }
    }

    /// What deleting a group takes with it, for the question before it:
    /// "一级指标“产出指标”及其下 4 个二级指标、5 个三级指标"; `None` when the
    /// group holds nothing worth asking about.
    pub fn removal_of(&self, i: usize, j: Option<usize>) -> Option<String> {
        let l1 = self.indicators.get(i)?;
        let shown = |name: &str| match name.trim() {
            "" => "（未命名）".to_string(),
            n => n.to_string(),
        };
        match j {
            None => {
                let groups = l1.groups.len();
                let indicators: usize = l1.groups.iter().map(|g| g.indicators.len()).sum();
                let typed = !l1.weight.is_blank() || groups > 0;
                typed.then(|| {
                    format!(
                        "一级指标“{}”及其下 {groups} 个二级指标、{indicators} 个三级指标",
                        shown(&l1.name)
                    )
                })
            }
            Some(j) => {
                let l2 = l1.groups.get(j)?;
                let typed = !l2.weight.is_blank() || !l2.indicators.is_empty();
                typed.then(|| {
                    format!(
                        "二级指标“{}”及其下 {} 个三级指标",
                        shown(&l2.name),
                        l2.indicators.len()
                    )
                })
            }
        }
    }

    pub fn add_level1(&mut self) -> usize {
        self.indicators.push(Level1::default());
        self.indicators.len() - 1
    }

    pub fn remove_level1(&mut self, i: usize) -> Option<Level1> {
        (i < self.indicators.len()).then(|| self.indicators.remove(i))
    }

    pub fn add_level2(&mut self, i: usize) -> Option<usize> {
        let groups = &mut self.indicators.get_mut(i)?.groups;
        groups.push(Level2::default());
        Some(groups.len() - 1)
    }

    pub fn remove_level2(&mut self, i: usize, j: usize) -> Option<Level2> {
        let groups = &mut self.indicators.get_mut(i)?.groups;
        (j < groups.len()).then(|| groups.remove(j))
    }

    /// Adds the 共性 framework **of this project's rule set** (10号 第十三条,
    /// as the rule set varies it: 不设满意度 has no 满意度指标, 成本单列 moves
    /// 成本 into a 一级 of its own). Groups the tree already has, by name as
    /// published tables write it, are kept; a blank 一级 weight is filled in
    /// from the rule set; nothing is removed.
    pub fn apply_framework(&mut self) {
        for wanted in library::framework_for(&self.rules) {
            let at = match self
                .indicators
                .iter()
                .position(|l1| same_name(&l1.name, &wanted.name))
            {
                Some(at) => at,
                None => {
                    self.indicators.push(Level1 {
                        name: wanted.name.clone(),
                        ..Level1::default()
                    });
                    self.indicators.len() - 1
                }
            };
            let l1 = &mut self.indicators[at];
            if l1.weight.is_blank() {
                l1.weight = wanted.weight.clone();
            }
            for l2 in wanted.groups {
                if !l1.groups.iter().any(|g| same_name(&g.name, &l2.name)) {
                    l1.groups.push(l2);
                }
            }
        }
    }

    /// Places a ready-made 三级指标 under its 一级/二级, creating them when
    /// missing; returns the new indicator's id. Under a rule set with 成本 as
    /// a 一级 of its own, a 产出成本 entry goes there.
    pub fn add_from_library(&mut self, entry: &LibraryEntry) -> u64 {
        let id = self.next_indicator_id();
        let (level1, level2) = library::placement(entry, &self.rules);
        let i = match self
            .indicators
            .iter()
            .position(|x| same_name(&x.name, level1))
        {
            Some(i) => i,
            None => {
                self.indicators.push(Level1 {
                    name: level1.to_string(),
                    weight: library::rule_weight_text(&self.rules, level1),
                    ..Level1::default()
                });
                self.indicators.len() - 1
            }
        };
        let groups = &mut self.indicators[i].groups;
        let j = match groups.iter().position(|g| same_name(&g.name, level2)) {
            Some(j) => j,
            None => {
                groups.push(Level2 {
                    name: level2.to_string(),
                    ..Level2::default()
                });
                groups.len() - 1
            }
        };
        groups[j].indicators.push(entry.to_indicator(id));
        id
    }

    /// Sets an indicator's 年度指标值. A comparator typed with it (`≤1小时`)
    /// that points the other way than the 正向/反向 kind chosen switches the
    /// kind, so a new row scores in the direction its target says; 等于,
    /// 定性 and 满意度 are never changed behind the user's back.
    pub fn set_target(&mut self, id: u64, text: String) {
        let Some(ind) = self.indicator_mut(id) else {
            return;
        };
        ind.target = NumberText::new(text);
        let directional = matches!(
            ind.kind,
            IndicatorKind::AtLeast
                | IndicatorKind::MoreThan
                | IndicatorKind::AtMost
                | IndicatorKind::LessThan
        );
        if let Some(suggested) = suggest_kind(ind.target.as_str())
            && directional
            && !same_direction(ind.kind, suggested)
        {
            ind.kind = suggested;
        }
    }

    /// The text of the field `path` names, as typed; `None` for a path that
    /// names no text field (the tree, the total) or no existing row.
    pub fn text_at(&self, path: &FieldPath) -> Option<String> {
        Some(match path {
            FieldPath::Header(field) => self.header(*field).clone(),
            FieldPath::Funds(line, column) => self.funds.row(*line).cell(*column).0.clone(),
            FieldPath::Level1(i, field) => {
                let l1 = self.indicators.get(*i)?;
                match field {
                    GroupField::Name => l1.name.clone(),
                    GroupField::Weight => l1.weight.0.clone(),
                    GroupField::NotApplicable => return None,
                }
            }
            FieldPath::Level2(i, j, field) => {
                let l2 = self.indicators.get(*i)?.groups.get(*j)?;
                match field {
                    GroupField::Name => l2.name.clone(),
                    GroupField::Weight => l2.weight.0.clone(),
                    GroupField::NotApplicable => {
                        if l2.not_applicable { "是" } else { "" }.to_string()
                    }
                }
            }
            FieldPath::Indicator(id, field) => {
                let ind = self.indicator(*id)?;
                match field {
                    IndicatorField::Name => ind.name.clone(),
                    IndicatorField::Kind => ind.kind.key().to_string(),
                    IndicatorField::Target => ind.target.0.clone(),
                    IndicatorField::Unit => ind.unit.clone(),
                    IndicatorField::Actual => ind.actual.0.clone(),
                    IndicatorField::Weight => ind.weight.0.clone(),
                    IndicatorField::QualitativeGrade => ind
                        .qualitative_grade
                        .map_or_else(String::new, |g| g.key().to_string()),
                    IndicatorField::QualitativeScore => ind.qualitative_score.0.clone(),
                    IndicatorField::DeviationReason => ind.deviation_reason.clone(),
                    IndicatorField::OverAchievementReduction => {
                        ind.over_achievement_reduction.0.clone()
                    }
                    note => ind.notes.get(*note)?.clone(),
                }
            }
            FieldPath::Item(list, n) => self.items(*list).get(*n)?.clone(),
            FieldPath::Report(paragraph) => self.report.edits.get(paragraph)?.clone(),
            FieldPath::Monitoring(field) => {
                self.monitoring.as_ref()?;
                self.monitoring_text(*field)
            }
            FieldPath::Tree | FieldPath::Total | FieldPath::Rules => return None,
        })
    }

    /// Sets the field `path` names to `text` (as typed; a 指标性质 or 定性 grade
    /// by its key). Returns whether there was such a field.
    pub fn set_text(&mut self, path: &FieldPath, text: String) -> bool {
        match path {
            FieldPath::Header(field) => *self.header_mut(*field) = text,
            FieldPath::Funds(line, column) => {
                self.funds.row_mut(*line).cell_mut(*column).0 = text;
            }
            FieldPath::Level1(i, field) => {
                let Some(l1) = self.indicators.get_mut(*i) else {
                    return false;
                };
                match field {
                    GroupField::Name => l1.name = text,
                    GroupField::Weight => l1.weight.0 = text,
                    GroupField::NotApplicable => return false,
                }
            }
            FieldPath::Level2(i, j, field) => {
                let Some(l2) = self
                    .indicators
                    .get_mut(*i)
                    .and_then(|l| l.groups.get_mut(*j))
                else {
                    return false;
                };
                match field {
                    GroupField::Name => l2.name = text,
                    GroupField::Weight => l2.weight.0 = text,
                    // 不适用 only for a 二级 with no indicators: marking one
                    // that has some would drop them from scoring unseen.
                    GroupField::NotApplicable => {
                        let on = matches!(text.trim(), "是" | "true");
                        if on && !l2.indicators.is_empty() {
                            return false;
                        }
                        l2.not_applicable = on;
                    }
                }
            }
            FieldPath::Indicator(id, IndicatorField::Target) => {
                if self.indicator(*id).is_none() {
                    return false;
                }
                self.set_target(*id, text);
            }
            FieldPath::Indicator(id, field) => {
                let Some(ind) = self.indicator_mut(*id) else {
                    return false;
                };
                match field {
                    IndicatorField::Name => ind.name = text,
                    IndicatorField::Kind => match IndicatorKind::from_key(&text) {
                        Some(kind) => ind.kind = kind,
                        None => return false,
                    },
                    IndicatorField::Target => unreachable!("handled above"),
                    IndicatorField::Unit => ind.unit = text,
                    IndicatorField::Actual => ind.actual.0 = text,
                    IndicatorField::Weight => ind.weight.0 = text,
                    IndicatorField::QualitativeGrade => {
                        ind.qualitative_grade = QualitativeGrade::from_key(&text);
                        // A grade picked is the user's, no longer read from the table.
                        ind.inferred_grade = None;
                    }
                    IndicatorField::QualitativeScore => ind.qualitative_score.0 = text,
                    IndicatorField::DeviationReason => ind.deviation_reason = text,
                    IndicatorField::OverAchievementReduction => {
                        ind.over_achievement_reduction.0 = text;
                    }
                    note => match ind.notes.get_mut(*note) {
                        Some(slot) => *slot = text,
                        None => return false,
                    },
                }
            }
            FieldPath::Item(list, n) => match self.items_mut(*list).get_mut(*n) {
                Some(slot) => *slot = text,
                None => return false,
            },
            FieldPath::Report(paragraph) => self.set_paragraph(paragraph, text),
            FieldPath::Monitoring(field) => {
                // No form before monitoring starts, no row for an indicator
                // that is not there, no likelihood but the listed ones.
                let unknown_likelihood = matches!(field, MonitorField::Likelihood(_))
                    && !text.is_empty()
                    && Likelihood::from_key(&text).is_none();
                if self.monitoring.is_none()
                    || field
                        .indicator()
                        .is_some_and(|id| self.indicator(id).is_none())
                    || unknown_likelihood
                {
                    return false;
                }
                self.set_monitoring(*field, text);
            }
            FieldPath::Tree | FieldPath::Total | FieldPath::Rules => return false,
        }
        true
    }

    /// One field of the monitoring form as typed ("" when not filled in);
    /// the likelihood as its [`Likelihood::key`].
    pub fn monitoring_text(&self, field: MonitorField) -> String {
        let Some(m) = &self.monitoring else {
            return String::new();
        };
        let entry = |id: u64| m.indicators.iter().find(|e| e.id == id);
        match field {
            MonitorField::Cutoff => m.cutoff.clone(),
            MonitorField::Executed => m.executed.as_str().to_string(),
            MonitorField::Forecast => m.forecast.as_str().to_string(),
            MonitorField::Progress(id) => entry(id).map_or("", |e| e.progress.as_str()).to_string(),
            MonitorField::IndicatorForecast(id) => {
                entry(id).map_or("", |e| e.forecast.as_str()).to_string()
            }
            MonitorField::Cause(id) => entry(id).map_or("", |e| e.cause.as_str()).to_string(),
            MonitorField::Likelihood(id) => entry(id)
                .and_then(|e| e.likelihood)
                .map_or("", Likelihood::key)
                .to_string(),
            MonitorField::Remedy(id) => entry(id).map_or("", |e| e.remedy.as_str()).to_string(),
        }
    }

    /// Writes one field of the monitoring form, as typed (figures are read
    /// when judged, so nothing typed is lost).
    pub fn set_monitoring(&mut self, field: MonitorField, text: String) {
        let m = self.monitoring.get_or_insert_with(Monitoring::default);
        let entry = |m: &mut Monitoring, id: u64| -> usize {
            match m.indicators.iter().position(|e| e.id == id) {
                Some(n) => n,
                None => {
                    m.indicators.push(MonitoredIndicator {
                        id,
                        ..MonitoredIndicator::default()
                    });
                    m.indicators.len() - 1
                }
            }
        };
        match field {
            MonitorField::Cutoff => m.cutoff = text,
            MonitorField::Executed => m.executed = NumberText::new(text),
            MonitorField::Forecast => m.forecast = NumberText::new(text),
            MonitorField::Progress(id) => {
                let n = entry(m, id);
                m.indicators[n].progress = NumberText::new(text);
            }
            MonitorField::IndicatorForecast(id) => {
                let n = entry(m, id);
                m.indicators[n].forecast = NumberText::new(text);
            }
            MonitorField::Cause(id) => {
                let n = entry(m, id);
                m.indicators[n].cause = text;
            }
            MonitorField::Likelihood(id) => {
                let n = entry(m, id);
                m.indicators[n].likelihood = Likelihood::from_key(&text);
            }
            MonitorField::Remedy(id) => {
                let n = entry(m, id);
                m.indicators[n].remedy = text;
            }
        }
    }

    /// Replaces the rule set with a preset (a copy: editing it later never
    /// changes another project).
    pub fn choose_rules(&mut self, mut rules: RuleSet) {
        // A preset carries the default 审核口径: choosing how to score keeps
        // the one the project's region gave it. A rule-set file with a
        // 审核口径 of its own brings it.
        if rules.review.is_default() {
            rules.review = std::mem::take(&mut self.rules.review);
        }
        self.rules = rules;
    }

    /// Uses a 审核口径 (from a region's file). The scoring rules stay as
    /// they are, preset or not: the two are chosen separately.
    pub fn set_review_rules(&mut self, review: ReviewRules) {
        self.rules.review = review;
    }

    /// Changes this project's copy of the rule set and marks it as edited.
    pub fn edit_rules(&mut self, change: impl FnOnce(&mut RuleSet)) {
        change(&mut self.rules);
        self.rules.mark_custom();
    }

    pub fn add_item(&mut self, list: ItemList) {
        self.items_mut(list).push(String::new());
    }

    pub fn remove_item(&mut self, list: ItemList, n: usize) -> Option<String> {
        let items = self.items_mut(list);
        (n < items.len()).then(|| items.remove(n))
    }

    /// The user's text for a report paragraph; it replaces the draft.
    pub fn set_paragraph(&mut self, paragraph: &str, text: String) {
        self.report.edits.insert(paragraph.to_string(), text);
    }

    /// Back to the drafted text.
    pub fn restore_paragraph(&mut self, paragraph: &str) {
        self.report.edits.remove(paragraph);
    }
}

/// The 指标性质 a comparator typed with a target implies (`≤1小时` → 反向).
pub fn suggest_kind(target: &str) -> Option<IndicatorKind> {
    use super::number::Comparator;
    // A date or a month ("11月底前完成") is a deadline, whatever the year:
    // 2000 stands in for the project's (a leap year, so 2月29日 passes).
    if parse_deadline(target, Some(2000)).is_some() {
        return Some(IndicatorKind::Deadline);
    }
    let comparator = parse_number(target).ok().flatten()?.comparator?;
    Some(match comparator {
        Comparator::AtLeast => IndicatorKind::AtLeast,
        Comparator::MoreThan => IndicatorKind::MoreThan,
        Comparator::AtMost => IndicatorKind::AtMost,
        Comparator::LessThan => IndicatorKind::LessThan,
        Comparator::Equal => IndicatorKind::Equal,
        Comparator::PlusMinus => IndicatorKind::Deviation,
    })
}

/// Whether two kinds score in the same direction (higher or lower is better).
fn same_direction(a: IndicatorKind, b: IndicatorKind) -> bool {
    let higher = |k| matches!(k, IndicatorKind::AtLeast | IndicatorKind::MoreThan);
    let lower = |k| matches!(k, IndicatorKind::AtMost | IndicatorKind::LessThan);
    (higher(a) && higher(b)) || (lower(a) && lower(b))
}

/// 绩效目标审核: a reviewer's edits. A review left with nothing in it is
/// dropped, so an unreviewed project's record does not change.
impl Project {
    fn review_edit(&mut self, f: impl FnOnce(&mut Review)) {
        let mut review = self.review.take().unwrap_or_default();
        f(&mut review);
        self.review = (!review.is_empty()).then_some(review);
    }

    /// 采纳 / 修改 / 不采纳 the finding of rule `rule` (its id) at `path`;
    /// `None` takes the decision back.
    pub fn decide_finding(&mut self, rule: &str, path: &str, choice: Option<Choice>) {
        self.review_edit(|r| r.decide(rule, path, choice));
    }

    pub fn add_opinion(&mut self, category: String, text: String) {
        self.review_edit(|r| r.own.push(Opinion { category, text }));
    }

    /// Rewrites the reviewer's `n`-th opinion; kept as typed, blank included
    /// (a blank one is left out of the opinions, not deleted under the cursor).
    pub fn set_opinion(&mut self, n: usize, text: String) {
        self.review_edit(|r| {
            if let Some(opinion) = r.own.get_mut(n) {
                opinion.text = text;
            }
        });
    }

    pub fn remove_opinion(&mut self, n: usize) {
        self.review_edit(|r| {
            if n < r.own.len() {
                r.own.remove(n);
            }
        });
    }

    pub fn set_verdict(&mut self, verdict: Option<Verdict>) {
        self.review_edit(|r| r.verdict = verdict);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::library;
    use crate::rules::{preset, presets};
    use crate::sample::example_project;

    fn ids(p: &Project) -> Vec<u64> {
        p.indicators_in_order().map(|(_, ind)| ind.id).collect()
    }

    #[test]
    fn insert_move_remove_keep_ids_unique_and_order_right() {
        let mut p = example_project();
        let before = ids(&p);
        let (i, j, _) = p.position_of(before[0]).unwrap();
        let new = p.insert_indicator(i, j, Some(0)).unwrap();
        assert!(!before.contains(&new));
        assert_eq!(p.position_of(new), Some((i, j, 0)));
        assert!(p.move_indicator(new, false));
        assert_eq!(p.position_of(new), Some((i, j, 1)));
        assert!(p.move_indicator(new, true));
        assert!(!p.move_indicator(new, true), "already first");
        let after = p.insert_indicator_after(new).unwrap();
        assert_eq!(p.position_of(after), Some((i, j, 1)));
        assert_eq!(p.remove_indicator(new).map(|x| x.id), Some(new));
        p.remove_indicator(after);
        assert_eq!(ids(&p), before);
        assert!(p.insert_indicator(99, 0, None).is_none());
        assert!(p.remove_indicator(12345).is_none());
    }

    #[test]
    fn drafts_and_what_a_delete_takes() {
        let mut p = Project::default();
        assert!(p.is_draft());
        assert_eq!(p.removal_of(0, None), None);
        p.apply_framework();
        assert_eq!(
            p.removal_of(0, None).as_deref(),
            Some("一级指标“产出指标”及其下 4 个二级指标、0 个三级指标")
        );
        assert_eq!(
            p.removal_of(0, Some(0)),
            None,
            "an empty 二级 goes without asking"
        );
        let p = example_project();
        assert!(!p.is_draft());
        assert_eq!(
            p.removal_of(0, Some(3)).as_deref(),
            Some("二级指标“时效指标”及其下 2 个三级指标")
        );
    }

    #[test]
    fn group_edits() {
        let mut p = Project::default();
        let i = p.add_level1();
        assert_eq!(p.add_level2(i), Some(0));
        assert_eq!(p.add_level2(i), Some(1));
        assert!(p.remove_level2(i, 1).is_some());
        assert!(p.remove_level2(i, 5).is_none());
        assert!(p.add_level2(7).is_none());
        assert!(p.remove_level1(i).is_some());
        assert!(p.indicators.is_empty());
        // The grid's delete: one call for either level.
        let i = p.add_level1();
        p.add_level2(i);
        assert!(p.remove_group(i, Some(0)));
        assert!(!p.remove_group(i, Some(0)));
        assert!(p.remove_group(i, None));
        assert!(!p.remove_group(i, None));
        assert!(p.indicators.is_empty());
    }

    /// The framework follows the chosen rule set: its 一级 set and weights.
    #[test]
    fn framework_of_each_preset() {
        for rules in presets() {
            let mut p = Project {
                rules: rules.clone(),
                ..Project::default()
            };
            p.apply_framework();
            let names: Vec<&str> = p.indicators.iter().map(|l| l.name.as_str()).collect();
            let wanted: Vec<&str> = rules
                .level1_weights
                .iter()
                .map(|w| w.name.as_str())
                .collect();
            assert_eq!(names, wanted, "{}", rules.name);
            for (l1, w) in p.indicators.iter().zip(&rules.level1_weights) {
                let typed = parse_number(l1.weight.as_str()).unwrap().map(|n| n.value);
                assert_eq!(typed, w.weight, "{} {}", rules.name, l1.name);
                assert!(!l1.groups.is_empty());
            }
            // Applying twice adds nothing.
            let once = p.clone();
            p.apply_framework();
            assert_eq!(p, once);
        }
        let mut p = Project {
            rules: preset("no-satisfaction").unwrap(),
            ..Project::default()
        };
        p.apply_framework();
        assert!(!p.indicators.iter().any(|l| l.name.contains("满意度")));
        let mut p = Project {
            rules: preset("cost-separate").unwrap(),
            ..Project::default()
        };
        p.apply_framework();
        assert!(p.indicators.iter().any(|l| l.name == "成本指标"));
        assert!(!p.indicators[0].groups.iter().any(|g| g.name == "成本指标"));
    }

    /// Existing groups are matched by name as published tables write it,
    /// and a weight the user typed is kept.
    #[test]
    fn framework_merges_with_what_is_there() {
        let mut p = Project::default();
        p.indicators.push(Level1 {
            name: "产 出 指 标".into(),
            weight: NumberText::new("45"),
            groups: vec![Level2 {
                name: "数量".into(),
                ..Level2::default()
            }],
        });
        p.apply_framework();
        assert_eq!(p.indicators.len(), 3);
        assert_eq!(p.indicators[0].weight.as_str(), "45");
        let groups: Vec<&str> = p.indicators[0]
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(groups, ["数量", "质量指标", "时效指标", "成本指标"]);
        assert_eq!(p.indicators[1].weight.as_str(), "30");
    }

    #[test]
    fn library_entries_land_in_the_rule_sets_framework() {
        let mut p = Project {
            rules: preset("cost-separate").unwrap(),
            ..Project::default()
        };
        p.apply_framework();
        let cost = library()
            .into_iter()
            .find(|e| e.level2 == "成本指标")
            .unwrap();
        let id = p.add_from_library(&cost);
        let (i, _, _) = p.position_of(id).unwrap();
        assert_eq!(p.indicators[i].name, "成本指标");
        let mut q = Project::default();
        let id = q.add_from_library(&cost);
        let (i, j, _) = q.position_of(id).unwrap();
        assert_eq!(q.indicators[i].name, "产出指标");
        assert_eq!(q.indicators[i].weight.as_str(), "50");
        assert_eq!(q.indicators[i].groups[j].name, "成本指标");
    }

    #[test]
    fn a_typed_comparator_turns_a_directional_kind() {
        let mut p = example_project();
        let id = p.insert_indicator(0, 0, None).unwrap();
        p.set_target(id, "≤1小时".into());
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtMost);
        p.set_target(id, "≥ 95%".into());
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtLeast);
        p.set_target(id, "100".into());
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtLeast);
        p.indicator_mut(id).unwrap().kind = IndicatorKind::Satisfaction;
        p.set_target(id, "≤ 5".into());
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::Satisfaction);
        assert_eq!(p.indicator(id).unwrap().target.as_str(), "≤ 5");
    }

    #[test]
    fn rule_edits_mark_the_copy() {
        let mut p = example_project();
        p.edit_rules(|r| r.execution_weight = 20.0);
        assert!(p.rules.is_custom());
        assert_eq!(p.rules.execution_weight, 20.0);
        p.edit_rules(|r| r.execution_weight = 10.0);
        assert_eq!(p.rules.name.matches("已修改").count(), 1);
        p.choose_rules(preset("hubei").unwrap());
        assert!(!p.rules.is_custom());
    }

    /// The 审核口径 is chosen apart from the scoring rules: a preset keeps
    /// it, a rule set that brings its own replaces it.
    #[test]
    fn review_rules_survive_choosing_a_preset() {
        let mut p = example_project();
        let region = ReviewRules {
            name: "某市审核口径".into(),
            ..ReviewRules::default()
        };
        p.set_review_rules(region.clone());
        assert!(!p.rules.is_custom());
        p.choose_rules(preset("hubei").unwrap());
        assert_eq!(p.rules.review, region);
        let mut other = preset("mof-standard").unwrap();
        other.review.name_max_chars = 20;
        p.choose_rules(other.clone());
        assert_eq!(p.rules.review, other.review);
    }

    #[test]
    fn lists_and_paragraphs() {
        let mut p = Project::default();
        p.add_item(ItemList::Problems);
        p.add_item(ItemList::Problems);
        assert_eq!(p.problems.len(), 2);
        assert_eq!(p.remove_item(ItemList::Problems, 0), Some(String::new()));
        assert_eq!(p.remove_item(ItemList::Problems, 3), None);
        p.set_paragraph("summary", "改写".into());
        assert_eq!(
            p.report.edits.get("summary").map(String::as_str),
            Some("改写")
        );
        p.restore_paragraph("summary");
        assert!(p.report.edits.is_empty());
    }

    /// Every text field reads back what was set through its path.
    #[test]
    fn fields_by_path_read_back_what_was_set() {
        use crate::path::{FundsColumn, FundsLine, HeaderField};
        let mut p = example_project();
        let id = p.indicators_in_order().next().unwrap().1.id;
        let paths = [
            FieldPath::Header(HeaderField::Name),
            FieldPath::Header(HeaderField::PolicyBasis),
            FieldPath::Header(HeaderField::TotalAmount),
            FieldPath::Indicator(id, IndicatorField::Explanation),
            FieldPath::Indicator(id, IndicatorField::Evidence),
            FieldPath::Funds(FundsLine::Other, FundsColumn::Executed),
            FieldPath::Level1(0, GroupField::Weight),
            FieldPath::Level2(0, 0, GroupField::Name),
            FieldPath::Indicator(id, IndicatorField::Actual),
            FieldPath::Indicator(id, IndicatorField::Target),
            FieldPath::Indicator(id, IndicatorField::DeviationReason),
            FieldPath::Item(ItemList::Problems, 0),
            FieldPath::Report("summary".into()),
            FieldPath::Monitoring(MonitorField::Cutoff),
            FieldPath::Monitoring(MonitorField::IndicatorForecast(id)),
            FieldPath::Monitoring(MonitorField::Remedy(id)),
        ];
        let monitoring = FieldPath::Monitoring(MonitorField::Executed);
        assert_eq!(p.text_at(&monitoring), None);
        assert!(!p.set_text(&monitoring, "1".into()));
        p.start_monitoring();
        for (n, path) in paths.iter().enumerate() {
            let text = format!("文字{n}");
            assert!(p.set_text(path, text.clone()), "{path}");
            assert_eq!(p.text_at(path), Some(text), "{path}");
        }
        assert!(p.set_text(
            &FieldPath::Indicator(id, IndicatorField::Kind),
            "AtMost".into()
        ));
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtMost);
        assert!(!p.set_text(&FieldPath::Indicator(id, IndicatorField::Kind), "x".into()));
        assert!(!p.set_text(
            &FieldPath::Indicator(9999, IndicatorField::Name),
            "x".into()
        ));
        assert!(!p.set_text(&FieldPath::Level1(99, GroupField::Name), "x".into()));
        assert!(!p.set_text(&FieldPath::Total, "x".into()));
        // 是否新增 keeps whatever was typed, not only 是 or 否.
        let is_new = FieldPath::Header(HeaderField::IsNew);
        assert!(p.set_text(&is_new, "否（延续）".into()));
        assert_eq!(p.declaration.is_new, "否（延续）");
        assert_eq!(p.text_at(&is_new).as_deref(), Some("否（延续）"));
        // 不适用 is a 二级's, and only while it has no indicators.
        let na = FieldPath::Level2(0, 0, GroupField::NotApplicable);
        assert!(!p.set_text(&na, "是".into()));
        assert!(!p.set_text(
            &FieldPath::Level1(0, GroupField::NotApplicable),
            "是".into()
        ));
        let j = p.add_level2(0).unwrap();
        let na = FieldPath::Level2(0, j, GroupField::NotApplicable);
        assert!(p.set_text(&na, "是".into()));
        assert_eq!(p.text_at(&na).as_deref(), Some("是"));
        // An indicator added to it makes it apply again.
        p.insert_indicator(0, j, None).unwrap();
        assert!(!p.indicators[0].groups[j].not_applicable);
        assert_eq!(p.text_at(&FieldPath::Tree), None);
        let likelihood = FieldPath::Monitoring(MonitorField::Likelihood(id));
        assert!(p.set_text(&likelihood, "possible".into()));
        assert!(!p.set_text(&likelihood, "maybe".into()));
        assert_eq!(p.text_at(&likelihood).as_deref(), Some("possible"));
        assert!(!p.set_text(
            &FieldPath::Monitoring(MonitorField::Progress(9999)),
            "1".into()
        ));
    }

    #[test]
    fn suggest_kind_reads_the_comparator() {
        assert_eq!(suggest_kind("≤1小时"), Some(IndicatorKind::AtMost));
        assert_eq!(suggest_kind("±0%"), Some(IndicatorKind::Deviation));
        assert_eq!(suggest_kind("=0起"), Some(IndicatorKind::Equal));
        assert_eq!(suggest_kind("200台以上"), Some(IndicatorKind::AtLeast));
        assert_eq!(suggest_kind("200"), None);
        assert_eq!(suggest_kind("abc"), None);
    }
}
