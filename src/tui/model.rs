//! The TUI's state, and everything the view draws derived from it.
//!
//! What decides a layout (content, settings, size, clock, month) is private
//! and changes only through methods that lay the screens out again, so no
//! caller can forget to. Navigation (`Nav`) is plain data that `update`
//! changes; the kiosk reaches it only through the session methods.

use ratatui::layout::Rect;

use super::keymap::{Context, help_lines};
use super::panes::{Chrome, Panes, panes, text_area};
use super::search::{self, Hit};
use super::theme::{Theme, ThemeKind};
use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;
use crate::content::{Article, Library};
use crate::layout::clinic::{self, ClinicPage};
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

    /// How much text the item holds, to time a kiosk step by.
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.text().chars().count()).sum()
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
    /// The longest line, in full-width characters: a comfortable measure.
    pub measure: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ambiguous: Ambiguous::Narrow,
            policy: Policy::Normal,
            theme: Theme::new(ThemeKind::Default),
            measure: 40,
        }
    }
}

/// Where the reader is: what a patient changes by reading, and what a new
/// session starts afresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Nav {
    pub screen: Screen,
    /// Where leaving the clinic screen returns to.
    pub previous: Screen,
    /// The help overlay's scroll, when it is open.
    pub help: Option<usize>,
    pub focus: Focus,
    pub selected: usize,
    /// The first line shown of each item's answer.
    pub scroll: Vec<usize>,
    pub outline_scroll: usize,
    pub clinic_scroll: usize,
    pub list_selected: usize,
    pub search: Search,
    pub quit: bool,
    /// Ctrl-Z asked the event loop to suspend (it takes the request).
    pub suspend: bool,
}

impl Nav {
    fn new(screen: Screen, items: usize) -> Nav {
        Nav {
            screen,
            previous: screen,
            help: None,
            focus: Focus::Outline,
            selected: 0,
            scroll: vec![0; items],
            outline_scroll: 0,
            clinic_scroll: 0,
            list_selected: 0,
            search: Search::default(),
            quit: false,
            suspend: false,
        }
    }
}

/// Everything laid out for the current content, settings, size and time.
#[derive(Debug, Clone, Default)]
struct Derived {
    items: Vec<Item>,
    /// Each item with every block on one line: what search looks in, the
    /// same at every window size.
    sources: Vec<Vec<Line>>,
    /// The article's items at the answer pane's width.
    layouts: Vec<ItemLayout>,
    /// The outline's entries at its width, and the rows each takes.
    outline: Vec<Vec<Line>>,
    outline_rows: Vec<(usize, usize)>,
    /// The clinic page at its pane's width.
    clinic: ClinicPage,
    /// The help overlay's lines for the reader and for the clinic screen.
    help: [Vec<Line>; 2],
}

