//! Markdown body → summary and questions.
//!
//! Text before the first `##` is the summary; each `##` is a question and the
//! blocks up to the next `##` its answer; `###` are sub-headings in an answer.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::diagnostic::{Diagnostic, SourceMap};
use super::model::{Block, Inline, ListItem, MAX_LINK_LENGTH, Question, is_link_destination};
use super::ruby::{Found, parse_ruby};
use crate::text::sanitize::{is_stripped, kept};
use crate::text::width::{Ambiguous, char_width};

#[derive(Debug)]
pub struct Body {
    pub summary: Vec<Block>,
    pub questions: Vec<Question>,
    /// Problems that do not stop the article from loading (links shown as text).
    pub warnings: Vec<Diagnostic>,
}

/// Lists nest at most this deep (deeper than any article, deep enough for
/// the layout to show how it stops indenting). Every layer after the loader (layout, the
/// printers, dropping the model) walks list items recursively; a bound here
/// keeps `- - - - …` from overflowing a stack.
pub const MAX_LIST_DEPTH: usize = 64;

/// Parses `text`, whose first byte sits at `base` in the file `map` describes.
pub fn parse_body(text: &str, base: usize, map: &SourceMap) -> Result<Body, Vec<Diagnostic>> {
    let mut b = Builder::default();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        let at = base + range.start;
        // An odd run of backslashes before a text escapes its first
        // character (counted only for a brace: a run is counted once).
        let escaped = matches!(&event, Event::Text(t) if t.starts_with('{'))
            && text[..range.start]
                .bytes()
                .rev()
                .take_while(|&c| c == b'\\')
                .count()
                % 2
                == 1;
        let source = if escaped { "" } else { &text[range] };
        match b.event(event, at, source) {
            Ok(None) => {}
            Ok(Some(warning)) => warnings.push(map.at(at, warning)),
            Err(message) => problems.push(map.at(at, message)),
        }
        // Ruby is read as a paragraph ends: its problems come then.
        for (at, message) in b.ruby.errors.drain(..) {
            problems.push(map.at(at, message));
        }
        for (at, message) in b.ruby.warnings.drain(..) {
            warnings.push(map.at(at, message));
        }
    }
    let mut questions = Vec::with_capacity(b.questions.len());
    for (q, at) in b.questions {
        if q.answer.is_empty() {
            problems.push(map.at(
                at,
                format!(
                    "question “{}” has no answer: expected text after the ## heading",
                    q.title
                ),
            ));
        } else if q.title.trim().is_empty() {
            problems.push(map.at(at, "empty question: expected text after ##"));
        } else {
            questions.push(q);
        }
    }
    if questions.is_empty() && problems.is_empty() {
        problems.push(map.at(
            base,
            "no questions: expected at least one “## question” heading",
        ));
    }
    if problems.is_empty() {
        Ok(Body {
            summary: b.summary,
            questions,
            warnings,
        })
    } else {
        Err(problems)
    }
}

/// Where inline text is being collected.
enum Target {
    Question,
    Heading(u8),
    Paragraph,
    Item,
}

#[derive(Default)]
struct Builder {
    summary: Vec<Block>,
    questions: Vec<(Question, usize)>,
    inlines: Vec<Inline>,
    /// Each `{` in `inlines`: where it was written, or `None` when it cannot
    /// open ruby (see `ruby::parse_ruby`).
    braces: Vec<Option<usize>>,
    /// Ruby problems of the inlines finished so far.
    ruby: Found,
    target: Vec<Target>,
    /// Open lists, innermost last: (ordered, items so far).
    lists: Vec<(bool, Vec<ListItem>)>,
    link: Option<String>,
}

