//! The TUI's state. Everything the view draws is here or derived from here.

use ratatui::layout::Rect;

use super::panes::{panes, text_area};
use super::search::Hit;
use super::theme::Theme;
use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;
use crate::content::{Article, Library};
use crate::layout::document::{self, DocOptions};
use crate::layout::{Ambiguous, Line, Policy};
use crate::strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The list of articles (when there is more than one).
    Articles,
    Reader,
    Clinic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Answer,
}

/// An entry of the outline: the summary, a question, the references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Summary,
    Question(usize),
    References,
}

pub fn items(article: &Article) -> Vec<Item> {
    std::iter::once(Item::Summary)
        .chain((0..article.questions.len()).map(Item::Question))
        .chain(std::iter::once(Item::References))
        .collect()
}

/// An item laid out for the answer pane, with the line each block starts on
/// (so a resize can keep the reader at the same paragraph).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemLayout {
    pub lines: Vec<Line>,
    pub anchors: Vec<usize>,
}

impl ItemLayout {
    /// The lines block `n` takes.
    fn block(&self, n: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.anchors.get(n)?;
        let end = self.anchors.get(n + 1).copied().unwrap_or(self.lines.len());
        Some(start..end)
    }
}

pub fn layout_item(article: &Article, item: Item, opts: &DocOptions) -> ItemLayout {
    let (head, parts) = match item {
        Item::Summary => (
            document::heading(strings::SUMMARY, opts),
            article
                .summary
                .iter()
                .map(|b| document::block(b, opts))
                .collect(),
        ),
        Item::Question(i) => (
            document::question(i + 1, &article.questions[i].title, opts),
            article.questions[i]
                .answer
                .iter()
                .map(|b| document::block(b, opts))
                .collect(),
        ),
        Item::References => (
            document::heading(strings::REFERENCES, opts),
            document::reference_parts(&article.references, opts),
        ),
    };
    let (lines, anchors) = document::stack(std::iter::once(head).chain::<Vec<Vec<Line>>>(parts));
    ItemLayout { lines, anchors }
}

