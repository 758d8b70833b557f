//! 审核: a 主管部门 or 财政 reviewer's page. Every project with its target
//! findings counted by category; one project's findings to 采纳, 修改 or
//! 不采纳, opinions of the reviewer's own, 通过 / 退回修改; the 审核意见表
//! (.xlsx), each project's 审核意见 sheet (print, .docx), and the projects of
//! one unit back as an exchange file. What a review holds and prints is
//! `jixiao_core::review` and `jixiao_core::review_sheet`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::doc::{Doc, save_status_line};
use super::report::render_tables;
use super::transfer::{date_stamp, export_projects};
use super::{AppState, new_project_id};
use crate::browser::download::download_bytes;
use crate::browser::print::print_page;
use crate::browser::route::Route;
use crate::browser::upload::{all_files, read_bytes};
use jixiao_core::finding::Category;
use jixiao_core::formats::xlsx::import::{Found, import_workbook};
use jixiao_core::formats::xlsx::read::{MAX_FILE_BYTES, XlsxError, read_workbook};
use jixiao_core::formats::xlsx::review_xlsx;
use jixiao_core::formats::{docx, project_file_name, safe_file_name, xlsx};
use jixiao_core::number::format_amount;
use jixiao_core::review::{self, Choice, Verdict};
use jixiao_core::review_sheet::{ReviewRow, review_document, unit_of};

/// Declarations read from the chosen workbooks, waiting for 确认导入.
#[derive(Clone)]
struct Batch {
    found: Vec<(String, Found)>,
    /// Per file: its name and how many projects it gave, or why none.
    files: Vec<(String, Result<usize, String>)>,
}

async fn read_batch(files: Vec<web_sys::File>) -> Batch {
    let mut batch = Batch {
        found: Vec::new(),
        files: Vec::new(),
    };
    for file in files {
        let name = file.name();
        let result = match read_bytes(&file, MAX_FILE_BYTES).await {
            Ok(Some(bytes)) => read_workbook(&bytes)
                .map_err(|e| e.message())
                .map(|book| import_workbook(&book)),
            Ok(None) => Err(XlsxError::FileTooLarge.message()),
            Err(message) => Err(message),
        };
        match result {
            Ok(imported) if imported.found.is_empty() => batch
                .files
                .push((name, Err("没有找到绩效目标表或自评表".to_string()))),
            Ok(imported) => {
                batch.files.push((name.clone(), Ok(imported.found.len())));
                batch
                    .found
                    .extend(imported.found.into_iter().map(|f| (name.clone(), f)));
            }
            Err(why) => batch.files.push((name, Err(why))),
        }
    }
    batch
}

/// The findings a review of the document decides on, each with its decision.
fn review_lines(doc: Doc) -> Memo<Vec<review::Line>> {
    Memo::new(move |_| {
        doc.findings.with(|all| {
            doc.with(|p| review::lines(p.review.as_ref(), all))
                .unwrap_or_default()
        })
    })
}

