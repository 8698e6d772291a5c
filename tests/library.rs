//! Issues 20 and 21, the content format: a library of articles (category,
//! tags, related, featured, notices naming an article, `--list` and
//! `--category`) and furigana (inline ruby, `[[terms]]`), through the
//! loader, `reader check` and the printers. Every library is generated from
//! the bundled article's own text (`common/library.rs`).

#[path = "support/binary.rs"]
mod binary;
#[path = "common/library.rs"]
mod library;

use std::path::Path;

use binary::reader;
use library::{BUNDLED, Spec, THREE, library_dir, write_article};
use predicates::prelude::*;
use reader::content::load_library;

/// `reader --articles DIR ARGS`, which must succeed: its stdout.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = reader()
        .arg("--articles")
        .arg(dir)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// What `reader check DIR` prints on stderr, failing with exit 3.
fn check_errors(dir: &Path) -> String {
    let out = reader().arg("check").arg(dir).assert().code(3);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn a_generated_library_loads_with_related_both_ways() {
    let dir = library_dir(&THREE);
    let lib = load_library(Some(dir.path())).unwrap();
    assert_eq!(lib.articles.len(), 3);
    let a = lib.article("back-a").unwrap();
    let b = lib.article("guide-b").unwrap();
    let c = lib.article("other-c").unwrap();
    assert_eq!(a.related, ["guide-b"]);
    assert_eq!(b.related, ["back-a", "other-c"]);
    assert_eq!(
        (
            a.category.as_deref(),
            b.category.as_deref(),
            c.category.as_deref()
        ),
        (Some("腰痛"), Some("診療ガイドライン"), None)
    );
    // The same text as the bundled article, under another name.
    let bundled = load_library(None).unwrap();
    assert_eq!(c.questions, bundled.articles[0].questions);
    reader()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "ok: 3 article(s), 18 question(s)",
        ));
}

#[test]
fn an_unknown_or_own_related_slug_fails_check_at_its_place() {
    let dir = library_dir(&THREE[..2]);
    write_article(
        dir.path(),
        &Spec {
            related: &["back-a", "nowhere"],
            ..THREE[2]
        },
        "",
        |b| b.to_string(),
    );
    let own = Spec {
        slug: "own-d",
        related: &["own-d"],
        ..THREE[0]
    };
    write_article(dir.path(), &own, "", |b| b.to_string());
    let path = |slug: &str| dir.path().join(format!("{slug}.md")).display().to_string();
    let err = check_errors(dir.path());
    // `related = [` follows slug, title and category.
    assert!(
        err.contains(&format!(
            "{}:5:12: related “own-d” is this article itself",
            path("own-d")
        )),
        "{err}"
    );
    // Reported once the other files are valid: fix the first, see the second.
    write_article(
        dir.path(),
        &Spec {
            related: &[],
            ..own
        },
        "",
        |b| b.to_string(),
    );
    let err = check_errors(dir.path());
    assert!(
        err.contains(&format!(
            "{}:4:22: related “nowhere” names no article",
            path("other-c")
        )),
        "{err}"
    );
}

#[test]
fn a_notice_naming_an_unknown_article_fails_check() {
    let dir = library_dir(&THREE);
    let bundled = include_str!("../articles/clinic.toml");
    let with = |slug: &str| {
        bundled.replacen(
            "until = 2026-02-28\n",
            &format!("until = 2026-02-28\narticle = \"{slug}\"\n"),
            1,
        )
    };
    let clinic = dir.path().join("clinic.toml");
    std::fs::write(&clinic, with("guide-b")).unwrap();
    reader().arg("check").arg(dir.path()).assert().success();
    std::fs::write(&clinic, with("guide-x")).unwrap();
    reader()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "{}:46:11: notice article “guide-x” names no article",
            clinic.display()
        )));
}

#[test]
fn list_in_three_formats_filtered_by_category() {
    let dir = library_dir(&THREE);
    assert_eq!(
        run(dir.path(), &["--list"]),
        "back-a\t腰痛\t2026-02-20\t再手術について:一\n\
         guide-b\t診療ガイドライン\t2026-02-20\t再手術について:二\n\
         other-c\tその他\t2026-02-20\t再手術について:三\n"
    );
    assert_eq!(
        run(dir.path(), &["--list", "--category", "診療ガイドライン"]),
        "guide-b\t診療ガイドライン\t2026-02-20\t再手術について:二\n"
    );
    assert_eq!(
        run(
            dir.path(),
            &["--list", "--category", "その他", "--format", "markdown"]
        ),
        "- **再手術について:三** (`other-c`): その他, 2026-02-20\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run(
        dir.path(),
        &["--list", "--category", "腰痛", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "slug": "back-a", "category": "腰痛", "date": "2026-02-20",
            "title": "再手術について:一", "published": "2026-02-20", "updated": null,
        }])
    );
    reader()
        .arg("--articles")
        .arg(dir.path())
        .args(["--list", "--category", "肩こり"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "no article in the category “肩こり”: categories: その他, 腰痛, 診療ガイドライン",
        ));
    reader().args(["--category", "腰痛"]).assert().code(2);
}

