//! The 打印 button: the browser's own print dialog (it also saves to PDF).

pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
