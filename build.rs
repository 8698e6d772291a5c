//! Embeds `articles/` in the binary so `reader` needs no files beside it,
//! and compiles BudouX's Japanese model into static hash tables, so that
//! phrase segmentation costs nothing at start and allocates nothing a lookup.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

fn main() {
    embed_articles();
    compile_phrase_model();
}

fn embed_articles() {
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

/// The model's thirteen feature groups, by the length of their key: six
/// unigrams (UW1–UW6), three bigrams (BW1–BW3), four trigrams (TW1–TW4).
const GROUPS: [(&str, usize); 3] = [("UW", 6), ("BW", 3), ("TW", 4)];

/// Multiplier of the tables' hash (Fibonacci hashing, Knuth 6.4), written
/// into the generated file for `layout::phrases` to hash with the same.
const HASH_MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// `src/layout/budoux-ja.json` (BudouX's ja model as the `budouy` crate
/// vendors it) → `phrase_model.rs`: for keys of one, two and three characters,
/// an open-addressed table of packed keys (21 bits a character) and the
/// weight of the key in each group of its length. Tables are at most a
/// quarter full, so a miss (most lookups) ends within a probe or two.
fn compile_phrase_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/layout/budoux-ja.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let json = std::fs::read_to_string(&path).expect("the BudouX model is in the source tree");
    let model: BTreeMap<String, BTreeMap<String, i64>> =
        serde_json::from_str(&json).expect("the BudouX model is JSON of groups of weights");
    let total: i64 = model.values().flat_map(|g| g.values()).sum();
    let mut out = String::new();
    writeln!(
        out,
        "/// The sum of every weight: a boundary's score starts at minus half of it.\npub(super) const TOTAL: i32 = {total};\npub(super) const HASH_MUL: u64 = {HASH_MUL:#x};"
    )
    .unwrap();
    for (len, (prefix, groups)) in GROUPS.iter().enumerate() {
        let len = len + 1;
        let mut weights: BTreeMap<u64, Vec<i64>> = BTreeMap::new();
        for g in 0..*groups {
            let name = format!("{prefix}{}", g + 1);
            for (key, w) in model.get(&name).into_iter().flatten() {
                let chars: Vec<char> = key.chars().collect();
                assert_eq!(chars.len(), len, "{name} key {key:?}");
                let packed = chars.iter().fold(0u64, |k, &c| (k << 21) | u64::from(c));
                weights.entry(packed).or_insert_with(|| vec![0; *groups])[g] = *w;
            }
        }
        let bits = (weights.len() * 4).next_power_of_two().trailing_zeros();
        let size = 1usize << bits;
        let mut keys = vec![u64::MAX; size];
        let mut vals = vec![vec![0i64; *groups]; size];
        for (key, w) in &weights {
            let mut slot = (key.wrapping_mul(HASH_MUL) >> (64 - bits)) as usize;
            while keys[slot] != u64::MAX {
                slot = (slot + 1) & (size - 1);
            }
            keys[slot] = *key;
            vals[slot] = w.clone();
        }
        let name = ["UNIGRAMS", "BIGRAMS", "TRIGRAMS"][len - 1];
        writeln!(
            out,
            "pub(super) static {name}: Table<{groups}, {size}> = Table {{ bits: {bits}, keys: ["
        )
        .unwrap();
        for k in &keys {
            write!(out, "{k},").unwrap();
        }
        out.push_str("], weights: [");
        for v in &vals {
            write!(out, "{v:?},").unwrap();
        }
        out.push_str("] };\n");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("phrase_model.rs");
    std::fs::write(dest, out).unwrap();
}
