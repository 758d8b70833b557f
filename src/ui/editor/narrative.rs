//! 问题与改进: the two lists of the report's sections 三 and 四.

use leptos::prelude::*;

use super::doc::{Doc, field_dom_id};
use crate::model::project::Project;

#[component]
pub fn Narrative(doc: Doc) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sec-narrative">
            <h2 id="sec-narrative">"问题与改进"</h2>
            <ItemList doc=doc title="存在的主要问题及原因分析" item="问题" key="problems" add="添加问题"
                list=|p| &p.problems list_mut=|p| &mut p.problems/>
            <ItemList doc=doc title="下一步改进措施" item="措施" key="improvements" add="添加措施"
                list=|p| &p.improvements list_mut=|p| &mut p.improvements/>
        </section>
    }
}

#[component]
fn ItemList(
    doc: Doc,
    title: &'static str,
    item: &'static str,
    key: &'static str,
    add: &'static str,
    list: fn(&Project) -> &Vec<String>,
    list_mut: fn(&mut Project) -> &mut Vec<String>,
) -> impl IntoView {
    // A memo: the items re-render only when their number changes, not per keystroke.
    let count = Memo::new(move |_| doc.with(|p| list(p).len()).unwrap_or(0));
    view! {
        <h3>{title}</h3>
        <ol class="item-list">
            {move || (0..count.get()).map(|n| {
                let id = field_dom_id(&format!("{key}.{n}"));
                let value = move || doc.with(|p| list(p).get(n).cloned()).flatten().unwrap_or_default();
                view! {
                    <li>
                        <label for=id.clone()>{format!("{item} {}", n + 1)}</label>
                        <textarea id=id rows="2" prop:value=value on:input=move |ev| {
                            let v = event_target_value(&ev);
                            doc.write(move |p| if let Some(slot) = list_mut(p).get_mut(n) { *slot = v });
                        }></textarea>
                        <button type="button" class="small danger" on:click=move |_| doc.write(move |p| {
                            let items = list_mut(p);
                            if n < items.len() { items.remove(n); }
                        })>{format!("删除{item} {}", n + 1)}</button>
                    </li>
                }
            }).collect_view()}
        </ol>
        <button type="button" on:click=move |_| doc.write(move |p| list_mut(p).push(String::new()))>{add}</button>
    }
}
