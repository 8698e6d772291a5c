//! The real binary at every width it accepts: no printed line wider than
//! `--width` (issue 8, item 7), measured by the layout's own cluster widths.

use std::path::PathBuf;

use predicates::prelude::*;
use reader::layout::Ambiguous;
use reader::layout::document::MIN_WIDTH;
use reader::text::width::str_width;

#[path = "support/binary.rs"]
mod binary;
use binary::{reader, stdout_of as printed};

/// The lines of `text` wider than `width`, for the failure message.
fn too_wide(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    text.lines()
        .filter(|l| str_width(l, ambiguous) > width)
        .map(|l| format!("{} columns: {l:?}", str_width(l, ambiguous)))
        .collect()
}

/// A directory holding one article, `deep`, whose first question is `title`
/// and whose answer is a list nested `depth` deep.
fn deep_article(name: &str, title: &str, depth: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reader-widths-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let mut md = format!(
        "+++\nslug = \"deep\"\ntitle = \"深い一覧\"\npublished = 2026-01-05\n+++\n\n要約です。\n\n## {title}\n\n"
    );
    for d in 0..depth {
        md.push_str(&format!(
            "{}- 第{}階層の項目です。再手術の成功率を高めるために\n",
            "  ".repeat(d),
            d + 1
        ));
    }
    std::fs::write(dir.join("deep.md"), md).expect("article written");
    dir
}

/// The article `deep` of `dir` printed at `width`; the directory goes after.
fn print_deep(dir: &std::path::Path, width: usize) -> String {
    let out = printed(&[
        "--articles",
        dir.to_str().expect("UTF-8 path"),
        "--article",
        "deep",
        "--width",
        &width.to_string(),
    ]);
    let _ = std::fs::remove_dir_all(dir);
    out
}

fn deep_list_fits(name: &str, depth: usize, width: usize) {
    let dir = deep_article(name, "深い一覧", depth);
    let out = print_deep(&dir, width);
    assert!(
        out.contains(&format!("第{depth}階層")),
        "the deepest item is printed"
    );
    assert_eq!(
        too_wide(&out, width, Ambiguous::Narrow),
        Vec::<String>::new()
    );
}

#[test]
fn list_nested_20_deep_fits_width_37() {
    deep_list_fits("20", 20, 37);
}

#[test]
fn list_nested_40_deep_fits_width_80() {
    deep_list_fits("40", 40, 80);
}

#[test]
fn question_with_a_family_emoji_fits_width_10() {
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    let dir = deep_article("emoji", family, 1);
    let out = print_deep(&dir, 10);
    // The ZWJ sequence is one two-column glyph, kept whole on its line.
    assert!(out.lines().any(|l| l == format!("Q1. {family}")), "{out}");
    assert_eq!(too_wide(&out, 10, Ambiguous::Narrow), Vec::<String>::new());
}

#[test]
fn bundled_article_fits_every_width_from_the_minimum_to_200() {
    let narrow = std::thread::spawn(|| {
        for width in MIN_WIDTH..=200 {
            let out = printed(&[
                "--article",
                "revision-surgery",
                "--width",
                &width.to_string(),
            ]);
            assert_eq!(
                too_wide(&out, width, Ambiguous::Narrow),
                Vec::<String>::new(),
                "width {width}"
            );
        }
    });
    // BudouX on every paragraph is slow in a debug build: the widths where
    // markers stop hanging (below 12), then a sample.
    for width in (MIN_WIDTH..12).chain((12..=200).step_by(11)) {
        let out = printed(&[
            "--article",
            "revision-surgery",
            "--width",
            &width.to_string(),
            "--ambiguous-wide",
            "--wrap",
            "phrase",
        ]);
        assert_eq!(
            too_wide(&out, width, Ambiguous::Wide),
            Vec::<String>::new(),
            "width {width}, ambiguous wide, phrase policy"
        );
    }
    narrow.join().expect("every narrow width fits");
}

#[test]
fn width_below_the_minimum_is_a_usage_error_naming_it() {
    for width in ["0", "1"] {
        reader()
            .args(["--article", "revision-surgery", "--width", width])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("not in {MIN_WIDTH}..")));
    }
    reader()
        .args([
            "--article",
            "revision-surgery",
            "--width",
            &MIN_WIDTH.to_string(),
        ])
        .assert()
        .success();
}
