//! `cargo xtask setup`: installs what a fresh Debian machine lacks, and
//! nothing that is already there, so a warm machine passes in seconds.

use std::path::Path;
use std::process::Command;

use crate::util::{self, project_root, step, version_of};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "version 132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

pub fn run() -> Result<(), String> {
    step("setup: checking the build and test tools");
    wasm_target()?;
    wasm_bindgen_cli()?;
    trunk()?;
    node_and_npm()?;
    npm_packages()?;
    chromium()?;
    crate::browsers::install()?;
    libreoffice()?;
    python_tools()?;
    println!("setup: everything is in place");
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(project_root())
        .output()
        .map_err(|err| format!("rustup is needed to add the {WASM_TARGET} target: {err}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
    {
        println!("  ok  rust target {WASM_TARGET}");
        return Ok(());
    }
    println!("  ..  adding rust target {WASM_TARGET} (rustup target add)");
    util::run(
        Command::new("rustup")
            .args(["target", "add", WASM_TARGET])
            .current_dir(project_root()),
    )
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock")).map_err(|err| {
        format!("Cargo.lock is missing ({err}); it is committed with the project")
    })?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_string());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".to_string())
}

fn wasm_bindgen_cli() -> Result<(), String> {
    let wanted = locked_wasm_bindgen()?;
    let have = version_of("wasm-bindgen");
    if have.as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        println!("  ok  wasm-bindgen-cli {wanted}");
        return Ok(());
    }
    println!(
        "  ..  installing wasm-bindgen-cli {wanted} (found: {}); takes about 3 minutes",
        have.as_deref().unwrap_or("none")
    );
    // Not --locked: one of its locked dependencies is no longer on the registry.
    util::cargo(&["install", "wasm-bindgen-cli", "--version", &wanted])
}

fn trunk() -> Result<(), String> {
    let have = version_of("trunk");
    if have.as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        println!("  ok  trunk {TRUNK_VERSION}");
        return Ok(());
    }
    println!(
        "  ..  installing trunk {TRUNK_VERSION} (found: {}); takes about 8 minutes",
        have.as_deref().unwrap_or("none")
    );
    util::cargo(&["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
}

fn node_and_npm() -> Result<(), String> {
    if version_of("node").is_some() && version_of("npm").is_some() {
        println!("  ok  node and npm");
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])
}

fn npm_packages() -> Result<(), String> {
    let root = project_root();
    let wasm_opt = version_of(
        &root
            .join("node_modules/.bin/wasm-opt")
            .display()
            .to_string(),
    );
    if wasm_opt
        .as_deref()
        .is_some_and(|v| v.contains(WASM_OPT_VERSION))
        && dev_dependencies_installed(&root)
    {
        println!("  ok  npm packages (binaryen 132, playwright-core, puppeteer-core, ws)");
        return Ok(());
    }
    println!("  ..  installing npm packages from package-lock.json (npm ci)");
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root),
    )
}

/// Every devDependency of package.json is in node_modules at the version
/// pinned there (exact, as `--save-exact` writes it), so a node_modules from
/// before a package was added or bumped is renewed by npm ci.
fn dev_dependencies_installed(root: &Path) -> bool {
    let Ok(manifest) = std::fs::read_to_string(root.join("package.json")) else {
        return false;
    };
    let Some(block) = manifest
        .split_once("\"devDependencies\"")
        .and_then(|(_, rest)| rest.split_once('{'))
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(block, _)| block)
    else {
        return false;
    };
    block.split(',').all(|entry| {
        let quoted: Vec<&str> = entry.split('"').skip(1).step_by(2).collect();
        let [name, version] = quoted[..] else {
            return entry.trim().is_empty();
        };
        std::fs::read_to_string(root.join("node_modules").join(name).join("package.json"))
            .is_ok_and(|installed| installed.contains(&format!("\"version\": \"{version}\"")))
    })
}

fn chromium() -> Result<(), String> {
    let have_browser = Path::new("/usr/bin/chromium").exists();
    let have_driver = Path::new("/usr/bin/chromedriver").exists();
    let have_pdftoppm = Path::new("/usr/bin/pdftoppm").exists();
    // CJK fonts so screenshots and printed PDFs show the Chinese text.
    let have_cjk_fonts = Path::new(CJK_FONT).exists();
    if have_browser && have_driver && have_pdftoppm && have_cjk_fonts {
        println!("  ok  Debian chromium, chromium-driver, poppler-utils, fonts-noto-cjk");
        return Ok(());
    }
    // Debian's browser only: test tools must never download one of their own.
    apt_install(&[
        "chromium",
        "chromium-driver",
        "poppler-utils",
        "fonts-noto-cjk",
    ])
}

