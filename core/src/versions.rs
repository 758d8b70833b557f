//! 历史版本: which snapshots of a project are kept, and what the list says.
//!
//! The browser keeps the snapshots (IndexedDB, `browser::versions`); this
//! module decides everything else, so it is tested natively: when a
//! snapshot is due, which old ones go (the newest [`PER_PROJECT`] of each
//! project within [`TOTAL_BYTES`] in all, oldest first), and the one-line
//! summary of each. A snapshot is the project as a stored record
//! (`schema::record_to_json`), so a snapshot written today is migrated like
//! any stored document when a later version of the app restores it.

use super::formats::json::schema::{self, LoadError};
use super::number::format_score;
use super::project::Project;
use super::score;

/// While editing, the document before an edit is kept at most this often.
pub const PERIOD_MS: f64 = 10.0 * 60.0 * 1000.0;
/// Versions kept per project.
pub const PER_PROJECT: usize = 50;
/// All snapshots together (UTF-8 bytes of their text). A large project is
/// tens of KB, so this holds the full 50 of several hundred projects; the
/// browser's own quota can still be smaller, see [`Shelf::oldest`].
pub const TOTAL_BYTES: usize = 32 * 1024 * 1024;

/// Why a snapshot was taken: the event it keeps the document from before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Editing,
    Import,
    Paste,
    Delete,
    Rules,
    Restore,
    /// This tab's version, before the one another tab stored was loaded.
    Theirs,
}

impl Reason {
    // Stored by position: a new reason goes at the end.
    const ALL: [Reason; 7] = [
        Reason::Editing,
        Reason::Import,
        Reason::Paste,
        Reason::Delete,
        Reason::Rules,
        Reason::Restore,
        Reason::Theirs,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Reason::Editing => "编辑中自动保存",
            Reason::Import => "导入前",
            Reason::Paste => "粘贴前",
            Reason::Delete => "删除一级/二级指标前",
            Reason::Rules => "修改评分规则前",
            Reason::Restore => "恢复旧版本前",
            Reason::Theirs => "载入其他窗口的版本前",
        }
    }
}

/// What is known of a snapshot without reading it (kept apart from the text,
/// so listing and thinning never load documents).
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Unique in the store, increasing with time.
    pub id: u64,
    pub project: String,
    /// When it was taken, ms since 1970.
    pub at: f64,
    pub reason: Reason,
    /// The document's 总分 as printed ("—" for a draft).
    pub total: String,
    pub bytes: usize,
    /// Of the text: the same document is not kept twice in a row.
    pub hash: u64,
}

impl Meta {
    /// As stored: one tab-separated line (a serde type here would add its
    /// own serializer and deserializer to the wasm). The project id comes
    /// last and is never parsed, so it may hold anything.
    pub fn to_line(&self) -> String {
        let reason = Reason::ALL
            .iter()
            .position(|r| *r == self.reason)
            .unwrap_or(0);
        format!(
            "{}\t{}\t{reason}\t{}\t{}\t{}\t{}",
            self.id, self.at, self.total, self.bytes, self.hash, self.project
        )
    }

    pub fn from_line(line: &str) -> Option<Meta> {
        let mut parts = line.splitn(7, '\t');
        let mut next = || parts.next();
        Some(Meta {
            id: next()?.parse().ok()?,
            at: next()?.parse().ok()?,
            reason: *Reason::ALL.get(next()?.parse::<usize>().ok()?)?,
            total: next()?.to_string(),
            bytes: next()?.parse().ok()?,
            hash: next()?.parse().ok()?,
            project: next()?.to_string(),
        })
    }
}

pub struct Snapshot {
    pub meta: Meta,
    pub text: String,
}

/// What to write and what to delete, in one transaction.
pub struct Plan {
    pub add: Option<Snapshot>,
    pub drop: Vec<u64>,
}

