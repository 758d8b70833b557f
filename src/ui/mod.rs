//! The views. Components are thin: they read the document and memos of its
//! evaluation, and write the document; scoring lives in `model`.

mod editor;
mod list;
mod pages;

use leptos::prelude::*;

use crate::model::project::Project;
use crate::route::Route;
use crate::storage;

/// Save state shown to the user; the document stays in memory whatever happens.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saved,
    Failed(String),
}

/// The app-wide state, provided as context. Projects are kept in list order.
#[derive(Clone, Copy)]
pub struct AppState {
    pub projects: RwSignal<Vec<Project>>,
    pub last_opened: RwSignal<Option<String>>,
    pub save_status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Vec<String>>,
}

impl AppState {
    fn load() -> Self {
        let loaded = storage::load_all();
        let recovered = loaded
            .recovered
            .iter()
            .map(|r| {
                format!(
                    "{}（已移至 {}）：{}",
                    r.original_key, r.recovery_key, r.reason
                )
            })
            .collect();
        Self {
            projects: RwSignal::new(loaded.projects),
            last_opened: RwSignal::new(storage::last_opened()),
            save_status: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(recovered),
        }
    }

    fn ids(&self) -> Vec<String> {
        self.projects
            .with_untracked(|all| all.iter().map(|p| p.id.clone()).collect())
    }

    /// Writes one project (already updated in `projects`) to storage.
    pub fn persist(&self, id: &str) {
        let ids = self.ids();
        let result = self.projects.with_untracked(|all| {
            all.iter()
                .find(|p| p.id == id)
                .map(|project| storage::save(project, &ids))
        });
        if let Some(result) = result {
            self.save_status.set(match result {
                Ok(()) => SaveStatus::Saved,
                Err(reason) => SaveStatus::Failed(reason),
            });
        }
    }

    pub fn add(&self, project: Project) -> String {
        let id = project.id.clone();
        self.projects.update(|all| all.push(project));
        self.persist(&id);
        id
    }

    pub fn remove(&self, id: &str) {
        self.projects.update(|all| all.retain(|p| p.id != id));
        let result = storage::remove(id, &self.ids());
        self.save_status.set(match result {
            Ok(()) => SaveStatus::Saved,
            Err(reason) => SaveStatus::Failed(reason),
        });
    }

    pub fn open(&self, id: &str) {
        self.last_opened.set(Some(id.to_string()));
        storage::set_last_opened(id);
    }
}

/// A fresh id, unique in this browser in practice (time + randomness).
pub fn new_project_id() -> String {
    let time = js_sys::Date::now() as u64;
    let noise = (js_sys::Math::random() * 1e9) as u64;
    format!("p{time:x}{noise:x}")
}

pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
    });
    on_cleanup(move || listener.remove());

    Effect::new(move |_| {
        let title = route.with(|r| r.title());
        document().set_title(&format!("{title} — 项目支出绩效自评"));
    });
    // Tests and the benchmark wait for this marker: mounted and data loaded.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app-ready", "1");
        }
    });

    let nav_link = move |target: Route, label: &'static str| {
        let href = target.href();
        let current = move || {
            let same_page = std::mem::discriminant(&route.get()) == std::mem::discriminant(&target);
            if same_page { Some("page") } else { None }
        };
        view! { <a href=href aria-current=current>{label}</a> }
    };

    view! {
        <header class="app-header">
            <p class="app-title">"项目支出绩效自评"</p>
            <nav aria-label="主导航">
                {nav_link(Route::List, "项目列表")}
                {nav_link(Route::Edit(None), "编辑")}
                {nav_link(Route::Report(None), "报告")}
                {nav_link(Route::Overview, "汇总")}
            </nav>
        </header>
        <RecoveryBanner/>
        <main id="main">
            {move || match route.get() {
                Route::List => list::ProjectList().into_any(),
                Route::Edit(id) => view! { <pages::EditPage id=id/> }.into_any(),
                Route::Report(id) => view! { <pages::ReportPage id=id/> }.into_any(),
                Route::Overview => pages::OverviewPage().into_any(),
                Route::NotFound(hash) => view! { <pages::NotFound hash=hash/> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            "数据只保存在本浏览器中（localStorage），不会上传到任何服务器；换电脑或清理浏览器前请先导出备份。"
        </footer>
    }
}

#[component]
fn RecoveryBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.recovered.with(|r| !r.is_empty())>
            <div class="banner banner-error" role="alert">
                <p>"部分本地数据无法读取，已原样移至恢复区，未删除："</p>
                <ul>
                    {move || state.recovered.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
