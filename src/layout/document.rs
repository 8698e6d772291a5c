//! Content blocks → lines: paragraphs, sub-headings, lists with hanging
//! indents, questions and references. Shared by the TUI and the printers.

use std::collections::HashSet;
use std::sync::Arc;

use super::breaks::Policy;
use super::ruby::{self, wrap};
use super::style::{Line, Role, Span, Style};
use super::wrap::WrapOptions;
use crate::content::model::{Article, Block, Inline, Item, ListItem, Reference};
use crate::strings;
use crate::text::width::{Ambiguous, MAX_CLUSTER_WIDTH, str_width};

/// The narrowest width every item can be laid out at without a line wider
/// than it: one cluster of the widest kind (a kanji, an emoji) must fit.
/// Markers and question numbers do not raise it: where they would leave the
/// text less than this, they run into the text instead of hanging (see
/// [`hanging`]).
pub const MIN_WIDTH: usize = MAX_CLUSTER_WIDTH;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocOptions {
    pub width: usize,
    pub ambiguous: Ambiguous,
    /// Policy for body text; headings, questions and titles always use phrases.
    pub body: Policy,
    /// Where readings are shown.
    pub furigana: Furigana,
    /// Readings drawn above their bases on ruby rows where a line has room
    /// (the screen), else inline as 腰椎（ようつい） (always, in print).
    pub ruby_rows: bool,
}

/// Where laid-out text shows a ruby base's reading: nowhere (the text as
/// written), at the first place each reading has in an item (the summary,
/// a question, the references), or everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Furigana {
    #[default]
    Off,
    First,
    All,
}

impl Furigana {
    /// The mode after this one, round from `Off` to `All` and back.
    pub fn next(self) -> Furigana {
        match self {
            Furigana::Off => Furigana::First,
            Furigana::First => Furigana::All,
            Furigana::All => Furigana::Off,
        }
    }
}

impl DocOptions {
    pub fn new(width: usize) -> DocOptions {
        DocOptions {
            width,
            ambiguous: Ambiguous::Narrow,
            body: Policy::Normal,
            furigana: Furigana::Off,
            ruby_rows: false,
        }
    }

    fn wrap(&self, policy: Policy, width: usize) -> WrapOptions {
        WrapOptions {
            width,
            ambiguous: self.ambiguous,
            policy,
        }
    }
}

/// List bullets by depth, and the sub-heading mark: full-width or ASCII,
/// whose width no terminal disputes. • ◦ ■ are East Asian Ambiguous, and a
/// CJK font draws them wide, over the character after them.
const BULLETS: [&str; 2] = ["・", "- "];
pub const HEADING_MARK: &str = "＊";

pub fn spans(inlines: &[Inline]) -> Vec<Span> {
    inlines.iter().map(|i| span(i, i.text.clone())).collect()
}

/// `spans` in `style`, but for their readings, which keep theirs.
fn restyle(spans: Vec<Span>, style: Style) -> Vec<Span> {
    (spans.into_iter())
        .map(|s| match s.style.role {
            Role::Ruby => s,
            _ => Span { style, ..s },
        })
        .collect()
}

/// `text` styled as run `i` is.
fn span(i: &Inline, text: String) -> Span {
    let role = if i.link.is_some() {
        Role::Link
    } else {
        Role::Body
    };
    Span {
        text,
        style: Style {
            role,
            strong: i.strong,
        },
        link: i.link.as_deref().map(Arc::from),
        whole: false,
        glued: false,
        ruby: None,
    }
}

/// Runs made spans with their readings as [`Furigana`] asks, for one
/// item: with `First`, the (base, reading) pairs it has shown. A reading
/// is a base's `ruby`, for a ruby row, or inline after it.
struct Readings<'a> {
    /// Whose `[[terms]]` give readings: none for the text as written.
    article: Option<&'a Article>,
    furigana: Furigana,
    rows: bool,
    shown: HashSet<(String, String)>,
}

impl<'a> Readings<'a> {
    fn new(article: &'a Article, opts: &DocOptions) -> Readings<'a> {
        Readings {
            article: Some(article),
            furigana: opts.furigana,
            rows: opts.ruby_rows,
            shown: HashSet::new(),
        }
    }

    /// No readings: the text as written.
    fn off() -> Readings<'a> {
        Readings {
            article: None,
            furigana: Furigana::Off,
            rows: false,
            shown: HashSet::new(),
        }
    }

