//! The saving rules, natively: the scenarios the browser tests walk through,
//! then random sequences of events against a model of storage (one queue of
//! transactions, as IndexedDB runs them, another tab, the page going away).

use std::collections::{HashMap, HashSet, VecDeque};

use proptest::prelude::*;

use super::*;

/// A document as the tests know it: its project and a version number
/// unique across the run, so "made from that record" is checkable.
type Doc = (String, u32);

fn id(text: &str) -> String {
    text.to_string()
}

fn saves(commands: &[Command<Doc>]) -> Vec<(String, Stamp, u64)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Save {
                id, base, revision, ..
            } => Some((id.clone(), *base, *revision)),
            _ => None,
        })
        .collect()
}

fn status(commands: &[Command<Doc>]) -> Option<SaveStatus> {
    commands.iter().rev().find_map(|c| match c {
        Command::SetStatus(status) => Some(status.clone()),
        _ => None,
    })
}

/// A workspace that has read project "a" at revision 3.
fn read_a() -> Workspace<Doc> {
    let mut ws = Workspace::default();
    assert!(ws.on(Event::Loaded { problem: None }).is_empty());
    ws.on(Event::Read {
        id: id("a"),
        stamp: (3, 30.0),
    });
    ws
}

#[test]
fn an_edit_is_saved_over_the_revision_read() {
    let mut ws = read_a();
    let out = ws.on(Event::Edited { id: id("a") });
    assert_eq!(saves(&out), vec![(id("a"), (3, 30.0), 4)]);
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (4, 40.0),
        document: (id("a"), 1),
    });
    assert_eq!(status(&out), Some(SaveStatus::Saved));
    assert!(out.contains(&Command::WriteIndex));
    assert!(out.contains(&Command::SummariesDue));
    assert_eq!(
        ws.on(Event::SummariesWanted),
        vec![Command::StoreSummaries(vec![((id("a"), 1), (4, 40.0))])]
    );
    assert!(ws.on(Event::SummariesWanted).is_empty(), "made once");
}

#[test]
fn edits_during_a_save_are_saved_next_over_it() {
    let mut ws = read_a();
    ws.on(Event::Edited { id: id("a") });
    assert!(
        saves(&ws.on(Event::Edited { id: id("a") })).is_empty(),
        "one save at a time"
    );
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (4, 40.0),
        document: (id("a"), 1),
    });
    assert_eq!(saves(&out), vec![(id("a"), (4, 40.0), 5)]);
}

#[test]
fn conflict_then_load_theirs() {
    let mut ws = read_a();
    // Another tab saved revision 4; this tab then edits.
    let out = ws.on(Event::ChangedElsewhere {
        id: id("a"),
        stored: Some((4, 41.0)),
    });
    assert!(out.contains(&Command::ShowConflict(Some(id("a")))));
    let out = ws.on(Event::Edited { id: id("a") });
    assert!(
        saves(&out).is_empty(),
        "nothing written while the conflict stands"
    );
    assert_eq!(
        status(&out),
        Some(SaveStatus::Failed(CONFLICT_STATUS.to_string()))
    );
    // 载入对方的版本
    let out = ws.on(Event::ReloadedTheirs {
        id: id("a"),
        stored: Some(((4, 41.0), (id("a"), 9))),
    });
    assert!(out.contains(&Command::ShowConflict(None)));
    assert_eq!(status(&out), Some(SaveStatus::Saved));
    assert!(
        ws.on(Event::PageHidden).is_empty(),
        "the page shows what is stored"
    );
    let out = ws.on(Event::Edited { id: id("a") });
    assert_eq!(saves(&out), vec![(id("a"), (4, 41.0), 5)]);
}

#[test]
fn a_save_refused_as_a_conflict_shows_it() {
    let mut ws = read_a();
    ws.on(Event::Edited { id: id("a") });
    let out = ws.on(Event::SaveFailed {
        id: id("a"),
        failure: SaveFailure::Conflict,
    });
    assert!(out.contains(&Command::ShowConflict(Some(id("a")))));
    assert_eq!(
        ws.on(Event::PageHidden),
        vec![Command::KeepAside {
            id: id("a"),
            revision: 4
        }]
    );
}

