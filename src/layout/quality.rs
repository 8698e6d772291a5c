//! How natural a layout's line breaks are, counted the same way for our
//! policies and for a browser's lines (issue 19, item 10): the share of
//! breaks that fall inside a BudouX phrase, and how full the lines are.
//!
//! A layout of an item (a paragraph or a list item's text, laid out on its
//! own at the full width) is given as the character positions where its
//! lines after the first begin.
//!
//! - A break is *inside a phrase* when it is neither a BudouX boundary
//!   (less those before a closing mark or after an opening one, …ですか|？,
//!   where kinsoku keeps the mark with its phrase) nor next to a space.
//! - *Fill* is the mean, over the lines that are not an item's last, of a
//!   line's width in columns (trailing spaces left out) over the width.
//! - A *short last line* holds one or two characters (「す。」).

use super::breaks::{Policy, is_no_end, is_no_start};
use super::phrases;
use super::style::{Line, Span, Style};
use super::wrap::{WrapOptions, wrap};
use crate::content::model::{Article, Block, ListItem, plain_text};
use crate::text::width::{Ambiguous, str_width};

/// Sums over items at one width; add items with [`Quality::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quality {
    pub width: usize,
    pub breaks: usize,
    pub inside: usize,
    /// Columns used by the lines that count for fill, and how many there are.
    pub filled: usize,
    pub lines: usize,
    pub short_last_lines: usize,
}

impl Quality {
    pub fn new(width: usize) -> Quality {
        Quality {
            width,
            breaks: 0,
            inside: 0,
            filled: 0,
            lines: 0,
            short_last_lines: 0,
        }
    }

    /// `items` laid out by `policy`, as body text is (narrow ambiguous widths).
    pub fn of_policy(items: &[String], width: usize, policy: Policy) -> Quality {
        let mut quality = Quality::new(width);
        let opts = WrapOptions::new(width).with_policy(policy);
        for text in items {
            let lines = wrap(&[Span::new(text.as_str(), Style::BODY)], &opts);
            quality.add(text, &line_starts(text, &lines));
        }
        quality
    }

    /// Counts one item laid out with lines starting at `breaks` (increasing
    /// character positions, 0 and the end left out).
    pub fn add(&mut self, text: &str, breaks: &[usize]) {
        let chars: Vec<char> = text.chars().collect();
        let bounds = phrase_bounds(&chars);
        let starts = std::iter::once(0).chain(breaks.iter().copied());
        let ends = breaks.iter().copied().chain(std::iter::once(chars.len()));
        let lines: Vec<(usize, usize)> = starts.zip(ends).collect();
        for &at in breaks {
            self.breaks += 1;
            let at_space = chars[at] == ' ' || chars[at - 1] == ' ';
            if !at_space && bounds.binary_search(&at).is_err() {
                self.inside += 1;
            }
        }
        let columns = |(start, end): (usize, usize)| {
            let line: String = chars[start..end].iter().collect();
            str_width(line.trim_end_matches(' '), Ambiguous::Narrow)
        };
        if let [body @ .., last] = &lines[..] {
            self.filled += body.iter().map(|&l| columns(l)).sum::<usize>();
            self.lines += body.len();
            let characters = chars[last.0..last.1].iter().filter(|&&c| c != ' ').count();
            if !body.is_empty() && characters <= 2 {
                self.short_last_lines += 1;
            }
        }
    }

    /// Breaks inside a phrase, in percent of all breaks.
    pub fn inside_percent(&self) -> f64 {
        100.0 * self.inside as f64 / self.breaks.max(1) as f64
    }

    /// Fill in percent.
    pub fn fill_percent(&self) -> f64 {
        100.0 * self.filled as f64 / (self.lines * self.width).max(1) as f64
    }
}

/// Where each line of `lines` after the first begins in `text` (which they
/// were laid out from, and whose spaces at the breaks they leave out).
pub fn line_starts(text: &str, lines: &[Line]) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        if i > 0 {
            starts.push(at);
        }
        at += line.text().chars().count();
    }
    starts
}

/// BudouX's boundaries in `chars` where a line may break, in order.
pub fn phrase_bounds(chars: &[char]) -> Vec<usize> {
    let mut bounds = Vec::new();
    phrases::boundaries(chars, |b| {
        if !is_no_start(chars[b]) && !is_no_end(chars[b - 1]) {
            bounds.push(b);
        }
    });
    bounds
}

/// The article's items whose breaks are counted: the summary's and the
/// answers' paragraphs and list items (nested ones too), as plain text.
pub fn body_items(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    let answers = article.questions.iter().flat_map(|q| q.answer.iter());
    for block in article.summary.iter().chain(answers) {
        match block {
            Block::Paragraph { text } => out.push(plain_text(text)),
            // In reading order, with a stack: lists nest deeper than a
            // thread's stack goes (see `document::list`).
            Block::List { items, .. } => {
                let mut stack: Vec<&ListItem> = items.iter().rev().collect();
                while let Some(item) = stack.pop() {
                    out.push(plain_text(&item.text));
                    stack.extend(item.children.iter().rev());
                }
            }
            Block::Heading { .. } => {}
        }
    }
    out
}