    fn spans(&mut self, runs: &[Inline]) -> Vec<Span> {
        let no_terms = self.article.is_none_or(|a| a.terms.is_empty());
        let unread = no_terms && runs.iter().all(|r| r.ruby.is_none());
        if self.furigana == Furigana::Off || unread {
            return spans(runs);
        }
        let all = self.furigana == Furigana::All;
        let mut out = Vec::new();
        let read = match self.article {
            Some(a) => a.with_readings(runs),
            None => runs.to_vec(),
        };
        for mut r in read {
            match &r.ruby {
                Some(reading) if all || self.shown.insert((r.text.clone(), reading.clone())) => {
                    // Spaces around a base stay outside the unbroken part:
                    // a line neither starts with nor breaks after them
                    // inside it.
                    let base = r.text.trim();
                    let lead = &r.text[..r.text.len() - r.text.trim_start().len()];
                    let trail = &r.text[lead.len() + base.len()..];
                    out.extend((!lead.is_empty()).then(|| span(&r, lead.to_string())));
                    let base_span = span(&r, base.to_string());
                    // A base of spaces alone has no place to stand over.
                    if self.rows && !base.is_empty() {
                        out.push(Span {
                            whole: true,
                            ruby: Some(Arc::from(reading.as_str())),
                            ..base_span
                        });
                    } else {
                        out.extend(ruby::inline(base_span, reading));
                    }
                    out.extend((!trail.is_empty()).then(|| span(&r, trail.to_string())));
                }
                // The run's own text, moved rather than copied.
                _ => {
                    let text = std::mem::take(&mut r.text);
                    out.push(span(&r, text));
                }
            }
        }
        out
    }
}

/// Lays out `content` after `marker`; later lines are indented to match it.
///
/// The marker's leading spaces (a list's nesting) stop growing where the
/// marker would take more than half the line, so deep lists keep room for
/// their text. When even the bare marker would leave the text less than
/// [`MIN_WIDTH`], it hangs no more: it starts the text and wraps with it.
pub fn hanging(marker: Span, content: &[Span], policy: Policy, opts: &DocOptions) -> Vec<Line> {
    let label = marker.text.trim_start_matches(' ').to_string();
    let nesting = marker.text.len() - label.len();
    let label_width = str_width(&label, opts.ambiguous);
    if opts.width < label_width + MIN_WIDTH {
        let mut inline = vec![Span {
            text: label,
            ..marker
        }];
        inline.extend_from_slice(content);
        let mut lines = plain(&inline, policy, opts);
        if lines.is_empty() {
            lines.push(Line::default());
        }
        return lines;
    }
    // Never so deep that the text keeps less than MIN_WIDTH (an empty label
    // left a width-2 line one column for a kanji).
    let nesting = nesting
        .min((opts.width / 2).saturating_sub(label_width))
        .min(opts.width - label_width - MIN_WIDTH);
    let marker = Span {
        text: format!("{}{label}", " ".repeat(nesting)),
        ..marker
    };
    let indent = nesting + label_width;
    // Ruby rows span the indent too: a reading may overhang the marker.
    let mut lines = ruby::wrap_in(content, &opts.wrap(policy, opts.width - indent), indent);
    if lines.is_empty() {
        lines.push(Line::default());
    }
    // The marker goes on the first line of text, under its ruby row if any.
    let mut marked = false;
    for line in lines.iter_mut().filter(|l| !l.ruby) {
        let prefix = if std::mem::replace(&mut marked, true) {
            Span::new(" ".repeat(indent), Style::BODY)
        } else {
            marker.clone()
        };
        if !prefix.text.is_empty() {
            line.spans.insert(0, prefix);
            line.width += indent;
        }
    }
    lines
}

/// Text laid out with no marker.
pub fn plain(content: &[Span], policy: Policy, opts: &DocOptions) -> Vec<Line> {
    wrap(content, &opts.wrap(policy, opts.width))
}

/// Parts stacked with one blank line between them, and the line each starts on.
pub fn stack(parts: impl IntoIterator<Item = Vec<Line>>) -> (Vec<Line>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        starts.push(out.len());
        out.extend(part);
    }
    (out, starts)
}

pub fn block(block: &Block, opts: &DocOptions) -> Vec<Line> {
    block_with(block, opts, &mut Readings::off())
}