#[test]
fn conflict_then_keep_mine_as_a_copy() {
    let mut ws = read_a();
    ws.on(Event::ChangedElsewhere {
        id: id("a"),
        stored: Some((4, 41.0)),
    });
    ws.on(Event::Edited { id: id("a") });
    // 将我的版本另存为副本: theirs is loaded, mine becomes a new project,
    // saved with the summary made of it over nothing stored.
    ws.on(Event::ReloadedTheirs {
        id: id("a"),
        stored: Some(((4, 41.0), (id("a"), 9))),
    });
    let out = ws.on(Event::Added { id: id("copy") });
    assert_eq!(
        out,
        vec![Command::Save {
            id: id("copy"),
            base: (0, 0.0),
            revision: 1,
            with_summary: true,
        }]
    );
    let out = ws.on(Event::SaveDone {
        id: id("copy"),
        stamp: (1, 50.0),
        document: (id("copy"), 2),
    });
    assert!(out.contains(&Command::ListSavedSummary {
        id: id("copy"),
        stamp: (1, 50.0)
    }));
    assert!(!out.contains(&Command::SummariesDue));
}

#[test]
fn a_full_disk_keeps_the_edit_and_tries_again() {
    let mut ws = read_a();
    ws.on(Event::Edited { id: id("a") });
    let full = "浏览器存储空间已满（QuotaExceededError）".to_string();
    let out = ws.on(Event::SaveFailed {
        id: id("a"),
        failure: SaveFailure::Refused(full.clone()),
    });
    assert_eq!(status(&out), Some(SaveStatus::Failed(full)));
    assert_eq!(
        ws.on(Event::PageHidden),
        vec![Command::KeepAside {
            id: id("a"),
            revision: 4
        }]
    );
    // Back from the back-forward cache, room made: the next edit saves,
    // and the copy kept aside goes.
    let out = ws.on(Event::Edited { id: id("a") });
    assert_eq!(saves(&out), vec![(id("a"), (3, 30.0), 4)]);
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (4, 40.0),
        document: (id("a"), 2),
    });
    assert!(out.contains(&Command::DropKeptCopy { id: id("a") }));
    assert!(ws.on(Event::PageHidden).is_empty());
}

#[test]
fn without_indexeddb_edits_are_kept_at_page_hide() {
    let problem = "浏览器不允许本页使用 IndexedDB".to_string();
    let mut ws = Workspace::<Doc>::default();
    ws.on(Event::Loaded {
        problem: Some(problem.clone()),
    });
    // A copy kept by an earlier page, read back one revision before it.
    ws.on(Event::Read {
        id: id("a"),
        stamp: (2, 20.0),
    });
    let out = ws.on(Event::Edited { id: id("a") });
    assert!(saves(&out).is_empty());
    assert_eq!(status(&out), Some(SaveStatus::Failed(problem.clone())));
    let out = ws.on(Event::Added { id: id("b") });
    assert!(saves(&out).is_empty());
    assert_eq!(
        ws.on(Event::PageHidden),
        vec![
            Command::KeepAside {
                id: id("a"),
                revision: 3
            },
            Command::KeepAside {
                id: id("b"),
                revision: 1
            },
        ]
    );
}

#[test]
fn a_save_finishing_after_a_delete_lists_nothing() {
    let mut ws = read_a();
    ws.on(Event::Edited { id: id("a") });
    ws.on(Event::Edited { id: id("a") });
    let out = ws.on(Event::Deleted { id: id("a") });
    assert_eq!(
        out,
        vec![
            Command::WriteIndex,
            Command::Delete {
                id: id("a"),
                stamp: (3, 30.0)
            }
        ]
    );
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (4, 40.0),
        document: (id("a"), 1),
    });
    assert!(out.is_empty(), "{out:?}");
    assert!(ws.on(Event::SummariesWanted).is_empty());
    assert!(ws.on(Event::PageHidden).is_empty());
    let out = ws.on(Event::DeleteFinished {
        id: id("a"),
        stamp: (3, 30.0),
        result: Ok(()),
    });
    assert_eq!(status(&out), Some(SaveStatus::Saved));
}

