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
        "/// Bundled content files: name and text (UTF-8, checked as the binary is built).\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for name in names {
        println!("cargo:rerun-if-changed={}", dir.join(&name).display());
        let path = dir.join(&name);
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
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

/// Bits of a letter's number in a packed bigram or trigram key.
const ID_BITS: u32 = 9;

/// Which places of a bigram or trigram key a letter takes somewhere in the
/// model; a pair or triple is looked up only when each of its letters can
/// stand where it stands.
const PLACES: [[u8; 3]; 2] = [[1, 2, 0], [4, 8, 16]];

/// `src/layout/budoux-ja.json` (BudouX's ja model as the `budouy` crate
/// vendors it) → `phrase_model.rs`. The model's keys use a few hundred
/// characters (its "letters"): `LETTERS` maps each to its number, the places
/// it takes in bigram and trigram keys, and its six unigram weights, so one
/// lookup a character of text does what three did, and a character that is
/// no letter (most of a text) needs no other. `BIGRAMS` and `TRIGRAMS` map
/// keys packed from letter numbers to their weights. All three are
/// open-addressed tables at most a quarter full, so a miss ends within a
/// probe or two.
fn compile_phrase_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/layout/budoux-ja.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let json = std::fs::read_to_string(&path).expect("the BudouX model is in the source tree");
    let model: BTreeMap<String, BTreeMap<String, i64>> =
        serde_json::from_str(&json).expect("the BudouX model is JSON of groups of weights");
    let total: i64 = model.values().flat_map(|g| g.values()).sum();

    // Keys as characters, with their weight in each group of their length.
    let mut grams: [BTreeMap<Vec<char>, Vec<i64>>; 3] = Default::default();
    for (len, (prefix, groups)) in GROUPS.iter().enumerate() {
        for g in 0..*groups {
            let name = format!("{prefix}{}", g + 1);
            for (key, w) in model.get(&name).into_iter().flatten() {
                let chars: Vec<char> = key.chars().collect();
                assert_eq!(chars.len(), len + 1, "{name} key {key:?}");
                grams[len].entry(chars).or_insert_with(|| vec![0; *groups])[g] = *w;
            }
        }
    }
    let letters: BTreeMap<char, usize> = grams
        .iter()
        .flat_map(|g| g.keys().flatten().copied())
        .collect::<std::collections::BTreeSet<char>>()
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, i + 1))
        .collect();
    assert!(
        letters.len() < 1 << ID_BITS,
        "letter numbers fit {ID_BITS} bits"
    );
    let mut places: BTreeMap<char, u8> = BTreeMap::new();
    for (gram, place) in grams[1..].iter().zip(PLACES) {
        for key in gram.keys() {
            for (i, c) in key.iter().enumerate() {
                *places.entry(*c).or_default() |= place[i];
            }
        }
    }

    let mut out = String::new();
    writeln!(
        out,
        "/// The sum of every weight: a boundary's score starts at minus half of it.\n\
         pub(super) const TOTAL: i32 = {total};\n\
         pub(super) const HASH_MUL: u64 = {HASH_MUL:#x};\n\
         pub(super) const ID_BITS: u32 = {ID_BITS};\n\
         pub(super) const PLACES: [[u8; 3]; 2] = {PLACES:?};"
    )
    .unwrap();
    let letter_values = letters.iter().map(|(c, &id)| {
        let uni = grams[0].get(&vec![*c]).cloned().unwrap_or(vec![0; 6]);
        let place = places.get(c).copied().unwrap_or(0);
        (
            u32::from(*c),
            format!("Letter {{ id: {id}, places: {place}, unigrams: {uni:?} }}"),
        )
    });
    write_table(&mut out, "LETTERS", "Letter", letter_values.collect());
    for (len, name) in [(2, "BIGRAMS"), (3, "TRIGRAMS")] {
        let values = grams[len - 1].iter().map(|(key, w)| {
            let packed = key
                .iter()
                .fold(0u32, |k, c| (k << ID_BITS) | letters[c] as u32);
            (packed, format!("{w:?}"))
        });
        let ty = format!("[i16; {}]", GROUPS[len - 1].1);
        write_table(&mut out, name, &ty, values.collect());
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("phrase_model.rs");
    std::fs::write(dest, out).unwrap();
}

/// Writes `static NAME: Table<TY, SIZE>` holding `entries` (key, value as
/// Rust source), open-addressed with linear probing and at most a quarter
/// full; empty slots hold key `u32::MAX` and the type's `EMPTY` value.
fn write_table(out: &mut String, name: &str, ty: &str, entries: Vec<(u32, String)>) {
    let bits = (entries.len() * 4).next_power_of_two().trailing_zeros();
    let size = 1usize << bits;
    let mut slots: Vec<Option<(u32, String)>> = vec![None; size];
    for (key, value) in entries {
        let mut slot = (u64::from(key).wrapping_mul(HASH_MUL) >> (64 - bits)) as usize;
        while slots[slot].is_some() {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = Some((key, value));
    }
    writeln!(
        out,
        "pub(super) static {name}: Table<{ty}, {size}> = Table {{ bits: {bits}, keys: ["
    )
    .unwrap();
    for slot in &slots {
        write!(out, "{},", slot.as_ref().map_or(u32::MAX, |s| s.0)).unwrap();
    }
    out.push_str("], values: [");
    for slot in &slots {
        match slot {
            Some((_, value)) => write!(out, "{value},").unwrap(),
            None => write!(out, "<{ty} as Empty>::EMPTY,").unwrap(),
        }
    }
    out.push_str("] };\n");
}
