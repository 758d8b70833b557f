#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(jixiao::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "jixiao-app runs in the browser: use `cargo xtask serve`; the command-line checker is `cargo run -p jixiao-cli -- check`."
    );
}
