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

/// Every module `crate::X` names in a file, outside its tests: in paths
/// (`crate::tui::Model`) and in groups (`use crate::{cli::Cli, config}`).
fn crate_imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                // The group's top-level items: split at commas outside braces.
                let mut depth = 0;
                let mut start = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            out.push(ident(&group[start..j]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push(ident(&group[start..j]));
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => out.push(ident(rest)),
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// The binary's own modules: each `mod X;` of main.rs.
fn binary_modules(src: &Path) -> Vec<String> {
    let main = std::fs::read_to_string(src.join("main.rs")).unwrap();
    main.lines()
        .filter_map(|l| l.trim().strip_prefix("mod ")?.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// Module → the modules it imports, for the top-level modules in `names`
/// (a file of `src/X/` belongs to `X`); `main.rs` is the binary's root.
fn import_graph(src: &Path, names: &[String]) -> Vec<(String, Vec<String>)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph: Vec<(String, Vec<String>)> =
        names.iter().map(|n| (n.clone(), Vec::new())).collect();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let module = first.trim_end_matches(".rs");
        let Some(entry) = graph.iter_mut().find(|(n, _)| n == module) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for import in crate_imports(&text) {
            if import != module && names.contains(&import) && !entry.1.contains(&import) {
                entry.1.push(import);
            }
        }
    }
    graph
}

/// A cycle of the graph, as the modules along it, if there is one.
fn cycle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.iter().any(|d| d == node) {
            return None;
        }
        path.push(node.to_string());
        let next = graph
            .iter()
            .find(|(n, _)| n == node)
            .map(|(_, e)| e.clone());
        for n in next.unwrap_or_default() {
            if let Some(c) = visit(&n, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(node.to_string());
        None
    }
    let mut done = Vec::new();
    graph
        .iter()
        .find_map(|(n, _)| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_itself_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let binary = binary_modules(&src);
    for needed in ["cli", "config", "settings", "choices"] {
        assert!(binary.iter().any(|m| m == needed), "{binary:?}");
    }
    let library: Vec<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    for names in [binary, library] {
        let graph = import_graph(&src, &names);
        assert!(
            graph.iter().any(|(_, edges)| !edges.is_empty()),
            "the walk found imports: {graph:?}"
        );
        assert_eq!(cycle(&graph), None, "{graph:?}");
    }
}

#[test]
fn the_cycle_finder_sees_a_circle_through_a_group_import() {
    let edges = |s: &str| crate_imports(s);
    assert_eq!(
        edges("use crate::{cli::{Cli, Command}, config::ConfigFile};\nuse crate::Failure;"),
        ["cli", "config", "Failure"]
    );
    let graph = vec![
        ("cli".to_string(), edges("use crate::{settings::Flags};")),
        (
            "settings".to_string(),
            edges("use crate::{config, choices};"),
        ),
        ("config".to_string(), edges("use crate::cli::Cli;")),
        ("choices".to_string(), Vec::new()),
    ];
    assert_eq!(
        cycle(&graph),
        Some(vec![
            "cli".into(),
            "settings".into(),
            "config".into(),
            "cli".into()
        ])
    );
    assert_eq!(cycle(&graph[1..]), None);
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