/// One line of the list of a project's versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: u64,
    pub at: f64,
    pub reason: &'static str,
    /// "总分 92.50 → 95.00": from this version to the next one (or to the
    /// document as it is now), i.e. what the change after it did.
    pub summary: String,
}

/// The snapshots' metadata, as the store holds it.
#[derive(Clone, Debug, Default)]
pub struct Shelf {
    pub metas: Vec<Meta>,
}

fn total_label(project: &Project) -> String {
    if project.is_draft() {
        "—".to_string()
    } else {
        format_score(score::evaluate(project).total)
    }
}

/// FNV-1a: enough to tell "the same text as last time" without keeping it.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether an edit at `now` should first keep the document, given when the
/// last snapshot of it was taken (or tried).
pub fn periodic_due(last: Option<f64>, now: f64) -> bool {
    last.is_none_or(|at| now - at >= PERIOD_MS)
}

/// The document a snapshot holds.
pub fn load(text: &str) -> Result<Project, LoadError> {
    schema::load_record(text).map(|record| record.project)
}

impl Shelf {
    pub fn latest(&self, project: &str) -> Option<&Meta> {
        self.metas
            .iter()
            .filter(|m| m.project == project)
            .max_by_key(|m| m.id)
    }

    /// Keeping `project` as it is now: nothing when the newest version of
    /// it is the same document, else the snapshot and the old versions it
    /// pushes out.
    pub fn plan(&self, project: &Project, reason: Reason, now: f64) -> Plan {
        // saved_at 0: equal documents give equal texts, so the hash finds them.
        let text = schema::record_to_json(project, 0, 0.0);
        let hash = hash(&text);
        if self.latest(&project.id).is_some_and(|m| m.hash == hash) {
            return Plan {
                add: None,
                drop: Vec::new(),
            };
        }
        let id = self
            .metas
            .iter()
            .map(|m| m.id + 1)
            .max()
            .unwrap_or(0)
            .max(now as u64);
        let meta = Meta {
            id,
            project: project.id.clone(),
            at: now,
            reason,
            total: total_label(project),
            bytes: text.len(),
            hash,
        };
        let mut after = self.metas.clone();
        after.push(meta.clone());
        Plan {
            drop: thin(&after),
            add: Some(Snapshot { meta, text }),
        }
    }

    pub fn apply(&mut self, plan: &Plan) {
        self.metas.retain(|m| !plan.drop.contains(&m.id));
        if let Some(added) = &plan.add {
            self.metas.push(added.meta.clone());
        }
    }

    /// The version to give up when the browser refuses a write for lack of
    /// space: the oldest of all, whatever project it belongs to.
    pub fn oldest(&self) -> Option<u64> {
        self.metas.iter().map(|m| m.id).min()
    }

    /// Versions of `project`, newest first, each with how 总分 changed after it.
    pub fn entries(&self, project: &Project) -> Vec<Entry> {
        let mut own: Vec<&Meta> = self
            .metas
            .iter()
            .filter(|m| m.project == project.id)
            .collect();
        crate::sorting::sort_by_key(&mut own, |m| m.id);
        let now = total_label(project);
        let mut out: Vec<Entry> = own
            .iter()
            .enumerate()
            .map(|(n, m)| {
                let next = own.get(n + 1).map_or(now.as_str(), |m| m.total.as_str());
                Entry {
                    id: m.id,
                    at: m.at,
                    reason: m.reason.label(),
                    summary: format!("总分 {} → {next}", m.total),
                }
            })
            .collect();
        out.reverse();
        out
    }

    pub fn bytes(&self) -> usize {
        self.metas.iter().map(|m| m.bytes).sum()
    }
}

