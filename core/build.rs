//! Fingerprints the domain core: a stored project summary (`overview::Summary`)
//! records the fingerprint of the code that scored it, so a build whose scoring,
//! checks or rules differ recomputes every summary instead of showing stale totals.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    // FNV-1a over every path and its bytes: stable across machines and runs.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let bytes = std::fs::read(&path).expect("readable source file");
        for byte in path.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=JIXIAO_MODEL_FINGERPRINT={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("directory entry").path();
        // Tests do not score anything the app shows.
        if path.is_dir() && !path.ends_with("tests") {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
