//! Saving, as a state machine: what this tab knows of each project it has
//! read (the revision and save time stored when it last read or wrote it,
//! whether a save is under way or failed, whether a copy was kept aside at
//! page-hide, the saved document whose summary is still to be made) and what
//! follows from each event, as commands the views carry out. Nothing here
//! touches storage or the page: `ui/` feeds events in (an edit, a save that
//! finished, another tab's save, the page going away) and carries the
//! commands out, so the rules that lose nothing and overwrite nobody are
//! tested natively (`tests` below drives random sequences of events).
//!
//! The document type is a parameter: the app keeps `Project`s, the tests
//! numbered versions, which makes "this summary was made from that record"
//! checkable.

use crate::versions::Reason;

/// Why a document in memory is replaced as a whole rather than edited field
/// by field: what is kept of the one it replaces follows from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Replacement {
    /// 撤销 or 重做: the undo history moved already.
    Step,
    /// An edit made outside the editor's inputs (a paste, a 体检 fix, a
    /// grade inference taken back), which they show only when drawn again;
    /// kept as a 历史版本 first when it says why.
    Redraw(Option<Reason>),
    /// An import put over the project (a workbook, an exchange file, the
    /// working file).
    Import,
    /// A 历史版本 restored.
    Restore,
    /// Conflict choice 1: the version another tab stored, which is stored
    /// already; this tab's becomes a 历史版本, not lost.
    Theirs,
}

impl Replacement {
    /// Kept as a 历史版本 before it is replaced, and why.
    pub fn kept_as(self) -> Option<Reason> {
        match self {
            Replacement::Step => None,
            Replacement::Redraw(reason) => reason,
            Replacement::Import => Some(Reason::Import),
            Replacement::Restore => Some(Reason::Restore),
            Replacement::Theirs => Some(Reason::Theirs),
        }
    }

    /// The document replaced is a step 撤销 goes back to.
    pub fn is_undo_step(self) -> bool {
        matches!(
            self,
            Replacement::Redraw(_) | Replacement::Import | Replacement::Restore
        )
    }

    /// The new document is to be saved (another tab's is stored already).
    fn saves(self) -> bool {
        self != Replacement::Theirs
    }
}

/// A stored record's revision and save time (ms since 1970), as its text
/// ends (`schema::record_stamp`). `(0, 0.0)`: nothing stored, as far as this
/// tab knows.
pub type Stamp = (u64, f64);

const NOTHING_STORED: Stamp = (0, 0.0);

pub const CONFLICT_STATUS: &str = "此项目已在另一个窗口中修改，本窗口的修改尚未保存";

/// Save state shown to the user; the document stays in memory whatever happens.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saved,
    Failed(String),
}