/// The versions over the limits: beyond the newest [`PER_PROJECT`] of a
/// project, then the oldest of all until the rest fit in [`TOTAL_BYTES`].
fn thin(metas: &[Meta]) -> Vec<u64> {
    let mut by_age: Vec<&Meta> = metas.iter().collect();
    crate::sorting::sort_by_key(&mut by_age, |m| std::cmp::Reverse(m.id));
    let mut per_project: std::collections::HashMap<&str, usize> = Default::default();
    let mut kept_bytes = 0usize;
    let mut drop = Vec::new();
    // Newest first: whatever no longer fits is older than all that does.
    for m in by_age {
        let count = per_project.entry(m.project.as_str()).or_default();
        if *count >= PER_PROJECT || kept_bytes + m.bytes > TOTAL_BYTES {
            drop.push(m.id);
        } else {
            *count += 1;
            kept_bytes += m.bytes;
        }
    }
    crate::sorting::sort_by_key(&mut drop, |id| *id);
    drop
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::example_project;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// The store as the browser keeps it: metadata and texts by id.
    #[derive(Default)]
    struct Store {
        shelf: Shelf,
        texts: HashMap<u64, String>,
        /// The model: the document each kept version was taken from.
        taken: HashMap<u64, Project>,
    }

    impl Store {
        fn keep(&mut self, project: &Project, reason: Reason, now: f64) {
            let plan = self.shelf.plan(project, reason, now);
            for id in &plan.drop {
                self.texts.remove(id);
            }
            if let Some(added) = &plan.add {
                self.texts.insert(added.meta.id, added.text.clone());
                self.taken.insert(added.meta.id, project.clone());
            }
            self.shelf.apply(&plan);
        }
    }

    #[test]
    fn a_snapshot_loads_as_the_document_and_is_not_kept_twice() {
        let mut store = Store::default();
        let p = example_project();
        store.keep(&p, Reason::Paste, 1000.0);
        store.keep(&p, Reason::Rules, 2000.0);
        assert_eq!(store.shelf.metas.len(), 1);
        let meta = &store.shelf.metas[0];
        assert_eq!(meta.reason, Reason::Paste);
        assert_eq!(load(&store.texts[&meta.id]).unwrap(), p);
    }

    #[test]
    fn the_summary_says_how_the_total_changed_after_each_version() {
        let mut store = Store::default();
        let mut p = example_project();
        let first = total_label(&p);
        store.keep(&p, Reason::Rules, 1000.0);
        p.funds.total.executed = crate::project::NumberText::new("0");
        let edited = total_label(&p);
        assert_ne!(first, edited);
        store.keep(&p, Reason::Restore, 2000.0);
        p.name.clear();
        let entries = store.shelf.entries(&p);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].reason, "恢复旧版本前");
        assert_eq!(entries[0].summary, format!("总分 {edited} → —"));
        assert_eq!(entries[1].summary, format!("总分 {first} → {edited}"));
    }

    #[test]
    fn each_project_keeps_its_newest_fifty() {
        let mut store = Store::default();
        let mut p = example_project();
        let other = Project {
            id: "other".into(),
            ..example_project()
        };
        store.keep(&other, Reason::Import, 0.0);
        for n in 0..(PER_PROJECT + 7) {
            p.year = n.to_string();
            store.keep(&p, Reason::Paste, 1000.0 * n as f64);
        }
        let own: Vec<_> = store
            .shelf
            .metas
            .iter()
            .filter(|m| m.project == p.id)
            .collect();
        assert_eq!(own.len(), PER_PROJECT);
        let oldest = own.iter().map(|m| m.id).min().unwrap();
        assert_eq!(load(&store.texts[&oldest]).unwrap().year, "7");
        assert!(
            store.shelf.latest("other").is_some(),
            "the other project's only version stays"
        );
    }

    #[test]
    fn the_size_cap_drops_the_oldest_of_all_projects_first() {
        let mut shelf = Shelf::default();
        let big = TOTAL_BYTES / 3;
        for (id, project) in [(1, "a"), (2, "b"), (3, "a"), (4, "b")] {
            shelf.metas.push(Meta {
                id,
                project: project.into(),
                at: id as f64,
                reason: Reason::Editing,
                total: "—".into(),
                bytes: big,
                hash: id,
            });
        }
        assert_eq!(thin(&shelf.metas), vec![1]);
        assert_eq!(shelf.oldest(), Some(1));
    }

    #[test]
    fn metadata_reads_back_from_its_line() {
        let meta = Meta {
            id: 1_764_300_000_123,
            project: "p\t带制表符".into(),
            at: 1_764_300_000_123.5,
            reason: Reason::Restore,
            total: "92.50".into(),
            bytes: 4321,
            hash: u64::MAX,
        };
        assert_eq!(Meta::from_line(&meta.to_line()), Some(meta));
        assert_eq!(
            Meta::from_line("1\t2\t9\t—\t3\t4\tp"),
            None,
            "an unknown reason"
        );
        assert_eq!(Meta::from_line("garbage"), None);
    }

    #[test]
    fn editing_keeps_a_version_at_most_every_ten_minutes() {
        assert!(periodic_due(None, 0.0));
        assert!(!periodic_due(Some(0.0), PERIOD_MS - 1.0));
        assert!(periodic_due(Some(0.0), PERIOD_MS));
    }

    #[derive(Clone, Debug)]
    enum Op {
        /// An edit (a new 年度 text) `minutes` after the last; `marked`: one
        /// of the edits kept before (paste, delete, rules…).
        Edit {
            minutes: u8,
            text: String,
            marked: bool,
        },
        /// Restores the n-th listed version (modulo how many there are).
        Restore(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => (0u8..15, "[0-9a-z]{0,4}", any::<bool>())
                .prop_map(|(minutes, text, marked)| Op::Edit { minutes, text, marked }),
            1 => (0usize..64).prop_map(Op::Restore),
        ]
    }

    proptest! {
        // Each case serializes and scores the example project dozens of times.
        #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(64)))]
        /// As the app runs it: a snapshot before an edit when one is due
        /// (every 10 minutes), before every marked edit and every restore.
        /// The document is always the last edit or the version restored,
        /// every version loads as the document it was taken from, and the
        /// limits hold.
        #[test]
        fn edits_and_restores_keep_the_document_and_every_version_loads(ops in prop::collection::vec(op(), 1..80)) {
            let mut store = Store::default();
            let mut doc = example_project();
            let mut now = 1.0e12;
            let mut last_periodic: Option<f64> = None;
            for op in ops {
                match op {
                    Op::Edit { minutes, text, marked } => {
                        now += f64::from(minutes) * 60_000.0;
                        if marked {
                            store.keep(&doc, Reason::Paste, now);
                        } else if periodic_due(last_periodic, now) {
                            store.keep(&doc, Reason::Editing, now);
                            last_periodic = Some(now);
                        }
                        doc.year = text;
                    }
                    Op::Restore(n) => {
                        let entries = store.shelf.entries(&doc);
                        if entries.is_empty() {
                            continue;
                        }
                        let id = entries[n % entries.len()].id;
                        let restored = load(&store.texts[&id]).unwrap();
                        let before = doc.clone();
                        store.keep(&doc, Reason::Restore, now);
                        doc = restored;
                        prop_assert_eq!(&doc, &store.taken[&id], "the version restored is the document kept");
                        // The document replaced can be had back: it is the newest version.
                        let newest = store.shelf.latest(&doc.id).unwrap().id;
                        prop_assert_eq!(&store.taken[&newest], &before);
                        prop_assert_eq!(store.shelf.entries(&doc)[0].id, newest);
                    }
                }
                prop_assert!(store.shelf.metas.len() <= PER_PROJECT);
                prop_assert!(store.shelf.bytes() <= TOTAL_BYTES);
                prop_assert_eq!(store.shelf.metas.len(), store.texts.len());
            }
            for meta in &store.shelf.metas {
                let loaded = load(&store.texts[&meta.id]).unwrap();
                prop_assert_eq!(&loaded, &store.taken[&meta.id], "every version loads as the document kept");
                prop_assert_eq!(total_label(&loaded), meta.total.clone());
            }
        }
    }
}