impl Builder {
    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.questions.last_mut() {
            Some((q, _)) => &mut q.answer,
            None => &mut self.summary,
        }
    }

    /// Takes one parser event: `Ok(Some(warning))` for something shown
    /// differently from how it was written, `Err` for what an article cannot hold.
    /// `source` is the event's text as written in the file (empty when a
    /// backslash escapes its first character).
    fn event(&mut self, event: Event, at: usize, source: &str) -> Result<Option<String>, String> {
        match event {
            Event::Start(Tag::Heading { level, .. }) => match level {
                HeadingLevel::H2 => {
                    self.target.push(Target::Question);
                    self.questions.push((
                        Question {
                            title: String::new(),
                            title_ruby: Vec::new(),
                            answer: Vec::new(),
                        },
                        at,
                    ));
                }
                HeadingLevel::H3 | HeadingLevel::H4 => {
                    self.target.push(Target::Heading(level as u8));
                }
                HeadingLevel::H1 => {
                    return Err("a # heading: the title goes in the front matter; questions are ## and sub-headings ###".into());
                }
                _ => {
                    return Err(
                        "heading too deep: expected ## (question) or ### (sub-heading)".into(),
                    );
                }
            },
            Event::End(TagEnd::Heading(_)) => {
                let inlines = self.take_inlines();
                match self.target.pop() {
                    Some(Target::Question) => {
                        if let Some((q, _)) = self.questions.last_mut() {
                            q.title = super::model::plain_text(&inlines);
                            if inlines.iter().any(|i| i.ruby.is_some()) {
                                q.title_ruby = inlines;
                            }
                        }
                    }
                    Some(Target::Heading(level)) => self.blocks().push(Block::Heading {
                        level,
                        text: inlines,
                    }),
                    _ => {}
                }
            }
            // A loose list item's paragraphs belong to the item.
            Event::Start(Tag::Paragraph) if matches!(self.target.last(), Some(Target::Item)) => {}
            Event::Start(Tag::Paragraph) => self.target.push(Target::Paragraph),
            Event::End(TagEnd::Paragraph) => {
                if matches!(self.target.last(), Some(Target::Paragraph)) {
                    self.target.pop();
                    let text = self.take_inlines();
                    self.blocks().push(Block::Paragraph { text });
                } else {
                    // A loose list item's paragraphs run together.
                    self.push_text(" ");
                }
            }
            Event::Start(Tag::List(first)) => {
                self.flush_item_text();
                self.lists.push((first.is_some(), Vec::new()));
                if self.lists.len() == MAX_LIST_DEPTH + 1 {
                    return Err(format!(
                        "list nested {} deep: expected at most {MAX_LIST_DEPTH} levels",
                        self.lists.len()
                    ));
                }
            }
            Event::End(TagEnd::List(_)) => {
                let (ordered, items) = self.lists.pop().unwrap_or_default();
                // Too deep was reported at its start; its items are dropped
                // so the model stays shallow.
                if self.lists.len() >= MAX_LIST_DEPTH {
                    return Ok(None);
                }
                match self
                    .lists
                    .last_mut()
                    .and_then(|(_, items)| items.last_mut())
                {
                    Some(parent) => parent.children.extend(items),
                    None => self.blocks().push(Block::List { ordered, items }),
                }
            }
            Event::Start(Tag::Item) => {
                self.target.push(Target::Item);
                if let Some((_, items)) = self.lists.last_mut() {
                    items.push(ListItem {
                        text: Vec::new(),
                        children: Vec::new(),
                    });
                }
            }
            Event::End(TagEnd::Item) => {
                self.flush_item_text();
                self.target.pop();
            }
            // Bold is paired by `cjk_strong`, for CommonMark and CJK text alike.
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => self.push_text(STRONG),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                let (link, warning) = link_target(&dest_url);
                self.link = link;
                return Ok(warning);
            }
            Event::End(TagEnd::Link) => self.link = None,
            // Raw: escape sequences are removed from the whole paragraph at
            // once (`finish_inlines`), since the parser splits them.
            Event::Text(t) => {
                if t.contains('{') {
                    // Written as it reads, or escaped (`\{`) or an entity
                    // (`&#123;`): only a brace written as itself opens ruby.
                    let written = (*t == *source).then_some(at);
                    self.note_braces(&t, written);
                }
                self.push_text(&t);
            }
            Event::Code(t) => {
                self.note_braces(&t, None);
                self.push_text(&t);
            }
            Event::SoftBreak => self.push_text("\n"),
            Event::HardBreak => self.push_text(" "),
            Event::Start(tag) => {
                return Err(format!(
                    "unsupported Markdown ({tag:?}): expected paragraphs, lists, **bold**, links, ## questions and ### sub-headings"
                ));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err("HTML is not supported in articles: expected Markdown".into());
            }
            _ => {}
        }
        Ok(None)
    }

    /// Text collected so far belongs to the innermost open list item.
    fn flush_item_text(&mut self) {
        let text = self.take_inlines();
        if text.is_empty() {
            return;
        }
        if let Some(item) = self
            .lists
            .last_mut()
            .and_then(|(_, items)| items.last_mut())
        {
            // Moved when the item has no text yet, as it mostly has not.
            if item.text.is_empty() {
                item.text = text;
            } else {
                item.text.extend(text);
            }
        }
    }

    /// Notes each `{` of `text`, which starts at `written` in the file if it
    /// can open ruby.
    fn note_braces(&mut self, text: &str, written: Option<usize>) {
        (self.braces).extend(
            text.match_indices('{')
                .map(|(i, _)| written.map(|at| at + i)),
        );
    }

    /// Adjacent text merges, so a `**` the parser split in two is whole again.
    fn push_text(&mut self, text: &str) {
        match self.inlines.last_mut() {
            Some(last) if last.link == self.link => last.text.push_str(text),
            _ => self.inlines.push(Inline {
                text: text.to_string(),
                strong: false,
                link: self.link.clone(),
                ruby: None,
            }),
        }
    }

    fn take_inlines(&mut self) -> Vec<Inline> {
        let mut braces = std::mem::take(&mut self.braces);
        let inlines = finish_inlines(std::mem::take(&mut self.inlines), &mut braces);
        parse_ruby(inlines, &braces, &mut self.ruby)
    }
}

