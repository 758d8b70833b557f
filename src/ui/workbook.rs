//! 导入 Excel: a workbook chosen or dropped on the list page is read in full
//! (`jixiao_core::formats::xlsx`), every table found is previewed — where it was
//! read from, what was not understood, the score jixiao computes and how the
//! table's own 得分 disagree — and only the projects the user confirms are
//! stored. A project already here asks 替换/保留两份.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, new_project_id};
use crate::browser::upload::{first_file, read_bytes};
use crate::ui::Replacement;
use crate::ui::editor::grade_notes;
use jixiao_core::formats::xlsx::import::{Found, Preview, import_workbook, preview};
use jixiao_core::formats::xlsx::read::{MAX_FILE_BYTES, XlsxError, read_workbook};
use jixiao_core::project::MoneyUnit;

/// A workbook read and waiting for the user's choice.
#[derive(Clone)]
struct Pending {
    file: String,
    found: Vec<Found>,
    previews: Vec<Preview>,
    notes: Vec<String>,
    /// Per table: import it.
    chosen: Vec<bool>,
    /// Per table with a clash: replace the project already here.
    replace: Vec<bool>,
}

#[derive(Clone)]
enum Stage {
    Idle,
    Reading(String),
    Failed(String),
    Review(Pending),
    Done(String),
}

/// Lets the browser paint (the "reading" notice) before a long synchronous step.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn apply(state: AppState, pending: &Pending) -> String {
    let (mut added, mut replaced) = (0, 0);
    let now = js_sys::Date::now();
    for (n, found) in pending.found.iter().enumerate() {
        if !pending.chosen[n] {
            continue;
        }
        match (&pending.previews[n].clash, pending.replace[n]) {
            (Some((id, _)), true) => {
                let project = found.clone().into_project(&pending.file, id.clone(), now);
                state.replace(project, Replacement::Import).await;
                replaced += 1;
            }
            _ => {
                state.add(
                    found
                        .clone()
                        .into_project(&pending.file, new_project_id(), now),
                );
                added += 1;
            }
        }
    }
    format!(
        "已从“{}”导入：新增 {added} 个项目，替换 {replaced} 个。",
        pending.file
    )
}