/// The bundled article with terms and inline ruby on words of its own text,
/// as `furigana-e` in a directory of its own.
fn furigana_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        slug: "furigana-e",
        title: "再手術について:四",
        category: Some("腰痛"),
        related: &[],
    };
    let terms = "tags = [\"再手術\", \"手術\"]\nfeatured = true\n\
        [[terms]]\nterm = \"脊柱管狭窄症\"\nreading = \"せきちゅうかんきょうさくしょう\"\n\
        plain = \"神経の通り道が狭まり\"\n";
    write_article(dir.path(), &spec, terms, |body| {
        body.replacen("慢性腰痛に対する", "{慢性腰痛|まんせいようつう}に対する", 1)
            .replacen("(偽関節)", "({偽関節|ぎ|かん|せつ})", 1)
    });
    dir
}

#[test]
fn json_carries_the_library_fields_ruby_and_terms() {
    let dir = furigana_article();
    let json: serde_json::Value = serde_json::from_str(&run(
        dir.path(),
        &["--article", "furigana-e", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["category"], "腰痛");
    assert_eq!(json["tags"], serde_json::json!(["再手術", "手術"]));
    assert_eq!(json["related"], serde_json::json!([]));
    assert_eq!(json["featured"], true);
    assert_eq!(
        json["terms"],
        serde_json::json!([{
            "term": "脊柱管狭窄症", "reading": "せきちゅうかんきょうさくしょう",
            "plain": "神経の通り道が狭まり",
        }])
    );
    let first = &json["summary"][0]["text"];
    assert_eq!(
        first[1],
        serde_json::json!({"text": "慢性腰痛", "ruby": "まんせいようつう"})
    );
    let text = json.to_string();
    for (base, reading) in [("偽", "ぎ"), ("関", "かん"), ("節", "せつ")] {
        assert!(
            text.contains(&format!(r#"{{"ruby":"{reading}","text":"{base}"}}"#))
                || text.contains(&format!(r#"{{"text":"{base}","ruby":"{reading}"}}"#)),
            "{base}"
        );
    }
    // The bundled article: its category, and its own readings
    // (tests/bundled_readings.rs holds them to the article's text).
    let bundled: serde_json::Value =
        serde_json::from_str(&binary::stdout_of(&["--format", "json"])).unwrap();
    assert_eq!(bundled["category"], "腰痛");
    assert!(
        (bundled["terms"].as_array().unwrap().iter())
            .any(|t| t["term"] == "根性痛" && t["reading"] == "こんせいつう")
    );
}

#[test]
fn markdown_keeps_the_ruby_source_and_text_prints_the_bases() {
    let dir = furigana_article();
    let md = run(
        dir.path(),
        &["--article", "furigana-e", "--format", "markdown"],
    );
    assert!(md.contains("初回の手術で十分な改善が見られなかった、あるいは新たな問題が発生した{慢性腰痛|まんせいようつう}に対する"), "{md}");
    assert!(md.contains("({偽関節|ぎ|かん|せつ})"), "{md}");
    let text = run(dir.path(), &["--article", "furigana-e", "--width", "200"]);
    assert!(!text.contains('{') && !text.contains("まんせい"), "{text}");
    // As the bundled article prints, but for the title.
    let bundled = binary::stdout_of(&["--width", "200"]);
    assert_eq!(
        text.replace("再手術について:四", "再手術について:慢性腰痛"),
        bundled
    );
}

#[test]
fn check_warns_about_a_plain_not_in_the_text_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let terms = "[[terms]]\nterm = \"脊柱管狭窄症\"\nreading = \"せきちゅうかんきょうさくしょう\"\n\
        plain = \"神経の通り道が広がり\"\n";
    let alone = Spec {
        related: &[],
        ..THREE[0]
    };
    write_article(dir.path(), &alone, terms, |b| b.to_string());
    let source = std::fs::read_to_string(dir.path().join("back-a.md")).unwrap();
    let line = 1 + source
        .lines()
        .position(|l| l.starts_with("plain = "))
        .unwrap();
    reader()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "warning: {}:{line}:9: plain “神経の通り道が広がり” is not in the article's text",
            dir.path().join("back-a.md").display()
        )));
    assert!(BUNDLED.contains("神経の通り道が狭まり"));
}
