//! The editor's handle on the open document: tracked reads, writes that
//! schedule a debounced save, and the evaluation memo every view reads.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use crate::model::checks::{Finding, Severity};
use crate::model::project::Project;
use crate::model::score::{Evaluation, evaluate};
use crate::ui::AppState;

/// Autosave delay: long enough to batch a burst of keystrokes, well under a second.
const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct Doc {
    pub state: AppState,
    id: StoredValue<String>,
    pub evaluation: Memo<Option<Evaluation>>,
    /// Findings by field path, so a field finds its own message in O(1).
    findings: Memo<HashMap<String, Vec<(Severity, String)>>>,
    /// Indicator findings by (一级, 二级, 三级) position: field name → messages.
    pub indicator_findings: Memo<HashMap<TreePath, Vec<FieldFinding>>>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
}

/// An indicator's (一级, 二级, 三级) indices.
pub type TreePath = (usize, usize, usize);
/// (field name, severity, message).
pub type FieldFinding = (String, Severity, String);

/// `indicators.<i>.<j>.<k>.<field>` → ((i, j, k), field).
fn indicator_field(path: &str) -> Option<(TreePath, &str)> {
    let mut parts = path.strip_prefix("indicators.")?.splitn(4, '.');
    let i = parts.next()?.parse().ok()?;
    let j = parts.next()?.parse().ok()?;
    let k = parts.next()?.parse().ok()?;
    Some(((i, j, k), parts.next()?))
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
            let mut by_path: HashMap<String, Vec<(Severity, String)>> = HashMap::new();
            evaluation.with(|e| {
                for Finding {
                    severity,
                    message,
                    path,
                } in e.iter().flat_map(|e| e.findings.iter())
                {
                    by_path
                        .entry(path.clone())
                        .or_default()
                        .push((*severity, message.clone()));
                }
            });
            by_path
        });
        let indicator_findings = Memo::new(move |_| {
            let mut by_row: HashMap<_, Vec<_>> = HashMap::new();
            evaluation.with(|e| {
                for finding in e.iter().flat_map(|e| e.findings.iter()) {
                    if let Some((at, field)) = indicator_field(&finding.path) {
                        by_row.entry(at).or_default().push((
                            field.to_string(),
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
            indicator_findings,
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

    /// Changes the document and schedules a save.
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
        path: impl Fn() -> String + Send + Sync + 'static,
    ) -> Memo<Option<(Severity, String)>> {
        let findings = self.findings;
        Memo::new(move |_| {
            let path = path();
            findings.with(|all| {
                all.get(&path).and_then(|list| {
                    list.iter()
                        .min_by_key(|(severity, _)| severity_rank(*severity))
                        .cloned()
                })
            })
        })
    }
}

/// DOM id of the input for a field path (the 体检 list focuses it).
pub fn field_dom_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

pub fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Hint => 2,
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Hint => "sev-hint",
    }
}
