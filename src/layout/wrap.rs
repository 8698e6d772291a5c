//! Greedy line filling over ranked break opportunities.
//!
//! Each line takes the longest stretch that fits the width, then steps back to
//! a boundary: with the phrase policy the last of the best rank; with the
//! normal policy the last phrase boundary if it lies within [`PHRASE_SLACK`]
//! of the width, else the last legal one. Moving the break back is
//! oikomi-dashi (pushing characters down), so a line never exceeds the width
//! to obey a kinsoku rule: a rule gives way only when no legal break fits.
//! Last, a paragraph's last line of one or two characters takes more from
//! the line above, where a legal break there allows it.

use std::cell::RefCell;

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

/// How many columns short of the width a line may end to break between
/// phrases rather than inside one (normal policy). 6 columns is three
/// full-width characters: at 60 and 80 columns lines stay over 90% full on
/// average while at most one break in five falls inside a phrase (the
/// `layout` bench's `body breaks` figures, quoted in the README).
pub const PHRASE_SLACK: usize = 6;

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
    SCRATCH.with_borrow_mut(|scratch| {
        let lines = wrap_with(spans, opts, scratch);
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
}

thread_local! {
    /// Each thread's buffers, kept between paragraphs so that laying one out
    /// allocates only the lines it returns.
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Buffers grown past this many characters (by a very long paragraph) are
/// given back rather than kept for the thread's life.
const KEPT_CHARACTERS: usize = 1 << 16;

fn wrap_with(spans: &[Span], opts: &WrapOptions, scratch: &mut Scratch) -> Vec<Line> {
    characters_of(spans, opts.ambiguous, scratch);
    let Scratch {
        text,
        glyphs,
        chars,
        starts,
        ranks,
        bounds,
        ..
    } = scratch;
    ranks_into(text, chars, starts, ranks);
    let width = opts.width.max(1);

    // Each line as (start, end) in glyphs, before trimming its end.
    bounds.clear();
    let mut start = skip_spaces(glyphs, 0);
    while start < glyphs.len() {
        let end = line_end(glyphs, ranks, start, width, opts.policy);
        bounds.push((start, end));
        start = skip_spaces(glyphs, end);
    }
    lengthen_short_last_line(glyphs, starts, ranks, bounds, width, opts.policy);
    bounds
        .iter()
        .map(|&(start, end)| make_line(spans, text, glyphs, start, trim_end(glyphs, start, end)))
        .collect()
}

/// Fills `scratch`'s text, glyphs, chars and starts from `spans`.
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

/// If the last line holds [`SHORT_LAST_LINE`] characters or fewer, moves the
/// break before it back to the latest legal boundary of the line above that
/// gives it more and still fits: a phrase boundary (the only kind with the
/// phrase policy) unless that leaves the line above shorter than twice the
/// slack, else any legal one. Kinsoku and tokens are kept: only boundaries
/// of rank `InPhrase` or better qualify.
fn lengthen_short_last_line(
    glyphs: &[Glyph],
    starts: &[bool],
    ranks: &[Rank],
    bounds: &mut [(usize, usize)],
    width: usize,
    policy: Policy,
) {
    let [.., (above, _), (last, _)] = bounds else {
        return;
    };
    let end = trim_end(glyphs, *last, glyphs.len());
    if characters(glyphs, starts, *last, end) > SHORT_LAST_LINE {
        return;
    }
    let mut any = None;
    for b in (*above + 1..*last).rev() {
        if ranks[b] < Rank::InPhrase || (policy == Policy::Phrase && ranks[b] < Rank::Good) {
            continue;
        }
        let from = skip_spaces(glyphs, b);
        if line_width(glyphs, from, end) > width {
            break;
        }
        if characters(glyphs, starts, from, end) <= SHORT_LAST_LINE {
            continue;
        }
        let kept = line_width(glyphs, *above, trim_end(glyphs, *above, b));
        if ranks[b] == Rank::Good && kept + 2 * PHRASE_SLACK >= width {
            any = Some(b);
            break;
        }
        any = any.or(Some(b));
    }
    if let (Some(b), [.., (_, above_end), (last, _)]) = (any, bounds) {
        *above_end = b;
        *last = skip_spaces(glyphs, b);
    }
}

/// Grapheme clusters in `glyphs[start..end]`, spaces not counted.
fn characters(glyphs: &[Glyph], starts: &[bool], start: usize, end: usize) -> usize {
    (start..end)
        .filter(|&i| starts[i] && !glyphs[i].space)
        .count()
}

/// Columns `glyphs[start..end]` takes on a line.
fn line_width(glyphs: &[Glyph], start: usize, end: usize) -> usize {
    glyphs[start..end]
        .iter()
        .map(|g| usize::from(g.width))
        .sum()
}

/// Where the line that starts at `start` ends (exclusive).
fn line_end(glyphs: &[Glyph], ranks: &[Rank], start: usize, width: usize, policy: Policy) -> usize {
    let mut used = 0;
    // Spaces take room only once something follows them on the line.
    let mut spaces = 0;
    let mut best: Option<(Rank, usize)> = None;
    // The last legal boundary, and the last phrase boundary with the width
    // of the line it would end (for the normal policy).
    let mut legal = None;
    let mut phrase = None;
    let mut i = start;
    while i < glyphs.len() {
        let w = usize::from(glyphs[i].width);
        if glyphs[i].space {
            spaces += w;
        } else {
            used += spaces + w;
            spaces = 0;
            if used > width {
                break;
            }
        }
        i += 1;
        if i < glyphs.len() && ranks[i] > Rank::Never {
            if best.is_none_or(|(r, _)| ranks[i] >= r) {
                best = Some((ranks[i], i));
            }
            if ranks[i] >= Rank::InPhrase {
                legal = Some(i);
            }
            if ranks[i] == Rank::Good {
                phrase = Some((i, used));
            }
        }
    }
    if i == glyphs.len() {
        return i;
    }
    if policy == Policy::Normal {
        match (phrase, legal) {
            (Some((b, w)), _) if w + PHRASE_SLACK >= width => return b,
            (_, Some(b)) => return b,
            _ => {}
        }
    }
    match best {
        Some((_, b)) => b,
        // Not even one grapheme fits: put it on a line of its own.
        None => (start + 1..glyphs.len())
            .find(|&b| ranks[b] > Rank::Never)
            .unwrap_or(glyphs.len()),
    }
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

/// `glyphs[start..end]` as a line: a span for each run of one source span,
/// its text sliced from the paragraph's.
fn make_line(spans: &[Span], text: &str, glyphs: &[Glyph], start: usize, end: usize) -> Line {
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
            });
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
        fn a_phrase_boundary_within_the_slack_is_preferred(text in natural_text(), width in 10usize..120) {
            let (chars, r, ranges) = line_ranges(&text, width, Policy::Normal);
            // The line above the last may give way to the short-last-line rule.
            for &(start, end) in ranges.iter().rev().skip(2) {
                // A line that ends in a space breaks after it.
                let mut after = end;
                while chars[after] == ' ' {
                    after += 1;
                }
                if r[after] == Rank::Good {
                    continue;
                }
                for b in start + 1..end {
                    prop_assert!(
                        r[b] != Rank::Good || width_of(&chars[start..b]) + PHRASE_SLACK < width,
                        "{:?} ends inside a phrase, but could at {b}",
                        chars[start..end].iter().collect::<String>()
                    );
                }
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
