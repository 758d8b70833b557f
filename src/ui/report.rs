//! 报告: the composed document (`jixiao_core::report::compose`) rendered as text,
//! with paragraphs the user may rewrite and restore, and print styles for
//! GB/T 9704. Every string from the document is rendered as a text node.

use leptos::prelude::*;

use super::checkup::{FilterControls, rule_tag};
use super::doc::Doc;
use crate::browser::download::download_bytes;
use crate::browser::print::print_page;
use jixiao_core::finding::{Finding, Severity};
use jixiao_core::formats::docx::{self, report_docx, report_file_name};
use jixiao_core::formats::project_file_name;
use jixiao_core::formats::xlsx::{self, self_evaluation_xlsx};
use jixiao_core::project::ReportTemplate;
use jixiao_core::report::{Block, Cell, Document, Table, compose};

/// A `<For>` key: paragraphs by id (their text is read reactively, so a
/// paragraph being edited is never re-created under the cursor); other
/// blocks by content, so a change re-renders exactly them.
fn block_key(index: usize, block: &Block) -> String {
    match block {
        Block::Paragraph(p) => format!("p:{}", p.id),
        Block::Heading { level, text } => format!("h{level}:{index}:{text}"),
        Block::Table(table) => {
            // Every cell's text: a figure that changes re-renders the table.
            let mut key = format!("t:{index}:{}", table.caption);
            for cell in table.header_rows.iter().chain(&table.rows).flatten() {
                key.push('|');
                key.push_str(&cell.display());
            }
            key
        }
        Block::PageBreak => format!("b:{index}"),
        Block::Signature { unit, date } => format!("s:{unit}:{date}"),
    }
}

