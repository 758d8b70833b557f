//! The views' handle on one open document: tracked reads, writes through
//! the document's own edit methods that schedule a debounced save, and the
//! memos every view reads (the evaluation and the 体检). Shared by 编辑 and
//! 报告.

use std::time::Duration;

use leptos::prelude::*;

use crate::ui::{AppState, Replacement};
use jixiao_core::checkup;
use jixiao_core::finding::{Finding, Severity};
use jixiao_core::history::History;
use jixiao_core::path::{FieldPath, IndicatorField};
use jixiao_core::project::Project;
use jixiao_core::score::{Evaluation, evaluate};
use jixiao_core::versions::Reason;

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
    /// The document's own signal (`AppState::open_document`); `None` when
    /// it was not read, which the pages do not let happen.
    project: Option<RwSignal<Project>>,
    pub evaluation: Memo<Option<Evaluation>>,
    /// The 体检: the data checks and the checks of edited report paragraphs.
    pub findings: Memo<Vec<Finding>>,
    /// The most severe message per field outside the 三级指标 rows (a few
    /// dozen at most: a list, since each map type costs kilobytes of wasm).
    messages: Memo<Vec<(FieldPath, (Severity, String))>>,
    /// Findings of the 三级指标 rows by indicator id. Rows read these through
    /// per-row signals (`editor::per_row`): one memo read by 300 rows would
    /// re-run all of them on every keystroke.
    pub indicator_messages: Memo<Vec<(u64, Vec<IndicatorMessage>)>>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
}

