//! 问题与改进: the two lists of the report's sections 三 and 四.

use leptos::prelude::*;

use crate::ui::doc::Doc;
use jixiao_core::path::{FieldPath, ItemList};

#[component]
pub fn Narrative(doc: Doc) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sec-narrative">
            <h2 id="sec-narrative">"问题与改进"</h2>
            <Items doc=doc title="存在的主要问题及原因分析" item="问题" list=ItemList::Problems add="添加问题"/>
            <Items doc=doc title="下一步改进措施" item="措施" list=ItemList::Improvements add="添加措施"/>
        </section>
    }
}

#[component]
fn Items(
    doc: Doc,
    title: &'static str,
    item: &'static str,
    list: ItemList,
    add: &'static str,
) -> impl IntoView {
    // A memo: the items re-render only when their number changes, not per keystroke.
    let count = Memo::new(move |_| doc.with(|p| p.items(list).len()).unwrap_or(0));
    view! {
        <h3>{title}</h3>
        <ol class="item-list">
            {move || (0..count.get()).map(|n| {
                let id = FieldPath::Item(list, n).dom_id();
                let value = move || doc.with(|p| p.items(list).get(n).cloned()).flatten().unwrap_or_default();
                view! {
                    <li>
                        <label for=id.clone()>{format!("{item} {}", n + 1)}</label>
                        <textarea id=id rows="2" prop:value=value on:input=move |ev| {
                            let v = event_target_value(&ev);
                            doc.write(move |p| if let Some(slot) = p.items_mut(list).get_mut(n) { *slot = v });
                        }></textarea>
                        <button type="button" class="small danger" on:click=move |_| doc.write(move |p| { p.remove_item(list, n); })>{format!("删除{item} {}", n + 1)}</button>
                    </li>
                }
            }).collect_view()}
        </ol>
        // With no items, the button takes the first item's id: the 体检's
        // "未填写" hint about the list focuses it.
        <button type="button" id=move || (count.get() == 0).then(|| FieldPath::Item(list, 0).dom_id())
            on:click=move |_| doc.write(move |p| p.add_item(list))>{add}</button>
    }
}
