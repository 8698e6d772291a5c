//! Furigana (ruby): `{腰椎|ようつい}` in the body (the markdown-it-ruby and
//! Denden Markdown form, `{偽関節|ぎ|かん|せつ}` a reading per character),
//! and the front matter's `[[terms]]`, whose readings apply wherever the
//! term occurs.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

use super::model::{Inline, Term};

/// A reading longer than this many times its base (in characters) is
/// probably a slip: warned about.
pub const MAX_READING_RATIO: usize = 4;

/// Whether `reading` can be a reading: hiragana or katakana (with ー and
/// the iteration marks), and not empty.
pub fn is_reading(reading: &str) -> bool {
    !reading.is_empty()
        && reading.chars().all(|c| {
            matches!(c, '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ' | '\u{30a1}'..='\u{30fa}' | 'ー' | 'ヽ' | 'ヾ')
        })
}

/// Why `reading` cannot be the reading of `base`, if it cannot.
pub fn reading_error(base: &str, reading: &str) -> Option<String> {
    if base.trim().is_empty() {
        Some(
            "the base is empty: expected the text the reading is for, as in {腰椎|ようつい}".into(),
        )
    } else if !is_reading(reading) {
        Some(format!(
            "reading “{reading}” of “{base}”: expected hiragana or katakana (and ー) only"
        ))
    } else {
        None
    }
}

/// A warning when `reading` is suspiciously long for `base`.
pub fn reading_warning(base: &str, reading: &str) -> Option<String> {
    (reading.chars().count() > MAX_READING_RATIO * base.chars().count()).then(|| {
        format!(
            "reading “{reading}” is more than {MAX_READING_RATIO} times as long as “{base}”: is it this word's reading?"
        )
    })
}

/// Problems found in a paragraph's ruby, at byte offsets into the file.
#[derive(Debug, Default)]
pub struct Found {
    pub errors: Vec<(usize, String)>,
    pub warnings: Vec<(usize, String)>,
}

/// A run of `text` in the style of `like`, with `ruby`.
fn styled(like: &Inline, text: &str, ruby: Option<&str>) -> Inline {
    Inline {
        text: text.to_string(),
        strong: like.strong,
        link: like.link.clone(),
        ruby: ruby.map(String::from),
    }
}

/// Splits each `{base|reading}` of a paragraph's finished runs into a ruby
/// run (or a run per character). `braces` says, for each `{` of the runs'
/// text in order, where it was written in the file, or `None` for one that
/// can open no ruby (written `\{` or `&#123;`, or in code). A `{` without
/// `|…}` after it in its run stays text; one whose `|…}` lies past the end
/// of its bold or link is an error, as is a bad reading or an empty base.
pub fn parse_ruby(
    mut runs: Vec<Inline>,
    braces: &[Option<usize>],
    found: &mut Found,
) -> Vec<Inline> {
    if braces.iter().all(Option::is_none) {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len());
    let mut ordinal = 0;
    let mut left = runs.as_mut_slice();
    while let Some((run, later)) = std::mem::take(&mut left).split_first_mut() {
        left = later;
        if !run.text.contains('{') {
            // Moved: the later runs are still read, this one no more.
            out.push(std::mem::replace(run, Inline::plain("")));
            continue;
        }
        let text = run.text.as_str();
        let (mut from, mut search) = (0, 0);
        while let Some(rel) = text[search..].find('{') {
            let open = search + rel;
            search = open + 1;
            let at = braces.get(ordinal).copied().flatten();
            ordinal += 1;
            let Some(at) = at else { continue };
            let rest = &text[open + 1..];
            match rest.find(['{', '}']) {
                Some(end) if rest.as_bytes()[end] == b'}' => {
                    let Some((base, readings)) = rest[..end].split_once('|') else {
                        continue;
                    };
                    search = open + 1 + end + 1;
                    if let Some(rubies) = ruby_runs(run, base, readings, at, found) {
                        if open > from {
                            out.push(styled(run, &text[from..open], None));
                        }
                        out.extend(rubies);
                        from = search;
                    }
                }
                Some(_) => {}
                None if crosses_a_run(rest, left) => found.errors.push((
                    at,
                    "ruby that starts inside bold or a link ends outside it: put the whole {base|reading} inside (**{腰椎|ようつい}**) or outside".into(),
                )),
                None => {}
            }
        }
        if from < text.len() {
            out.push(styled(run, &text[from..], None));
        }
    }
    out
}

/// Whether a `{` followed by `rest` (the end of its run, holding no brace)
/// is closed as ruby only in a later run: a `|` and then `}` before any `{`.
fn crosses_a_run(rest: &str, later: &[Inline]) -> bool {
    let mut bar = rest.contains('|');
    for c in later.iter().flat_map(|r| r.text.chars()) {
        match c {
            '|' => bar = true,
            '}' => return bar,
            '{' => return false,
            _ => {}
        }
    }
    false
}

/// The runs of one `{base|readings}` (written at `at`), or `None` after
/// reporting why it cannot be ruby.
fn ruby_runs(
    like: &Inline,
    base: &str,
    readings: &str,
    at: usize,
    found: &mut Found,
) -> Option<Vec<Inline>> {
    let source = format!("{{{base}|{readings}}}");
    let parts: Vec<&str> = readings.split('|').collect();
    let pairs: Vec<(&str, &str)> = match parts.as_slice() {
        [reading] => vec![(base, reading)],
        _ => {
            let chars: Vec<&str> = base.graphemes(true).collect();
            if chars.len() != parts.len() {
                found.errors.push((
                    at,
                    format!(
                        "ruby {source}: {} readings for {} characters: expected one reading for the whole base or one for each character",
                        parts.len(),
                        chars.len()
                    ),
                ));
                return None;
            }
            chars.into_iter().zip(parts).collect()
        }
    };
    let mut ok = true;
    for &(b, r) in &pairs {
        // An empty base has no characters: its problem is the base.
        let b = if base.trim().is_empty() { base } else { b };
        if let Some(e) = reading_error(b, r) {
            found.errors.push((at, format!("ruby {source}: {e}")));
            ok = false;
            break;
        }
        if let Some(w) = reading_warning(b, r) {
            found.warnings.push((at, format!("ruby {source}: {w}")));
        }
    }
    ok.then(|| {
        (pairs.into_iter())
            .map(|(b, r)| styled(like, b, Some(r)))
            .collect()
    })
}