/// The list of every project under review, and the import of many workbooks.
#[component]
pub fn ReviewList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = RwSignal::new(None::<Result<Vec<ReviewRow>, String>>);
    let load = move || {
        spawn_local(async move {
            let made = state
                .all_documents()
                .await
                .map(|all| all.iter().map(ReviewRow::of).collect());
            rows.set(Some(made));
        })
    };
    load();
    let batch = RwSignal::new(None::<Batch>);
    let notice = RwSignal::new(None::<String>);
    let read = move |ev: web_sys::Event| {
        ev.prevent_default();
        let files = all_files(&ev);
        if files.is_empty() {
            return;
        }
        notice.set(Some(format!("正在读取 {} 个文件……", files.len())));
        spawn_local(async move {
            let read = read_batch(files).await;
            notice.set(None);
            batch.set(Some(read));
        });
    };
    let confirm = move |_| {
        let Some(pending) = batch.get_untracked() else {
            return;
        };
        batch.set(None);
        let now = js_sys::Date::now();
        let count = pending.found.len();
        for (file, found) in pending.found {
            state.add(found.into_project(&file, new_project_id(), now));
        }
        notice.set(Some(format!(
            "已导入 {count} 个项目（{} 个文件）。",
            pending.files.iter().filter(|(_, r)| r.is_ok()).count()
        )));
        load();
    };
    let export_table = move |_| {
        if let Some(Ok(list)) = rows.get_untracked() {
            let name = safe_file_name(&format!("绩效目标审核意见表-{}", date_stamp()), "xlsx");
            let _ = download_bytes(&name, xlsx::MIME, &review_xlsx(&list));
        }
    };
    // The units the projects come from, to hand each its projects back.
    let units = Memo::new(move |_| {
        let mut units: Vec<String> = Vec::new();
        rows.with(|r| {
            for row in r.iter().flatten().flatten() {
                if !units.contains(&row.unit) {
                    units.push(row.unit.clone());
                }
            }
        });
        units
    });
    let chosen_unit = RwSignal::new(String::new());
    let export_unit = move |_| {
        let unit = chosen_unit.get_untracked();
        spawn_local(async move {
            let Ok(all) = state.all_documents().await else {
                return;
            };
            let theirs: Vec<_> = all.into_iter().filter(|p| unit_of(p) == unit).collect();
            let stem = format!(
                "审核意见-{}",
                if unit.is_empty() {
                    "未填单位"
                } else {
                    &unit
                }
            );
            let _ = export_projects(&theirs, &stem);
        });
    };

    let preview = move || {
        batch.get().map(|pending| {
            let files = pending
                .files
                .iter()
                .map(|(name, result)| {
                    let text = match result {
                        Ok(n) => format!("“{name}”：{n} 个项目"),
                        Err(why) => format!("“{name}”：未导入，{why}"),
                    };
                    view! { <li>{text}</li> }
                })
                .collect_view();
            let count = pending.found.len();
            view! {
                <div class="import-review review-batch" role="dialog" aria-label="申报表导入预览">
                    <p>{format!("共找到 {count} 个项目，将作为新项目导入：")}</p>
                    <ul>{files}</ul>
                    <button type="button" disabled=count == 0 on:click=confirm>"确认导入"</button>
                    " "
                    <button type="button" on:click=move |_| batch.set(None)>"取消导入"</button>
                </div>
            }
        })
    };

    let table = move || {
        rows.with(|r| match r {
            None => view! { <p role="status">"正在读取项目……"</p> }.into_any(),
            Some(Err(why)) => view! { <p class="import-errors" role="alert">{why.clone()}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="empty">"还没有项目。请导入各单位报来的绩效目标申报表（可一次选择多个文件）。"</p>
            }
            .into_any(),
            Some(Ok(list)) => {
                let categories: Vec<&'static str> = Category::ALL
                    .iter()
                    .map(|c| c.label())
                    .filter(|c| list.iter().any(|row| row.open_count(c) > 0))
                    .collect();
                let heads = categories
                    .iter()
                    .map(|c| view! { <th scope="col">{*c}</th> })
                    .collect_view();
                let body = list
                    .iter()
                    .enumerate()
                    .map(|(n, row)| {
                        let counts = categories
                            .iter()
                            .map(|c| view! { <td class="num">{row.open_count(c)}</td> })
                            .collect_view();
                        let href = Route::Review(Some(row.id.clone())).href();
                        view! {
                            <tr>
                                <td class="num">{n + 1}</td>
                                <td>{row.code.clone()}</td>
                                <td><a href=href>{row.name.clone()}</a></td>
                                <td>{row.unit.clone()}</td>
                                <td class="num">{row.amount_wan.map(format_amount).unwrap_or_default()}</td>
                                {counts}
                                <td>{row.conclusion}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p role="status" class="review-count">{format!("共 {} 个项目", list.len())}</p>
                    <table class="review-list">
                        <thead><tr>
                            <th scope="col">"序号"</th>
                            <th scope="col">"项目编码"</th>
                            <th scope="col">"项目名称"</th>
                            <th scope="col">"申报单位"</th>
                            <th scope="col">"金额（万元）"</th>
                            {heads}
                            <th scope="col">"结论"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                }
                .into_any()
            }
        })
    };

    view! {
        <h1>"审核"</h1>
        <p class="hint">"按审核口径检查各单位的绩效目标申报表：逐条采纳、修改或不采纳体检提出的问题，补充审核意见，给出“通过”或“退回修改”。"</p>
        <div class="transfer review-import" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| read(ev.into())>
            <label for="review-files" class="file-label">"导入申报表（可多选）"</label>
            <input type="file" id="review-files" multiple accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=read/>
        </div>
        {move || notice.get().map(|text| view! { <p class="import-notice" role="status">{text}</p> })}
        {preview}
        <div class="toolbar">
            <button type="button" on:click=export_table>"导出审核意见表（Excel）"</button>
            <label for="review-unit">"单位"</label>
            <select id="review-unit" on:change=move |ev| chosen_unit.set(event_target_value(&ev))>
                <option value="">"（选择单位）"</option>
                {move || units.get().into_iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
            </select>
            <button type="button" on:click=export_unit>"导出该单位项目（含审核意见）"</button>
        </div>
        {table}
    }
}

/// One project's review.
#[component]
pub fn ProjectReview(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let doc = Doc::new(state, id.clone());
    on_cleanup(move || doc.flush());
    let lines = review_lines(doc);
    let verdict = Memo::new(move |_| {
        doc.with(|p| p.review.as_ref().and_then(|r| r.verdict))
            .flatten()
    });

    let decide = move |rule: &'static str, path: String, choice: Option<Choice>| {
        doc.write(move |p| p.decide_finding(rule, &path, choice));
    };
    // What the list draws: the lines without the reworded text, so typing a
    // rewording does not draw the list again (and take the focus away).
    let drawn = Memo::new(move |_| {
        lines.with(|all| {
            all.iter()
                .map(|line| review::Line {
                    choice: match &line.choice {
                        Some(Choice::Edited(_)) => Some(Choice::Edited(String::new())),
                        other => other.clone(),
                    },
                    ..line.clone()
                })
                .collect::<Vec<_>>()
        })
    });
    let items = move || {
        drawn
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, line)| {
                let (rule, path) = (line.rule, line.path.clone());
                let chosen = line.choice.clone();
                let pressed = |want: fn(&Option<Choice>) -> bool| want(&chosen).to_string();
                let accepted = pressed(|c| matches!(c, Some(Choice::Accepted)));
                let editing = pressed(|c| matches!(c, Some(Choice::Edited(_))));
                let dismissed = pressed(|c| matches!(c, Some(Choice::Dismissed)));
                let edit_id = format!("review-edit-{n}");
                let edited = matches!(line.choice, Some(Choice::Edited(_))).then(|| {
                    lines.with_untracked(|all| match all.get(n).map(|l| &l.choice) {
                        Some(Some(Choice::Edited(text))) => text.clone(),
                        _ => String::new(),
                    })
                });
                let editor = edited.map(|text| {
                    let path = path.clone();
                    let key = format!("review.{rule}.{path}");
                    view! {
                        <div class="field">
                            <label for=edit_id.clone()>"修改后的意见"</label>
                            <textarea id=edit_id rows="2" prop:value=text on:input=move |ev| {
                                let text = event_target_value(&ev);
                                let path = path.clone();
                                doc.write_typing(&key, move |p| p.decide_finding(rule, &path, Some(Choice::Edited(text))));
                            }></textarea>
                        </div>
                    }
                });
                let class = if line.choice == Some(Choice::Dismissed) { "review-item dismissed" } else { "review-item" };
                let (p1, p2, p3, p4) = (path.clone(), path.clone(), path.clone(), path);
                let message = line.message.clone();
                view! {
                    <li class=class>
                        <p><span class="category">{format!("【{}】", line.category)}</span>{line.message.clone()}
                            " " <code class="rule-id">{rule}</code></p>
                        <div class="toolbar">
                            <button type="button" class="small" aria-pressed=accepted on:click=move |_| decide(rule, p1.clone(), Some(Choice::Accepted))>"采纳"</button>
                            <button type="button" class="small" aria-pressed=editing on:click=move |_| decide(rule, p2.clone(), Some(Choice::Edited(message.clone())))>"修改"</button>
                            <button type="button" class="small" aria-pressed=dismissed on:click=move |_| decide(rule, p3.clone(), Some(Choice::Dismissed))>"不采纳"</button>
                            <button type="button" class="small" on:click=move |_| decide(rule, p4.clone(), None)>"撤回决定"</button>
                        </div>
                        {editor}
                    </li>
                }
            })
            .collect_view()
    };

    // The opinions' categories only: typing in one does not draw them again.
    let own_categories = Memo::new(move |_| {
        doc.with(|p| {
            p.review
                .as_ref()
                .map(|r| r.own.iter().map(|o| o.category.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .unwrap_or_default()
    });
    let own = move || {
        own_categories
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, category)| {
                let field = format!("review-own-{n}");
                let text = doc
                    .with_untracked(|p| p.review.as_ref().and_then(|r| r.own.get(n)).map(|o| o.text.clone()))
                    .flatten()
                    .unwrap_or_default();
                view! {
                    <li class="field">
                        <label for=field.clone()>{format!("{category}（自拟意见 {}）", n + 1)}</label>
                        <textarea id=field rows="2" prop:value=text on:input=move |ev| {
                            let text = event_target_value(&ev);
                            doc.write_typing(&format!("review.own.{n}"), move |p| p.set_opinion(n, text));
                        }></textarea>
                        <button type="button" class="small" on:click=move |_| doc.write(move |p| p.remove_opinion(n))>"删除此意见"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let new_category = RwSignal::new(Category::ALL[0].label().to_string());
    let new_text = RwSignal::new(String::new());
    let add = move |_| {
        let text = new_text.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let category = new_category.get_untracked();
        doc.write(move |p| p.add_opinion(category, text));
        new_text.set(String::new());
    };

    let sheet = Memo::new(move |_| doc.with(review_document));
    let tables = move || {
        sheet.with(|d| {
            d.as_ref()
                .map(|d| render_tables(d.tables().cloned().collect()))
        })
    };
    let word = move |_| {
        if let Some((name, bytes)) = doc.with_untracked(|p| {
            (
                project_file_name(p, "审核意见", "docx"),
                docx::review_docx(p),
            )
        }) {
            let _ = download_bytes(&name, docx::MIME, &bytes);
        }
    };

    view! {
        <p class="no-print"><a href=Route::Review(None).href()>"返回审核列表"</a>
            " · " <a href=Route::Edit(Some(id)).href()>"在编辑页打开"</a></p>
        <div class="no-print">{save_status_line(state)}</div>
        <section class="card no-print" aria-labelledby="review-findings">
            <h2 id="review-findings">{move || format!("审核：{}", doc.with(|p| p.name.clone()).unwrap_or_default())}</h2>
            <p class="hint">"以下是按目标阶段审核口径发现的问题。未作决定的问题视为采纳。"</p>
            {move || lines.with(Vec::is_empty).then(|| view! { <p class="empty">"体检未发现目标阶段的问题。"</p> })}
            <ol class="review-items">{items}</ol>
        </section>
        <section class="card no-print" aria-labelledby="review-own">
            <h2 id="review-own">"自拟审核意见"</h2>
            <ul class="review-own">{own}</ul>
            <div class="field">
                <label for="review-new-category">"意见类别"</label>
                <select id="review-new-category" on:change=move |ev| new_category.set(event_target_value(&ev))>
                    {Category::ALL.iter().map(|c| view! { <option value=c.label()>{c.label()}</option> }).collect_view()}
                    <option value="相关性">"相关性"</option>
                    <option value="其他">"其他"</option>
                </select>
            </div>
            <div class="field">
                <label for="review-new-text">"新增意见"</label>
                <textarea id="review-new-text" rows="2" prop:value=move || new_text.get()
                    on:input=move |ev| new_text.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" on:click=add>"添加意见"</button>
        </section>
        <section class="card no-print" aria-labelledby="review-verdict">
            <h2 id="review-verdict">"审核结论"</h2>
            <div class="toolbar">
                {Verdict::ALL.map(|v| view! {
                    <button type="button" aria-pressed=move || (verdict.get() == Some(v)).to_string()
                        on:click=move |_| doc.write(move |p| p.set_verdict(Some(v)))>{v.label()}</button>
                }).collect_view()}
                <button type="button" class="small" on:click=move |_| doc.write(|p| p.set_verdict(None))>"清除结论"</button>
            </div>
        </section>
        <section class="card review-sheet" aria-labelledby="review-sheet">
            <h2 id="review-sheet" class="no-print">"审核意见单"</h2>
            <div class="toolbar no-print">
                <button type="button" on:click=move |_| print_page()>"打印审核意见"</button>
                <button type="button" on:click=word>"导出 Word"</button>
            </div>
            {tables}
        </section>
    }
}

/// In the editor: what a reviewer said of this project, once there is anything.
#[component]
pub fn ReviewNotes(doc: Doc) -> impl IntoView {
    // Runs on every edit in the editor: nothing to do until a reviewer has
    // written something.
    let notes = Memo::new(move |_| {
        doc.with(|p| {
            let review = p.review.as_ref()?;
            let lines = doc.findings.with(|all| review::lines(Some(review), all));
            let opinions = review::opinions(Some(review), &lines);
            Some((review::conclusion(Some(review)), opinions))
        })
        .flatten()
    });
    move || {
        notes.get().map(|(conclusion, opinions)| {
            let groups = opinions
                .into_iter()
                .map(|(category, list)| {
                    view! {
                        <li>{format!("{category}：")}
                            <ol>{list.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card review-notes" aria-labelledby="review-notes-title">
                    <h2 id="review-notes-title">"审核意见"</h2>
                    <p>{format!("审核结论：{conclusion}")}</p>
                    <ul>{groups}</ul>
                </section>
            }
        })
    }
}