const STRONG: &str = "**";

/// Where a Markdown link may point, and a warning when it is shown as text
/// instead. A destination with control characters in it (`&#27;` decodes to
/// ESC) is no link at all: cleaning it would make a different address.
fn link_target(dest: &str) -> (Option<String>, Option<String>) {
    let shown = crate::text::sanitize::escape_for_display(dest);
    let text_only = |why: &str| {
        (
            None,
            Some(format!("link to “{shown}” shown as text: {why}")),
        )
    };
    if dest.chars().any(is_stripped) {
        return text_only("its address holds control characters");
    }
    if dest.chars().count() > MAX_LINK_LENGTH {
        return text_only(&format!(
            "its address is longer than {MAX_LINK_LENGTH} characters"
        ));
    }
    if let Some(doi) = dest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("doi:"))
        .map(|_| &dest[4..])
        .filter(|d| d.starts_with("10.") && d.contains('/'))
    {
        return (Some(format!("https://doi.org/{doi}")), None);
    }
    if is_link_destination(dest) {
        (Some(dest.to_string()), None)
    } else {
        text_only("expected an http, https or mailto address, or doi:10.…")
    }
}

/// Removes escape sequences and control characters from the paragraph as a
/// whole, joins soft line breaks, pairs up `**` that CommonMark left literal,
/// and merges runs of the same style. `braces` loses the `{` removed.
fn finish_inlines(inlines: Vec<Inline>, braces: &mut Vec<Option<usize>>) -> Vec<Inline> {
    // Each step changes only the characters it is about: a paragraph without
    // them, as most are, skips it.
    let holds = inlines.iter().fold(0, |h, i| h | holds(&i.text));
    let mut inlines = if holds & STAR != 0 {
        cjk_strong(inlines)
    } else {
        inlines
    };
    if holds & CONTROL != 0 && inlines.iter().any(|i| has_removed(&i.text)) {
        strip_sequences(&mut inlines, braces);
    }
    if holds & BREAK != 0 {
        join_lines(&mut inlines);
    }
    merge_runs(&mut inlines);
    if let Some(first) = inlines.first_mut() {
        let start = first.text.len() - first.text.trim_start().len();
        first.text.drain(..start);
    }
    if let Some(last) = inlines.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    inlines.retain(|i| !i.text.is_empty());
    inlines
}