/// Why a save was not written.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveFailure {
    /// Storage holds another revision than this tab last read or wrote.
    Conflict,
    /// The browser refused the write (a full disk, storage gone); the
    /// message says which.
    Refused(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event<D> {
    /// Storage was opened, or could not be (`problem` says why: then
    /// nothing is saved, so nothing stored is overwritten).
    Loaded {
        problem: Option<String>,
    },
    /// A document was read from storage into memory at `stamp`.
    Read {
        id: String,
        stamp: Stamp,
    },
    /// Project `id`, in memory, is about to be edited at `at` (ms since
    /// 1970); `kept` when the edit keeps the document before it as a
    /// 历史版本 (deleting a 一级/二级, changing the rules).
    Editing {
        id: String,
        at: f64,
        kept: Option<Reason>,
    },
    /// The document in memory changed (an edit, undo, a restore, an
    /// import's replacement) and is due to be saved.
    Edited {
        id: String,
    },
    /// A document was put in memory that storage may not hold (new, copied,
    /// imported, a delete undone); its summary is made already and goes
    /// with its first save.
    Added {
        id: String,
    },
    /// The save of `document` was written at `stamp`.
    SaveDone {
        id: String,
        stamp: Stamp,
        document: D,
    },
    SaveFailed {
        id: String,
        failure: SaveFailure,
    },
    /// Another tab saved (`stored` is what storage holds now) or deleted
    /// (`None`) project `id`.
    ChangedElsewhere {
        id: String,
        stored: Option<Stamp>,
    },
    /// The page is going away (closed, or into the back-forward cache).
    PageHidden,
    /// The user deleted project `id` here.
    Deleted {
        id: String,
    },
    /// The delete of `id` finished; when it failed, the record is still
    /// stored at `stamp`, the one it had before.
    DeleteFinished {
        id: String,
        stamp: Stamp,
        result: Result<(), String>,
    },
    /// Conflict choice 1: this tab's version is dropped for the one stored
    /// (`stored`, when there is one, read at that stamp).
    ReloadedTheirs {
        id: String,
        stored: Option<(Stamp, D)>,
    },
    /// The list or the 汇总 wants the saved documents' summaries now.
    SummariesWanted,
    /// Document `id`, in memory, is to be replaced by `document` as a whole.
    Replaced {
        id: String,
        document: D,
        why: Replacement,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command<D> {
    /// Write the document in memory as record `revision` if storage still
    /// holds `base` (or nothing), with its summary when `with_summary`;
    /// report back with `SaveDone` or `SaveFailed`.
    Save {
        id: String,
        base: Stamp,
        revision: u64,
        with_summary: bool,
    },
    /// The summary stored with that save, made of the document it wrote,
    /// goes into the list with the save's stamp.
    ListSavedSummary {
        id: String,
        stamp: Stamp,
    },
    /// Saved documents wait for their summaries: make them shortly (at once
    /// when the list or the 汇总 is shown), by `SummariesWanted`.
    SummariesDue,
    /// Make and store these summaries, each of the document as saved at its
    /// stamp (storage keeps one only while its record has that stamp).
    StoreSummaries(Vec<(D, Stamp)>),
    /// Write the list order (`jixiao.v1.index`).
    WriteIndex,
    /// Keep the document in memory where the next start moves it in from,
    /// as record `revision` (one past the save it is based on).
    KeepAside {
        id: String,
        revision: u64,
    },
    /// The copy kept aside is stored now: remove it.
    DropKeptCopy {
        id: String,
    },
    /// Show the conflict banner for this project, or none.
    ShowConflict(Option<String>),
    SetStatus(SaveStatus),
    /// A save landed: ask the browser to keep this origin's data.
    AskPersist,
    /// What is stored changed: the working file follows.
    ScheduleWorkFile,
    /// Delete the record of `id`; `stamp` is what it was stored at.
    Delete {
        id: String,
        stamp: Stamp,
    },
    /// A project this tab never read was deleted elsewhere: unlist it.
    Unlist {
        id: String,
    },
    /// List the summary of the record another tab stored; take its document
    /// in when `take_document` (this tab has none) and the list lacked it.
    ListStored {
        id: String,
        take_document: bool,
    },
    /// Keep the document in memory now as a 历史版本, for `reason`.
    KeepVersion {
        id: String,
        reason: Reason,
    },
    /// The document in memory now is a step 撤销 goes back to.
    RecordUndoStep {
        id: String,
    },
    /// Put `document` in memory in place of project `id`'s.
    Swap {
        id: String,
        document: D,
    },
    /// The views showing project `id` draw it again from the document
    /// (inputs read their value once, when drawn).
    Remount {
        id: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Saving {
    Idle,
    /// A save is under way; `again`: the document changed since it began,
    /// so it is saved again once this save is done. `with_summary`: the
    /// save carries a summary made of the document.
    UnderWay {
        again: bool,
        with_summary: bool,
    },
}

#[derive(Clone, Debug)]
struct Entry<D> {
    id: String,
    /// The document is in memory (read, or added, and not deleted since).
    present: bool,
    stamp: Stamp,
    saving: Saving,
    /// The last save failed or could not start: what the page shows of it
    /// is not stored (kept aside at page-hide).
    unsaved: bool,
    /// Its record was put where the next start moves it in from.
    kept_aside: bool,
    /// Saved since its summary was made, as saved (a later edit whose save
    /// failed must not reach the stored summary).
    summary_due: Option<(D, Stamp)>,
    /// When a 历史版本 of it was last kept before an edit (or found
    /// unneeded): editing keeps one every `versions::PERIOD_MS`.
    last_kept: Option<f64>,
}

impl<D> Entry<D> {
    fn new(id: &str) -> Self {
        Self {
            id: id.to_string(),
            present: false,
            stamp: NOTHING_STORED,
            saving: Saving::Idle,
            unsaved: false,
            kept_aside: false,
            summary_due: None,
            last_kept: None,
        }
    }
}

/// Every project this tab has read, and what it knows of their storage.
#[derive(Clone, Debug)]
pub struct Workspace<D> {
    /// In no particular order; a deleted project stays (not present) while
    /// its save finishes, and keeps what it knows of a copy kept aside.
    entries: Vec<Entry<D>>,
    problem: Option<String>,
    /// The one project whose conflict is shown.
    conflict: Option<String>,
}

impl<D> Default for Workspace<D> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            problem: None,
            conflict: None,
        }
    }
}

impl<D: Clone> Workspace<D> {
    /// The revision and save time of project `id` as this tab last read or
    /// wrote it.
    #[cfg(test)]
    pub fn stamp(&self, id: &str) -> Stamp {
        let entry = self.entries.iter().find(|e| e.id == id);
        entry.map_or(NOTHING_STORED, |e| e.stamp)
    }

    fn entry(&mut self, id: &str) -> &mut Entry<D> {
        let at = match self.entries.iter().position(|e| e.id == id) {
            Some(at) => at,
            None => {
                self.entries.push(Entry::new(id));
                self.entries.len() - 1
            }
        };
        &mut self.entries[at]
    }

    /// What `event` changes, and what the views are to do about it, in order.
    pub fn on(&mut self, event: Event<D>) -> Vec<Command<D>> {
        let mut out = Vec::new();
        match event {
            Event::Loaded { problem } => self.problem = problem,
            Event::Read { id, stamp } => {
                let entry = self.entry(&id);
                entry.present = true;
                entry.stamp = stamp;
            }
            Event::Editing { id, at, kept } => {
                let entry = self.entry(&id);
                if !entry.present {
                    return out;
                }
                // A version kept for its own reason counts as the periodic one.
                let reason = kept.or_else(|| {
                    crate::versions::periodic_due(entry.last_kept, at).then_some(Reason::Editing)
                });
                if let Some(reason) = reason {
                    entry.last_kept = Some(at);
                    out.push(Command::KeepVersion { id, reason });
                }
            }
            Event::Edited { id } => self.save(&id, false, &mut out),
            Event::Added { id } => {
                self.entry(&id).present = true;
                self.save(&id, true, &mut out);
            }
            Event::SaveDone {
                id,
                stamp,
                document,
            } => self.save_done(&id, stamp, document, &mut out),
            Event::SaveFailed { id, failure } => self.save_failed(&id, failure, &mut out),
            Event::ChangedElsewhere { id, stored } => self.changed_elsewhere(&id, stored, &mut out),
            Event::PageHidden => {
                for entry in self.entries.iter_mut().filter(|e| e.present) {
                    if entry.unsaved || entry.saving != Saving::Idle {
                        entry.kept_aside = true;
                        out.push(Command::KeepAside {
                            id: entry.id.clone(),
                            revision: entry.stamp.0 + 1,
                        });
                    }
                }
            }
            Event::Deleted { id } => {
                let entry = self.entry(&id);
                let stamp = entry.stamp;
                entry.present = false;
                entry.stamp = NOTHING_STORED;
                entry.unsaved = false;
                entry.summary_due = None;
                // Whatever the conflict was, the project is gone here: 撤销 saves it anew.
                if self.conflict.as_deref() == Some(id.as_str()) {
                    self.conflict = None;
                    out.push(Command::ShowConflict(None));
                }
                out.push(Command::WriteIndex);
                out.push(Command::Delete { id, stamp });
            }
            Event::DeleteFinished { id, stamp, result } => {
                match result {
                    Ok(()) => out.push(Command::SetStatus(SaveStatus::Saved)),
                    Err(reason) => {
                        // Still stored as it was: 撤销 then saves over that record.
                        self.entry(&id).stamp = stamp;
                        out.push(Command::SetStatus(SaveStatus::Failed(reason)));
                    }
                }
                out.push(Command::ScheduleWorkFile);
            }
            Event::ReloadedTheirs { id, stored } => {
                if let Some((stamp, document)) = stored {
                    let entry = self.entry(&id);
                    // What the page shows is stored now: nothing to keep at page-hide.
                    entry.unsaved = false;
                    entry.stamp = stamp;
                    entry.summary_due = Some((document, stamp));
                    out.push(Command::SummariesDue);
                }
                self.conflict = None;
                out.push(Command::ShowConflict(None));
                out.push(Command::SetStatus(SaveStatus::Saved));
            }
            Event::Replaced { id, document, why } => {
                if !self.entry(&id).present {
                    return out;
                }
                // In this order: what is kept is the document before the swap.
                if let Some(reason) = why.kept_as() {
                    out.push(Command::KeepVersion {
                        id: id.clone(),
                        reason,
                    });
                }
                if why.is_undo_step() {
                    out.push(Command::RecordUndoStep { id: id.clone() });
                }
                out.push(Command::Swap {
                    id: id.clone(),
                    document,
                });
                if why.saves() {
                    self.save(&id, false, &mut out);
                }
                out.push(Command::Remount { id });
            }
            Event::SummariesWanted => {
                let due: Vec<(D, Stamp)> = self
                    .entries
                    .iter_mut()
                    .filter_map(|e| e.summary_due.take())
                    .collect();
                if !due.is_empty() {
                    out.push(Command::StoreSummaries(due));
                }
            }
        }
        out
    }

    /// Saves project `id` unless a conflict or a storage problem stands
    /// (the status says why); one save per project at a time, each one
    /// based on the revision the one before it wrote.
    fn save(&mut self, id: &str, summary_made: bool, out: &mut Vec<Command<D>>) {
        let problem = self.problem.clone().or_else(|| {
            (self.conflict.as_deref() == Some(id)).then(|| CONFLICT_STATUS.to_string())
        });
        let entry = self.entry(id);
        if !entry.present {
            return;
        }
        // Saved once the save under way is done (the summary made now would
        // describe an older document than that save writes: made again then).
        if let Saving::UnderWay { again, .. } = &mut entry.saving {
            *again = true;
        }
        if let Some(reason) = problem {
            // Not written, so kept at page-hide like any failed save: without
            // IndexedDB (a policy, a private window) closing the page would
            // otherwise lose it.
            entry.unsaved = true;
            out.push(Command::SetStatus(SaveStatus::Failed(reason)));
            return;
        }
        if entry.saving == Saving::Idle {
            // The first save after `Added` carries the summary made with it.
            out.push(Self::start_save(entry, summary_made));
        }
    }

    fn start_save(entry: &mut Entry<D>, with_summary: bool) -> Command<D> {
        entry.saving = Saving::UnderWay {
            again: false,
            with_summary,
        };
        Command::Save {
            id: entry.id.clone(),
            base: entry.stamp,
            revision: entry.stamp.0 + 1,
            with_summary,
        }
    }

    fn save_done(&mut self, id: &str, stamp: Stamp, document: D, out: &mut Vec<Command<D>>) {
        let entry = self.entry(id);
        let Saving::UnderWay {
            again,
            with_summary,
        } = std::mem::replace(&mut entry.saving, Saving::Idle)
        else {
            return;
        };
        // Deleted while it was being saved: the delete, ordered after the
        // save, removes it from storage; nothing here may list it again.
        if !entry.present {
            return;
        }
        entry.stamp = stamp;
        entry.unsaved = false;
        if with_summary {
            entry.summary_due = None;
            out.push(Command::ListSavedSummary {
                id: id.to_string(),
                stamp,
            });
        } else {
            entry.summary_due = Some((document, stamp));
            out.push(Command::SummariesDue);
        }
        out.push(Command::WriteIndex);
        // The copy kept aside is stored only if nothing changed since the
        // save began (the page-hide copy has what the page had then).
        if entry.kept_aside && !again {
            entry.kept_aside = false;
            out.push(Command::DropKeptCopy { id: id.to_string() });
        }
        out.push(Command::SetStatus(SaveStatus::Saved));
        out.push(Command::AskPersist);
        out.push(Command::ScheduleWorkFile);
        // The edits made meanwhile, unless a conflict arose meanwhile too.
        if again {
            self.save(id, false, out);
        }
    }

    fn save_failed(&mut self, id: &str, failure: SaveFailure, out: &mut Vec<Command<D>>) {
        let entry = self.entry(id);
        if std::mem::replace(&mut entry.saving, Saving::Idle) == Saving::Idle || !entry.present {
            return;
        }
        entry.unsaved = true;
        match failure {
            SaveFailure::Conflict => {
                self.conflict = Some(id.to_string());
                out.push(Command::ShowConflict(Some(id.to_string())));
                out.push(Command::SetStatus(SaveStatus::Failed(
                    CONFLICT_STATUS.to_string(),
                )));
            }
            SaveFailure::Refused(reason) => {
                out.push(Command::SetStatus(SaveStatus::Failed(reason)));
            }
        }
    }

    /// Another tab saved or deleted project `id`: edits to a document read
    /// here are flagged (saved over, they would overwrite that tab's work).
    fn changed_elsewhere(&mut self, id: &str, stored: Option<Stamp>, out: &mut Vec<Command<D>>) {
        let entry = self.entry(id);
        let read_here = entry.present;
        let Some(stamp) = stored else {
            // Deleted there. A document open here stays (saving it brings it
            // back); one never read here leaves the list.
            if !read_here {
                out.push(Command::Unlist { id: id.to_string() });
            }
            return;
        };
        // What this tab saved before is older than what is stored now.
        entry.summary_due = None;
        if read_here && stamp != entry.stamp {
            self.conflict = Some(id.to_string());
            out.push(Command::ShowConflict(Some(id.to_string())));
        }
        out.push(Command::ListStored {
            id: id.to_string(),
            take_document: !read_here,
        });
    }
}

#[cfg(test)]
mod tests;
