//! Undo and redo of a document's edits: the documents before each step.
//!
//! A step is one edit as the user sees it: a whole cell's typing (the
//! keystrokes into one field coalesce), a paste, a delete, a framework, a
//! rule change. Pure and bounded; the editor keeps one per open project.

use std::collections::VecDeque;

use super::project::Project;

/// How many steps back undo reaches.
pub const LIMIT: usize = 100;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Project>,
    redo: Vec<Project>,
    /// The field the last step was typing into: more typing there joins it.
    typing_in: Option<String>,
}

impl History {
    /// Records `before`, the document as it was before an edit. `typing_in`
    /// names the field for typing, so that a field's keystrokes make one
    /// step; structural edits pass `None` and always make a step of their own.
    /// Returns whether a new step was made.
    pub fn record(&mut self, before: &Project, typing_in: Option<&str>) -> bool {
        if typing_in.is_some() && typing_in == self.typing_in.as_deref() {
            return false;
        }
        self.typing_in = typing_in.map(str::to_string);
        if self.undo.len() == LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(before.clone());
        self.redo.clear();
        true
    }

    /// Ends coalescing: the next keystroke, even in the same field, starts a
    /// new step (the user left the field and came back).
    pub fn seal(&mut self) {
        self.typing_in = None;
    }

    /// The document to go back to, given the current one.
    pub fn undo(&mut self, current: &Project) -> Option<Project> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current.clone());
        self.typing_in = None;
        Some(previous)
    }

    /// The document to go forward to, given the current one.
    pub fn redo(&mut self, current: &Project) -> Option<Project> {
        let next = self.redo.pop()?;
        self.undo.push_back(current.clone());
        self.typing_in = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::example_project;
    use proptest::prelude::*;

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::default();
        let mut p = example_project();
        let original = p.clone();
        for text in ["县", "县政", "县政务"] {
            h.record(&p, Some("name"));
            p.name = text.to_string();
        }
        h.record(&p, Some("department"));
        p.department = "部门".into();
        let back = h.undo(&p).unwrap();
        assert_eq!(back.name, "县政务");
        assert_eq!(back.department, original.department);
        let back = h.undo(&back).unwrap();
        assert_eq!(back, original);
        assert!(!h.can_undo() && h.can_redo());
        let forward = h.redo(&back).unwrap();
        assert_eq!(forward.name, "县政务");
    }

    #[test]
    fn a_new_edit_drops_the_redo_steps_and_the_limit_holds() {
        let mut h = History::default();
        let mut p = example_project();
        for n in 0..(LIMIT + 20) {
            h.record(&p, None);
            p.year = n.to_string();
        }
        let mut steps = 0;
        let mut q = p.clone();
        while let Some(back) = h.undo(&q) {
            q = back;
            steps += 1;
        }
        assert_eq!(steps, LIMIT);
        assert_eq!(q.year, "19", "the oldest steps go first");
        h.record(&q, None);
        assert!(!h.can_redo());
    }

    #[derive(Clone, Debug)]
    enum Op {
        Type(u8, String),
        Edit(String),
        Seal,
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u8..3, "[a-z]{0,3}").prop_map(|(f, t)| Op::Type(f, t)),
            "[a-z]{0,3}".prop_map(Op::Edit),
            Just(Op::Seal),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    proptest! {
        /// Against a model of the steps the user made: undo returns exactly
        /// the document before the last step, redo the one after it.
        #[test]
        fn undo_and_redo_walk_the_steps(ops in prop::collection::vec(op(), 0..60)) {
            let mut h = History::default();
            let mut p = example_project();
            // The model: the document after each step, and a cursor.
            let mut states = vec![p.clone()];
            let mut at = 0usize;
            let mut typing: Option<u8> = None;
            for op in ops {
                match op {
                    Op::Type(field, text) => {
                        let key = format!("f{field}");
                        h.record(&p, Some(&key));
                        match field {
                            0 => p.name = text,
                            1 => p.department = text,
                            _ => p.year = text,
                        }
                        if typing == Some(field) {
                            states[at] = p.clone();
                        } else {
                            states.truncate(at + 1);
                            states.push(p.clone());
                            at += 1;
                            typing = Some(field);
                        }
                    }
                    Op::Edit(text) => {
                        h.record(&p, None);
                        p.leader = text;
                        states.truncate(at + 1);
                        states.push(p.clone());
                        at += 1;
                        typing = None;
                    }
                    Op::Seal => {
                        h.seal();
                        typing = None;
                    }
                    // A step back or forward ends the typing step; one that
                    // finds nothing to do changes nothing.
                    Op::Undo => {
                        match h.undo(&p) {
                            Some(back) => {
                                prop_assert!(at > 0);
                                at -= 1;
                                p = back;
                                typing = None;
                            }
                            None => prop_assert!(at == 0 || states.len() > LIMIT),
                        }
                    }
                    Op::Redo => {
                        match h.redo(&p) {
                            Some(next) => {
                                at += 1;
                                p = next;
                                typing = None;
                            }
                            None => prop_assert_eq!(at + 1, states.len()),
                        }
                    }
                }
                prop_assert_eq!(&p, &states[at]);
            }
        }
    }
}
