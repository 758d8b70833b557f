//! The views' handle on one open document: tracked reads, writes through
//! the document's own edit methods that schedule a debounced save, and the
//! memos every view reads (the evaluation and the 体检). Shared by 编辑 and
//! 报告.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use crate::model::checkup;
use crate::model::finding::{Finding, Severity};
use crate::model::path::{FieldPath, IndicatorField};
use crate::model::project::Project;
use crate::model::score::{Evaluation, evaluate};
use crate::ui::AppState;

/// Autosave delay: long enough to batch a burst of keystrokes, well under a second.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// A field's most severe message.
pub type FieldMessage = Option<(Severity, String)>;
/// A finding about one field of a 三级指标.
pub type IndicatorMessage = (IndicatorField, Severity, String);

#[derive(Clone, Copy)]
pub struct Doc {
    pub state: AppState,
    id: StoredValue<String>,
    pub evaluation: Memo<Option<Evaluation>>,
    /// The 体检: the data checks and the checks of edited report paragraphs.
    pub findings: Memo<Vec<Finding>>,
    /// The most severe message per field outside the 三级指标 rows, so a
    /// field finds its own in O(1).
    messages: Memo<HashMap<FieldPath, (Severity, String)>>,
    /// Findings of the 三级指标 rows by indicator id. Rows read these through
    /// per-row signals (`editor::per_row`): one memo read by 300 rows would
    /// re-run all of them on every keystroke.
    pub indicator_messages: Memo<HashMap<u64, Vec<IndicatorMessage>>>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
}

impl Doc {
    pub fn new(state: AppState, id: String) -> Self {
        let id = StoredValue::new(id);
        let evaluation = Memo::new(move |_| {
            let wanted = id.get_value();
            state
                .projects
                .with(|all| all.iter().find(|p| p.id == wanted).map(evaluate))
        });
        let findings = Memo::new(move |_| {
            let wanted = id.get_value();
            evaluation.with(|e| {
                let Some(e) = e else { return Vec::new() };
                state.projects.with(|all| {
                    all.iter()
                        .find(|p| p.id == wanted)
                        .map(|p| checkup::run(p, e))
                        .unwrap_or_default()
                })
            })
        });
        let messages = Memo::new(move |_| {
            let mut by_path: HashMap<FieldPath, (Severity, String)> = HashMap::new();
            findings.with(|all| {
                for finding in all {
                    if matches!(finding.path, FieldPath::Indicator(..)) {
                        continue;
                    }
                    let worse = by_path
                        .get(&finding.path)
                        .is_none_or(|(severity, _)| finding.severity < *severity);
                    if worse {
                        by_path.insert(
                            finding.path.clone(),
                            (finding.severity, finding.message.clone()),
                        );
                    }
                }
            });
            by_path
        });
        let indicator_messages = Memo::new(move |_| {
            let mut by_row: HashMap<u64, Vec<IndicatorMessage>> = HashMap::new();
            findings.with(|all| {
                for finding in all {
                    if let FieldPath::Indicator(id, field) = finding.path {
                        by_row.entry(id).or_default().push((
                            field,
                            finding.severity,
                            finding.message.clone(),
                        ));
                    }
                }
            });
            by_row
        });
        Self {
            state,
            id,
            evaluation,
            findings,
            messages,
            indicator_messages,
            pending_save: StoredValue::new(None),
        }
    }

    /// The open project's id.
    pub fn id(&self) -> String {
        self.id.get_value()
    }

    /// A tracked read of the document (re-runs the caller on any change).
    pub fn with<T>(&self, f: impl FnOnce(&Project) -> T) -> Option<T> {
        let id = self.id.get_value();
        self.state
            .projects
            .with(|all| all.iter().find(|p| p.id == id).map(f))
    }

    pub fn with_untracked<T>(&self, f: impl FnOnce(&Project) -> T) -> Option<T> {
        let id = self.id.get_value();
        self.state
            .projects
            .with_untracked(|all| all.iter().find(|p| p.id == id).map(f))
    }

    /// Changes the document and schedules a save. `f` calls the document's
    /// edit methods (`model::edit`) or sets one field.
    pub fn write(&self, f: impl FnOnce(&mut Project)) {
        let id = self.id.get_value();
        self.state.projects.update(|all| {
            if let Some(project) = all.iter_mut().find(|p| p.id == id) {
                f(project);
                project.updated_at = js_sys::Date::now();
            }
        });
        self.schedule_save();
    }

    fn schedule_save(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        let doc = *self;
        let handle = set_timeout_with_handle(move || doc.flush(), SAVE_DELAY).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves now if a save is pending (also on page hide, so nothing waits in a timer).
    pub fn flush(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
            self.pending_save.set_value(None);
            self.state.persist(&self.id.get_value());
        }
    }

    /// The most severe message for a field, for showing under it.
    pub fn message(
        &self,
        path: impl Fn() -> FieldPath + Send + Sync + 'static,
    ) -> Memo<FieldMessage> {
        let messages = self.messages;
        Memo::new(move |_| {
            let path = path();
            messages.with(|all| all.get(&path).cloned())
        })
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Hint => "sev-hint",
    }
}