#[test]
fn a_failed_delete_leaves_the_stamp_stored() {
    let mut ws = read_a();
    ws.on(Event::Deleted { id: id("a") });
    assert_eq!(ws.stamp("a"), (0, 0.0));
    ws.on(Event::DeleteFinished {
        id: id("a"),
        stamp: (3, 30.0),
        result: Err("拒绝".to_string()),
    });
    // 撤销 then saves over the record still stored.
    let out = ws.on(Event::Added { id: id("a") });
    assert_eq!(saves(&out), vec![(id("a"), (3, 30.0), 4)]);
}

#[test]
fn deleted_elsewhere_unlists_only_what_was_not_read() {
    let mut ws = read_a();
    assert!(
        ws.on(Event::ChangedElsewhere {
            id: id("a"),
            stored: None
        })
        .is_empty()
    );
    assert_eq!(
        ws.on(Event::ChangedElsewhere {
            id: id("b"),
            stored: None
        }),
        vec![Command::Unlist { id: id("b") }]
    );
    assert_eq!(
        ws.on(Event::ChangedElsewhere {
            id: id("c"),
            stored: Some((1, 1.0))
        }),
        vec![Command::ListStored {
            id: id("c"),
            take_document: true
        }]
    );
}

#[test]
fn a_copy_kept_aside_stays_while_later_edits_are_unsaved() {
    let mut ws = read_a();
    ws.on(Event::Edited { id: id("a") });
    ws.on(Event::Edited { id: id("a") });
    ws.on(Event::PageHidden);
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (4, 40.0),
        document: (id("a"), 1),
    });
    assert!(!out.contains(&Command::DropKeptCopy { id: id("a") }));
    let out = ws.on(Event::SaveDone {
        id: id("a"),
        stamp: (5, 50.0),
        document: (id("a"), 2),
    });
    assert!(out.contains(&Command::DropKeptCopy { id: id("a") }));
}

#[test]
fn editing_keeps_a_version_every_ten_minutes_and_when_the_edit_says_so() {
    use crate::versions::{PERIOD_MS, Reason};
    let mut ws = read_a();
    let kept = |out: Vec<Command<Doc>>| -> Vec<Reason> {
        out.into_iter()
            .filter_map(|c| match c {
                Command::KeepVersion { reason, .. } => Some(reason),
                _ => None,
            })
            .collect()
    };
    let editing = |at: f64, kept: Option<Reason>| Event::Editing {
        id: id("a"),
        at,
        kept,
    };
    assert_eq!(kept(ws.on(editing(1000.0, None))), [Reason::Editing]);
    assert!(kept(ws.on(editing(1000.0 + PERIOD_MS - 1.0, None))).is_empty());
    assert_eq!(
        kept(ws.on(editing(1000.0 + PERIOD_MS, None))),
        [Reason::Editing]
    );
    // A rule change keeps its own, which counts as the periodic one.
    let at = 1000.0 + PERIOD_MS + 5.0;
    assert_eq!(
        kept(ws.on(editing(at, Some(Reason::Rules)))),
        [Reason::Rules]
    );
    assert!(kept(ws.on(editing(at + PERIOD_MS - 1.0, None))).is_empty());
    // Nothing for a project not in memory.
    assert!(
        ws.on(Event::Editing {
            id: id("zz"),
            at,
            kept: None
        })
        .is_empty()
    );
}

