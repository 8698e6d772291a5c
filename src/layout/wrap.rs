//! Line filling over ranked break opportunities: the best layout of a
//! whole paragraph, not the fullest first line.
//!
//! A paragraph's breaks are chosen together (a shortest path over its break
//! opportunities, as Knuth and Plass fill TeX's paragraphs) to cost least,
//! where costs compare in order: breaks inside a span kept whole (a ruby
//! base with its reading), kinsoku violations, breaks where no rule
//! allows one, breaks inside a token, a last line of one or two characters,
//! then the columns left empty at the ends of lines (the last line's do not
//! count), plus [`IN_PHRASE_COST`] columns for each break inside a phrase.
//! The phrase policy counts breaks inside a phrase before the short last
//! line instead. So no line is wider than the width (oikomi-dashi pushes
//! characters down, never out), and a rule gives way only when nothing that
//! keeps it fits. Empty columns count linearly because they are what
//! fill measures: a terminal's lines are ragged, not balanced.

use std::cell::RefCell;
use std::ops::Range;

use super::breaks::{Policy, Rank, ranks_into};
use super::style::{Line, Span};
use crate::text::sanitize::is_stripped;
use crate::text::width::{Ambiguous, cluster_chars, lone_width};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapOptions {
    pub width: usize,
    pub ambiguous: Ambiguous,
    pub policy: Policy,
}

impl WrapOptions {
    pub fn new(width: usize) -> WrapOptions {
        WrapOptions {
            width,
            ambiguous: Ambiguous::Narrow,
            policy: Policy::Normal,
        }
    }

    pub fn with_policy(self, policy: Policy) -> WrapOptions {
        WrapOptions { policy, ..self }
    }
}

/// What a break inside a phrase costs with the normal policy, in columns
/// left empty: a line may end up to this many columns short to break
/// between phrases instead, and a phrase is broken only where that saves
/// more. Tuned on the bundled article (`examples/break_quality.rs`, table in
/// the README) to break inside a phrase no more often than Chromium's
/// `word-break: auto-phrase` while filling lines as full or fuller: 15 broke
/// 3.7% of the breaks at 60 columns inside a phrase (Chromium 3.6%), 18
/// filled 92.8% (Chromium 93.0%).
pub const IN_PHRASE_COST: u32 = 16;

/// What a break inside a word (`Rank::InWord`) costs more than one
/// elsewhere in a phrase, in columns: a word is cut only where keeping it
/// whole would leave 40 columns empty (16 + 24). 12 and 24 give the same
/// figures on the article.
pub const IN_WORD_COST: u32 = 24;

fn word_cost(rank: Rank) -> u32 {
    if rank == Rank::InWord {
        IN_WORD_COST
    } else {
        0
    }
}

/// What a break inside a span kept whole (a ruby base with its reading)
/// costs, in kinsoku violations: more than a paragraph has, so a unit is
/// broken only where nothing else fits. A count in the violations, not a
/// field of its own: a wider [`Cost`] made printing 3% slower.
const WHOLE_BREAK: u32 = 1 << 20;

/// A last line of this many characters or fewer (「す。」) reads as a
/// fragment: the line above gives it more when it can.
const SHORT_LAST_LINE: usize = 2;

/// One character of the text; a grapheme cluster's width is on its first.
/// Kept small (16 bytes): a paragraph has one per character.
struct Glyph {
    /// Where the character starts in the paragraph's text.
    byte: usize,
    span: u32,
    width: u8,
    /// A space that is a cluster of its own (not the base of a combining mark).
    space: bool,
}

/// Lays styled text out in lines of at most `opts.width` columns, never
/// splitting a grapheme cluster. A width too small for one wide cluster
/// (below [`MAX_CLUSTER_WIDTH`](crate::text::width::MAX_CLUSTER_WIDTH))
/// still gets one cluster a line.
pub fn wrap(spans: &[Span], opts: &WrapOptions) -> Vec<Line> {
    wrap_traced(spans, opts, None)
}

