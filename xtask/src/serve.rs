//! `cargo xtask serve`: serves the release `dist/` exactly as it will be
//! deployed to a web folder (with its CSP), on loopback only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path};

use crate::util::project_root;

const ADDRESS: &str = "127.0.0.1:8080";

pub fn run() -> Result<(), String> {
    let dist = project_root().join("dist");
    let listener =
        TcpListener::bind(ADDRESS).map_err(|err| format!("cannot listen on {ADDRESS}: {err}"))?;
    println!(
        "\n项目支出绩效自评 is at http://{ADDRESS}/  (single file: {}/jixiao.html)",
        dist.display()
    );
    println!("Press Ctrl+C to stop.");
    open_browser(&format!("http://{ADDRESS}/"));
    for stream in listener.incoming().flatten() {
        if let Err(err) = answer(stream, &dist) {
            eprintln!("  request failed: {err}");
        }
    }
    Ok(())
}

fn answer(mut stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    let file = Path::new(relative);
    let safe = file.components().all(|c| matches!(c, Component::Normal(_)));
    match std::fs::read(dist.join(file)).ok().filter(|_| safe) {
        Some(body) => {
            let header = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
                content_type(relative),
                body.len()
            );
            stream.write_all(header.as_bytes())?;
            stream.write_all(&body)
        }
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn open_browser(url: &str) {
    // Only where a desktop session exists; headless machines just print the URL.
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        let _ = std::process::Command::new("xdg-open").arg(url).spawn();
    }
}