/// Bytes that call for a step of `finish_inlines`: `*`, which `**` starts with;
const STAR: u8 = 1;
/// the first byte of a character cleaning may remove: ASCII, a C1 control
/// (0xC2 …) or a bidi control (0xE2 …);
const CONTROL: u8 = 2;
/// a newline, tab or carriage return.
const BREAK: u8 = 4;

/// Which of those bytes `text` holds: one pass, with no early exit so that
/// it vectorises, instead of decoding every character.
fn holds(text: &str) -> u8 {
    text.bytes().fold(0, |found, b| {
        found
            | match b {
                b'*' => STAR,
                b'\n' | b'\t' | b'\r' => BREAK,
                0..0x20 | 0x7f | 0xc2 | 0xe2 => CONTROL,
                _ => 0,
            }
    })
}

/// Drops empty inlines and merges neighbours of the same style, in place.
fn merge_runs(inlines: &mut Vec<Inline>) {
    inlines.retain(|i| !i.text.is_empty());
    inlines.dedup_by(|next, run| {
        let same = run.strong == next.strong && run.link == next.link;
        if same {
            run.text.push_str(&next.text);
        }
        same
    });
}

/// Whether cleaning removes any character of `text` (line breaks and tabs
/// stay until `join_lines`).
fn has_removed(text: &str) -> bool {
    text.chars()
        .any(|c| is_stripped(c) && !matches!(c, '\n' | '\t' | '\r'))
}

/// Removes escape sequences and control characters, scanning the paragraph
/// as one text since a sequence can span inlines (and end in a `{`, whose
/// entry leaves `braces`).
fn strip_sequences(inlines: &mut [Inline], braces: &mut Vec<Option<usize>>) {
    let all: Vec<char> = inlines.iter().flat_map(|i| i.text.chars()).collect();
    let keep = kept(&all);
    if !braces.is_empty() {
        let mut ordinal = braces.iter().copied();
        *braces = (all.iter().zip(&keep))
            .filter(|(c, _)| **c == '{')
            .filter_map(|(_, k)| ordinal.next().filter(|_| *k))
            .collect();
    }
    let mut keep = keep.into_iter();
    for inline in inlines {
        inline.text = inline
            .text
            .chars()
            .filter(|_| keep.next() == Some(true))
            .collect();
    }
}

/// Joins soft line breaks, and makes tabs and carriage returns spaces. A
/// newline between two wide (Japanese) characters joins them with no space;
/// elsewhere it is a space. It looks at the neighbours that survive
/// cleaning, as written, in whichever inline they are.
fn join_lines(inlines: &mut [Inline]) {
    let mut before = None;
    for k in 0..inlines.len() {
        let (done, rest) = inlines.split_at_mut(k + 1);
        let text = &mut done[k].text;
        let joined = joined(text, before, || {
            rest.iter().find_map(|i| i.text.chars().next())
        });
        before = text.chars().next_back().or(before);
        if let Some(joined) = joined {
            *text = joined;
        }
    }
}