/// [`wrap`], and into `sources` (when given) the index in `spans` that
/// each span of each line comes from, a line's indices after the last's.
pub(super) fn wrap_traced(
    spans: &[Span],
    opts: &WrapOptions,
    sources: Option<&mut Vec<u32>>,
) -> Vec<Line> {
    SCRATCH.with_borrow_mut(|scratch| {
        let lines = wrap_with(spans, opts, scratch, sources);
        if scratch.glyphs.capacity() > KEPT_CHARACTERS {
            *scratch = Scratch::default();
        }
        lines
    })
}

/// A paragraph's text, without the characters sanitising strips; each of
/// its characters as a glyph, as a `char` and whether it starts a grapheme
/// cluster; the ranks of its boundaries and its lines' bounds.
#[derive(Default)]
struct Scratch {
    text: String,
    glyphs: Vec<Glyph>,
    chars: Vec<char>,
    starts: Vec<bool>,
    span_ends: Vec<usize>,
    ranks: Vec<Rank>,
    bounds: Vec<(usize, usize)>,
    paths: Paths,
}

/// The shortest paths to each break: the columns before each glyph, the
/// least cost of the lines up to each break and where its line starts, and
/// the line starts the next line may take (their keys increasing; a queue
/// whose front is `window[head]`, kept in a `Vec` to be cheaper than a
/// `VecDeque`, its space reused each paragraph). Columns
/// and positions are u32, as spans are: a paragraph has fewer than 2³²
/// characters (kept small: a paragraph has one of each per character).
#[derive(Default)]
struct Paths {
    columns: Vec<u32>,
    costs: Vec<Cost>,
    from: Vec<u32>,
    window: Vec<u32>,
}

/// What a layout costs; fields compare in order (the derived `Ord`). Counts
/// are u32: a paragraph has fewer than 2³² characters; the soft part
/// saturates rather than wrap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    /// Kinsoku violations, and [`WHOLE_BREAK`] for each break inside a
    /// span kept whole.
    violations: u32,
    emergencies: u32,
    tokens: u32,
    /// Breaks inside a phrase, with the phrase policy.
    in_phrase: u32,
    short_last_line: u32,
    /// Empty columns at the ends of lines, and breaks inside a phrase priced
    /// in columns with the normal policy.
    soft: u32,
}

impl Cost {
    /// This cost and a break of `rank`.
    fn and_break(mut self, rank: Rank, policy: Policy) -> Cost {
        match rank {
            Rank::Never | Rank::Whole => {
                self.violations = self.violations.saturating_add(WHOLE_BREAK);
            }
            Rank::Violation => self.violations += 1,
            Rank::Emergency => self.emergencies += 1,
            Rank::InToken => self.tokens += 1,
            Rank::InWord | Rank::InPhrase if policy == Policy::Phrase => {
                self.in_phrase += 1;
                self.soft = self.soft.saturating_add(word_cost(rank));
            }
            Rank::InWord | Rank::InPhrase => {
                self.soft = self.soft.saturating_add(IN_PHRASE_COST + word_cost(rank));
            }
            Rank::Good => {}
        }
        self
    }

    /// This cost and `columns` more (the soft part).
    fn and_columns(self, columns: u32) -> Cost {
        Cost {
            soft: self.soft.saturating_add(columns),
            ..self
        }
    }
}

