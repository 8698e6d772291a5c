//! Search that does not depend on the window and lays nothing out: matches
//! are found in each item's text as the content holds it (a unit a heading,
//! question, paragraph, list item or reference), NFKC-normalised as whole
//! strings, case-folded and with katakana read as hiragana, so ２７ finds
//! 27, ｶﾞｲﾄﾞﾗｲﾝ finds ガイドライン and ようつい finds ヨウツイ. A unit with
//! readings (furigana) is also searched with each ruby base read as its
//! reading, so ようつい finds {腰椎|ようつい}: such a match is the base's chars.
//! Only when an item with matches is shown are they mapped onto its laid-out
//! lines, where a match may run across a line break.

use std::ops::Range;

use memchr::memmem;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::content::{Article, Inline};
use crate::layout::{Line, Role};

/// Part of a match on one line: characters `start..end` of `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// A match: chars `chars` of unit `unit` of item `item`'s text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub unit: usize,
    pub chars: Range<usize>,
}

/// A match in an article of the library: article `article`'s match `hit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub article: usize,
    pub hit: Hit,
}

/// A match with the text around it: up to `around` chars before and after
/// it, cut at the unit's ends, as (before, match, after). Where text is
/// left out, "..." says so: … is East Asian Ambiguous, and a CJK font draws
/// it wide over one cell, cut.
pub fn in_context(text: &str, chars: &Range<usize>, around: usize) -> (String, String, String) {
    let all: Vec<char> = text.chars().collect();
    let (start, end) = (chars.start.min(all.len()), chars.end.min(all.len()));
    let from = start.saturating_sub(around);
    let to = (end + around).min(all.len());
    let mut before: String = all[from..start].iter().collect();
    if from > 0 {
        before.insert_str(0, "...");
    }
    let mut after: String = all[end..to].iter().collect();
    if to < all.len() {
        after.push_str("...");
    }
    (before, all[start..end].iter().collect(), after)
}

/// Chars that never combine with the one before them under NFKC, and that
/// NFKC leaves as they are: most of Japanese text takes this short path,
/// its punctuation (、。「」『』・ー々) too, which is otherwise looked up in
/// the normalisation tables (8% of indexing 200 articles).
fn stable_starter(c: char) -> bool {
    c.is_ascii()
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FC}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || matches!(c, '、' | '。' | '「' | '」' | '『' | '』' | '々')
}