/// How the outline names an item, laid out to its width.
pub fn outline_entry(article: &Article, item: Item, opts: &DocOptions) -> Vec<Line> {
    match item {
        Item::Summary => document::heading(strings::SUMMARY, opts),
        Item::Question(i) => document::question(i + 1, &article.questions[i].title, opts),
        Item::References => document::heading(strings::REFERENCES, opts),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The query is being typed.
    pub editing: bool,
    pub query: String,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub ambiguous: Ambiguous,
    pub policy: Policy,
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ambiguous: Ambiguous::Narrow,
            policy: Policy::Normal,
            theme: Theme::new(super::theme::ThemeKind::Default),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    pub library: Library,
    pub article: usize,
    pub screen: Screen,
    /// Where Esc on the clinic screen returns to.
    pub previous: Screen,
    pub help: bool,
    pub help_scroll: usize,
    pub focus: Focus,
    pub selected: usize,
    /// The first line shown of each item's answer.
    pub scroll: Vec<usize>,
    pub outline_scroll: usize,
    pub clinic_scroll: usize,
    pub list_selected: usize,
    pub area: Rect,
    pub settings: Settings,
    pub search: Search,
    pub now: ClinicTime,
    pub month: Month,
    pub quit: bool,
    /// Ctrl-Z asked the event loop to suspend (it takes the request).
    pub suspend: bool,
    /// Kiosk: no key quits.
    pub locked: bool,
    /// The current article's items at the current answer width.
    pub layouts: Vec<ItemLayout>,
    /// The outline's entries at the current outline width.
    pub outline: Vec<Vec<Line>>,
}

impl Model {
    /// `article`: open that article; `None` opens the list when there are several.
    pub fn new(
        library: Library,
        article: Option<usize>,
        settings: Settings,
        area: Rect,
        now: ClinicTime,
    ) -> Model {
        let screen = match article {
            None if library.articles.len() > 1 => Screen::Articles,
            _ => Screen::Reader,
        };
        let mut model = Model {
            article: article.unwrap_or(0),
            library,
            screen,
            previous: screen,
            help: false,
            help_scroll: 0,
            focus: Focus::Outline,
            selected: 0,
            scroll: Vec::new(),
            outline_scroll: 0,
            clinic_scroll: 0,
            list_selected: 0,
            area,
            settings,
            search: Search::default(),
            now,
            month: Month::of(now.date),
            quit: false,
            suspend: false,
            locked: false,
            layouts: Vec::new(),
            outline: Vec::new(),
        };
        model.open_article(model.article);
        model
    }

    pub fn article(&self) -> &Article {
        &self.library.articles[self.article]
    }

    pub fn items(&self) -> Vec<Item> {
        items(self.article())
    }

    pub fn open_article(&mut self, index: usize) {
        self.article = index.min(self.library.articles.len().saturating_sub(1));
        self.selected = 0;
        self.focus = Focus::Outline;
        self.scroll = vec![0; self.items().len()];
        self.outline_scroll = 0;
        self.search = Search::default();
        self.relayout();
    }

    fn doc_options(&self, width: u16) -> DocOptions {
        DocOptions {
            width: usize::from(width).max(1),
            ambiguous: self.settings.ambiguous,
            body: self.settings.policy,
        }
    }

    pub fn answer_width(&self) -> u16 {
        text_area(panes(self.area).answer).width
    }

    pub fn outline_width(&self) -> u16 {
        text_area(panes(self.area).outline).width
    }

    /// Lines of the answer pane that fit on screen.
    pub fn page_height(&self) -> usize {
        usize::from(text_area(panes(self.area).answer).height).max(1)
    }

    /// Lays the article out for the current size, keeping each item's reader
    /// at the same block.
    pub fn relayout(&mut self) {
        let answer = self.doc_options(self.answer_width());
        let outline = self.doc_options(self.outline_width());
        let article = &self.library.articles[self.article];
        let items = items(article);
        let old = std::mem::take(&mut self.layouts);
        self.layouts = items
            .iter()
            .map(|&i| layout_item(article, i, &answer))
            .collect();
        self.outline = items
            .iter()
            .map(|&i| outline_entry(article, i, &outline))
            .collect();
        for (i, layout) in self.layouts.iter().enumerate() {
            if let (Some(before), Some(top)) = (old.get(i), self.scroll.get_mut(i)) {
                *top = keep_anchor(before, layout, *top);
            }
        }
        self.clamp_scroll();
        if !self.search.query.is_empty() {
            self.research();
        }
    }

    pub fn max_scroll(&self, item: usize) -> usize {
        self.layouts
            .get(item)
            .map_or(0, |l| l.lines.len().saturating_sub(self.page_height()))
    }

    pub fn clamp_scroll(&mut self) {
        for i in 0..self.scroll.len() {
            self.scroll[i] = self.scroll[i].min(self.max_scroll(i));
        }
    }

    pub fn research(&mut self) {
        let items = self.layouts.iter().map(|l| l.lines.as_slice());
        self.search.hits = super::search::find(items, &self.search.query);
        if self
            .search
            .current
            .is_some_and(|c| c >= self.search.hits.len())
        {
            self.search.current = None;
        }
    }
}

/// The new first line for a reader who was at `top` in `before`.
fn keep_anchor(before: &ItemLayout, after: &ItemLayout, top: usize) -> usize {
    let block = before
        .anchors
        .partition_point(|&a| a <= top)
        .saturating_sub(1);
    let (Some(old), Some(new)) = (before.block(block), after.block(block)) else {
        return 0;
    };
    // Within a block, keep the same share of the way through it.
    new.start + (top - old.start) * new.len() / old.len().max(1)
}