thread_local! {
    /// Each thread's buffers, kept between paragraphs so that laying one out
    /// allocates only the lines it returns.
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Buffers grown past this many characters (by a very long paragraph) are
/// given back rather than kept for the thread's life.
const KEPT_CHARACTERS: usize = 1 << 16;

// Its phases (and ranks_into and phrases::boundaries) are not inlined:
// inlined into one function they took 1.3% more instructions to print the
// bundled article (callgrind), and a profile could not tell them apart.
fn wrap_with(
    spans: &[Span],
    opts: &WrapOptions,
    scratch: &mut Scratch,
    mut sources: Option<&mut Vec<u32>>,
) -> Vec<Line> {
    characters_of(spans, opts.ambiguous, scratch);
    let Scratch {
        text,
        glyphs,
        chars,
        starts,
        ranks,
        bounds,
        paths,
        ..
    } = scratch;
    ranks_into(text, chars, starts, ranks);
    let width = opts.width.max(1);
    keep_whole(spans, glyphs, ranks, width);

    choose_lines(glyphs, starts, ranks, width, opts.policy, paths, bounds);
    bounds
        .iter()
        .map(|&(start, end)| {
            let end = trim_end(glyphs, start, end);
            make_line(spans, text, glyphs, start..end, sources.as_deref_mut())
        })
        .collect()
}

/// No break inside a span that is to stay whole (a ruby base with its
/// reading), nor before a span glued to the one before it, where the
/// spans so kept together fit the width and any line can be made without
/// it; wider ones break as text does.
#[inline(never)] // a phase of wrap_with: see there
fn keep_whole(spans: &[Span], glyphs: &[Glyph], ranks: &mut [Rank], width: usize) {
    if !spans.iter().any(|s| s.whole || s.glued) {
        return;
    }
    let mut start = 0;
    while let Some(first) = glyphs.get(start) {
        let mut span = first.span;
        let mut end = start;
        let mut columns = 0;
        let mut kept = spans[span as usize].whole;
        // The span, and each glued to it.
        loop {
            while let Some(g) = glyphs.get(end).filter(|g| g.span == span) {
                columns += usize::from(g.width);
                end += 1;
            }
            // Glued to a whole span only: a reading after its base.
            match glyphs.get(end) {
                Some(g) if spans[g.span as usize].glued && spans[span as usize].whole => {
                    span = g.span;
                    kept = true;
                }
                _ => break,
            }
        }
        // Broken where nothing else fits, not never: a span that begins
        // inside a cluster (a combining mark) joins its unit to the one
        // before it, and together they may not fit.
        if kept && columns <= width {
            for rank in &mut ranks[start + 1..end] {
                *rank = (*rank).min(Rank::Whole);
            }
        }
        start = end;
    }
}

/// Fills `scratch`'s text, glyphs, chars and starts from `spans`.
#[inline(never)] // a phase of wrap_with: see there
fn characters_of(spans: &[Span], ambiguous: Ambiguous, scratch: &mut Scratch) {
    let Scratch {
        text,
        glyphs,
        chars,
        starts,
        span_ends,
        ..
    } = scratch;
    text.clear();
    glyphs.clear();
    chars.clear();
    starts.clear();
    // How many characters the text has at the end of each span.
    span_ends.clear();
    // Nearly every paragraph is only characters that are clusters of their
    // own (kana, kanji, ASCII): one pass measures them as it copies them.
    let mut lone = true;
    for (span, s) in spans.iter().enumerate() {
        let base = text.len();
        // The span's text is copied a run at a time, between the stripped
        // characters (if any), which take no glyph.
        let (mut run, mut stripped) = (0, 0);
        for (i, c) in s.text.char_indices() {
            if is_stripped(c) {
                text.push_str(&s.text[run..i]);
                run = i + c.len_utf8();
                stripped += c.len_utf8();
                continue;
            }
            let width = lone_width(c, ambiguous).unwrap_or_else(|| {
                lone = false;
                0
            });
            glyphs.push(Glyph {
                byte: base + i - stripped,
                // Spans are counted in u32 and widths in u8: a paragraph has
                // fewer than 2³² spans, and a cluster is at most
                // MAX_CLUSTER_WIDTH (2) wide.
                span: span as u32,
                width: width as u8,
                space: c == ' ',
            });
            chars.push(c);
        }
        text.push_str(&s.text[run..]);
        span_ends.push(chars.len());
    }
    if lone {
        starts.resize(chars.len(), true);
        return;
    }
    // Clusters are found in the whole text, so one that crosses a span
    // boundary (**e**\u{301}) is still one glyph.
    glyphs.clear();
    let mut span = 0;
    for g in cluster_chars(text, ambiguous) {
        while span_ends[span] <= glyphs.len() {
            span += 1;
        }
        if !g.starts_cluster
            && let Some(base) = glyphs.last_mut()
        {
            // A space with a combining mark is a letter, not a break.
            base.space = false;
        }
        glyphs.push(Glyph {
            byte: g.byte,
            span: span as u32,
            width: g.width as u8,
            space: g.c == ' ' && g.starts_cluster,
        });
        starts.push(g.starts_cluster);
    }
}

/// Chooses the lines of least [`Cost`] (see the module's doc) into
/// `bounds`, each as (start, end) in glyphs before trimming its end. Lines
/// start at a break of rank above `Never` that is not a space (a break
/// before spaces is the break after them), and the cost of a line that ends
/// at break `i` is the same whatever break `j` it starts at, but for the
/// columns it leaves empty: `width - (columns[end] - columns[j])`. So the
/// best start is the least `cost(j) + columns[j]` among those the line fits
/// from, kept in a deque as they slide by: linear time.
#[inline(never)] // a phase of wrap_with: see there
fn choose_lines(
    glyphs: &[Glyph],
    starts: &[bool],
    ranks: &[Rank],
    width: usize,
    policy: Policy,
    paths: &mut Paths,
    bounds: &mut Vec<(usize, usize)>,
) {
    let Paths {
        columns,
        costs,
        from,
        window,
    } = paths;
    bounds.clear();
    let n = glyphs.len();
    let first = skip_spaces(glyphs, 0);
    if first == n {
        return;
    }
    columns.clear();
    columns.push(0);
    let mut total = 0u32;
    for g in glyphs {
        total += u32::from(g.width);
        columns.push(total);
    }
    let width = u32::try_from(width).unwrap_or(u32::MAX);
    costs.clear();
    costs.resize(n + 1, Cost::default());
    from.clear();
    from.resize(n + 1, first as u32);
    window.clear();
    window.push(first as u32);
    let mut head = 0;
    let key = |costs: &[Cost], j: usize| costs[j].and_columns(columns[j]);
    // The last line start, for a cluster too wide for any line.
    let mut last = first;
    for i in first + 1..n {
        if ranks[i] == Rank::Never || glyphs[i].space {
            continue;
        }
        let end = columns[trim_end(glyphs, first, i)];
        while let Some(&j) = window.get(head)
            && end - columns[j as usize] > width
        {
            head += 1;
        }
        let (j, cost) = match window.get(head) {
            Some(&j) => {
                let j = j as usize;
                (j, costs[j].and_columns(width - (end - columns[j])))
            }
            // Not even one cluster fits: it gets a line of its own.
            None => (last, costs[last]),
        };
        costs[i] = cost.and_break(ranks[i], policy);
        from[i] = j as u32;
        // Ties go to the later start: the line above takes more.
        let key_i = key(costs, i);
        while window.len() > head
            && let Some(&b) = window.last()
            && key(costs, b as usize) >= key_i
        {
            window.pop();
        }
        window.push(i as u32);
        last = i;
    }
    // The last line leaves no columns empty that count, but should hold more
    // than SHORT_LAST_LINE characters.
    let end = trim_end(glyphs, first, n);
    let mut best: Option<(Cost, usize)> = None;
    let mut characters = 0;
    for j in (first..end).rev() {
        if starts[j] && !glyphs[j].space {
            characters += 1;
        }
        if columns[end] - columns[j] > width {
            break;
        }
        if j > first && (ranks[j] == Rank::Never || glyphs[j].space) {
            continue;
        }
        let short = u32::from(j > first && characters <= SHORT_LAST_LINE);
        let cost = Cost {
            short_last_line: costs[j].short_last_line + short,
            ..costs[j]
        };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, j));
        }
    }
    let mut i = n;
    let mut j = best.map_or(last, |(_, j)| j);
    loop {
        bounds.push((j, i));
        if j == first {
            break;
        }
        (i, j) = (j, from[j] as usize);
    }
    bounds.reverse();
}