/// Every term of an article found at once: an Aho-Corasick automaton,
/// leftmost-longest (where terms overlap, the one that starts first wins,
/// then the longest). Built on first use from the terms it is asked with,
/// and kept: an article's terms do not change once it is loaded. A clone
/// starts empty, so that a copy whose terms are changed finds its own.
#[derive(Default)]
pub struct TermFinder(OnceLock<Option<AhoCorasick>>);

impl Clone for TermFinder {
    fn clone(&self) -> Self {
        TermFinder::default()
    }
}

impl TermFinder {
    fn get(&self, terms: &[Term]) -> Option<&AhoCorasick> {
        self.0
            .get_or_init(|| {
                let patterns = terms.iter().map(|t| t.term.as_str());
                // A contiguous NFA: the default builds a DFA, which took
                // 15% of printing the bundled article to make; its speed is
                // not needed for an article's few terms (an NFA without a
                // prefilter, cheaper still to make, matched slower: 5% more
                // in all).
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.filter(|p| !p.is_empty()))
                    .ok()
            })
            .as_ref()
    }
}

impl std::fmt::Debug for TermFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TermFinder")
    }
}

/// A cache: two finders are alike whatever they hold.
impl PartialEq for TermFinder {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for TermFinder {}

/// `runs` with each occurrence of a term, in runs without ruby of their
/// own, made a ruby run with the term's reading. Where terms overlap, the
/// one that starts first wins, then the longest.
pub fn with_terms(terms: &[Term], runs: &[Inline]) -> Vec<Inline> {
    with_terms_found(terms, &TermFinder::default(), runs)
}

/// [`with_terms`], with `finder` made from `terms` (or to be).
pub fn with_terms_found(terms: &[Term], finder: &TermFinder, runs: &[Inline]) -> Vec<Inline> {
    if terms.is_empty() {
        return runs.to_vec();
    }
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        if run.ruby.is_some() {
            out.push(run.clone());
            continue;
        }
        let mut from = 0;
        for (at, reading) in term_matches(terms, finder, &run.text) {
            if at.start > from {
                out.push(styled(run, &run.text[from..at.start], None));
            }
            out.push(styled(run, &run.text[at.clone()], Some(reading)));
            from = at.end;
        }
        match from {
            _ if from == run.text.len() => {}
            0 => out.push(run.clone()),
            _ => out.push(styled(run, &run.text[from..], None)),
        }
    }
    out
}

/// Where `terms` occur in `text`, as byte ranges with the term's reading,
/// in order and apart (see [`TermFinder`]).
pub fn term_matches<'a>(
    terms: &'a [Term],
    finder: &'a TermFinder,
    text: &'a str,
) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
    let found = finder.get(terms).map(|ac| ac.find_iter(text));
    // Patterns are the non-empty terms, in order.
    let reading = move |p: usize| {
        let mut named = terms.iter().filter(|t| !t.term.is_empty());
        named.nth(p).map_or("", |t| t.reading.as_str())
    };
    (found.into_iter().flatten())
        .map(move |m| (m.start()..m.end(), reading(m.pattern().as_usize())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(term: &str, reading: &str) -> Term {
        Term {
            term: term.into(),
            reading: reading.into(),
            plain: None,
        }
    }

    /// (text, ruby) pairs.
    fn pairs(runs: &[Inline]) -> Vec<(&str, Option<&str>)> {
        runs.iter()
            .map(|r| (r.text.as_str(), r.ruby.as_deref()))
            .collect()
    }

    #[test]
    fn readings_are_kana_only() {
        for ok in ["ようつい", "ヘルニア", "ちょうー", "ぎ", "ゝヽヾゞ"] {
            assert!(is_reading(ok), "{ok}");
        }
        for no in ["", "yo", "ようつい ", "腰", "ｶﾀｶﾅ", "よ・う", "よう1"] {
            assert!(!is_reading(no), "{no}");
        }
        assert!(reading_error("", "よう").unwrap().contains("base is empty"));
        assert_eq!(reading_warning("腰", "こしこし"), None);
        assert!(reading_warning("腰", "こしこしこ").is_some());
    }

    #[test]
    fn terms_apply_at_every_occurrence_and_inline_ruby_wins() {
        let terms = [
            term("腰椎", "ようつい"),
            term("腰椎椎間板", "ようついついかんばん"),
        ];
        let runs = [
            Inline::plain("腰椎と腰椎椎間板と腰"),
            Inline {
                ruby: Some("こしぼね".into()),
                ..Inline::plain("腰椎")
            },
            Inline {
                strong: true,
                ..Inline::plain("腰椎")
            },
        ];
        let out = with_terms(&terms, &runs);
        assert_eq!(
            pairs(&out),
            [
                ("腰椎", Some("ようつい")),
                ("と", None),
                ("腰椎椎間板", Some("ようついついかんばん")),
                ("と腰", None),
                ("腰椎", Some("こしぼね")),
                ("腰椎", Some("ようつい")),
            ]
        );
        assert!(out[5].strong, "a term keeps its run's style");
        assert_eq!(with_terms(&[], &runs), runs);
    }
}