impl Doc {
    pub fn new(state: AppState, id: String) -> Self {
        // A handle owned by this view; the document lives on in the state.
        let project: Option<RwSignal<Project>> = state.open_document(&id).map(|d| d.project.into());
        let id = StoredValue::new(id);
        let evaluation = Memo::new(move |_| project.map(|p| p.with(evaluate)));
        let findings = Memo::new(move |_| {
            evaluation.with(|e| {
                let (Some(e), Some(project)) = (e, project) else {
                    return Vec::new();
                };
                project.with(|p| checkup::run(p, e))
            })
        });
        let messages = Memo::new(move |_| {
            let mut by_path: Vec<(FieldPath, (Severity, String))> = Vec::new();
            findings.with(|all| {
                for finding in all {
                    if matches!(finding.path, FieldPath::Indicator(..)) {
                        continue;
                    }
                    let message = (finding.severity, finding.message.clone());
                    match by_path.iter_mut().find(|(path, _)| *path == finding.path) {
                        None => by_path.push((finding.path.clone(), message)),
                        Some((_, kept)) if finding.severity < kept.0 => *kept = message,
                        Some(_) => {}
                    }
                }
            });
            by_path
        });
        let indicator_messages = Memo::new(move |_| {
            let mut by_row: Vec<(u64, Vec<IndicatorMessage>)> = Vec::new();
            findings.with(|all| {
                for finding in all {
                    if let FieldPath::Indicator(id, field) = finding.path {
                        let message = (field, finding.severity, finding.message.clone());
                        match by_row.iter_mut().find(|(row, _)| *row == id) {
                            Some((_, list)) => list.push(message),
                            None => by_row.push((id, vec![message])),
                        }
                    }
                }
            });
            by_row
        });
        Self {
            state,
            id,
            project,
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
        self.project.map(|p| p.with(f))
    }

    pub fn with_untracked<T>(&self, f: impl FnOnce(&Project) -> T) -> Option<T> {
        self.project.map(|p| p.with_untracked(f))
    }

    /// Changes the document as one undoable step and schedules a save. `f`
    /// calls the document's edit methods (`jixiao_core::edit`).
    pub fn write(&self, f: impl FnOnce(&mut Project)) {
        self.change(None, None, f);
    }

    /// An edit whose document before it is kept as a 历史版本 (paste,
    /// deleting a 一级/二级, rule changes): undo lasts only as long as the page.
    pub fn write_kept(&self, reason: Reason, f: impl FnOnce(&mut Project)) {
        self.change(None, Some(reason), f);
    }

    /// Typing into the field `path`: its keystrokes make one undo step.
    pub fn write_field(&self, path: &FieldPath, f: impl FnOnce(&mut Project)) {
        self.change(Some(&path.to_string()), None, f);
    }

    /// Typing into a field no `FieldPath` names (a 目标调整's fields, the
    /// lights' thresholds): keystrokes under the same `key` make one undo step.
    pub fn write_typing(&self, key: &str, f: impl FnOnce(&mut Project)) {
        self.change(Some(key), None, f);
    }

    /// `kept`: the document before the edit is kept as a 历史版本, and why
    /// (else the workspace keeps one every 10 minutes of editing).
    fn change(&self, typing_in: Option<&str>, kept: Option<Reason>, f: impl FnOnce(&mut Project)) {
        let Some(signal) = self.project else {
            return;
        };
        let id = self.id.get_value();
        let state = self.state;
        // Before the update: a version kept now reads the document as it was.
        state.editing(&id, kept);
        signal.update(|project| {
            let stepped = state.history(&id, |h| h.record(project, typing_in));
            if stepped {
                state.history_version.update(|v| *v += 1);
            }
            f(project);
            project.updated_at = js_sys::Date::now();
        });
        self.schedule_save();
    }

    /// An edit the editor's inputs show only once drawn again (a paste, a
    /// 体检 fix, a grade inference taken back): one undoable step, kept as
    /// a 历史版本 first when `kept` says why, saved at once.
    pub fn write_redrawn(&self, kept: Option<Reason>, f: impl FnOnce(&mut Project)) {
        let Some(mut project) = self.with_untracked(Clone::clone) else {
            return;
        };
        f(&mut project);
        project.updated_at = js_sys::Date::now();
        _ = self.cancel_pending_save();
        self.state.replace_read(project, Replacement::Redraw(kept));
    }

    /// The user left a field: typing there again is a new step.
    ///
    /// Removing the editor blurs its focused cell after the editor's values
    /// are gone: there is nothing to seal then.
    pub fn seal(&self) {
        if let Some(id) = self.id.try_get_value() {
            self.state.history(&id, History::seal);
        }
    }

    /// Steps back (`true`) or forward through the history; the editor
    /// re-mounts with the document as it was, which is saved too.
    pub fn step(&self, back: bool) {
        let id = self.id.get_value();
        let state = self.state;
        let Some(current) = self.with_untracked(Clone::clone) else {
            return;
        };
        let moved = state.history(&id, |h| {
            if back {
                h.undo(&current)
            } else {
                h.redo(&current)
            }
        });
        let Some(mut document) = moved else {
            return;
        };
        document.updated_at = js_sys::Date::now();
        state.history_version.update(|v| *v += 1);
        _ = self.cancel_pending_save();
        state.replace_read(document, Replacement::Step);
    }

    /// Whether there is a step to go back to / forward to (tracked).
    pub fn can_step(&self, back: bool) -> bool {
        self.state.history_version.track();
        let id = self.id.get_value();
        self.state
            .history(&id, |h| if back { h.can_undo() } else { h.can_redo() })
    }

    fn schedule_save(&self) {
        _ = self.cancel_pending_save();
        let doc = *self;
        let handle = set_timeout_with_handle(move || doc.flush(), SAVE_DELAY).ok();
        self.pending_save.set_value(handle);
    }

    /// Stops the save timer; `true` when one was pending. A replacement
    /// saves what it puts in place: a timer left from the typing before it
    /// would only save the same again.
    fn cancel_pending_save(&self) -> bool {
        let Some(handle) = self.pending_save.get_value() else {
            return false;
        };
        handle.clear();
        self.pending_save.set_value(None);
        true
    }

    /// Saves now if a save is pending (also on page hide, so nothing waits in a timer).
    pub fn flush(&self) {
        if self.cancel_pending_save() {
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
            messages.with(|all| {
                all.iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, message)| message.clone())
            })
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

/// The mark of an 错误 or a 警告, the same in the grid's cells, the cell bar
/// and the 体检, so the eye links them; a symbol as well as a colour, for
/// eyes that do not tell the colours apart. 提示 have none.
pub fn severity_mark(severity: Severity) -> Option<impl IntoView> {
    let symbol = match severity {
        Severity::Error => "×",
        Severity::Warning => "!",
        Severity::Hint => return None,
    };
    Some(view! { <span class="mark" aria-hidden="true">{symbol}</span> })
}

/// 已保存 / 保存失败 and why: the line every page that edits a document shows.
pub fn save_status_line(state: AppState) -> impl IntoView {
    let status = move || match state.save_status.get() {
        super::SaveStatus::Idle => ("save-idle", "未修改".to_string()),
        super::SaveStatus::Saved => ("save-ok", "已保存".to_string()),
        super::SaveStatus::Failed(reason) => ("save-failed", format!("保存失败：{reason}")),
    };
    view! { <p class=move || format!("save-status {}", status().0) role="status">{move || status().1}</p> }
}