/// `text` joined as `join_lines` says, or `None` when it has no break.
/// `before` is the character before `text`, `after` finds the one after it.
fn joined(text: &str, before: Option<char>, after: impl Fn() -> Option<char>) -> Option<String> {
    // By bytes, these being ASCII.
    let mut breaks = (text.bytes().enumerate())
        .filter(|(_, b)| matches!(b, b'\n' | b'\t' | b'\r'))
        .peekable();
    breaks.peek()?;
    let wide = |c: Option<char>| c.is_some_and(|c| char_width(c, Ambiguous::Narrow) == 2);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, b) in breaks {
        out.push_str(&text[from..at]);
        from = at + 1;
        if b == b'\n' {
            let before = text[..at].chars().next_back().or(before);
            let after = match text[from..].chars().next() {
                Some(c) => Some(c),
                None => after(),
            };
            if wide(before) && wide(after) {
                continue;
            }
        }
        out.push(' ');
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// Pairs `**` left to right within a paragraph. CommonMark's flanking rules
/// leave `**` literal next to Japanese punctuation (`**再手術では39.5%**と`), so
/// the parser's own strong markers and literal ones are paired here alike.
fn cjk_strong(inlines: Vec<Inline>) -> Vec<Inline> {
    let count: usize = inlines.iter().map(|i| i.text.matches(STRONG).count()).sum();
    if count < 2 {
        // Nothing to pair, and a lone marker stays as written.
        return inlines;
    }
    let mut pairs_left = count / 2 * 2;
    let mut strong = false;
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if !inline.text.contains(STRONG) {
            // Moved whole: most inlines have no marker.
            append(&mut out, Cow::Owned(inline.text), strong, &inline.link);
            continue;
        }
        let mut parts = inline.text.split(STRONG).peekable();
        while let Some(part) = parts.next() {
            append(&mut out, Cow::Borrowed(part), strong, &inline.link);
            if parts.peek().is_some() {
                if pairs_left > 0 {
                    strong = !strong;
                    pairs_left -= 1;
                } else {
                    // An unpaired marker stays as the author wrote it.
                    append(&mut out, Cow::Borrowed(STRONG), strong, &inline.link);
                }
            }
        }
    }
    out
}