#[test]
fn a_replacement_keeps_what_it_replaces_then_swaps_saves_and_redraws() {
    let mut ws = read_a();
    let out = ws.on(Event::Replaced {
        id: id("a"),
        document: (id("a"), 9),
        why: Replacement::Import,
    });
    let kinds: Vec<&str> = out
        .iter()
        .map(|c| match c {
            Command::KeepVersion { .. } => "keep",
            Command::RecordUndoStep { .. } => "undo",
            Command::Swap { .. } => "swap",
            Command::Save { .. } => "save",
            Command::Remount { .. } => "remount",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["keep", "undo", "swap", "save", "remount"]);
    assert!(out.contains(&Command::KeepVersion {
        id: id("a"),
        reason: crate::versions::Reason::Import
    }));
    // 撤销 keeps no version and records no step: the history moved itself.
    let out = ws.on(Event::Replaced {
        id: id("a"),
        document: (id("a"), 10),
        why: Replacement::Step,
    });
    assert!(!out.iter().any(|c| matches!(
        c,
        Command::KeepVersion { .. } | Command::RecordUndoStep { .. }
    )));
    // Another tab's version is stored already: not saved again.
    let out = ws.on(Event::Replaced {
        id: id("a"),
        document: (id("a"), 11),
        why: Replacement::Theirs,
    });
    assert!(saves(&out).is_empty());
    assert!(out.iter().any(|c| matches!(c, Command::KeepVersion { .. })));
    // A project not in memory is not replaced (the views add it instead).
    assert!(
        ws.on(Event::Replaced {
            id: id("zz"),
            document: (id("zz"), 1),
            why: Replacement::Import,
        })
        .is_empty()
    );
}

// ---------------------------------------------------------------------------
// Random sequences of events.

#[derive(Clone, Debug)]
enum Step {
    /// Reads the n-th listed project not read yet.
    Read(usize),
    Edit(usize),
    Add,
    /// 撤销 of a delete: the n-th project deleted here comes back.
    AddBack(usize),
    Delete(usize),
    /// The oldest storage transaction finishes; `full` refuses a write.
    Finish {
        full: bool,
    },
    OtherTabSaves(usize),
    OtherTabDeletes(usize),
    /// The oldest notice of another tab's write arrives.
    Notice,
    Hide,
    LoadTheirs,
    KeepMineAsCopy,
    SummariesWanted,
    /// The n-th document in memory is replaced as a whole (an import, a
    /// restore, a paste, 撤销).
    Replace(usize, Replacement),
    /// Minutes pass.
    Wait(u32),
    /// An edit that keeps the document before it (a rule change).
    EditKept(usize),
}

fn replacement() -> impl Strategy<Value = Replacement> {
    prop_oneof![
        Just(Replacement::Step),
        Just(Replacement::Redraw(None)),
        Just(Replacement::Redraw(Some(crate::versions::Reason::Paste))),
        Just(Replacement::Import),
        Just(Replacement::Restore),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0..4usize).prop_map(Step::Read),
        6 => (0..6usize).prop_map(Step::Edit),
        1 => Just(Step::Add),
        1 => (0..3usize).prop_map(Step::AddBack),
        1 => (0..6usize).prop_map(Step::Delete),
        6 => Just(Step::Finish { full: false }),
        1 => Just(Step::Finish { full: true }),
        2 => (0..6usize).prop_map(Step::OtherTabSaves),
        1 => (0..6usize).prop_map(Step::OtherTabDeletes),
        2 => Just(Step::Notice),
        1 => Just(Step::Hide),
        1 => Just(Step::LoadTheirs),
        1 => Just(Step::KeepMineAsCopy),
        1 => Just(Step::SummariesWanted),
        2 => ((0..6usize), replacement()).prop_map(|(n, why)| Step::Replace(n, why)),
        2 => (1..15u32).prop_map(Step::Wait),
        1 => (0..6usize).prop_map(Step::EditKept),
    ]
}

enum Transaction {
    Save {
        id: String,
        base: Stamp,
        revision: u64,
        with_summary: bool,
        document: Doc,
    },
    Delete {
        id: String,
        stamp: Stamp,
    },
}