#[derive(Debug, Clone)]
pub struct Model {
    library: Library,
    article: usize,
    settings: Settings,
    /// Kiosk: no key quits, suspends or opens anything outside.
    locked: bool,
    chrome: Chrome,
    area: Rect,
    now: ClinicTime,
    month: Month,
    pub(super) nav: Nav,
    derived: Derived,
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
            article: article
                .unwrap_or(0)
                .min(library.articles.len().saturating_sub(1)),
            library,
            settings,
            locked: false,
            chrome: Chrome::Reader,
            area,
            now,
            month: Month::of(now.date),
            nav: Nav::new(screen, 0),
            derived: Derived::default(),
        };
        model.nav.scroll = vec![0; items(model.article()).len()];
        model.relayout();
        model
    }

    /// The kiosk's reader: no way out for a patient (the lock is a
    /// capability the reader is given), laid out for the kiosk's screen.
    pub fn locked(mut self) -> Model {
        self.locked = true;
        self.chrome = Chrome::Kiosk;
        self.relayout_for_size();
        self
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn article(&self) -> &Article {
        &self.library.articles[self.article]
    }

    pub fn article_index(&self) -> usize {
        self.article
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn panes(&self) -> Panes {
        panes(self.area, self.chrome)
    }

    /// Where the outline's entries are laid out: their pane, or the kiosk's
    /// reading column.
    fn outline_width(&self) -> u16 {
        match self.chrome {
            Chrome::Reader => text_area(self.panes().outline).width,
            Chrome::Kiosk => self.answer_area().width,
        }
    }

    /// Where the clinic page's body is drawn.
    fn clinic_area(&self) -> Rect {
        match self.chrome {
            Chrome::Reader => {
                let header = self.derived.clinic.header.len();
                super::panes::clinic_areas(self.panes().body, header).1
            }
            // The kiosk's header already says the time and status.
            Chrome::Kiosk => self.answer_area(),
        }
    }

    pub fn now(&self) -> ClinicTime {
        self.now
    }

    pub fn month(&self) -> Month {
        self.month
    }

    pub fn screen(&self) -> Screen {
        self.nav.screen
    }

    pub fn focus(&self) -> Focus {
        self.nav.focus
    }

    pub fn selected(&self) -> usize {
        self.nav.selected
    }

    /// The first line shown of item `i`.
    pub fn scroll(&self, i: usize) -> usize {
        self.nav.scroll.get(i).copied().unwrap_or(0)
    }

    pub fn clinic_scroll(&self) -> usize {
        self.nav.clinic_scroll
    }

    pub fn outline_scroll(&self) -> usize {
        self.nav.outline_scroll
    }

    pub fn list_selected(&self) -> usize {
        self.nav.list_selected
    }

    /// The help overlay's scroll, when it is open.
    pub fn help(&self) -> Option<usize> {
        self.nav.help
    }

    pub fn search(&self) -> &Search {
        &self.nav.search
    }

    pub fn quit(&self) -> bool {
        self.nav.quit
    }

    /// Whether Ctrl-Z asked to suspend since the last call.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.nav.suspend)
    }

    /// Which keys apply now.
    pub fn context(&self) -> Context {
        match self.nav.screen {
            Screen::Clinic => Context::Clinic,
            _ => Context::Reader,
        }
    }

    pub fn items(&self) -> &[Item] {
        &self.derived.items
    }

    pub fn layouts(&self) -> &[ItemLayout] {
        &self.derived.layouts
    }

    pub fn outline(&self) -> &[Vec<Line>] {
        &self.derived.outline
    }

    /// Rows of the outline pane each item takes, from the top of the list.
    pub fn outline_rows(&self) -> &[(usize, usize)] {
        &self.derived.outline_rows
    }

    pub fn clinic_page(&self) -> &ClinicPage {
        &self.derived.clinic
    }

    /// The help overlay's lines for the current screen.
    pub fn help_lines(&self) -> &[Line] {
        match self.context() {
            Context::Clinic => &self.derived.help[1],
            _ => &self.derived.help[0],
        }
    }

    /// Where answers are drawn: the answer pane's text area, as wide as the
    /// measure at most and centred, so a wide screen gets margins.
    pub fn answer_area(&self) -> Rect {
        let cols = u16::try_from(self.settings.measure.saturating_mul(2)).unwrap_or(u16::MAX);
        super::panes::column(text_area(self.panes().answer), cols)
    }

    /// Lines of the answer pane that fit on screen.
    pub fn page_height(&self) -> usize {
        usize::from(self.answer_area().height).max(1)
    }

    pub fn max_scroll(&self, item: usize) -> usize {
        self.derived
            .layouts
            .get(item)
            .map_or(0, |l| l.lines.len().saturating_sub(self.page_height()))
    }

    /// Lines of the clinic page's body that fit under its header.
    pub fn clinic_page_height(&self) -> usize {
        usize::from(self.clinic_area().height).max(1)
    }

    /// The furthest the clinic page's body scrolls.
    pub fn clinic_max_scroll(&self) -> usize {
        let page = &self.derived.clinic;
        page.body.len().saturating_sub(self.clinic_page_height())
    }

    /// The furthest the outline scrolls: its last row at the pane's bottom.
    pub fn outline_max_scroll(&self) -> usize {
        let height = usize::from(text_area(self.panes().outline).height);
        let rows = self.derived.outline_rows.last().map_or(0, |r| r.1);
        rows.saturating_sub(height)
    }

    /// Lines of the help overlay that fit in its box.
    pub fn help_page_height(&self) -> usize {
        let popup = super::panes::help_popup(self.area, self.help_lines().len());
        usize::from(text_area(popup).height).max(1)
    }

    /// The furthest the help overlay scrolls.
    pub fn help_max_scroll(&self) -> usize {
        self.help_lines()
            .len()
            .saturating_sub(self.help_page_height())
    }

    // Changes that lay the screens out again.

    /// The terminal's new size; false when it is the size already laid out.
    pub fn resize(&mut self, width: u16, height: u16) -> bool {
        let area = Rect::new(0, 0, width, height);
        if area == self.area {
            return false;
        }
        self.area = area;
        self.relayout_for_size();
        true
    }

    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.relayout();
    }

    /// The clock; true when the screen shows a different minute (only the
    /// clinic screen shows the time).
    pub fn set_now(&mut self, now: ClinicTime) -> bool {
        if now == self.now {
            return false;
        }
        let new_day = now.date != self.now.date;
        self.now = now;
        if new_day {
            self.relayout_clinic();
        } else {
            self.relayout_clinic_header();
        }
        // A status that wraps to another line shortens the page under it.
        self.clamp_scroll();
        self.nav.screen == Screen::Clinic
    }

    pub fn set_month(&mut self, month: Month) {
        if month == self.month {
            return;
        }
        self.month = month;
        self.relayout_clinic();
        self.clamp_scroll();
    }

    /// New content (a kiosk reload): the same article and item where they
    /// still exist, each at the same block.
    pub fn set_library(&mut self, library: Library) {
        let slug = self.article().slug.clone();
        self.article = library
            .articles
            .iter()
            .position(|a| a.slug == slug)
            .unwrap_or(0);
        self.library = library;
        let n = items(self.article()).len();
        self.nav.scroll.resize(n, 0);
        self.nav.selected = self.nav.selected.min(n - 1);
        self.nav.list_selected = self
            .nav
            .list_selected
            .min(self.library.articles.len().saturating_sub(1));
        self.relayout();
    }

    pub fn open_article(&mut self, index: usize) {
        self.article = index.min(self.library.articles.len().saturating_sub(1));
        let screen = self.nav.screen;
        self.nav = Nav {
            list_selected: self.nav.list_selected,
            ..Nav::new(screen, items(self.article()).len())
        };
        self.relayout();
    }

    // The session, for the kiosk: it drives the reader only through these.

    /// As a new patient finds it: the first item, nothing open, no search,
    /// this month.
    pub fn reset_session(&mut self) {
        self.nav = Nav::new(Screen::Reader, self.derived.items.len());
        self.set_month(Month::of(self.now.date));
    }

    /// Shows item `index` from its top, with the answer focused.
    pub fn show(&mut self, index: usize) {
        self.nav.screen = Screen::Reader;
        self.nav.help = None;
        self.select(index);
        self.nav.focus = Focus::Answer;
        let i = self.nav.selected;
        self.nav.scroll[i] = 0;
    }

    /// Shows the clinic page from its top.
    pub fn show_clinic(&mut self) {
        if self.nav.screen != Screen::Clinic {
            self.nav.previous = self.nav.screen;
        }
        self.nav.screen = Screen::Clinic;
        self.nav.help = None;
        self.nav.clinic_scroll = 0;
    }

    /// Scrolls what the screen shows (an answer or the clinic page) to `line`,
    /// within its limits; true when it moved.
    pub fn scroll_to(&mut self, line: usize) -> bool {
        let target = match self.nav.screen {
            Screen::Clinic => {
                let max = self.clinic_max_scroll();
                (&mut self.nav.clinic_scroll, max)
            }
            _ => {
                let i = self.nav.selected;
                let max = self.max_scroll(i);
                (&mut self.nav.scroll[i], max)
            }
        };
        let (scroll, max) = target;
        let before = *scroll;
        *scroll = line.min(max);
        before != *scroll
    }

    /// Scrolls what the screen shows by `delta` lines; true when it moved.
    pub fn scroll_by(&mut self, delta: isize) -> bool {
        let now = match self.nav.screen {
            Screen::Clinic => self.nav.clinic_scroll,
            _ => self.scroll(self.nav.selected),
        };
        self.scroll_to(now.saturating_add_signed(delta))
    }

    /// Lines a page moves on the current screen: its height less one, so
    /// the last line of a page is the first of the next.
    pub fn page_step(&self) -> usize {
        let height = match self.nav.screen {
            Screen::Clinic => self.clinic_page_height(),
            _ => self.page_height(),
        };
        height.saturating_sub(1).max(1)
    }

    /// The furthest the current screen scrolls.
    pub fn screen_max_scroll(&self) -> usize {
        match self.nav.screen {
            Screen::Clinic => self.clinic_max_scroll(),
            _ => self.max_scroll(self.nav.selected),
        }
    }

    /// Characters on the current screen, to time a kiosk step by.
    pub fn screen_chars(&self) -> usize {
        match self.nav.screen {
            Screen::Clinic => self.derived.clinic.chars(),
            _ => self
                .derived
                .layouts
                .get(self.nav.selected)
                .map_or(0, ItemLayout::chars),
        }
    }

    /// Selects an outline item and scrolls the outline to show it.
    pub(super) fn select(&mut self, index: usize) {
        self.nav.selected = index.min(self.derived.items.len().saturating_sub(1));
        let height = usize::from(text_area(self.panes().outline).height);
        if let Some(&(start, end)) = self.derived.outline_rows.get(self.nav.selected) {
            let top = &mut self.nav.outline_scroll;
            if start < *top {
                *top = start;
            } else if end > *top + height {
                *top = end.saturating_sub(height);
            }
        }
    }

    pub(super) fn research(&mut self) {
        let shown: Vec<&[Line]> = self
            .derived
            .layouts
            .iter()
            .map(|l| l.lines.as_slice())
            .collect();
        let s = &mut self.nav.search;
        s.hits = search::find(&self.derived.sources, &shown, &s.query);
        if s.current.is_some_and(|c| c >= s.hits.len()) {
            s.current = None;
        }
    }

    fn doc_options(&self, width: u16) -> DocOptions {
        DocOptions {
            width: usize::from(width).max(1),
            ambiguous: self.settings.ambiguous,
            body: self.settings.policy,
        }
    }

    /// Lays everything out again, for new content or settings.
    fn relayout(&mut self) {
        self.relayout_sources();
        self.relayout_for_size();
    }

    /// What does not depend on the window: the items' search sources.
    fn relayout_sources(&mut self) {
        let unbounded = self.doc_options(u16::MAX);
        let article = &self.library.articles[self.article];
        self.derived.sources = items(article)
            .iter()
            .map(|&i| {
                let opts = DocOptions {
                    width: SOURCE_WIDTH,
                    ..unbounded
                };
                layout_item(article, i, &opts).lines
            })
            .collect();
    }

    /// Lays out for the current size, keeping each item's reader at the same
    /// block.
    fn relayout_for_size(&mut self) {
        let answer = self.doc_options(self.answer_area().width);
        let outline = self.doc_options(self.outline_width());
        let article = &self.library.articles[self.article];
        let items = items(article);
        let old = std::mem::take(&mut self.derived.layouts);
        self.derived.layouts = items
            .iter()
            .map(|&i| layout_item(article, i, &answer))
            .collect();
        self.derived.outline = items
            .iter()
            .map(|&i| outline_entry(article, i, &outline))
            .collect();
        let mut y = 0;
        self.derived.outline_rows = self
            .derived
            .outline
            .iter()
            .map(|entry| {
                let rows = (y, y + entry.len());
                y += entry.len() + 1;
                rows
            })
            .collect();
        self.derived.items = items;
        let popup = super::panes::help_popup(self.area, 0);
        let help = self.doc_options(text_area(popup).width);
        let questions = self.article().questions.len();
        self.derived.help = [Context::Reader, Context::Clinic]
            .map(|c| help_lines(c, self.locked, questions, &help));
        for (i, layout) in self.derived.layouts.iter().enumerate() {
            if let (Some(before), Some(top)) = (old.get(i), self.nav.scroll.get_mut(i)) {
                *top = keep_anchor(before, layout, *top);
            }
        }
        self.relayout_clinic();
        self.clamp_scroll();
        if !self.nav.search.query.is_empty() {
            self.research();
        }
    }

    fn clinic_width(&self) -> u16 {
        match self.chrome {
            Chrome::Reader => text_area(self.panes().body).width,
            Chrome::Kiosk => self.answer_area().width,
        }
    }

    fn relayout_clinic(&mut self) {
        let opts = self.doc_options(self.clinic_width());
        self.derived.clinic = clinic::page(&self.library.clinic, self.now, self.month, &opts);
    }

    /// Within a day only the header (clock and status) changes.
    fn relayout_clinic_header(&mut self) {
        let opts = self.doc_options(self.clinic_width());
        self.derived.clinic.header = clinic::header(&self.library.clinic, self.now, &opts);
    }

    fn clamp_scroll(&mut self) {
        for i in 0..self.nav.scroll.len() {
            self.nav.scroll[i] = self.nav.scroll[i].min(self.max_scroll(i));
        }
        self.nav.clinic_scroll = self.nav.clinic_scroll.min(self.clinic_max_scroll());
        self.nav.outline_scroll = self.nav.outline_scroll.min(self.outline_max_scroll());
        let help_max = self.help_max_scroll();
        if let Some(h) = &mut self.nav.help {
            *h = (*h).min(help_max);
        }
    }
}

/// Wide enough that no paragraph of an article wraps.
const SOURCE_WIDTH: usize = 1 << 24;

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