/// Chars that NFKC leaves as they are and that never combine with the one
/// before them: starters whose NFKC quick check is Yes (a char that can
/// compose with the one before it, as U+3099 does, is Maybe; ﾞ is No).
/// Japanese punctuation (、。「」ー・) is among them.
fn stands_alone(c: char) -> bool {
    stable_starter(c)
        || (unicode_normalization::char::canonical_combining_class(c) == 0
            && unicode_normalization::is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Whether lower case leaves `c` as it is.
fn caseless(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Katakana as the hiragana it reads as: readings are written in either.
/// ヷ–ヺ have no hiragana and stay.
fn hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(u32::from(c) - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Pushes `c` as NFKC, lower case and hiragana make it.
fn push_folded(out: &mut Vec<char>, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if stable_starter(c) {
        // Kana and kanji have no case.
        out.push(hiragana(c));
    } else {
        out.extend(
            std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(hiragana),
        );
    }
}

/// The text NFKC-normalised as a whole, lower-cased and in hiragana, and for each char
/// of the result the chars of `chars` it comes from: chars that compose
/// (ｶ + ﾞ → ガ) come from both.
pub fn fold(chars: &[char]) -> (Vec<char>, Vec<Range<usize>>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut start = 0;
    while start < chars.len() {
        // A char whose next one cannot combine with it is folded alone,
        // with no string made: nearly every char of an article.
        if chars.get(start + 1).is_none_or(|&next| stands_alone(next)) {
            push_folded(&mut out, chars[start]);
            origin.resize(out.len(), start..start + 1);
            start += 1;
            continue;
        }
        // Grow the run while its next char changes what NFKC makes of it.
        let mut end = start + 1;
        let mut run: String = chars[start].to_string();
        while end < chars.len() && !stands_alone(chars[end]) {
            let next = chars[end].to_string();
            let joined = nfkc(&format!("{run}{next}"));
            if joined == nfkc(&run) + &nfkc(&next) {
                break;
            }
            run.push(chars[end]);
            end += 1;
        }
        for c in nfkc(&run).chars().flat_map(char::to_lowercase) {
            out.push(hiragana(c));
            origin.push(start..end);
        }
        start = end;
    }
    (out, origin)
}

/// A unit of an item's text.
#[derive(Debug, Clone)]
struct Unit {
    item: usize,
    /// Its place among its item's units.
    n: usize,
    text: String,
    /// Each folded char comes from the char at the same place of the text,
    /// so a match's place in the folded text is its place in the text.
    one_to_one: bool,
    /// Its ruby bases, as chars of `text`, with their readings.
    rubies: Vec<(Range<usize>, Box<str>)>,
}

impl Unit {
    /// For each folded char of the text with each ruby base read as its
    /// reading, the chars of `text` it stands for (a reading's chars stand
    /// for its whole base) and the ruby it reads, if any. Made for a unit
    /// only when a query's match there reads a base.
    fn read(&self) -> Origin {
        let mut chars = Vec::new();
        let mut from = Vec::new();
        walk_read(&self.text, &self.rubies, |c, base, ruby| {
            chars.push(c);
            from.push((base, ruby));
        });
        (fold(&chars).1.into_iter())
            .map(|o| {
                (
                    from[o.start].0.start..from[o.end - 1].0.end,
                    from[o.start].1,
                )
            })
            .collect()
    }
}

/// For each folded char of a unit's read text: the chars of its text it
/// stands for, and the ruby it reads, if any.
type Origin = Vec<(Range<usize>, Option<usize>)>;

/// Each char of `text` with its ruby bases read: the char, the chars of
/// `text` it stands for (a reading's chars stand for its whole base), and
/// the ruby it reads, if any.
fn walk_read(
    text: &str,
    rubies: &[(Range<usize>, Box<str>)],
    mut f: impl FnMut(char, Range<usize>, Option<usize>),
) {
    let mut rubies = rubies.iter().enumerate().peekable();
    let mut chars = text.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        match rubies.next_if(|(_, (base, _))| base.start == i) {
            Some((n, (base, reading))) => {
                reading.chars().for_each(|r| f(r, base.clone(), Some(n)));
                // The rest of the base is read already.
                if base.len() > 1 {
                    chars.nth(base.len() - 2);
                }
            }
            None => f(c, i..i + 1, None),
        }
    }
}

/// The base chars that folded read chars `at` stand for (`origin` as
/// [`Unit::read`] gives it), when they read at least one ruby base and cut
/// no reading short (い alone is no match for {腰椎|ようつい}; a match in
/// text without ruby is the text's own).
fn read_base(origin: &Origin, at: Range<usize>) -> Option<Range<usize>> {
    let ruby = |i: usize| origin.get(i).and_then(|x| x.1);
    let whole = (at.start == 0 || ruby(at.start - 1) != ruby(at.start) || ruby(at.start).is_none())
        && (ruby(at.end) != ruby(at.end - 1) || ruby(at.end).is_none());
    (whole && at.clone().any(|i| ruby(i).is_some()))
        .then(|| origin[at.start].0.start..origin[at.end - 1].0.end)
}

/// Pushes `text` folded onto `out`; true when each folded char comes from
/// the char at the same place of the text.
fn fold_into(out: &mut String, text: &str) -> bool {
    // Most paragraphs: ASCII, kana and kanji, each folded alone, char for
    // char (ASCII to lower case, katakana to hiragana).
    let simple = text
        .chars()
        .all(|c| stable_starter(c) || (stands_alone(c) && caseless(c)));
    if simple {
        out.reserve(text.len());
        out.extend(text.chars().map(|c| match c.is_ascii() {
            true => c.to_ascii_lowercase(),
            false => hiragana(c),
        }));
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    let (folded, origin) = fold(&chars);
    out.extend(&folded);
    folded.len() == chars.len() && origin.iter().enumerate().all(|(i, o)| *o == (i..i + 1))
}

/// The ruby bases of `runs`, as chars of their text, with their readings:
/// their runs with ruby, and where `terms` are given, their terms in runs
/// without.
fn rubies(runs: &[Inline], terms: Option<&Article>) -> Vec<(Range<usize>, Box<str>)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in runs {
        let len = r.text.chars().count();
        match (&r.ruby, terms) {
            (Some(reading), _) if len > 0 => out.push((at..at + len, reading.as_str().into())),
            (None, Some(article)) => {
                // Chars counted from the last match on.
                let (mut byte, mut char) = (0, at);
                for (m, reading) in article.term_matches(&r.text) {
                    char += r.text[byte..m.start].chars().count();
                    let n = r.text[m.clone()].chars().count();
                    out.push((char..char + n, reading.into()));
                    (byte, char) = (m.end, char + n);
                }
            }
            _ => {}
        }
        at += len;
    }
    out
}

/// Separates units in the index's folded text: no query holds it, so no
/// match runs from one unit into the next.
const SEPARATOR: char = '\0';

/// The article's text folded once, on the first search; every query after
/// it is one scan of the folded text, all units in one string.
#[derive(Debug, Clone, Default)]
pub struct Index {
    units: Vec<Unit>,
    /// Every unit's folded text, each after a separator, in reading order.
    folded: String,
    /// Where each unit's folded text starts in `folded`.
    starts: Vec<usize>,
    /// Each item's units, as a range of `units`.
    items: Vec<Range<usize>>,
    /// The folded text of each unit with readings, its bases read, each
    /// after a separator: scanned once a query, as `folded` is.
    read: String,
    /// Where each read text starts in `read`, and its unit.
    read_starts: Vec<(usize, usize)>,
    /// For each read text folded char for char, the chars its readings
    /// take: a match that touches none is the text's own, found already.
    /// (None: folding moved chars, and each match is looked at.)
    read_spans: Vec<Option<Vec<Range<usize>>>>,
    /// Every reading, folded: a match by reading holds one whole, so a
    /// query that holds none needs no scan of `read`.
    readings: std::collections::BTreeSet<String>,
}

impl Index {
    /// `items`: each item's text, a unit each heading, question, paragraph,
    /// list item and reference, in reading order, as runs with readings.
    pub fn new<R: AsRef<[Inline]>>(items: impl IntoIterator<Item = Vec<R>>) -> Index {
        Index::build(items, None)
    }

    /// [`Index::new`] for `article`'s items, its `[[terms]]` read wherever
    /// they occur in text without a reading of its own.
    pub fn of<R: AsRef<[Inline]>>(
        article: &Article,
        items: impl IntoIterator<Item = Vec<R>>,
    ) -> Index {
        Index::build(items, Some(article).filter(|a| !a.terms.is_empty()))
    }

    fn build<R: AsRef<[Inline]>>(
        items: impl IntoIterator<Item = Vec<R>>,
        terms: Option<&Article>,
    ) -> Index {
        let mut index = Index::default();
        for (item, units) in items.into_iter().enumerate() {
            let first = index.units.len();
            for (n, runs) in units.iter().enumerate() {
                index.push(item, n, runs.as_ref(), terms);
            }
            index.items.push(first..index.units.len());
        }
        index
    }

    fn push(&mut self, item: usize, n: usize, runs: &[Inline], terms: Option<&Article>) {
        let text = crate::content::model::plain_text(runs);
        let rubies = rubies(runs, terms);
        let mut folded = String::new();
        for (_, reading) in &rubies {
            folded.clear();
            fold_into(&mut folded, reading);
            if !self.readings.contains(&folded) {
                self.readings.insert(folded.clone());
            }
        }
        if !rubies.is_empty() {
            self.read.push(SEPARATOR);
            self.read_starts.push((self.read.len(), self.units.len()));
            let mut read = String::new();
            // The chars each reading takes in the read text.
            let mut spans: Vec<Range<usize>> = Vec::new();
            let (mut at, mut last) = (0, None);
            walk_read(&text, &rubies, |c, _, ruby| {
                read.push(c);
                match (ruby, spans.last_mut()) {
                    (Some(_), Some(span)) if ruby == last => span.end = at + 1,
                    (Some(_), _) => spans.push(at..at + 1),
                    (None, _) => {}
                }
                (at, last) = (at + 1, ruby);
            });
            let same = fold_into(&mut self.read, &read);
            self.read_spans.push(same.then_some(spans));
        }
        self.folded.push(SEPARATOR);
        self.starts.push(self.folded.len());
        let one_to_one = fold_into(&mut self.folded, &text);
        self.units.push(Unit {
            item,
            n,
            text,
            one_to_one,
            rubies,
        });
    }

    /// Every match of `query`, in reading order.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        let q: Vec<char> = query.trim().chars().collect();
        let (needle, _) = fold(&q);
        if needle.is_empty() || needle.contains(&SEPARATOR) {
            return Vec::new();
        }
        let chars = needle.len();
        let needle: String = needle.into_iter().collect();
        let finder = memmem::Finder::new(&needle);
        let mut hits = Vec::new();
        // The unit of the last match, where it starts as bytes and chars,
        // and where each of its folded chars comes from when folding moved
        // chars: matches come in order, so each unit is counted once.
        let mut unit = usize::MAX;
        let (mut byte, mut char) = (0, 0);
        let mut origin: Option<Vec<Range<usize>>> = None;
        for at in finder.find_iter(self.folded.as_bytes()) {
            let u = self.starts.partition_point(|&s| s <= at) - 1;
            if u != unit {
                unit = u;
                (byte, char) = (self.starts[u], 0);
                origin = (!self.units[u].one_to_one).then(|| {
                    let chars: Vec<char> = self.units[u].text.chars().collect();
                    fold(&chars).1
                });
            }
            char += self.folded[byte..at].chars().count();
            byte = at;
            let m = char..char + chars;
            let Unit { item, n, .. } = self.units[u];
            hits.push(Hit {
                item,
                unit: n,
                chars: match &origin {
                    Some(o) => o[m.start].start..o[m.end - 1].end,
                    None => m,
                },
            });
        }
        let before = hits.len();
        if !self.readings.iter().any(|r| needle.contains(r.as_str())) {
            return hits;
        }
        // The read text's unit of the last match, where it starts as bytes
        // and chars, and where its folded chars come from.
        let mut read = usize::MAX;
        let (mut byte, mut char) = (0, 0);
        let mut origin = Vec::new();
        for at in finder.find_iter(self.read.as_bytes()) {
            let r = self.read_starts.partition_point(|&(s, _)| s <= at) - 1;
            let (start, u) = self.read_starts[r];
            if r != read {
                read = r;
                (byte, char) = (start, 0);
                // Made when a match reads a base.
                origin = Vec::new();
            }
            char += self.read[byte..at].chars().count();
            byte = at;
            let m = char..char + chars;
            let reads = |spans: &Vec<Range<usize>>| {
                let i = spans.partition_point(|s| s.end <= m.start);
                spans.get(i).is_some_and(|s| s.start < m.end)
            };
            if !self.read_spans[r].as_ref().is_none_or(reads) {
                continue;
            }
            if origin.is_empty() {
                origin = self.units[u].read();
            }
            if let Some(base) = read_base(&origin, m) {
                let Unit { item, n, .. } = self.units[u];
                hits.push(Hit {
                    item,
                    unit: n,
                    chars: base,
                });
            }
        }
        if hits.len() > before {
            // Reading order, each place once.
            hits.sort_by_key(|h| (h.item, h.unit, h.chars.start, h.chars.end));
            hits.dedup();
        }
        hits
    }

    /// The text of unit `unit` of item `item`.
    pub fn unit(&self, item: usize, unit: usize) -> Option<&str> {
        let first = self.items.get(item)?.start;
        (self.units.get(first + unit)).map(|u| u.text.as_str())
    }

    /// Item `item`'s units, as their text.
    pub fn units(&self, item: usize) -> impl Iterator<Item = &str> {
        let range = self.items.get(item).cloned().unwrap_or_default();
        self.units[range].iter().map(|u| u.text.as_str())
    }
}

/// Stands for a char of a reading shown inline: no text has it, so the
/// walk in [`align`] passes over readings as it does over indents.
const READING: char = '\u{FFFF}';

/// A line's chars as [`align`] walks them: none for a ruby row, whose
/// readings are not the text's (a row is passed as a blank line is).
fn chars_of(line: &Line) -> Vec<char> {
    if line.ruby {
        return Vec::new();
    }
    (line.spans.iter())
        .flat_map(|s| {
            let reading = s.style.role == Role::Ruby;
            s.text
                .chars()
                .map(move |c| if reading { READING } else { c })
        })
        .collect()
}

/// Where each char of each unit is on screen, as (line, column).
pub type Places = Vec<Vec<(usize, usize)>>;

/// Lines a unit's text may start below where it should, when a marker too
/// wide to hang is wrapped with it at a very narrow width (Q1 / 2. / …).
const MARKER_LINES: usize = 4;

/// Where the chars of an item's units are in its laid-out lines. Each unit
/// starts a line, after its marker (Q1., ・, 1., [1], ＊) if it has one; the
/// lines hold the unit's chars in order, less the spaces dropped at breaks
/// and plus the indents of continued lines, so a walk through both lines
/// them up.
pub fn align<'a>(units: impl IntoIterator<Item = &'a str>, shown: &[Line]) -> Places {
    let shown: Vec<Vec<char>> = shown.iter().map(chars_of).collect();
    let (mut line, mut col) = (0, 0);
    let mut last = (0, 0);
    units
        .into_iter()
        .map(|unit| {
            let chars: Vec<char> = unit.chars().collect();
            if col > 0 {
                (line, col) = (line + 1, 0);
            }
            if let Some(start) = unit_start(&shown, line, &chars) {
                (line, col) = start;
            }
            chars
                .into_iter()
                .map(|c| {
                    loop {
                        let Some(here) = shown.get(line) else {
                            return last;
                        };
                        match here.get(col) {
                            None => (line, col) = (line + 1, 0),
                            Some(&s) if s == c => {
                                last = (line, col);
                                col += 1;
                                return last;
                            }
                            // A dropped space stays where the line broke.
                            _ if c.is_whitespace() => return last,
                            // An indent, or a blank line between blocks.
                            Some(_) => col += 1,
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// Where a unit's text starts, from line `from`: the first column past any
/// marker from which the line's text begins the unit's text.
fn unit_start(shown: &[Vec<char>], from: usize, unit: &[char]) -> Option<(usize, usize)> {
    let unit = &unit[unit.iter().take_while(|c| c.is_whitespace()).count()..];
    let first = shown.iter().skip(from).position(|l| !l.is_empty())? + from;
    (first..shown.len().min(first + MARKER_LINES)).find_map(|line| {
        let text = &shown[line];
        (0..text.len())
            .find(|&col| {
                if text[col] == READING {
                    return false;
                }
                // The line's text from here, less inline readings.
                let rest = text[col..].iter().filter(|&&c| c != READING);
                let mut n = 0;
                rest.zip(unit).all(|(a, b)| {
                    n += 1;
                    a == b
                }) && n > 0
            })
            .map(|col| (line, col))
    })
}

/// A match's chars, placed on screen, as a segment a line.
pub fn segments(places: &[(usize, usize)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(line, col) in places {
        match out.last_mut() {
            Some(s) if s.line == line => s.end = s.end.max(col + 1),
            _ => out.push(Segment {
                line,
                start: col,
                end: col + 1,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Span, Style};
    use proptest::prelude::*;

    /// Non-overlapping matches of `needle` in `text`, as ranges of `text`.
    fn matches(text: &[char], needle: &[char]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while !needle.is_empty() && i + needle.len() <= text.len() {
            if text[i..i + needle.len()] == *needle {
                out.push(i..i + needle.len());
                i += needle.len();
            } else {
                i += 1;
            }
        }
        out
    }

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .map(|t| Line {
                spans: vec![Span::new(*t, Style::BODY)],
                width: 0,
                ruby: false,
            })
            .collect()
    }

    /// The matches of `query` in one item of `source` units, each as the
    /// segments it takes on the `shown` lines.
    fn search(source: &[&str], shown: &[&str], query: &str) -> Vec<Vec<Segment>> {
        let units = source.iter().map(|s| vec![Inline::plain(*s)]).collect();
        let index = Index::new(vec![units]);
        let places = align(index.units(0), &lines(shown));
        index
            .find(query)
            .iter()
            .map(|h| segments(&places[h.unit][h.chars.clone()]))
            .collect()
    }

    #[test]
    fn full_width_digits_and_half_width_katakana_match() {
        assert_eq!(search(&["約27倍"], &["約27倍"], "２７").len(), 1);
        assert_eq!(
            search(&["カタカナ語"], &["カタカナ語"], "ｶﾀｶﾅ")[0][0],
            Segment {
                line: 0,
                start: 0,
                end: 4
            }
        );
    }

    #[test]
    fn voiced_half_width_kana_compose_as_a_whole_string() {
        let hits = search(&["診療ガイドライン"], &["診療ガイドライン"], "ｶﾞｲﾄﾞﾗｲﾝ");
        assert_eq!(hits.len(), 1);
        let hits = search(&["ｶﾞｲﾄﾞﾗｲﾝ"], &["ｶﾞｲﾄﾞﾗｲﾝ"], "ガイド");
        assert_eq!(
            hits[0],
            [Segment {
                line: 0,
                start: 0,
                end: 5
            }]
        );
    }

    #[test]
    fn a_match_is_mapped_across_a_break_and_an_indent() {
        let hits = search(&["再手術の感染症"], &["• 再手術の感", "  染症"], "感染症");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0],
            [
                Segment {
                    line: 0,
                    start: 6,
                    end: 7
                },
                Segment {
                    line: 1,
                    start: 2,
                    end: 4
                }
            ]
        );
        assert_eq!(
            search(&["Failed back"], &["Failed", "back"], "failed back").len(),
            1
        );
    }

    #[test]
    fn a_marker_that_begins_like_the_text_is_skipped() {
        // An ordered list's "1. " before text that starts with 1.
        let hits = search(
            &["序文", "1日目に歩く"],
            &["序文", "", "1. 1日目に歩", "   く"],
            "1日",
        );
        assert_eq!(
            hits,
            [[Segment {
                line: 2,
                start: 3,
                end: 5
            }]]
        );
        // A question number too wide to hang, wrapped with its title.
        let hits = search(&["腰椎"], &["Q1", "2.", "腰", "椎"], "腰椎");
        assert_eq!(
            hits[0],
            [
                Segment {
                    line: 2,
                    start: 0,
                    end: 1
                },
                Segment {
                    line: 3,
                    start: 0,
                    end: 1
                }
            ]
        );
    }

    /// `{base|reading}` runs, as the content parses them.
    fn ruby(parts: &[(&str, Option<&str>)]) -> Vec<Inline> {
        (parts.iter())
            .map(|&(text, reading)| Inline {
                ruby: reading.map(str::to_string),
                ..Inline::plain(text)
            })
            .collect()
    }

    /// The chars of each match of `query` in one unit of runs, as
    /// (start, end).
    fn found(runs: Vec<Inline>, query: &str) -> Vec<(usize, usize)> {
        let index = Index::new(vec![vec![runs]]);
        (index.find(query).into_iter())
            .map(|h| (h.chars.start, h.chars.end))
            .collect()
    }

    #[test]
    fn a_reading_finds_its_base_in_hiragana_or_katakana() {
        let runs = || ruby(&[("第", None), ("腰椎", Some("ようつい")), ("の根性痛", None)]);
        assert_eq!(found(runs(), "ようつい"), [(1, 3)]);
        assert_eq!(found(runs(), "ヨウツイ"), [(1, 3)]);
        assert_eq!(found(runs(), "ﾖｳﾂｲ"), [(1, 3)]);
        assert_eq!(found(runs(), "ようついの"), [(1, 4)], "reading then text");
        assert_eq!(found(runs(), "腰椎"), [(1, 3)], "the base still matches");
        assert!(found(runs(), "うつ").is_empty(), "part of a reading");
        assert!(found(runs(), "ようつ").is_empty(), "a reading cut short");
        // Per-character readings: each char its own base.
        let runs = ruby(&[
            ("偽", Some("ぎ")),
            ("関", Some("かん")),
            ("節", Some("せつ")),
        ]);
        assert_eq!(found(runs.clone(), "かんせつ"), [(1, 3)]);
        assert!(found(runs, "んせ").is_empty());
    }

    #[test]
    fn text_that_a_reading_spells_is_found_once() {
        // ようつい in the text and as a reading: two places, each once.
        let runs = ruby(&[("腰椎", Some("ようつい")), ("ようつい", None)]);
        assert_eq!(found(runs, "ようつい"), [(0, 2), (2, 6)]);
        let runs = ruby(&[("の", Some("の")), ("の", None)]);
        assert_eq!(found(runs, "の"), [(0, 1), (1, 2)]);
    }

    #[test]
    fn ruby_rows_and_inline_readings_are_passed_over() {
        let ruby = Style::of(Role::Ruby);
        let row = |text: &str| Line {
            spans: vec![Span::new(text, ruby)],
            width: 0,
            ruby: true,
        };
        let line = |spans: Vec<Span>| Line {
            spans,
            width: 0,
            ruby: false,
        };
        // よう in a ruby row and in an inline reading would take the
        // match of よう in the text, and 腰 the unit's start.
        let shown = [
            row("ようつい"),
            line(vec![Span::new("腰椎", Style::BODY)]),
            line(vec![
                Span::new("い", Style::BODY),
                Span::new("（よう）", ruby),
                Span::new("ようの腰", Style::BODY),
            ]),
        ];
        let index = Index::new(vec![vec![vec![Inline::plain("腰椎いようの腰")]]]);
        let places = align(index.units(0), &shown);
        let at = |query: &str| -> Vec<Vec<Segment>> {
            (index.find(query).iter())
                .map(|h| segments(&places[h.unit][h.chars.clone()]))
                .collect()
        };
        let seg = |line, start, end| Segment { line, start, end };
        assert_eq!(at("腰椎"), [[seg(1, 0, 2)]]);
        assert_eq!(at("よう"), [[seg(2, 5, 7)]]);
        // On one line a match is one segment, over the reading between.
        assert_eq!(at("いよう"), [[seg(2, 0, 7)]]);
    }

    #[test]
    fn katakana_and_hiragana_match_each_other() {
        assert_eq!(search(&["リハビリ"], &["リハビリ"], "りはびり").len(), 1);
        assert_eq!(search(&["ねんざ"], &["ねんざ"], "ﾈﾝｻﾞ").len(), 1);
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(search(&["a"], &["a"], "  ").is_empty());
    }

    #[test]
    fn stable_starters_are_what_nfkc_leaves_alone_and_have_no_case() {
        let starters = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| stable_starter(c));
        for c in starters {
            let one = c.to_string();
            assert_eq!(nfkc(&one), one, "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c));
            assert_eq!(quick, IsNormalized::Yes, "{c:?}");
            assert!(c.is_ascii() || caseless(c), "{c:?}");
        }
    }

    fn alphabet() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'B', '1', '２', ' ', 'ｶ', 'ﾞ', 'ﾟ', 'ﾊ', 'か', 'ガ', '感', '染', 'ﾗ', 'ｲ', 'ﾝ',
            '、', '（', 'ー', 'Ａ', '\u{3099}',
        ])
    }

    proptest! {
        #[test]
        fn the_count_is_what_nfkc_of_the_whole_text_gives(
            text in prop::collection::vec(alphabet(), 0..40),
            query in prop::collection::vec(alphabet(), 1..4),
        ) {
            let text: String = text.into_iter().collect();
            let query: String = query.into_iter().collect();
            let whole: Vec<char> =
                nfkc(&text).chars().flat_map(char::to_lowercase).map(hiragana).collect();
            let needle: Vec<char> =
                nfkc(query.trim()).chars().flat_map(char::to_lowercase).map(hiragana).collect();
            let expected = matches(&whole, &needle).len();
            prop_assert_eq!(search(&[&text], &[&text], &query).len(), expected);
        }

        #[test]
        fn a_match_shows_on_the_chars_it_matched_wherever_lines_break(
            text in prop::collection::vec(alphabet(), 1..40),
            query in prop::collection::vec(alphabet(), 1..4),
            width in 1usize..12,
        ) {
            let text: String = text.into_iter().collect::<String>().trim().to_string();
            let query: String = query.into_iter().collect();
            let chars: Vec<char> = text.chars().collect();
            let broken: Vec<String> = chars
                .chunks(width)
                .enumerate()
                .map(|(i, c)| {
                    let indent = if i == 0 { "" } else { "  " };
                    format!("{indent}{}", c.iter().collect::<String>().trim())
                })
                .collect();
            let index = Index::new(vec![vec![vec![Inline::plain(text.as_str())]]]);
            let places = align(index.units(0), &lines(&broken.iter().map(String::as_str).collect::<Vec<_>>()));
            let shown: Vec<Vec<char>> = broken.iter().map(|l| l.chars().collect()).collect();
            let visible = |s: String| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            for hit in index.find(&query) {
                let on_screen: String = segments(&places[hit.unit][hit.chars.clone()])
                    .iter()
                    .flat_map(|s| shown[s.line][s.start..s.end].iter())
                    .collect();
                let matched: String = chars[hit.chars.clone()].iter().collect();
                prop_assert_eq!(visible(on_screen), visible(matched));
            }
        }
    }
}