fn block_with(block: &Block, opts: &DocOptions, readings: &mut Readings) -> Vec<Line> {
    match block {
        Block::Paragraph { text } => plain(&readings.spans(text), opts.body, opts),
        Block::Heading { text, .. } => {
            let content = restyle(readings.spans(text), Style::of(Role::Heading).strong());
            let marker = Span::new(HEADING_MARK, Style::of(Role::Marker));
            hanging(marker, &content, Policy::Phrase, opts)
        }
        Block::List { ordered, items } => {
            let mut out = Vec::new();
            list(items, *ordered, opts, readings, &mut out);
            out
        }
    }
}

/// Blocks with one blank line between them.
pub fn blocks(blocks: &[Block], opts: &DocOptions) -> Vec<Line> {
    stack(blocks.iter().map(|b| block(b, opts))).0
}

/// A list's items in reading order, each nested two columns deeper than its
/// parent. An explicit stack, not recursion: "- - - … x" nests as deep as
/// its line is long, deeper than a thread's stack goes, and the nesting
/// string is cut to what [`hanging`] can use, so a list nested n deep takes
/// time linear in n, not n².
fn list(
    items: &[ListItem],
    ordered: bool,
    opts: &DocOptions,
    readings: &mut Readings,
    out: &mut Vec<Line>,
) {
    let mut stack = vec![(items.iter().enumerate(), ordered)];
    loop {
        let depth = stack.len().saturating_sub(1);
        let Some((siblings, ordered)) = stack.last_mut() else {
            break;
        };
        let ordered = *ordered;
        let Some((n, item)) = siblings.next() else {
            stack.pop();
            continue;
        };
        let indent = " ".repeat((2 * depth).min(opts.width / 2));
        let mark = if ordered {
            format!("{indent}{}. ", n + 1)
        } else {
            format!("{indent}{}", BULLETS[depth.min(1)])
        };
        out.extend(hanging(
            Span::new(mark, Style::of(Role::Marker)),
            &readings.spans(&item.text),
            opts.body,
            opts,
        ));
        stack.push((item.children.iter().enumerate(), false));
    }
}

/// Q1. 腰椎の再手術を… — laid out by phrases.
pub fn question(number: usize, title: &str, opts: &DocOptions) -> Vec<Line> {
    numbered(number, vec![Span::new(title, Style::BODY)], opts)
}

/// A question's title from its spans, in the question's style.
fn numbered(number: usize, title: Vec<Span>, opts: &DocOptions) -> Vec<Line> {
    let style = Style::of(Role::Question).strong();
    let title: Vec<Span> = (restyle(title, style).into_iter())
        .map(|s| Span { link: None, ..s })
        .collect();
    hanging(
        Span::new(format!("Q{number}. "), style),
        &title,
        Policy::Phrase,
        opts,
    )
}

/// A heading line of its own, laid out by phrases (概要, 参考文献 …).
pub fn heading(text: &str, opts: &DocOptions) -> Vec<Line> {
    plain(
        &[Span::new(text, Style::of(Role::Heading).strong())],
        Policy::Phrase,
        opts,
    )
}

/// [1] A. Galhom and …, numbered, with a hanging indent and a link.
pub fn references(refs: &[Reference], opts: &DocOptions) -> Vec<Line> {
    stack(reference_parts(refs, opts)).0
}

/// Each reference laid out on its own.
pub fn reference_parts(refs: &[Reference], opts: &DocOptions) -> Vec<Vec<Line>> {
    reference_parts_with(refs, opts, &mut Readings::off())
}

fn reference_parts_with(
    refs: &[Reference],
    opts: &DocOptions,
    readings: &mut Readings,
) -> Vec<Vec<Line>> {
    let label_width = format!("[{}] ", refs.len()).len();
    refs.iter()
        .enumerate()
        .map(|(i, r)| {
            let label = format!("{:<label_width$}", format!("[{}]", i + 1));
            let link: Option<Arc<str>> = r.link().map(Arc::from);
            let citation: Vec<Span> = (readings.spans(&[Inline::plain(r.citation())]).into_iter())
                .map(|s| Span {
                    link: link.clone(),
                    ..s
                })
                .collect();
            hanging(
                Span::new(label, Style::of(Role::Marker)),
                &citation,
                opts.body,
                opts,
            )
        })
        .collect()
}