/// The page, storage and another tab, as the machine's commands and events
/// see them, with what the invariants need to know.
struct World {
    ws: Workspace<Doc>,
    /// IndexedDB `records`: each project's stamp and document.
    records: HashMap<String, (Stamp, Doc)>,
    /// IndexedDB `summaries`: the stamp each names and the document it was made of.
    summaries: HashMap<String, (Stamp, Doc)>,
    transactions: VecDeque<Transaction>,
    notices: VecDeque<String>,
    /// The documents in memory.
    memory: HashMap<String, Doc>,
    listed: Vec<String>,
    /// Deleted here, not added back nor stored by another tab since.
    deleted: HashSet<String>,
    /// The stamps of each project this tab read or wrote.
    seen: HashMap<String, Vec<Stamp>>,
    /// Every document that was written to storage.
    stored_ever: HashSet<Doc>,
    /// localStorage copies kept at page-hide.
    kept: HashMap<String, Doc>,
    conflict: Option<String>,
    /// 历史版本 kept, and the steps 撤销 goes back to.
    versions_kept: HashSet<Doc>,
    undo_steps: HashSet<Doc>,
    /// Drawn again since their document was last swapped.
    remounted: HashSet<String>,
    /// When each project last had a 历史版本 kept because it was being edited.
    editing_versions: HashMap<String, f64>,
    clock: f64,
    versions: u32,
    projects: u32,
}

impl World {
    fn new(problem: bool) -> Self {
        let mut world = World {
            ws: Workspace::default(),
            records: HashMap::new(),
            summaries: HashMap::new(),
            transactions: VecDeque::new(),
            notices: VecDeque::new(),
            memory: HashMap::new(),
            listed: Vec::new(),
            deleted: HashSet::new(),
            seen: HashMap::new(),
            stored_ever: HashSet::new(),
            kept: HashMap::new(),
            conflict: None,
            versions_kept: HashSet::new(),
            undo_steps: HashSet::new(),
            remounted: HashSet::new(),
            editing_versions: HashMap::new(),
            clock: 1.0,
            versions: 0,
            projects: 0,
        };
        for n in 0..3 {
            let id = format!("p{n}");
            let document = world.new_version(&id);
            world
                .records
                .insert(id.clone(), ((1, 1.0), document.clone()));
            world.stored_ever.insert(document);
            world.listed.push(id);
        }
        world.run(Event::Loaded {
            problem: problem.then(|| "IndexedDB 不可用".to_string()),
        });
        world
    }

    fn new_version(&mut self, id: &str) -> Doc {
        self.versions += 1;
        (id.to_string(), self.versions)
    }

    fn now(&mut self) -> f64 {
        self.clock += 1.0;
        self.clock
    }

    fn pick(list: Vec<String>, n: usize) -> Option<String> {
        let mut list = list;
        list.sort();
        (!list.is_empty()).then(|| list[n % list.len()].clone())
    }

    fn run(&mut self, event: Event<Doc>) {
        let commands = self.ws.on(event);
        for command in commands {
            self.carry_out(command);
        }
        self.check_nothing_would_be_lost();
    }

    fn read(&mut self, id: &str) {
        let Some((stamp, document)) = self.records.get(id).cloned() else {
            return;
        };
        self.memory.insert(id.to_string(), document);
        self.seen.entry(id.to_string()).or_default().push(stamp);
        self.run(Event::Read {
            id: id.to_string(),
            stamp,
        });
    }

