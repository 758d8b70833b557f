#!/usr/bin/env bash
# Makes the toolchain that rust-toolchain.toml names usable before any cargo
# command runs. rustup auto-install is off on these machines, so a missing
# toolchain name or target would stop cargo itself (and so `cargo xtask`).
set -euo pipefail
cd "$(dirname "$0")/.."
wanted=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup run "$wanted" rustc --version >/dev/null 2>&1; then
    stable_version=$(cd / && rustup run stable rustc --version 2>/dev/null | awk '{print $2}')
    if [ "$stable_version" = "$wanted" ]; then
        echo "bootstrap: naming the installed stable toolchain $wanted"
        rustup toolchain link "$wanted" "$(cd / && rustup run stable rustc --print sysroot)"
    else
        echo "bootstrap: installing Rust $wanted"
        rustup toolchain install "$wanted" --profile minimal --component clippy,rustfmt
    fi
fi
if ! rustup target list --installed --toolchain "$wanted" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "bootstrap: adding the wasm32-unknown-unknown target"
    # A linked toolchain cannot take targets itself: add it to stable, whose
    # files the link points at.
    rustup target add wasm32-unknown-unknown --toolchain "$wanted" \
        || (cd / && rustup target add wasm32-unknown-unknown --toolchain stable)
fi