/// LibreOffice headless renders every .docx and .xlsx the tests write to
/// PDF, the way a clerk's office suite would print it.
fn libreoffice() -> Result<(), String> {
    let writer = Path::new("/usr/lib/libreoffice/program/libswlo.so").exists();
    let calc = Path::new("/usr/lib/libreoffice/program/libsclo.so").exists();
    if writer && calc && version_of("soffice").is_some() {
        println!("  ok  LibreOffice headless (writer, calc)");
        return Ok(());
    }
    apt_install(&["libreoffice-writer-nogui", "libreoffice-calc-nogui"])
}

/// openpyxl, python-docx and openxml-audit in `.venv`: the independent
/// readers the tests check every written .xlsx and .docx with. A copy of the
/// requirements inside the venv says it is current.
fn python_tools() -> Result<(), String> {
    let root = project_root();
    let wanted = root.join("tests/tools/requirements.txt");
    let installed = root.join(".venv/requirements.txt");
    let requirements =
        std::fs::read_to_string(&wanted).map_err(|err| format!("{}: {err}", wanted.display()))?;
    if std::fs::read_to_string(&installed).ok().as_deref() == Some(requirements.as_str()) {
        println!("  ok  Python test tools in .venv (openpyxl, python-docx, openxml-audit)");
        return Ok(());
    }
    println!("  ..  making .venv with the Python test tools (pip, from PyPI)");
    if version_of("python3").is_none() {
        apt_install(&["python3", "python3-venv"])?;
    }
    let make_venv = || {
        Command::new("python3")
            .args(["-m", "venv", ".venv"])
            .current_dir(&root)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !make_venv() {
        // Debian's python3 needs python3-venv for `-m venv` (ensurepip).
        apt_install(&["python3-venv"])?;
        if !make_venv() {
            return Err("python3 -m venv .venv failed".to_string());
        }
    }
    util::run(
        Command::new(root.join(".venv/bin/python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&wanted)
            .current_dir(&root),
    )?;
    std::fs::write(&installed, requirements).map_err(|err| err.to_string())
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    println!("  ..  installing Debian packages: {}", packages.join(" "));
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let sudo: &[&str] = if is_root { &[] } else { &["sudo"] };
    if !is_root && version_of("sudo").is_none() {
        return Err(format!(
            "need root to install {} (apt-get); run as root or install them by hand",
            packages.join(" ")
        ));
    }
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut command = Command::new(all[0]);
        command
            .args(&all[1..])
            .env("DEBIAN_FRONTEND", "noninteractive");
        util::run(&mut command)
    };
    apt(&["update", "-q"]).map_err(|err| format!("apt-get update failed: {err}"))?;
    let mut install = vec!["install", "-y", "-q"];
    install.extend_from_slice(packages);
    apt(&install).map_err(|err| format!("could not install {}: {err}", packages.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::dev_dependencies_installed;

    #[test]
    fn a_node_modules_missing_a_pinned_package_is_not_current() {
        let root = std::env::temp_dir().join(format!("jixiao-setup-test-{}", std::process::id()));
        let module = |name: &str, version: &str| {
            let dir = root.join("node_modules").join(name);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(
                dir.join("package.json"),
                format!("{{\n  \"name\": \"{name}\",\n  \"version\": \"{version}\"\n}}\n"),
            )
            .unwrap();
        };
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join("package.json"),
            "{\n  \"name\": \"x\",\n  \"devDependencies\": {\n    \"binaryen\": \"132.0.0\",\n    \"ws\": \"8.23.1\"\n  }\n}\n",
        )
        .unwrap();
        module("binaryen", "132.0.0");
        assert!(!dev_dependencies_installed(&root), "ws is missing");
        module("ws", "8.18.0");
        assert!(!dev_dependencies_installed(&root), "ws is another version");
        module("ws", "8.23.1");
        assert!(dev_dependencies_installed(&root));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
