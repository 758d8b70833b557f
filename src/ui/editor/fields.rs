//! Labelled inputs. Inputs are uncontrolled: the initial text is read once
//! and every keystroke writes the document, so typing in one of 300 rows does
//! not re-render the others. The field's message (from the 体检) shows under it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::doc::{Doc, FieldMessage as Message, severity_class};
use jixiao_core::finding::Severity;
use jixiao_core::path::FieldPath;
use jixiao_core::project::Project;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text or a number (kept as typed).
    Line,
    /// Several lines.
    Area,
    /// 是 / 否 / not said; any other text kept (an imported "延续项目")
    /// is offered as it stands, so choosing nothing changes nothing.
    YesNo,
}

/// A `<label>` + input bound to one field of the document.
///
/// `path` is the field's path in the document (its DOM id derives from it,
/// and the 体检 points at it).
pub fn field<L, G, S, P>(doc: Doc, label: L, path: P, input: Input, get: G, set: S) -> AnyView
where
    L: IntoView + 'static,
    G: Fn(&Project) -> String + 'static,
    S: Fn(&mut Project, String) + Clone + Send + Sync + 'static,
    P: Fn() -> FieldPath + Clone + Send + Sync + 'static,
{
    let message = doc.message(path.clone());
    field_with_message(doc, label, path, message, input, get, set)
}

/// As [`field`], with the message supplied by the caller: an indicator row
/// derives its fields' messages from one row-level memo, so a change in the
/// 体检 re-runs one memo per row instead of one per field.
pub fn field_with_message<L, G, S, P>(
    doc: Doc,
    label: L,
    path: P,
    message: Memo<Message>,
    input: Input,
    get: G,
    set: S,
) -> AnyView
where
    L: IntoView + 'static,
    G: Fn(&Project) -> String + 'static,
    S: Fn(&mut Project, String) + Clone + Send + Sync + 'static,
    P: Fn() -> FieldPath + Clone + Send + Sync + 'static,
{
    let initial = doc.with_untracked(|p| get(p)).unwrap_or_default();
    // Type-erased from here: the view is built once for every kind of field
    // instead of once per call site (each is kilobytes of wasm).
    labelled_input(
        doc,
        label.into_any(),
        Arc::new(path),
        message,
        input,
        initial,
        Arc::new(set),
    )
}

type PathFn = Arc<dyn Fn() -> FieldPath + Send + Sync>;
type SetFn = Arc<dyn Fn(&mut Project, String) + Send + Sync>;

fn labelled_input(
    doc: Doc,
    label: AnyView,
    path: PathFn,
    message: Memo<Message>,
    input: Input,
    initial: String,
    set: SetFn,
) -> AnyView {
    let id = {
        let path = path.clone();
        move || path().dom_id()
    };
    let message_id = {
        let path = path.clone();
        move || format!("{}-msg", path().dom_id())
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let set = set.clone();
            doc.write_field(&path(), move |p| set(p, value));
        }
    };
    let invalid = move || {
        let is_error = message.with(|m| matches!(m, Some((Severity::Error, _))));
        if is_error { "true" } else { "false" }
    };
    let control = match input {
        Input::Line => view! {
            <input type="text" id=id.clone() value=initial aria-describedby=message_id.clone() aria-invalid=invalid on:input=on_input on:blur=move |_| doc.seal()/>
        }
        .into_any(),
        Input::Area => view! {
            <textarea id=id.clone() aria-describedby=message_id.clone() aria-invalid=invalid on:input=on_input on:blur=move |_| doc.seal() prop:value=initial rows="3"></textarea>
        }
        .into_any(),
        Input::YesNo => {
            let mut choices = vec![
                (String::new(), "（未填）".to_string()),
                ("是".to_string(), "是".to_string()),
                ("否".to_string(), "否".to_string()),
            ];
            if !choices.iter().any(|(value, _)| *value == initial) {
                choices.push((initial.clone(), initial.clone()));
            }
            let options = choices
                .into_iter()
                .map(|(value, text)| {
                    let selected = value == initial;
                    view! { <option value=value selected=selected>{text}</option> }
                })
                .collect_view();
            view! {
                <select id=id.clone() aria-describedby=message_id.clone() aria-invalid=invalid on:change=on_input>{options}</select>
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            <FieldMessage id=message_id message=message/>
        </div>
    }
    .into_any()
}

#[component]
pub fn FieldMessage<I>(id: I, message: Memo<Message>) -> impl IntoView
where
    I: Fn() -> String + Send + Sync + 'static,
{
    view! {
        <p class=move || format!("field-msg {}", message.with(|m| m.as_ref().map(|(s, _)| severity_class(*s)).unwrap_or("")))
            id=id aria-live="polite">
            {move || message.with(|m| m.as_ref().map(|(s, text)| format!("{}：{text}", s.label())).unwrap_or_default())}
        </p>
    }
}
