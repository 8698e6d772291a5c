//! The import graph keeps its layers: each module of the library imports only
//! modules below it, and nothing below the TUI knows about a terminal.

use std::path::{Path, PathBuf};

/// Lowest first. A module may import itself and anything before it.
const LAYERS: &[&str] = &[
    "text", "calendar", "content", "strings", "layout", "output", "tui", "kiosk",
];

/// Crates that mean a terminal: only `tui` and `kiosk` may use them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "signal_hook"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    LAYERS.contains(&name).then(|| name.to_string())
}

/// Every `crate::X` a file names, outside its tests.
fn crate_imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
    }
    out
}

#[test]
fn modules_import_only_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for import in crate_imports(&text) {
            if let (Some(me), Some(it)) = (rank(&module), rank(&import))
                && it > me
            {
                problems.push(format!("{}: {module} imports {import}", file.display()));
            }
        }
        if rank(&module) < rank("tui") {
            for c in TERMINAL_CRATES {
                if text.contains(&format!("{c}::")) {
                    problems.push(format!("{}: {module} uses {c}", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(files.len() > 20, "the walk found the sources");
}

#[test]
fn the_checker_sees_an_upward_import() {
    assert_eq!(
        crate_imports("use crate::tui::Model;\nfn f() { crate::layout::wrap(); }"),
        ["tui", "layout"]
    );
    assert!(crate_imports("#[cfg(test)]\nuse crate::tui::Model;").is_empty());
}

#[test]
fn update_and_the_model_never_import_the_view() {
    // Every file of the TUI but the view and the terminal edge that draws it.
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = vec![tui.clone()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "view") {
                continue;
            }
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.file_name().is_some_and(|n| n == "terminal.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for view in ["super::view", "tui::view", "super::super::view"] {
            assert!(!text.contains(view), "{} imports {view}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} files checked");
}
