//! Issue 21, the bundled article's readings: every `plain` of its
//! `[[terms]]` is the article's own words, the hard terms the issue names
//! carry the readings checked against medical glossaries (the commit that
//! added them lists each source), and `reader check` has nothing to say.

#[path = "support/binary.rs"]
mod binary;

use binary::reader;
use reader::content::article::parse_article;
use reader::content::ruby::is_reading;
use reader::content::{Article, load_library};

/// The bundled article's source, as built into the binary.
const SOURCE: &str = include_str!("../articles/revision-surgery.md");

/// The terms issue 21 names, with the readings a medical dictionary or
/// glossary gives (or, where none could be found, the one the commit marks
/// unconfirmed): a general dictionary reads 根性痛 as こんじょうつう and
/// 偽関節 as にせかんせつ, so these are pinned.
const NAMED: [(&str, &str); 10] = [
    ("椎間孔狭窄症", "ついかんこうきょうさくしょう"),
    ("偽関節", "ぎかんせつ"),
    ("癒合不全", "ゆごうふぜん"),
    ("根性痛", "こんせいつう"),
    ("軸性疼痛", "じくせいとうつう"),
    ("除圧術", "じょあつじゅつ"),
    ("脊椎固定術", "せきついこていじゅつ"),
    ("脊髄刺激療法", "せきずいしげきりょうほう"),
    ("侵襲", "しんしゅう"),
    ("隣接椎間障害", "りんせつついかんしょうがい"),
];

/// The article's own explanations, written 足の痛み(根性痛): each term and
/// the words the article puts beside it.
const PLAIN: [(&str, &str); 6] = [
    ("根性痛", "足の痛み"),
    ("軸性疼痛", "腰の痛み"),
    ("偽関節", "癒合不全"),
    ("固定具", "インプラント"),
    ("SCS", "脊髄刺激療法"),
    ("術前最適化", "生活習慣の改善と体調管理"),
];

fn bundled() -> Article {
    let library = load_library(None).expect("the bundled content loads");
    library
        .article("revision-surgery")
        .expect("the bundled article")
        .clone()
}

/// What is wrong with `article`'s terms: a `plain` not in its text, a term
/// it never uses, a reading that is not kana.
fn term_problems(article: &Article) -> Vec<String> {
    let text = article.text();
    let mut problems = Vec::new();
    for t in &article.terms {
        if !text.contains(t.term.as_str()) {
            problems.push(format!("term “{}” is not in the text", t.term));
        }
        if !is_reading(&t.reading) {
            problems.push(format!("reading “{}” of “{}”", t.reading, t.term));
        }
        match t.plain.as_deref() {
            Some(plain) if !text.contains(plain) => {
                problems.push(format!(
                    "plain “{plain}” of “{}” is not in the text",
                    t.term
                ));
            }
            // The article's own explanation stands beside the term.
            Some(plain) if !text.contains(&format!("{plain}({})", t.term)) => {
                problems.push(format!(
                    "plain “{plain}” is not written as {plain}({})",
                    t.term
                ));
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn every_plain_is_the_articles_own_words_beside_its_term() {
    let article = bundled();
    assert_eq!(term_problems(&article), Vec::<String>::new());
    let plains: Vec<(&str, &str)> = (article.terms.iter())
        .filter_map(|t| Some((t.term.as_str(), t.plain.as_deref()?)))
        .collect();
    assert_eq!(
        plains.len(),
        PLAIN.len(),
        "only the article's own pairs: {plains:?}"
    );
    for pair in PLAIN {
        assert!(plains.contains(&pair), "{pair:?} in {plains:?}");
    }
}

#[test]
fn a_plain_the_article_does_not_say_is_caught() {
    for (from, to) in [
        ("plain = \"足の痛み\"", "plain = \"脚の痛み\""),
        ("plain = \"腰の痛み\"", "plain = \"腰のだるさ\""),
    ] {
        assert!(SOURCE.contains(from), "{from}");
        let source = SOURCE.replacen(from, to, 1);
        let article = parse_article("revision-surgery.md", &source).expect("still loads");
        let problems = term_problems(&article);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("is not in the text"), "{problems:?}");
    }
    // A plain the text has, but not beside its term.
    let source = SOURCE.replacen("plain = \"足の痛み\"", "plain = \"腰の痛み\"", 1);
    let article = parse_article("revision-surgery.md", &source).expect("still loads");
    assert_eq!(
        term_problems(&article),
        ["plain “腰の痛み” is not written as 腰の痛み(根性痛)"]
    );
}

#[test]
fn the_terms_the_issue_names_have_their_checked_readings() {
    let article = bundled();
    for (term, reading) in NAMED {
        let t = (article.terms.iter())
            .find(|t| t.term == term)
            .unwrap_or_else(|| panic!("no [[terms]] for {term}"));
        assert_eq!(t.reading, reading, "{term}");
    }
    // The JSON lists them, for scripts and the kiosk alike.
    let json: serde_json::Value =
        serde_json::from_str(&binary::stdout_of(&["--format", "json"])).unwrap();
    for (term, reading) in NAMED {
        assert!(
            (json["terms"].as_array().unwrap().iter())
                .any(|t| t["term"] == term && t["reading"] == reading),
            "{term}"
        );
    }
}

#[test]
fn check_has_nothing_to_say_about_the_bundled_content() {
    for args in [&["check"][..], &["check", "articles"]] {
        let out = reader().args(args).assert().success();
        let out = out.get_output();
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: 1 article(s)"));
    }
}

#[test]
fn printed_text_shows_no_reading_unless_asked() {
    let article = bundled();
    let printed = binary::stdout_of(&["--article", "revision-surgery", "--width", "200"]);
    let first = binary::stdout_of(&[
        "--article",
        "revision-surgery",
        "--width",
        "200",
        "--furigana",
        "first",
    ]);
    for t in &article.terms {
        let inline = format!("{}（{}）", t.term, t.reading);
        assert!(!printed.contains(&inline), "{inline} printed unasked");
        assert!(
            first.contains(&inline),
            "{inline} missing with --furigana first"
        );
    }
}