#[component]
pub fn Report(id: String) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let doc = Doc::new(state, id);
    let document = Memo::new(move |_| {
        doc.evaluation
            .with(|e| e.as_ref().and_then(|e| doc.with(|p| compose(p, e))))
            .unwrap_or(Document {
                title: String::new(),
                blocks: Vec::new(),
            })
    });
    on_cleanup(move || doc.flush());
    // A table followed by another is the first part of the 自评表 (`joins_next`).
    let blocks = move || {
        document.with(|d| {
            d.blocks
                .iter()
                .enumerate()
                .map(|(n, block)| {
                    let joins_next = matches!(block, Block::Table(_))
                        && matches!(d.blocks.get(n + 1), Some(Block::Table(_)));
                    (n, block.clone(), joins_next)
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <ReportControls doc=doc/>
        <article class="report-sheet" aria-label="自评报告">
            <h2 class="r-title">{move || document.with(|d| d.title.clone())}</h2>
            <For each=blocks key=|(n, block, joins)| format!("{joins}{}", block_key(*n, block)) let:item>
                {render_block(doc, document, item.1, item.2)}
            </For>
        </article>
        <ChecksSummary doc=doc/>
    }
}

fn render_block(doc: Doc, document: Memo<Document>, block: Block, joins_next: bool) -> AnyView {
    match block {
        Block::Heading { level: 1, text } => view! { <h3 class="r-h1">{text}</h3> }.into_any(),
        Block::Heading { text, .. } => view! { <h4 class="r-h2">{text}</h4> }.into_any(),
        Block::Paragraph(p) => {
            view! { <EditableParagraph doc=doc document=document id=p.id/> }.into_any()
        }
        Block::Table(table) => render_table(table, joins_next).into_any(),
        Block::PageBreak => {
            view! { <div class="r-page-break" aria-hidden="true"></div> }.into_any()
        }
        Block::Signature { unit, date } => view! {
            <div class="r-signature">
                <p>{unit}"（盖章）"</p>
                <p>{date}</p>
            </div>
        }
        .into_any(),
    }
}

/// Characters from which a cell's text may run over a page break: about a
/// third of a page in the 偏差原因 column. Shorter rows are never split.
const LONG_CELL_CHARS: usize = 200;

fn is_long(cell: &Cell) -> bool {
    cell.display().chars().count() > LONG_CELL_CHARS
}

fn render_cells(cells: Vec<Cell>, header: bool) -> impl IntoView {
    cells
        .into_iter()
        .map(|cell| {
            let long = is_long(&cell);
            let text = cell.display();
            let class = format!(
                "{}{}{}",
                if cell.is_figure() { "num " } else { "" },
                cell.role.class(),
                if long { " long" } else { "" }
            );
            if header {
                view! { <th colspan=cell.colspan rowspan=cell.rowspan class=class scope="col">{text}</th> }.into_any()
            } else {
                view! { <td colspan=cell.colspan rowspan=cell.rowspan class=class>{text}</td> }.into_any()
            }
        })
        .collect_view()
}

/// Tables printed one under the other as one (the 自评表, the 目标表, the 监控表).
pub(super) fn render_tables(tables: Vec<Table>) -> impl IntoView {
    let last = tables.len().saturating_sub(1);
    tables
        .into_iter()
        .enumerate()
        .map(|(n, table)| render_table(table, n < last))
        .collect_view()
}

/// A table; `joins_next` when the next table continues it. The print styles
/// read these classes where `:has()` would need Chromium 105.
pub(super) fn render_table(table: Table, joins_next: bool) -> impl IntoView {
    let columns = table.column_count();
    let header = table
        .header_rows
        .into_iter()
        .map(|row| view! { <tr>{render_cells(row, true)}</tr> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let starts_span = row.iter().any(|cell| cell.rowspan > 1);
            let has_long = row.iter().any(is_long);
            let class = match (starts_span, has_long) {
                (true, true) => "starts-span has-long",
                (true, false) => "starts-span",
                (false, true) => "has-long",
                (false, false) => "",
            };
            view! { <tr class=class>{render_cells(row, false)}</tr> }
        })
        .collect_view();
    let footnote =
        (!table.footnote.is_empty()).then(|| view! { <p class="r-footnote">{table.footnote}</p> });
    let caption = (!table.caption.is_empty()).then(|| view! { <caption>{table.caption}</caption> });
    // One <col> per grid column: the print styles size the 自评表's columns
    // through them (the 偏差原因 column gets its width there).
    let cols = (0..columns).map(|_| view! { <col/> }).collect_view();
    view! {
        <div class=if joins_next { "r-table-wrap joins-next" } else { "r-table-wrap" }>
            <table class="r-table">
                {caption}
                <colgroup>{cols}</colgroup>
                <thead>{header}</thead>
                <tbody>{rows}</tbody>
            </table>
            {footnote}
        </div>
    }
}

/// DOM id of a paragraph (the 体检 links to it).
pub(crate) fn paragraph_dom_id(paragraph_id: &str) -> String {
    format!("para-{}", paragraph_id.replace('.', "-"))
}

#[component]
fn EditableParagraph(doc: Doc, document: Memo<Document>, id: String) -> impl IntoView {
    let para = {
        let id = id.clone();
        Memo::new(move |_| {
            document.with(|d| {
                d.blocks.iter().find_map(|b| match b {
                    Block::Paragraph(p) if p.id == id => Some((p.text.clone(), p.edited)),
                    _ => None,
                })
            })
        })
    };
    let editing = RwSignal::new(false);
    let text = move || para.with(|p| p.as_ref().map(|(t, _)| t.clone()).unwrap_or_default());
    let edited = move || para.with(|p| p.as_ref().is_some_and(|(_, e)| *e));
    let dom_id = paragraph_dom_id(&id);
    let edit_id = format!("{dom_id}-edit");
    let write_id = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let key = write_id.clone();
        let path = jixiao_core::path::FieldPath::Report(key.clone());
        doc.write_field(&path, move |p| p.set_paragraph(&key, value));
    };
    // A blank paragraph prints nothing; on screen a hint (never printed)
    // shows the gap. Only 主要经验及做法 is written here rather than in 编辑.
    let blank = move || para.with(|p| p.as_ref().is_none_or(|(t, _)| t.trim().is_empty()));
    let gap = if id == "experience" {
        "（未填写：请点“编辑”在此填写主要经验及做法）"
    } else {
        "（未填写：请在编辑页填写，体检已提示）"
    };
    let gap = move || {
        if edited() {
            "（本段已清空，打印时不出现）"
        } else {
            gap
        }
    };
    let restore_id = id.clone();
    let restore = move |_| {
        let key = restore_id.clone();
        doc.write(move |p| p.restore_paragraph(&key));
        editing.set(false);
    };
    view! {
        <div class="r-para" class:edited=edited data-para=id.clone()>
            <Show when=move || !editing.get() fallback={
                let edit_id = edit_id.clone();
                move || {
                    let initial = text();
                    view! {
                        <div class="r-para-editor no-print">
                            <label for=edit_id.clone()>"编辑段落"</label>
                            <textarea id=edit_id.clone() rows="5" prop:value=initial on:input=on_input.clone()></textarea>
                            <button type="button" class="small" on:click=move |_| editing.set(false)>"完成"</button>
                        </div>
                    }
                }
            }>
                // One line: the paragraph keeps white space (pre-wrap).
                <p class="r-p" id=dom_id.clone() tabindex="-1">{text}<Show when=blank><span class="r-blank no-print">{gap}</span></Show></p>
            </Show>
            <div class="r-para-tools no-print">
                <Show when=edited>
                    <span class="edited-mark">"已手工修改"</span>
                    <button type="button" class="small" on:click=restore.clone()>"恢复自动生成"</button>
                </Show>
                <Show when=move || !editing.get()>
                    <button type="button" class="small" on:click=move |_| editing.set(true)>"编辑"</button>
                </Show>
            </div>
        </div>
    }
}

#[component]
fn ReportControls(doc: Doc) -> impl IntoView {
    let template = move || doc.with(|p| p.report.template).unwrap_or_default();
    let choose = move |ev: leptos::ev::Event| {
        let value = match event_target_value(&ev).as_str() {
            "MinistryB" => ReportTemplate::MinistryB,
            _ => ReportTemplate::CountyA,
        };
        doc.write(move |p| p.report.template = value);
    };
    let signature = move || doc.with(|p| p.report.show_signature).unwrap_or(false);
    let print_checks = move || doc.with(|p| p.report.show_checks).unwrap_or(false);
    let unit = doc
        .with_untracked(|p| p.report.signature_unit.clone())
        .unwrap_or_default();
    let date = doc
        .with_untracked(|p| p.report.signature_date.clone())
        .unwrap_or_default();
    view! {
        <div class="report-controls no-print">
            <div class="field">
                <label for="report-template">"报告模板"</label>
                <select id="report-template" on:change=choose>
                    <option value="CountyA" selected=move || template() == ReportTemplate::CountyA>"县级自评报告（示例报告提纲）"</option>
                    <option value="MinistryB" selected=move || template() == ReportTemplate::MinistryB>"财政部参考提纲（财预〔2020〕10号附3）"</option>
                </select>
            </div>
            <div class="check">
                <input type="checkbox" id="report-signature" prop:checked=signature
                    on:change=move |ev| { let on = event_target_checked(&ev); doc.write(move |p| p.report.show_signature = on); }/>
                <label for="report-signature">"显示落款（单位盖章、日期）"</label>
            </div>
            <Show when=signature>
                <div class="field">
                    <label for="report-signature-unit">"落款单位"</label>
                    <input type="text" id="report-signature-unit" value=unit.clone() placeholder="留空则用实施单位"
                        on:input=move |ev| { let v = event_target_value(&ev); doc.write(move |p| p.report.signature_unit = v); }/>
                </div>
                <div class="field">
                    <label for="report-signature-date">"落款日期"</label>
                    <input type="text" id="report-signature-date" value=date.clone() placeholder="如 2025年3月15日"
                        on:input=move |ev| { let v = event_target_value(&ev); doc.write(move |p| p.report.signature_date = v); }/>
                </div>
            </Show>
            <div class="check">
                <input type="checkbox" id="report-print-checks" prop:checked=print_checks
                    on:change=move |ev| { let on = event_target_checked(&ev); doc.write(move |p| p.report.show_checks = on); }/>
                <label for="report-print-checks">"打印时附上体检摘要"</label>
            </div>
            <button type="button" on:click=move |_| print_page()>"打印"</button>
            <button type="button" on:click=move |_| {
                let file = doc.evaluation.with_untracked(|e| {
                    let e = e.as_ref()?;
                    doc.with_untracked(|p| (project_file_name(p, "自评表", "xlsx"), self_evaluation_xlsx(p, e)))
                });
                if let Some((name, bytes)) = file {
                    let _ = download_bytes(&name, xlsx::MIME, &bytes);
                }
            }>"导出 Excel（自评表）"</button>
            <button type="button" on:click=move |_| {
                let file = doc.evaluation.with_untracked(|e| {
                    let e = e.as_ref()?;
                    doc.with_untracked(|p| (report_file_name(p), report_docx(p, e)))
                });
                if let Some((name, bytes)) = file {
                    let _ = download_bytes(&name, docx::MIME, &bytes);
                }
            }>"导出 Word（报告及自评表）"</button>
        </div>
    }
}

/// The 体检 beside the report: on screen always, on paper only when asked.
#[component]
fn ChecksSummary(doc: Doc) -> impl IntoView {
    let printed = move || doc.with(|p| p.report.show_checks).unwrap_or(false);
    // The editor's filter applies here too, so what is printed is what was chosen there.
    let filter = doc.state.checkup_filter;
    let serious = move |f: &&Finding| f.severity != Severity::Hint && filter.get().keeps(f);
    let items = move || {
        doc.findings.with(|all| {
            all.iter()
                .filter(serious)
                .map(|f| view! { <li><strong>{f.severity.label()}</strong>" "{f.message.clone()}" "{rule_tag(f.rule)}</li> })
                .collect_view()
        })
    };
    let count = move || doc.findings.with(|all| all.iter().filter(serious).count());
    view! {
        <section class="checks-summary" class:no-print=move || !printed() aria-labelledby="checks-summary-title">
            <h3 id="checks-summary-title">"体检摘要（" {count} " 项错误或警告）"</h3>
            <FilterControls filter=filter prefix="checks-summary"/>
            <ul>{items}</ul>
        </section>
    }
}