/// Title, dates and image caption.
pub fn title(article: &Article, opts: &DocOptions) -> Vec<Line> {
    let mut out = plain(
        &[Span::new(&article.title, Style::of(Role::Title).strong())],
        Policy::Phrase,
        opts,
    );
    let muted = Style::of(Role::Muted);
    let mut dates = format!("{}:{}", strings::PUBLISHED, article.published.slashed());
    if let Some(updated) = article.updated {
        dates.push_str(&format!("　{}:{}", strings::UPDATED, updated.slashed()));
    }
    out.extend(plain(&[Span::new(dates, muted)], opts.body, opts));
    if let Some(caption) = &article.image_caption {
        out.extend(plain(
            &[Span::new(format!("{}:{caption}", strings::IMAGE), muted)],
            opts.body,
            opts,
        ));
    }
    out
}

/// The whole article, as the printed text format has it.
pub fn article(article: &Article, opts: &DocOptions) -> Vec<Line> {
    article_parts(article, opts).flatten().collect()
}

/// The whole article a part at a time (the title, then each section after
/// a blank line), laid out as it is asked for: a printer writes each part
/// and drops it, so a long article is never held laid out whole.
pub fn article_parts<'a>(
    article: &'a Article,
    opts: &'a DocOptions,
) -> impl Iterator<Item = Vec<Line>> + 'a {
    (0..part_count(article)).map(|i| article_part(article, i, opts))
}

/// How many parts [`article_parts`] has: the title, then each item.
pub fn part_count(article: &Article) -> usize {
    1 + article.items().len()
}

/// Part `i` of [`article_parts`], laid out on its own (so that parts can be
/// laid out on several threads).
pub fn article_part(article: &Article, i: usize, opts: &DocOptions) -> Vec<Line> {
    match i.checked_sub(1).and_then(|n| article.items().nth(n)) {
        None => title(article, opts),
        Some(item) => section(
            item_heading(article, item, opts),
            stack(item_parts(article, item, opts)).0,
        ),
    }
}

/// How an item is headed: 概要, Q1. and its question, 参考文献. The outline
/// names an item the same way.
pub fn item_heading(article: &Article, item: Item, opts: &DocOptions) -> Vec<Line> {
    match item {
        Item::Summary => heading(strings::SUMMARY, opts),
        Item::Question(i) => match opts.furigana {
            Furigana::Off => question(i + 1, &article.questions[i].title, opts),
            _ => {
                let title = Readings::new(article, opts).spans(&article.question_runs(i));
                numbered(i + 1, title, opts)
            }
        },
        Item::References => heading(strings::REFERENCES, opts),
        Item::Terms => heading(strings::TERMS, opts),
    }
}

/// An item's body, a part a block (a reference each in the references).
pub fn item_parts(article: &Article, item: Item, opts: &DocOptions) -> Vec<Vec<Line>> {
    let mut readings = Readings::new(article, opts);
    let body = match item {
        Item::Summary => &article.summary,
        Item::Question(i) => {
            // The heading shows the question's readings first.
            if opts.furigana == Furigana::First {
                readings.spans(&article.question_runs(i));
            }
            &article.questions[i].answer
        }
        Item::References => {
            return reference_parts_with(&article.references, opts, &mut readings);
        }
        Item::Terms => return glossary(article, opts),
    };
    body.iter()
        .map(|b| block_with(b, opts, &mut readings))
        .collect()
}

/// The article's terms, a part each: the term with its reading, its plain
/// words (the article's own) where it has them, and where it is used.
fn glossary(article: &Article, opts: &DocOptions) -> Vec<Vec<Line>> {
    let indent = || Span::new("　", Style::BODY);
    (article.terms.iter())
        .map(|t| {
            let head = strings::with_reading(&t.term, &t.reading);
            let mut lines = heading(&head, opts);
            if let Some(plain) = &t.plain {
                let text = [Span::new(plain, Style::BODY)];
                lines.extend(hanging(indent(), &text, opts.body, opts));
            }
            let uses = strings::term_uses(&article.uses(&t.term));
            let text = [Span::new(uses, Style::of(Role::Muted))];
            lines.extend(hanging(indent(), &text, Policy::Phrase, opts));
            lines
        })
        .collect()
}

/// A section of the printed article: a blank line, its heading, a blank
/// line, its body.
fn section(head: Vec<Line>, body: Vec<Line>) -> Vec<Line> {
    let mut out = vec![Line::default()];
    out.extend(head);
    out.push(Line::default());
    out.extend(body);
    out
}