/// Adds `text` to the run it continues, so a paragraph of many `**` makes
/// one inline per change of style, not one per part (each with its own
/// allocation and a copy of the link).
fn append(out: &mut Vec<Inline>, text: Cow<'_, str>, strong: bool, link: &Option<String>) {
    match out.last_mut() {
        Some(last) if last.strong == strong && last.link == *link => last.text.push_str(&text),
        _ if text.is_empty() => {}
        _ => out.push(Inline {
            text: text.into_owned(),
            strong,
            link: link.clone(),
            ruby: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Body, Vec<Diagnostic>> {
        let map = SourceMap::new("t.md", text);
        parse_body(text, 0, &map)
    }

    #[test]
    fn summary_questions_and_subheadings() {
        let body =
            parse("要約です。\n\n## 質問?\n\n答え。\n\n### 小見出し\n\n- 項目\n  - 入れ子\n")
                .unwrap();
        assert_eq!(body.summary.len(), 1);
        assert_eq!(body.questions[0].title, "質問?");
        let answer = &body.questions[0].answer;
        assert!(matches!(&answer[1], Block::Heading { level: 3, .. }));
        let Block::List { items, .. } = &answer[2] else {
            panic!("{answer:?}")
        };
        assert_eq!(items[0].children[0].text[0].text, "入れ子");
    }

    #[test]
    fn japanese_soft_break_joins_without_space() {
        let body = parse("再手\n術とは\nA\nB\n\n## q\n\na").unwrap();
        let Block::Paragraph { text } = &body.summary[0] else {
            panic!()
        };
        assert_eq!(text[0].text, "再手術とは A B");
    }

    #[test]
    fn bold_next_to_japanese_punctuation() {
        let body = parse("## q\n\n対し、**再手術では39.5%**と、**「原因」**の違い").unwrap();
        let Block::Paragraph { text } = &body.questions[0].answer[0] else {
            panic!()
        };
        let strong: Vec<&str> = text
            .iter()
            .filter(|i| i.strong)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(strong, vec!["再手術では39.5%", "「原因」"]);
        assert!(!text.iter().any(|i| i.text.contains("**")));
    }

    fn answer_text(body: &Body) -> String {
        let Block::Paragraph { text } = &body.questions[0].answer[0] else {
            panic!("{body:?}")
        };
        super::super::model::plain_text(text)
    }

    /// The answer's first paragraph as (text, strong, link) runs.
    fn runs(body: &str) -> Vec<(String, bool, Option<String>)> {
        let body = parse(&format!("## q\n\n{body}\n")).unwrap();
        let Block::Paragraph { text } = &body.questions[0].answer[0] else {
            panic!("{body:?}")
        };
        (text.iter())
            .map(|i| (i.text.clone(), i.strong, i.link.clone()))
            .collect()
    }

    #[test]
    fn breaks_bold_and_escapes_are_resolved_across_inlines() {
        let run =
            |t: &str, strong, link: Option<&str>| (t.to_string(), strong, link.map(String::from));
        let e = Some("https://e.jp/");
        // A newline's neighbours may be in a link or in bold.
        assert_eq!(
            runs("[再](https://e.jp/)\n**手**\n術 A\n[B](https://e.jp/)\tc\r\nd"),
            [
                run("再", false, e),
                run("手", true, None),
                run("術 A ", false, None),
                run("B", false, e),
                run(" c d", false, None),
            ]
        );
        // An escape sequence split by `**`; a newline next to one removed
        // sees the newline after it.
        assert_eq!(
            runs("a\u{1b}**[2J**b **c** 再\n\u{1b}[1m\n手"),
            [
                run("ab ", false, None),
                run("c", true, None),
                run(" 再  手", false, None),
            ]
        );
        assert_eq!(runs("再**手\n術"), [run("再**手術", false, None)]);
        assert_eq!(runs(" **a** \t"), [run("a", true, None)]);
    }

    #[test]
    fn escape_sequences_split_by_the_parser_are_removed_whole() {
        let body = parse("## q\n\na\u{1b}[2J\u{1b}[H\u{1b}]0;TITLE\u{7}b &#27;[31mc&#27;]0;T&#7;d")
            .unwrap();
        assert_eq!(answer_text(&body), "ab cd");
    }

    #[test]
    fn links_with_controls_or_other_schemes_stay_text_with_a_warning() {
        let body = parse(
            "## q\n\n[こちら](https://example.jp/&#27;]52;c;cm0gLXJmIH4K&#7;) [j](javascript:alert(1))\n[f](file:///etc/passwd) [ok](https://e.jp/) [d](doi:10.1/x)",
        )
        .unwrap();
        let Block::Paragraph { text } = &body.questions[0].answer[0] else {
            panic!()
        };
        let links: Vec<&str> = text.iter().filter_map(|i| i.link.as_deref()).collect();
        assert_eq!(links, ["https://e.jp/", "https://doi.org/10.1/x"]);
        assert!(!answer_text(&body).chars().any(is_stripped));
        let w: Vec<String> = body.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w[0].starts_with("t.md:3:1: link to “https://example.jp/\\u{1b}]52"),
            "{w:?}"
        );
        assert!(
            w[2].starts_with("t.md:4:1: link to “file:///etc/passwd”"),
            "{w:?}"
        );
        assert!(!w.concat().chars().any(is_stripped));
    }

    #[test]
    fn lists_nested_too_deep_are_an_error() {
        let ok: String = (0..MAX_LIST_DEPTH)
            .map(|d| format!("{}- a\n", "  ".repeat(d)))
            .collect();
        assert!(parse(&format!("## q\n\n{ok}")).is_ok());
        let deep = format!("## q\n\n{}", "- ".repeat(10_000) + "x\n");
        let errs = parse(&deep).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("at most 64 levels"), "{errs:?}");
    }

    #[test]
    fn question_without_answer_is_reported_at_its_line() {
        let errs = parse("要約\n\n## 一つ目\n\n## 二つ目\n\n答え\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (3, 1));
        assert!(errs[0].message.contains("no answer"));
    }

    /// The answer's first block's runs as (text, ruby, strong, link?).
    fn ruby_runs(body: &str) -> Vec<(String, Option<String>, bool, bool)> {
        let body = parse(&format!("## q\n\n{body}\n")).unwrap();
        let mut out = Vec::new();
        body.questions[0].answer[0].each_text(&mut |runs| {
            out.extend(
                runs.iter()
                    .map(|i| (i.text.clone(), i.ruby.clone(), i.strong, i.link.is_some())),
            );
        });
        out
    }

    fn r(
        text: &str,
        ruby: Option<&str>,
        strong: bool,
        link: bool,
    ) -> (String, Option<String>, bool, bool) {
        (text.into(), ruby.map(String::from), strong, link)
    }

    #[test]
    fn ruby_in_text_bold_links_and_lists() {
        assert_eq!(
            ruby_runs("{腰椎|ようつい}の**{骨|ほね}**と[{神経|しんけい}](https://e.jp/)"),
            [
                r("腰椎", Some("ようつい"), false, false),
                r("の", None, false, false),
                r("骨", Some("ほね"), true, false),
                r("と", None, false, false),
                r("神経", Some("しんけい"), false, true),
            ]
        );
        // Per character, and across a line break (joined as text is).
        assert_eq!(
            ruby_runs("- {偽関節|ぎ|かん|せつ}\n  - {腰\n椎|ようつい}です"),
            [
                r("偽", Some("ぎ"), false, false),
                r("関", Some("かん"), false, false),
                r("節", Some("せつ"), false, false),
                r("腰椎", Some("ようつい"), false, false),
                r("です", None, false, false),
            ]
        );
        let body = parse("## {腰椎|ようつい}とは？\n\n答\n").unwrap();
        let q = &body.questions[0];
        assert_eq!(q.title, "腰椎とは？");
        assert_eq!(q.title_ruby[0].ruby.as_deref(), Some("ようつい"));
        assert!(
            parse("## 問\n\n答\n").unwrap().questions[0]
                .title_ruby
                .is_empty()
        );
    }

    #[test]
    fn braces_that_are_not_ruby_stay_text() {
        for text in [
            "{腰椎}と{",
            "a { b | c",
            "}{|",
            "{a{腰|こし}",
            "\\{腰椎|ようつい}",
            "&#123;腰椎|ようつい}",
            "`{腰椎|ようつい}`",
        ] {
            let runs = ruby_runs(text);
            assert!(
                runs.iter().all(|(_, ruby, ..)| ruby.is_none()) || text.starts_with("{a{"),
                "{text}: {runs:?}"
            );
            assert!(
                runs.iter().any(|(t, ..)| t.contains('{')),
                "{text}: {runs:?}"
            );
        }
        // The brace before it stays text, the ruby after it is ruby.
        assert_eq!(
            ruby_runs("{a{腰|こし}"),
            [
                r("{a", None, false, false),
                r("腰", Some("こし"), false, false)
            ]
        );
        // An escape sequence that ends in `{` is removed, and the ruby
        // after it is still found, at its place.
        assert_eq!(
            ruby_runs("a\u{1b}[{b{腰|こし}"),
            [
                r("ab", None, false, false),
                r("腰", Some("こし"), false, false)
            ]
        );
        let errs = parse("## q\n\na\u{1b}[{b{腰|こし1}\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (3, 6), "{errs:?}");
    }

    #[test]
    fn ruby_problems_are_reported_at_their_brace() {
        let errs = parse(
            "## q\n\n答{|よう}\n\n- x{偽関節|ぎ|かん}\n\n{腰椎|yo}と{腰椎|よう つい}\n\n**{腰椎**|ようつい}\n",
        )
        .unwrap_err();
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(
            msgs[0].starts_with("t.md:3:2: ruby {|よう}: the base is empty"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("t.md:5:4: ruby {偽関節|ぎ|かん}: 2 readings for 3 characters"),
            "{msgs:?}"
        );
        assert!(
            msgs[2].starts_with("t.md:7:1: ruby {腰椎|yo}: reading “yo”"),
            "{msgs:?}"
        );
        assert!(
            msgs[3].starts_with("t.md:7:9: ruby {腰椎|よう つい}"),
            "{msgs:?}"
        );
        assert!(
            msgs[4].starts_with("t.md:9:3: ruby that starts inside bold"),
            "{msgs:?}"
        );
        let body = parse("## q\n\n答\n{腰|こしこしこしこ}\n").unwrap();
        let w: Vec<String> = body.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "t.md:4:1: ruby {腰|こしこしこしこ}: reading “こしこしこしこ” is more than 4 times"
            ),
            "{w:?}"
        );
    }

    #[test]
    fn unsupported_markup_is_reported() {
        let errs = parse("# Title\n\n## q\n\n```\ncode\n```\n").unwrap_err();
        assert!(
            errs[0].message.contains("front matter") && errs[0].line == 1,
            "{errs:?}"
        );
        assert!(
            errs[1].message.contains("unsupported") && errs[1].line == 5,
            "{errs:?}"
        );
    }
}