    fn carry_out(&mut self, command: Command<Doc>) {
        match command {
            Command::Save {
                id,
                base,
                revision,
                with_summary,
            } => {
                assert_ne!(
                    self.conflict.as_deref(),
                    Some(id.as_str()),
                    "saved in conflict"
                );
                assert!(
                    base == NOTHING_STORED || self.seen[&id].contains(&base),
                    "save of {id} over {base:?}, which this tab never read or wrote"
                );
                let document = self.memory[&id].clone();
                self.transactions.push_back(Transaction::Save {
                    id,
                    base,
                    revision,
                    with_summary,
                    document,
                });
            }
            Command::ListSavedSummary { id, .. } => {
                assert!(!self.deleted.contains(&id), "a late save listed {id}");
                if !self.listed.contains(&id) {
                    self.listed.push(id);
                }
            }
            Command::SummariesDue | Command::WriteIndex => {}
            Command::StoreSummaries(made) => {
                for ((id, version), stamp) in made {
                    assert!(!self.deleted.contains(&id), "a late summary listed {id}");
                    if !self.listed.contains(&id) {
                        self.listed.push(id.clone());
                    }
                    // Storage keeps it only while the record has its stamp.
                    if let Some((stored, document)) = self.records.get(&id)
                        && *stored == stamp
                    {
                        assert_eq!(
                            *document,
                            (id.clone(), version),
                            "summary of another document than the record at {stamp:?}"
                        );
                        self.summaries
                            .insert(id.clone(), (stamp, (id.clone(), version)));
                    }
                }
            }
            Command::KeepAside { id, .. } => {
                let document = self.memory[&id].clone();
                self.kept.insert(id, document);
            }
            Command::DropKeptCopy { id } => {
                assert!(
                    self.stored_ever.contains(&self.memory[&id]),
                    "dropped the copy of {id} while what the page has is not stored"
                );
                self.kept.remove(&id);
            }
            Command::ShowConflict(conflict) => self.conflict = conflict,
            Command::SetStatus(_) | Command::AskPersist | Command::ScheduleWorkFile => {}
            Command::Delete { id, stamp } => {
                self.transactions
                    .push_back(Transaction::Delete { id, stamp });
            }
            Command::Unlist { id } => self.listed.retain(|p| *p != id),
            Command::ListStored { id, take_document } => {
                self.deleted.remove(&id);
                let listed = self.listed.contains(&id);
                if !listed {
                    self.listed.push(id.clone());
                }
                if take_document && !listed {
                    self.read(&id);
                }
            }
            Command::KeepVersion { id, reason } => {
                if reason == crate::versions::Reason::Editing {
                    if let Some(last) = self.editing_versions.get(&id) {
                        assert!(
                            self.clock - last >= crate::versions::PERIOD_MS,
                            "{id}: two periodic versions {} ms apart",
                            self.clock - last
                        );
                    }
                    self.editing_versions.insert(id.clone(), self.clock);
                }
                self.versions_kept.insert(self.memory[&id].clone());
            }
            Command::RecordUndoStep { id } => {
                self.undo_steps.insert(self.memory[&id].clone());
            }
            Command::Swap { id, document } => {
                assert!(self.memory.contains_key(&id), "swapped {id}, not in memory");
                self.memory.insert(id.clone(), document);
                self.remounted.remove(&id);
            }
            Command::Remount { id } => {
                self.remounted.insert(id);
            }
        }
    }

    /// Replaces document `id` in memory as the views do: nothing replaced
    /// is lost, and the views draw the new one.
    fn replace(&mut self, id: String, document: Doc, why: Replacement) {
        let before = self.memory[&id].clone();
        self.run(Event::Replaced {
            id: id.clone(),
            document: document.clone(),
            why,
        });
        assert_eq!(self.memory[&id], document, "{id} not swapped");
        assert!(self.remounted.contains(&id), "{id} not drawn again");
        if let Some(_reason) = why.kept_as() {
            assert!(
                self.versions_kept.contains(&before),
                "{before:?} not kept as a version"
            );
        }
        if why.is_undo_step() {
            assert!(
                self.undo_steps.contains(&before),
                "{before:?} not an undo step"
            );
        }
    }

    /// An edit is saved or kept aside: were the page hidden now, every
    /// document whose content never reached storage would be kept.
    fn check_nothing_would_be_lost(&self) {
        let kept: Vec<String> = self
            .ws
            .clone()
            .on(Event::PageHidden)
            .into_iter()
            .filter_map(|c| match c {
                Command::KeepAside { id, .. } => Some(id),
                _ => None,
            })
            .collect();
        for (id, document) in &self.memory {
            assert!(
                self.stored_ever.contains(document) || kept.contains(id),
                "{id}: {document:?} is neither stored nor would be kept at page-hide"
            );
        }
    }