/// One question only (`--question N`).
pub fn single_question(article: &Article, index: usize, opts: &DocOptions) -> Vec<Line> {
    let mut out = title(article, opts);
    if index < article.questions.len() {
        let item = Item::Question(index);
        out.extend(section(
            item_heading(article, item, opts),
            stack(item_parts(article, item, opts)).0,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_library;

    #[test]
    fn list_items_hang_under_their_bullet() {
        let lib = load_library(None).unwrap();
        let a = lib.article("revision-surgery").unwrap();
        let lines = blocks(&a.questions[0].answer, &DocOptions::new(30));
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        let i = texts
            .iter()
            .position(|t| t.starts_with("・再発性"))
            .unwrap();
        assert!(
            texts[i + 1].starts_with("  ") && !texts[i + 1].starts_with("   "),
            "{texts:?}"
        );
    }

    fn nested(depth: usize) -> Block {
        let mut item = ListItem {
            text: vec![Inline {
                text: "再手術の成功率を高めるために".into(),
                strong: false,
                link: None,
                ruby: None,
            }],
            children: Vec::new(),
        };
        for _ in 1..depth {
            item = ListItem {
                text: item.text.clone(),
                children: vec![item],
            };
        }
        Block::List {
            ordered: false,
            items: vec![item],
        }
    }

    /// Drops a deep list without recursing as deep as it nests.
    fn dismantle(block: Block) {
        if let Block::List { mut items, .. } = block {
            while let Some(mut item) = items.pop() {
                items.append(&mut item.children);
            }
        }
    }

    #[test]
    fn a_list_nested_20_000_deep_is_laid_out_without_deep_recursion() {
        // "- - - … x" in a 40 KB file; recursing per level overflowed the
        // stack and kept every level's indent string alive (n² bytes).
        let deep = nested(20_000);
        let lines = block(&deep, &DocOptions::new(80));
        assert_eq!(lines.len(), 20_000);
        assert!(lines.iter().all(|l| l.width <= 80));
        dismantle(deep);
    }

    #[test]
    fn deep_lists_stop_indenting_at_half_the_width() {
        let lines = block(&nested(20), &DocOptions::new(37));
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        let indents: Vec<usize> = texts.iter().map(|t| t.find("- ").unwrap_or(0)).collect();
        // "- " ends at column 18 at most: half of 37, rounded down.
        assert_eq!(indents.iter().max(), Some(&16), "{texts:?}");
        assert!(lines.iter().all(|l| l.width <= 37), "{texts:?}");
    }

    #[test]
    fn markers_run_into_the_text_where_they_cannot_hang() {
        let texts = |width| -> Vec<String> {
            question(12, "腰椎", &DocOptions::new(width))
                .iter()
                .map(Line::text)
                .collect()
        };
        assert_eq!(texts(7), ["Q12. 腰", "     椎"]);
        assert_eq!(texts(6), ["Q12.", "腰椎"]);
        assert_eq!(texts(2), ["Q1", "2.", "腰", "椎"]);
    }

    #[test]
    fn the_glossary_gives_each_term_its_reading_plain_words_and_uses() {
        let lib = load_library(None).unwrap();
        let a = lib.article("revision-surgery").unwrap();
        let parts = item_parts(a, Item::Terms, &DocOptions::new(60));
        assert_eq!(parts.len(), a.terms.len());
        let text = |p: &Vec<Line>| p.iter().map(Line::text).collect::<Vec<_>>().join("\n");
        let entry = (parts.iter().map(text))
            .find(|t| t.starts_with("根性痛（こんせいつう）"))
            .expect("根性痛 is a term");
        assert!(entry.contains("足の痛み"), "its plain words: {entry}");
        let uses = a.uses("根性痛");
        assert!(uses.len() >= 2, "{uses:?}");
        assert!(entry.contains(&strings::term_uses(&uses)), "{entry}");
        for width in MIN_WIDTH..=80 {
            for line in item_parts(a, Item::Terms, &DocOptions::new(width)).concat() {
                assert!(line.width <= width, "{width}: {}", line.text());
            }
        }
    }

    #[test]
    fn every_line_of_the_article_fits_every_width() {
        let lib = load_library(None).unwrap();
        let a = lib.article("revision-surgery").unwrap();
        for width in MIN_WIDTH..=120 {
            for ambiguous in [Ambiguous::Narrow, Ambiguous::Wide] {
                let opts = DocOptions {
                    ambiguous,
                    ..DocOptions::new(width)
                };
                for line in article(a, &opts) {
                    assert!(
                        line.width <= width,
                        "{} > {width}: {}",
                        line.width,
                        line.text()
                    );
                    assert_eq!(line.width, str_width(&line.text(), ambiguous));
                }
            }
        }
    }

    /// The fixture of the bundled article's own sentences, with readings.
    fn ruby_article() -> Article {
        let text = include_str!("../../tests/fixtures/ruby/furigana.md");
        crate::content::article::parse_article("furigana.md", text).unwrap()
    }

    /// The article's text from char `from`, with ruby bases where `ruby`
    /// says: (plain chars before it, base chars, reading chars), in turn.
    fn runs_of(text: &[char], from: usize, ruby: &[(usize, usize, usize)]) -> Vec<Inline> {
        let kana = ['よ', 'う', 'つ', 'ー', 'ょ', 'カ'];
        let mut at = from.min(text.len());
        let mut runs = Vec::new();
        for &(gap, base, reading) in ruby {
            let gap_end = (at + gap).min(text.len());
            runs.push(Inline::plain(text[at..gap_end].iter().collect::<String>()));
            let base_end = (gap_end + base).min(text.len());
            if base_end > gap_end {
                runs.push(Inline {
                    ruby: Some((0..reading).map(|i| kana[i % kana.len()]).collect()),
                    ..Inline::plain(text[gap_end..base_end].iter().collect::<String>())
                });
            }
            at = base_end;
        }
        runs
    }

    proptest::proptest! {
        #[test]
        fn with_readings_inline_no_line_is_too_wide_and_no_base_leaves_its_reading(
            from in 0usize..400,
            ruby in proptest::collection::vec((0usize..12, 1usize..6, 1usize..14), 1..8),
            width in MIN_WIDTH..50,
            all in proptest::bool::ANY,
            phrase in proptest::bool::ANY,
        ) {
            let mut a = ruby_article();
            let text: Vec<char> = a.text().chars().filter(|&c| c != '\n').collect();
            let runs = runs_of(&text, from, &ruby);
            a.summary = vec![
                Block::Paragraph { text: runs.clone() },
                Block::List {
                    ordered: false,
                    items: vec![ListItem { text: runs.clone(), children: Vec::new() }],
                },
            ];
            let opts = DocOptions {
                furigana: if all { Furigana::All } else { Furigana::First },
                body: if phrase { Policy::Phrase } else { Policy::Normal },
                ..DocOptions::new(width)
            };
            // Each base with its reading (inline or a term's), as printed.
            let units: Vec<String> = (a.with_readings(&runs).iter())
                .filter_map(|r| Some(format!("{}{}", r.text.trim(), strings::inline_reading(r.ruby.as_deref()?))))
                .collect();
            let mut shown = 0;
            for line in stack(item_parts(&a, Item::Summary, &opts)).0 {
                proptest::prop_assert!(line.width <= width, "{} > {width}: {}", line.width, line.text());
                // The line's bases each with the readings glued to it, and
                // a reading glued to a base on the line above.
                let mut kept: Vec<String> = Vec::new();
                for (k, span) in line.spans.iter().enumerate().filter(|(_, s)| s.whole) {
                    match kept.last_mut() {
                        Some(unit) if span.glued && k > 0 && line.spans[k - 1].whole => {
                            unit.push_str(&span.text);
                        }
                        _ => kept.push(span.text.clone()),
                    }
                }
                for unit in kept {
                    if units.contains(&unit) {
                        shown += 1;
                    } else {
                        // Only a unit too wide for a list item's line may be cut.
                        let too_wide = |u: &String| str_width(u, Ambiguous::Narrow) + 2 > width;
                        proptest::prop_assert!(
                            units.iter().any(|u| too_wide(u) && u.contains(&unit)),
                            "{unit:?} cut at width {width}"
                        );
                    }
                }
            }
            // With every reading shown, each unit that fits is shown whole,
            // in the paragraph and in the list item.
            let fitting = units.iter().filter(|u| str_width(u, Ambiguous::Narrow) + 2 <= width).count();
            if all {
                proptest::prop_assert!(shown >= 2 * fitting, "{shown} of {fitting} twice");
            }
        }
    }
}
