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

/// Every term of an article found in one pass over a text, leftmost-longest
/// (where terms overlap, the one that starts first wins, then the longest).
/// Made on first use from the terms it is asked with, and kept: an
/// article's terms do not change once it is loaded. A clone starts empty,
/// so that a copy whose terms are changed finds its own.
#[derive(Default)]
pub struct TermFinder(OnceLock<Finder>);

/// How the terms are found.
enum Finder {
    /// A term's first character looked up at each character, nearly always
    /// a miss settled by one bit, then each term starting with it tried:
    /// an article's tens of terms, for which making an automaton cost more
    /// than finding them in the whole article (printing it with readings
    /// took 12% longer).
    Firsts(Box<Firsts>),
    /// An Aho-Corasick automaton, linear in the text whatever the terms:
    /// where terms sharing a first character hold more than
    /// [`MAX_BYTES_TRIED`], trying each at every character could take
    /// seconds (2,000 terms of 300 kanji, the same first, took 12 s to
    /// print over 2 MB of that kanji).
    /// With the index in the terms of each of its patterns.
    Automaton(AhoCorasick, Vec<u32>),
}

/// The most bytes of terms [`Finder::Firsts`] may compare at one character.
const MAX_BYTES_TRIED: usize = 256;

impl Finder {
    fn of(terms: &[Term]) -> Finder {
        let firsts = Firsts::of(terms);
        if firsts.most_bytes_tried(terms) <= MAX_BYTES_TRIED {
            return Finder::Firsts(Box::new(firsts));
        }
        match Finder::automaton(terms, &firsts) {
            Some(a) => a,
            // Past the automaton's own limits (far past the loader's): the
            // slow way rather than none.
            None => Finder::Firsts(Box::new(firsts)),
        }
    }

    /// An automaton of the terms `firsts` holds.
    fn automaton(terms: &[Term], firsts: &Firsts) -> Option<Finder> {
        let named: Vec<u32> = (firsts.terms.iter()).map(|&(_, i)| i).collect();
        let patterns = named.iter().map(|&i| terms[i as usize].term.as_str());
        // A contiguous NFA: the default builds a DFA, which costs more to
        // make (15% of printing the bundled article).
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .ok()?;
        Some(Finder::Automaton(automaton, named))
    }
}

/// The terms by their first character.
struct Firsts {
    /// Bit `c % 4096` is set for each term's first character `c`: in
    /// Japanese text, a character of another term's bit is rare.
    bits: [u64; 64],
    /// Each non-empty term's first character and index, by character and
    /// then the longest first.
    terms: Vec<(char, u32)>,
}

impl Firsts {
    fn of(terms: &[Term]) -> Firsts {
        let mut firsts = Firsts {
            bits: [0; 64],
            terms: Vec::with_capacity(terms.len()),
        };
        for (i, t) in terms.iter().enumerate() {
            if let Some(c) = t.term.chars().next() {
                let bit = c as usize % 4096;
                firsts.bits[bit / 64] |= 1 << (bit % 64);
                // Terms are fewer than 2³²: an article is capped far below.
                firsts.terms.push((c, i as u32));
            }
        }
        let len = |i: u32| terms[i as usize].term.len();
        (firsts.terms).sort_by(|a, b| a.0.cmp(&b.0).then(len(b.1).cmp(&len(a.1))));
        firsts
    }

    /// The most bytes of `terms` tried at one character: those of the terms
    /// that share a first character, the most of any.
    fn most_bytes_tried(&self, terms: &[Term]) -> usize {
        (self.terms.chunk_by(|a, b| a.0 == b.0))
            .map(|same| {
                same.iter()
                    .map(|&(_, i)| terms[i as usize].term.len())
                    .sum()
            })
            .max()
            .unwrap_or(0)
    }

    /// The indices of the terms starting with `c`, the longest first.
    fn starting_with(&self, c: char) -> &[(char, u32)] {
        let bit = c as usize % 4096;
        if self.bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        let from = self.terms.partition_point(|&(f, _)| f < c);
        let to = from + self.terms[from..].partition_point(|&(f, _)| f == c);
        &self.terms[from..to]
    }
}