    fn finish(&mut self, full: bool) {
        let Some(transaction) = self.transactions.pop_front() else {
            return;
        };
        match transaction {
            Transaction::Save {
                id,
                base,
                revision,
                with_summary,
                document,
            } => {
                if full {
                    return self.run(Event::SaveFailed {
                        id,
                        failure: SaveFailure::Refused("full".to_string()),
                    });
                }
                if let Some((stored, _)) = self.records.get(&id)
                    && *stored != base
                {
                    return self.run(Event::SaveFailed {
                        id,
                        failure: SaveFailure::Conflict,
                    });
                }
                let stamp = (revision, self.now());
                self.records.insert(id.clone(), (stamp, document.clone()));
                if with_summary {
                    self.summaries.insert(id.clone(), (stamp, document.clone()));
                } else {
                    self.summaries.remove(&id);
                }
                self.stored_ever.insert(document.clone());
                self.seen.entry(id.clone()).or_default().push(stamp);
                self.run(Event::SaveDone {
                    id,
                    stamp,
                    document,
                });
            }
            Transaction::Delete { id, stamp } => {
                let result = if full {
                    Err("refused".to_string())
                } else {
                    self.records.remove(&id);
                    self.summaries.remove(&id);
                    Ok(())
                };
                self.run(Event::DeleteFinished { id, stamp, result });
            }
        }
    }

    fn apply(&mut self, step: Step) {
        match step {
            Step::Read(n) => {
                let unread = self
                    .listed
                    .iter()
                    .filter(|id| !self.memory.contains_key(*id))
                    .cloned()
                    .collect();
                if let Some(id) = Self::pick(unread, n) {
                    self.read(&id);
                }
            }
            Step::Edit(n) | Step::EditKept(n) => {
                if let Some(id) = Self::pick(self.memory.keys().cloned().collect(), n) {
                    let kept =
                        matches!(step, Step::EditKept(_)).then_some(crate::versions::Reason::Rules);
                    let before = self.memory[&id].clone();
                    let first = !self.editing_versions.contains_key(&id);
                    self.run(Event::Editing {
                        id: id.clone(),
                        at: self.clock,
                        kept,
                    });
                    if kept.is_some() || first {
                        assert!(
                            self.versions_kept.contains(&before),
                            "{before:?} not kept before its first or a kept edit"
                        );
                    }
                    if kept.is_some() {
                        self.editing_versions.insert(id.clone(), self.clock);
                    }
                    let document = self.new_version(&id);
                    self.memory.insert(id.clone(), document);
                    self.run(Event::Edited { id });
                }
            }
            Step::Add => {
                self.projects += 1;
                let id = format!("n{}", self.projects);
                self.add(id);
            }
            Step::AddBack(n) => {
                if let Some(id) = Self::pick(self.deleted.iter().cloned().collect(), n) {
                    self.deleted.remove(&id);
                    self.add(id);
                }
            }
            Step::Delete(n) => {
                if let Some(id) = Self::pick(self.memory.keys().cloned().collect(), n) {
                    self.memory.remove(&id);
                    self.listed.retain(|p| *p != id);
                    self.deleted.insert(id.clone());
                    self.run(Event::Deleted { id });
                }
            }
            Step::Finish { full } => self.finish(full),
            Step::OtherTabSaves(n) => {
                let known = self
                    .records
                    .keys()
                    .chain(self.memory.keys())
                    .cloned()
                    .collect::<HashSet<_>>();
                if let Some(id) = Self::pick(known.into_iter().collect(), n) {
                    let revision = self.records.get(&id).map_or(1, |((r, _), _)| r + 1);
                    let stamp = (revision, self.now());
                    let document = self.new_version(&id);
                    self.records.insert(id.clone(), (stamp, document.clone()));
                    self.summaries.remove(&id);
                    self.stored_ever.insert(document);
                    self.notices.push_back(id);
                }
            }
            Step::OtherTabDeletes(n) => {
                if let Some(id) = Self::pick(self.records.keys().cloned().collect(), n) {
                    self.records.remove(&id);
                    self.summaries.remove(&id);
                    self.notices.push_back(id);
                }
            }
            Step::Notice => {
                if let Some(id) = self.notices.pop_front() {
                    let stored = self.records.get(&id).map(|(stamp, _)| *stamp);
                    self.run(Event::ChangedElsewhere { id, stored });
                }
            }
            Step::Hide => {
                let owed: Vec<(String, Doc)> = self
                    .memory
                    .iter()
                    .filter(|(_, document)| !self.stored_ever.contains(*document))
                    .map(|(id, document)| (id.clone(), document.clone()))
                    .collect();
                self.run(Event::PageHidden);
                for (id, document) in owed {
                    assert_eq!(
                        self.kept.get(&id),
                        Some(&document),
                        "{id} not kept at page-hide"
                    );
                }
            }
            Step::LoadTheirs => {
                if let Some(id) = self.conflict.clone() {
                    self.load_theirs(id);
                }
            }
            Step::KeepMineAsCopy => {
                if let Some(id) = self.conflict.clone() {
                    let mine = self.memory.contains_key(&id);
                    self.load_theirs(id);
                    if mine {
                        self.projects += 1;
                        self.add(format!("n{}", self.projects));
                    }
                }
            }
            Step::SummariesWanted => self.run(Event::SummariesWanted),
            Step::Wait(minutes) => self.clock += f64::from(minutes) * 60_000.0,
            Step::Replace(n, why) => {
                if let Some(id) = Self::pick(self.memory.keys().cloned().collect(), n) {
                    let document = self.new_version(&id);
                    self.replace(id, document, why);
                }
            }
        }
    }