/// Columns `glyphs[start..end]` takes on a line.
fn line_width(glyphs: &[Glyph], start: usize, end: usize) -> usize {
    glyphs[start..end]
        .iter()
        .map(|g| usize::from(g.width))
        .sum()
}

fn skip_spaces(glyphs: &[Glyph], mut i: usize) -> usize {
    while i < glyphs.len() && glyphs[i].space {
        i += 1;
    }
    i
}

fn trim_end(glyphs: &[Glyph], start: usize, mut end: usize) -> usize {
    while end > start && glyphs[end - 1].space {
        end -= 1;
    }
    end
}

/// `glyphs[range]` as a line: a span for each run of one source span, its
/// text sliced from the paragraph's; each run's source pushed to `sources`.
#[inline(never)] // a phase of wrap_with: see there
fn make_line(
    spans: &[Span],
    text: &str,
    glyphs: &[Glyph],
    range: Range<usize>,
    mut sources: Option<&mut Vec<u32>>,
) -> Line {
    let Range { start, end } = range;
    let mut line = Line::default();
    let line_glyphs = &glyphs[start..end];
    let byte_at = |i: usize| glyphs.get(i).map_or(text.len(), |g| g.byte);
    let mut run = start;
    for (i, g) in (start..).zip(line_glyphs) {
        let next = i + 1;
        if next == end || glyphs[next].span != g.span {
            let src = &spans[g.span as usize];
            line.spans.push(Span {
                text: text[byte_at(run)..byte_at(next)].to_string(),
                style: src.style,
                link: src.link.clone(),
                whole: src.whole,
                glued: src.glued,
                ruby: src.ruby.clone(),
            });
            if let Some(sources) = sources.as_deref_mut() {
                sources.push(g.span);
            }
            run = next;
        }
    }
    line.width = line_width(glyphs, start, end);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::breaks::{is_no_end, is_no_start, ranks};
    use crate::layout::style::Style;
    use crate::text::width::str_width;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize, policy: Policy) -> Vec<String> {
        let spans = [Span::new(text, Style::BODY)];
        wrap(&spans, &WrapOptions::new(width).with_policy(policy))
            .iter()
            .map(Line::text)
            .collect()
    }

    const SAMPLE: &str = "持続的な痛みの増加: イギリスの調査データによると、術後の持続的な痛みの発生率は、初回の手術では19.5%であるのに対し、再手術では39.5%と、約2倍に跳ね上がります。手術部位感染のリスクが約27倍(オッズ比 27.10)にまで高まります。「慎重に選択された特定の原因」がある場合……ーっ";

    #[test]
    fn wraps_japanese_by_width() {
        let out = lines("あいうえおかきくけこ", 10, Policy::Normal);
        assert_eq!(out, vec!["あいうえお", "かきくけこ"]);
    }

    #[test]
    fn pushes_a_character_down_instead_of_starting_with_a_period() {
        // え。かき|く would end on one character: かき moves down too.
        let out = lines("あいうえ。かきく", 8, Policy::Normal);
        assert_eq!(out, vec!["あいう", "え。", "かきく"]);
    }

    #[test]
    fn keeps_numbers_whole() {
        for w in 10..40 {
            for line in lines(SAMPLE, w, Policy::Normal) {
                for token in ["19.5%", "39.5%", "27.10"] {
                    let head = &token[..2];
                    if line.ends_with(head) {
                        panic!("{token} split at width {w}: {line}");
                    }
                }
            }
        }
    }

    #[test]
    fn long_token_is_split_to_fit() {
        let url = "https://www.researchgate.net/profile/Ayman-Galhom/publication/325274329";
        for line in lines(url, 20, Policy::Normal) {
            assert!(str_width(&line, Ambiguous::Narrow) <= 20);
        }
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        for w in 0..10 {
            let out = lines(SAMPLE, w, Policy::Phrase);
            assert!(!out.is_empty());
        }
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "再手術",
            "の",
            "成功率",
            "を",
            "高める",
            "ために",
            "、",
            "。",
            "「",
            "」",
            "（",
            "）",
            "ー",
            "っ",
            "ゃ",
            "々",
            "……",
            "――",
            "39.5%",
            "27.10倍",
            " ",
            "Latin",
            "words ",
            "doi: 10.1007/S00701-012-1380-7",
            "•",
            "※",
            "①",
            "カタカナ",
            "ｶﾀｶﾅ",
            "e\u{301}",
            "\u{1b}[31m",
            "\t",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    /// Text as an article has it: non-starters follow ordinary characters and
    /// numbers sit between kana, so a legal break always exists at width 10.
    fn natural_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "再手術",
            "成功率",
            "です。",
            "ます、",
            "「原因」",
            "（SCS）",
            "コーヒー",
            "ちょっと",
            "人々",
            "……",
            "――",
            "は39.5%と",
            "約27.10倍に",
            " doi: 10.1007/S00701-012-1380-7 ",
            "Latin words ",
            "『注』",
            "例えば・",
            "ですか？",
            "キャッシュ",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    /// The lines of `text` (no clusters of more than one character, no
    /// controls) as character ranges, and the ranks of its boundaries.
    fn line_ranges(
        text: &str,
        width: usize,
        policy: Policy,
    ) -> (Vec<char>, Vec<Rank>, Vec<(usize, usize)>) {
        let chars: Vec<char> = text.chars().collect();
        let r = ranks(text, &chars, &vec![true; chars.len()]);
        let mut at = 0;
        let mut ranges = Vec::new();
        for line in lines(text, width, policy) {
            while chars.get(at) == Some(&' ') {
                at += 1;
            }
            let start = at;
            at += line.chars().count();
            ranges.push((start, at));
        }
        (chars, r, ranges)
    }

    fn width_of(chars: &[char]) -> usize {
        str_width(
            chars.iter().collect::<String>().trim_end(),
            Ambiguous::Narrow,
        )
    }

    /// Up to 14 characters (all lone clusters): few enough to try every
    /// set of breaks.
    fn short_text() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(
            "再手術の成功率を高めるためです。、「」ーっ々…39.5%ab "
                .chars()
                .collect::<Vec<_>>(),
        );
        prop::collection::vec(chars, 1..15).prop_map(|v| v.into_iter().collect())
    }

    /// The cost of the lines `ranges` of `chars` (spaces at their ends
    /// trimmed), counted from the module's doc.
    fn cost_of(
        chars: &[char],
        r: &[Rank],
        ranges: &[(usize, usize)],
        width: usize,
        policy: Policy,
    ) -> Cost {
        let mut cost = Cost::default();
        for (k, &(start, end)) in ranges.iter().enumerate() {
            if let Some(&(next, _)) = ranges.get(k + 1) {
                cost = cost
                    .and_columns((width - width_of(&chars[start..end])) as u32)
                    .and_break(r[next], policy);
            } else if k > 0
                && chars[start..end].iter().filter(|&&c| c != ' ').count() <= SHORT_LAST_LINE
            {
                cost.short_last_line += 1;
            }
        }
        cost
    }

    #[test]
    fn a_short_last_line_takes_a_phrase_from_the_line_above() {
        // Greedy filling would leave 「す。」 alone on the last line.
        let text = "再手術では術後の持続的な痛みの発生率が高くなります。";
        let greedy: Vec<String> = vec![
            "再手術では術後の持続的な痛みの発生率が高くなりま".into(),
            "す。".into(),
        ];
        assert_eq!(lines(text, 48, Policy::Normal).len(), 2);
        assert_ne!(lines(text, 48, Policy::Normal), greedy);
        for line in lines(text, 48, Policy::Normal) {
            assert!(line.chars().count() > 2, "{line}");
        }
    }

    fn policies() -> impl Strategy<Value = Policy> {
        prop::sample::select(vec![Policy::Normal, Policy::Phrase])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn no_line_is_wider_than_the_width(text in mixed_text(), width in 2usize..300, policy in policies()) {
            for line in wrap(&[Span::new(text, Style::BODY)], &WrapOptions::new(width).with_policy(policy)) {
                prop_assert!(line.width <= width, "{:?} is {} wide at {}", line.text(), line.width, width);
                prop_assert_eq!(line.width, str_width(&line.text(), Ambiguous::Narrow));
            }
        }

        #[test]
        fn no_line_starts_with_closing_punct_or_ends_with_opening(text in natural_text(), width in 10usize..300, policy in policies()) {
            let lines = lines(&text, width, policy);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    let first = line.chars().next().unwrap();
                    prop_assert!(!is_no_start(first), "line starts with {first}: {lines:?}");
                }
                if i + 1 < lines.len() {
                    let last = line.chars().last().unwrap();
                    prop_assert!(!is_no_end(last), "line ends with {last}: {lines:?}");
                    prop_assert!(!(line.ends_with('…') && lines[i + 1].starts_with('…')), "{lines:?}");
                    prop_assert!(!(line.ends_with('―') && lines[i + 1].starts_with('―')), "{lines:?}");
                }
            }
        }

        #[test]
        fn numbers_and_dois_stay_whole_when_they_fit(text in natural_text(), width in 31usize..300, policy in policies()) {
            let joined = lines(&text, width, policy).join("\n");
            for token in ["39.5%", "27.10倍", "10.1007/S00701-012-1380-7"] {
                prop_assert_eq!(joined.matches(token).count(), text.matches(token).count(), "{}", joined);
            }
        }

        #[test]
        fn wrapping_loses_nothing_but_spaces_and_controls(text in mixed_text(), width in 1usize..120, policy in policies()) {
            let kept: String = lines(&text, width, policy).concat().chars().filter(|c| *c != ' ').collect();
            let expected: String = text.chars().filter(|c| *c != ' ' && !is_stripped(*c)).collect();
            prop_assert_eq!(kept, expected);
        }

        #[test]
        fn no_paragraph_ends_on_one_or_two_characters_when_it_can_avoid_it(text in natural_text(), width in 10usize..120, policy in policies()) {
            let (chars, r, ranges) = line_ranges(&text, width, policy);
            if let [.., (above, _), (last, end)] = ranges[..] {
                let short = chars[last..end].iter().filter(|&&c| c != ' ').count() <= 2;
                let least = if policy == Policy::Phrase { Rank::Good } else { Rank::InPhrase };
                for (b, &rank) in r.iter().enumerate().take(last).skip(above + 1) {
                    let mut from = b;
                    while chars[from] == ' ' {
                        from += 1;
                    }
                    let tail = &chars[from..end];
                    let avoidable = rank >= least
                        && width_of(tail) <= width
                        && tail.iter().filter(|&&c| c != ' ').count() > 2;
                    prop_assert!(!(short && avoidable), "could break at {b}: {:?}", lines(&text, width, policy));
                }
            }
        }

        #[test]
        fn no_other_breaks_cost_less(text in short_text(), width in 2usize..16, policy in policies()) {
            let (chars, r, ranges) = line_ranges(&text, width, policy);
            let ours = cost_of(&chars, &r, &ranges, width, policy);
            // Every set of breaks before a character that is not a space.
            let first = chars.iter().position(|&c| c != ' ').unwrap_or(chars.len());
            let places: Vec<usize> = (first + 1..chars.len()).filter(|&b| chars[b] != ' ').collect();
            let cheapest = (0..1u32 << places.len())
                .filter_map(|set| {
                    let mut bounds = vec![first];
                    bounds.extend(places.iter().enumerate().filter(|(k, _)| set >> k & 1 == 1).map(|(_, &b)| b));
                    bounds.push(chars.len());
                    let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
                    let fits = ranges.iter().all(|&(s, e)| width_of(&chars[s..e]) <= width);
                    fits.then(|| cost_of(&chars, &r, &ranges, width, policy))
                })
                .min();
            if let Some(cheapest) = cheapest {
                prop_assert_eq!(ours, cheapest, "{:?}", lines(&text, width, policy));
            }
        }

        #[test]
        fn a_url_breaks_only_after_a_separator_when_its_words_fit(
            words in prop::collection::vec(("[a-zA-Z0-9]{1,12}", prop::sample::select(vec!['/', '-', '_', '.', '?'])), 1..12),
            // "https:/" is its first word.
            width in 8usize..60,
            policy in policies(),
        ) {
            let url: String = words.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            let text = format!("資料は https://{url} にあります。");
            prop_assume!(words.iter().all(|(w, _)| w.len() < width));
            let lines = lines(&text, width, policy);
            for pair in lines.windows(2) {
                let (before, after) = (pair[0].chars().last(), pair[1].chars().next());
                let inside_a_word = before.is_some_and(|c| c.is_ascii_alphanumeric())
                    && after.is_some_and(|c| c.is_ascii_alphanumeric());
                prop_assert!(!inside_a_word, "{lines:?}");
            }
        }

        #[test]
        fn no_control_character_reaches_a_line(text in mixed_text(), width in 1usize..80) {
            for line in lines(&text, width, Policy::Normal) {
                prop_assert!(!line.chars().any(is_stripped));
            }
        }
    }
}