#[component]
pub fn WorkbookImport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stage = RwSignal::new(Stage::Idle);

    let read = move |ev: web_sys::Event| {
        ev.prevent_default();
        let Some(file) = first_file(&ev) else {
            return;
        };
        let name = file.name();
        stage.set(Stage::Reading(name.clone()));
        spawn_local(async move {
            let bytes = match read_bytes(&file, MAX_FILE_BYTES).await {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    stage.set(Stage::Failed(format!(
                        "“{name}”：{}",
                        XlsxError::FileTooLarge.message()
                    )));
                    return;
                }
                Err(message) => {
                    stage.set(Stage::Failed(message));
                    return;
                }
            };
            next_frame().await;
            let book = match read_workbook(&bytes) {
                Ok(book) => book,
                Err(err) => {
                    stage.set(Stage::Failed(format!("“{name}”：{}", err.message())));
                    return;
                }
            };
            let imported = import_workbook(&book);
            if imported.found.is_empty() {
                let mut message = format!("“{name}”中没有找到绩效自评表或绩效目标表。");
                for note in &imported.notes {
                    message.push_str(note);
                }
                stage.set(Stage::Failed(message));
                return;
            }
            let all = match state.all_documents().await {
                Ok(all) => all,
                Err(why) => {
                    stage.set(Stage::Failed(why));
                    return;
                }
            };
            let previews: Vec<Preview> = imported.found.iter().map(|f| preview(f, &all)).collect();
            let count = previews.len();
            stage.set(Stage::Review(Pending {
                file: name,
                found: imported.found,
                previews,
                notes: imported.notes,
                chosen: vec![true; count],
                replace: vec![false; count],
            }));
        });
    };

    // Per table: the inferred grades taken back in the preview.
    let taken_back: StoredValue<Vec<RwSignal<Vec<u64>>>> = StoredValue::new(Vec::new());
    // Per table: the amounts read in the other unit (万元 ↔ 元).
    let money_switched: StoredValue<Vec<RwSignal<bool>>> = StoredValue::new(Vec::new());
    let confirm = move |_| {
        if let Stage::Review(mut pending) = stage.get_untracked() {
            taken_back.with_value(|all| {
                for (found, ids) in pending.found.iter_mut().zip(all) {
                    for id in ids.get_untracked() {
                        found.project.take_back_grade(id);
                    }
                }
            });
            money_switched.with_value(|all| {
                for (found, switched) in pending.found.iter_mut().zip(all) {
                    if switched.get_untracked() {
                        found.switch_money_unit();
                    }
                }
            });
            spawn_local(async move { stage.set(Stage::Done(apply(state, &pending).await)) });
        }
    };

    // The preview is built when a review starts, not again on each choice
    // in it (that re-ran the whole list and cloned every project read); the
    // choices update their own attributes.
    let reviewing = Memo::new(move |_| stage.with(|s| matches!(s, Stage::Review(_))));
    let review = move || {
        if !reviewing.get() {
            return None;
        }
        let Stage::Review(pending) = stage.get_untracked() else {
            return None;
        };
        let signals: Vec<RwSignal<Vec<u64>>> = pending
            .previews
            .iter()
            .map(|_| RwSignal::new(Vec::new()))
            .collect();
        taken_back.set_value(signals.clone());
        let switches: Vec<RwSignal<bool>> = pending
            .previews
            .iter()
            .map(|_| RwSignal::new(false))
            .collect();
        money_switched.set_value(switches.clone());
        let items = pending
            .previews
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    stage.update(|s| {
                        if let Stage::Review(p) = s {
                            p.chosen[n] = on;
                        }
                    });
                };
                let choose = move |replace: bool| {
                    stage.update(|s| {
                        if let Stage::Review(p) = s {
                            p.replace[n] = replace;
                        }
                    })
                };
                let replacing = move || {
                    stage.with(|s| matches!(s, Stage::Review(p) if p.replace[n]))
                };
                let check_id = format!("xlsx-take-{n}");
                let taken = signals[n];
                let found = pending.found[n].clone();
                let targets_only = p.targets_only;
                let stated_total = p
                    .stated_total
                    .as_ref()
                    .map(|t| format!("；表中总分 {t}"))
                    .unwrap_or_default();
                let (total, grade) = (p.total.clone(), p.grade.clone());
                // Taking an inferred grade back changes the total shown.
                let score = move || {
                    if targets_only {
                        return "绩效目标表：只有目标值，尚无实际完成值，暂不计分。".to_string();
                    }
                    let (total, grade) = taken.with(|ids| {
                        if ids.is_empty() {
                            return (total.clone(), grade.clone());
                        }
                        let mut found = found.clone();
                        for id in ids {
                            found.project.take_back_grade(*id);
                        }
                        let fresh = preview(&found, &[]);
                        (fresh.total, fresh.grade)
                    });
                    format!("按规则计算：总分 {total}，等级 {grade}{stated_total}")
                };
                let clash = p.clash.clone().map(|(_, name)| {
                    view! {
                        <p class="xlsx-clash">
                            {format!("本浏览器中已有“{name}”。")}
                            <button type="button" class="small" aria-pressed=move || replacing().to_string() on:click=move |_| choose(true)>"替换"</button>
                            <button type="button" class="small" aria-pressed=move || (!replacing()).to_string() on:click=move |_| choose(false)>"保留两份"</button>
                        </p>
                    }
                });
                // The year the table gave, or a question for it.
                let year = p.year_missing.then(|| {
                    let year_id = format!("xlsx-year-{n}");
                    let set_year = move |ev: leptos::ev::Event| {
                        let typed = event_target_value(&ev);
                        // Kept as typed, like any field: the 体检 judges it.
                        stage.update_untracked(|s| {
                            if let Stage::Review(p) = s {
                                p.found[n].project.year = typed;
                            }
                        });
                    };
                    view! {
                        <div class="field compact xlsx-year">
                            <p class="sev-warning">"表中未注明年度（标题或“年度”栏）。请填写，或导入后在编辑页填写："</p>
                            <label for=year_id.clone()>"年度"</label>
                            <input type="text" id=year_id inputmode="numeric" placeholder="如 2024" on:input=set_year/>
                        </div>
                    }
                });
                // The amounts with the unit they are read in, and one click
                // to read them in the other (the label and the figures may
                // disagree: `money_note` says how).
                let money = p.amounts.clone().map(|amounts| {
                    let switched = switches[n];
                    let (read, other) = match pending.found[n].project.money_unit {
                        MoneyUnit::Wan => ("万元", "元"),
                        MoneyUnit::Yuan => ("元", "万元"),
                    };
                    let unit = move || if switched.get() { other } else { read };
                    let note = p.money_note.clone();
                    view! {
                        <p class="xlsx-money">
                            {move || format!("{amounts}（金额单位按“{}”读取）", unit())}
                            {note.map(|note| view! { <span class="sev-warning">{format!("{note}。")}</span> })}
                            " "
                            <button type="button" class="small" aria-pressed=move || switched.get().to_string()
                                on:click=move |_| switched.update(|s| *s = !*s)>
                                {move || format!("改按“{}”读取", if switched.get() { read } else { other })}
                            </button>
                        </p>
                    }
                });
                let list = |title: &'static str, items: Vec<String>, class: &'static str| {
                    (!items.is_empty()).then(|| view! {
                        <div class=class>
                            <p>{title}</p>
                            <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                        </div>
                    })
                };
                view! {
                    <li class="xlsx-item">
                        <div class="check">
                            <input type="checkbox" id=check_id.clone() prop:checked=pending.chosen[n] on:change=toggle/>
                            <label for=check_id>{format!("导入“{}”", p.title)}</label>
                        </div>
                        <p class="xlsx-source">{format!("读取自{}，{} 个三级指标。", p.source, p.indicators)}</p>
                        {year}
                        {money}
                        <p class="xlsx-score">{score}</p>
                        {grade_notes(p.grades.clone(), taken)}
                        {list("表中得分与规则不符（导入后列入体检）：", p.disagreements.clone(), "xlsx-disagree")}
                        {list("未能识别的内容：", p.not_understood.clone(), "xlsx-unknown")}
                        {clash}
                    </li>
                }
            })
            .collect_view();
        let notes = pending.notes.clone();
        Some(view! {
            <div class="import-review xlsx-review" role="dialog" aria-label="Excel 导入预览">
                <p>{format!("从“{}”中找到 {} 个表格，请确认要导入的项目：", pending.file, pending.previews.len())}</p>
                <ul class="xlsx-items">{items}</ul>
                {(!notes.is_empty()).then(|| view! { <ul class="xlsx-notes">{notes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> })}
                <button type="button" on:click=confirm>"确认导入"</button>
                " "
                <button type="button" on:click=move |_| stage.set(Stage::Idle)>"取消导入"</button>
            </div>
        })
    };

    view! {
        <div class="transfer xlsx-import" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| read(ev.into())>
            <label for="import-xlsx" class="file-label">"导入 Excel"</label>
            <input type="file" id="import-xlsx" accept=".xlsx,.xls,.et,.wps,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=read/>
            <span class="hint">"（自评表或绩效目标表 .xlsx，也可以把文件拖到这里）"</span>
        </div>
        {move || match stage.get() {
            Stage::Reading(name) => Some(view! { <p class="import-notice" role="status">{format!("正在读取“{name}”……")}</p> }.into_any()),
            Stage::Failed(message) => Some(view! { <div class="import-errors" role="alert"><p>{message}</p><p>"未导入任何内容，本地数据没有改变。"</p></div> }.into_any()),
            Stage::Done(message) => Some(view! { <p class="import-notice" role="status">{message}</p> }.into_any()),
            _ => None,
        }}
        {review}
    }
}