    fn add(&mut self, id: String) {
        let document = self.new_version(&id);
        self.memory.insert(id.clone(), document);
        if !self.listed.contains(&id) {
            self.listed.push(id.clone());
        }
        self.run(Event::Added { id });
    }

    fn load_theirs(&mut self, id: String) {
        let stored = self.records.get(&id).cloned();
        if let Some((stamp, document)) = &stored {
            self.seen.entry(id.clone()).or_default().push(*stamp);
            if self.memory.contains_key(&id) {
                let mine = self.memory[&id].clone();
                self.replace(id.clone(), document.clone(), Replacement::Theirs);
                // Not saved over theirs, and not lost either.
                assert!(self.versions_kept.contains(&mine));
            }
        }
        self.run(Event::ReloadedTheirs { id, stored });
    }

    /// Every transaction and notice delivered, no more disk trouble.
    fn settle(&mut self) {
        while !self.transactions.is_empty() || !self.notices.is_empty() {
            self.finish(false);
            if let Some(id) = self.notices.pop_front() {
                let stored = self.records.get(&id).map(|(stamp, _)| *stamp);
                self.run(Event::ChangedElsewhere { id, stored });
            }
        }
        self.run(Event::SummariesWanted);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(1000)))]

    #[test]
    fn random_events_lose_nothing_and_overwrite_nobody(
        problem in proptest::bool::weighted(0.1),
        reads in proptest::collection::vec(0..4usize, 0..3),
        steps in proptest::collection::vec(step(), 1..80),
    ) {
        let mut world = World::new(problem);
        for n in reads {
            world.apply(Step::Read(n));
        }
        for step in steps {
            world.apply(step);
        }
        world.settle();
        // At rest, every summary stored describes its record, and nothing
        // deleted here is listed.
        for (id, (stamp, document)) in &world.summaries {
            let record = &world.records[id];
            prop_assert_eq!(&record.0, stamp);
            prop_assert_eq!(&record.1, document);
        }
        for id in &world.deleted {
            prop_assert!(!world.listed.contains(id), "{} listed after its delete", id);
        }
    }
}
