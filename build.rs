//! Embeds `articles/` in the binary so `reader` needs no files beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("articles/ exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        // README.md is the staff's content guide, not an article.
        .filter(|n| (n.ends_with(".md") && n != "README.md") || n == "clinic.toml")
        .collect();
    names.sort();
    let mut out = String::from(
        "/// Bundled content files: name and bytes.\npub static BUNDLED: &[(&str, &[u8])] = &[\n",
    );
    for name in names {
        println!("cargo:rerun-if-changed={}", dir.join(&name).display());
        let path = dir.join(&name);
        writeln!(
            out,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled.rs");
    std::fs::write(dest, out).unwrap();
}