impl Clone for TermFinder {
    fn clone(&self) -> Self {
        TermFinder::default()
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
    found_by(finder.0.get_or_init(|| Finder::of(terms)), terms, text)
}

/// [`term_matches`] by `finder`, made from `terms`.
fn found_by<'a>(
    finder: &'a Finder,
    terms: &'a [Term],
    text: &'a str,
) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
    let (firsts, mut automaton) = match finder {
        Finder::Firsts(f) => (Some(f), None),
        Finder::Automaton(a, named) => (None, Some((a.find_iter(text), named))),
    };
    // Where the search goes on: after the last term found.
    let mut next = 0;
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        if let Some((found, named)) = automaton.as_mut() {
            let m = found.next()?;
            let term = &terms[named[m.pattern().as_usize()] as usize];
            return Some((m.start()..m.end(), term.reading.as_str()));
        }
        let firsts = firsts?;
        for (at, c) in chars.by_ref() {
            if at < next {
                continue;
            }
            let found = (firsts.starting_with(c).iter())
                .map(|&(_, i)| &terms[i as usize])
                .find(|t| text[at..].starts_with(t.term.as_str()));
            if let Some(t) = found {
                next = at + t.term.len();
                return Some((at..next, t.reading.as_str()));
            }
        }
        None
    })
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

    /// Leftmost-longest, the slow way: at each character, the longest term
    /// that starts there.
    fn naive(terms: &[Term], text: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(c) = text[at..].chars().next() {
            let longest = (terms.iter())
                .filter(|t| !t.term.is_empty() && text[at..].starts_with(t.term.as_str()))
                .max_by_key(|t| t.term.len());
            match longest {
                Some(t) => {
                    found.push((at..at + t.term.len(), t.reading.clone()));
                    at += t.term.len();
                }
                None => at += c.len_utf8(),
            }
        }
        found
    }

    #[test]
    fn many_long_terms_sharing_a_first_character_are_found_by_an_automaton() {
        let few = [term("腰椎", "ようつい"), term("腰痛", "ようつう")];
        assert!(matches!(Finder::of(&few), Finder::Firsts(_)));
        // The bundled article's terms: tried at each character.
        let bundled = crate::content::load_library(None).expect("bundled");
        assert!(matches!(
            Finder::of(&bundled.articles[0].terms),
            Finder::Firsts(_)
        ));
        let long: Vec<Term> = (0..10)
            .map(|i| term(&format!("{}{i}", "腰".repeat(10)), "よう"))
            .collect();
        assert!(matches!(Finder::of(&long), Finder::Automaton(..)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Terms and text from a few characters, so that terms overlap,
        /// nest and share first characters; 礎 (U+790E) shares its bit of
        /// the first-character filter with 椎 (U+690E), and 𠀋 takes four
        /// bytes.
        #[test]
        fn terms_are_found_leftmost_longest(
            terms in proptest::collection::vec("[腰椎間板a𠀋礎]{0,3}", 0..6),
            text in "[腰椎間板a𠀋礎と ]{0,24}",
        ) {
            let terms: Vec<Term> = terms.iter().enumerate().map(|(i, t)| term(t, &"よ".repeat(i + 1))).collect();
            // Where two terms are the same, either reading will do: compare ranges, then readings of unique terms.
            let theirs = naive(&terms, &text);
            let firsts = Finder::Firsts(Box::new(Firsts::of(&terms)));
            let automaton = Finder::automaton(&terms, &Firsts::of(&terms)).expect("small");
            for finder in [&firsts, &automaton] {
                let ours: Vec<_> = found_by(finder, &terms, &text)
                    .map(|(at, r)| (at, r.to_string()))
                    .collect();
                proptest::prop_assert_eq!(
                    ours.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>(),
                    theirs.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>()
                );
                for (at, r) in &ours {
                    let same: Vec<_> = terms.iter().filter(|t| t.term == text[at.clone()]).collect();
                    proptest::prop_assert!(same.iter().any(|t| &t.reading == r));
                }
            }
        }
    }
}
