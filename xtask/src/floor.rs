//! What the built wasm may use: the WebAssembly features of the oldest engine
//! the users run (Chromium 86, in 360 安全/极速浏览器 13). Firefox ESR 115 has
//! all of these and more. A feature beyond them (reference types, Chromium 96;
//! SIMD, 91; tail calls; …) makes the module fail to compile there, and the page
//! stays on its boot message: `cargo xtask dist` refuses such a build.

use wasmparser::{Validator, WasmFeatures};

/// Chromium 86: MVP with mutable globals (74), sign extension (74),
/// saturating float-to-int (75), bulk memory (75) and multi-value (85).
fn floor() -> WasmFeatures {
    WasmFeatures::WASM1
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::MULTI_VALUE
}

/// Validates the module against the floor; the error names what failed and
/// where, as wasmparser reports it (e.g. "reference types support is not
/// enabled (at offset 0x1f)").
pub fn check_wasm(bytes: &[u8]) -> Result<(), String> {
    Validator::new_with_features(floor())
        .validate_all(bytes)
        .map(|_| ())
        .map_err(|err| {
            format!(
                "the wasm uses a feature Chromium 86 lacks: {err}. \
                 See .cargo/config.toml (target features) and index.html (wasm-opt flags)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// A module with one type section holding `func () -> results`.
    fn module_with_results(results: &[u8]) -> Vec<u8> {
        let mut func = vec![0x60, 0x00, results.len() as u8];
        func.extend_from_slice(results);
        let mut section = vec![0x01];
        section.extend_from_slice(&func);
        let mut bytes = HEADER.to_vec();
        bytes.push(0x01);
        bytes.push(section.len() as u8);
        bytes.extend_from_slice(&section);
        bytes
    }

    #[test]
    fn an_mvp_module_passes() {
        check_wasm(&HEADER).unwrap();
        check_wasm(&module_with_results(&[0x7f])).unwrap();
    }

    #[test]
    fn multi_value_is_within_the_floor() {
        check_wasm(&module_with_results(&[0x7f, 0x7e])).unwrap();
    }

    #[test]
    fn externref_is_refused() {
        let err = check_wasm(&module_with_results(&[0x6f])).unwrap_err();
        assert!(err.contains("Chromium 86"), "{err}");
        assert!(err.contains("reference types"), "{err}");
    }

    #[test]
    fn simd_is_refused() {
        assert!(check_wasm(&module_with_results(&[0x7b])).is_err());
    }
}
