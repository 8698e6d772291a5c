//! The TUI's state, and the caches of everything the view draws from it.
//!
//! What decides a layout (content, settings, size, clock, month) is private
//! and changes only through methods that lay the screens out again, so no
//! caller can forget to. The items are in `items`; where the patient is, and
//! the session API that moves it, in `session`.

mod items;
mod session;

pub use crate::layout::library::{LibraryPage, ResultsPage};
pub use items::{Item, ItemLayout, item_text, items, layout_item, outline_entry};
pub(super) use session::Nav;
pub use session::{Place, Slot};

use std::cell::{OnceCell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::layout::Rect;

use super::keymap::{Context, help_lines};
use super::panes::{Chrome, Panes, panes, text_area};
use super::search::{self, Found, Hit, Index, Places, Segment};
use super::theme::{Theme, ThemeKind};
use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;
use crate::content::{Article, Library};
use crate::layout::clinic::{self, ClinicPage};
use crate::layout::document::{DocOptions, Furigana};
use crate::layout::{Ambiguous, Line, Policy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The library: the articles by category (when there is more than one).
    Library,
    Reader,
    Clinic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Answer,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The query is being typed.
    pub editing: bool,
    pub query: String,
    pub hits: Vec<Hit>,
    /// On the library: the matches listed (the first of each article, and
    /// of all), in the library's order.
    pub found: Vec<Found>,
    /// On the library: each article with matches, and how many it has.
    pub counts: Vec<(usize, usize)>,
    /// The match chosen: of `hits` in an article, of `found` on the library.
    pub current: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub ambiguous: Ambiguous,
    pub policy: Policy,
    pub theme: Theme,
    /// The longest line, in full-width characters: a comfortable measure.
    pub measure: usize,
    /// Where readings show, each above its word on a ruby row where the
    /// line has room.
    pub furigana: Furigana,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ambiguous: Ambiguous::Narrow,
            policy: Policy::Normal,
            theme: Theme::new(ThemeKind::Default),
            measure: 40,
            furigana: Furigana::First,
        }
    }
}

/// Matches listed for each article in a search from the library, and in
/// all: the rest are counted, and found once the article is open.
const RESULTS_PER_ARTICLE: usize = 10;
const RESULTS_SHOWN: usize = 300;
/// Chars of text shown before and after a match in the library's results.
const CONTEXT_CHARS: usize = 12;

/// Entries of the outline laid out before its length is estimated: an
/// article this short has its scrollbar exact from the first frame, for
/// about 3 ms.
const OUTLINE_EAGER: usize = 64;

/// Everything laid out for the current content, settings, size and time.
/// Items, outline entries and the search index are laid out or made when
/// first asked for (an article of 3,000 questions shows its first frame
/// without laying the rest out), through `&self`, so the view stays a
/// function of the model; the methods that relayout empty them.
#[derive(Debug, Clone, Default)]
struct Derived {
    items: Vec<Item>,
    /// The article's related articles that the outline lists after its
    /// items, as indices into the library.
    related: Vec<usize>,
    /// The library page at its column's width, and the options it was laid
    /// out with: opening an article lays out again only what changed.
    library: LibraryPage,
    library_opts: Option<DocOptions>,
    /// Every article's text folded for search, made on the first search
    /// from the library; kept until the content changes.
    library_index: OnceCell<Vec<Index>>,
    /// The library search's matches laid out, when first shown.
    results: OnceCell<ResultsPage>,
    /// The article's text folded for search, made on the first search: the
    /// same at every window size.
    index: OnceCell<Index>,
    /// The article's items at the answer pane's width.
    layouts: Vec<OnceCell<ItemLayout>>,
    /// Where each item's text is in its layout, for the items whose search
    /// matches have been shown.
    places: Vec<OnceCell<Places>>,
    /// The outline's entries at its width.
    outline: Vec<OnceCell<Vec<Line>>>,
    /// The rows each entry takes, for the entries from the top laid out so far.
    outline_rows: RefCell<Vec<(usize, usize)>>,
    /// The clinic page at its pane's width.
    clinic: ClinicPage,
    /// The help overlay's lines for the library, the reader and the clinic
    /// screen.
    help: [Vec<Line>; 3],
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

/// The largest screen laid out and drawn; a larger window shows it in its
/// top-left corner. Two buffers of its cells are about 50 MB: a window of
/// 65535×65535 (a terminal may report one) would be 206 GB, refused here
/// before anything is allocated for it.
pub const MAX_SCREEN: (u16, u16) = (1024, 512);

/// The screen for a window of `width`×`height`, within [`MAX_SCREEN`].
pub fn screen_area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_SCREEN.0), height.min(MAX_SCREEN.1))
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
            None if library.articles.len() > 1 => Screen::Library,
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
            area: screen_area(area.width, area.height),
            now,
            month: Month::of(now.date),
            nav: Nav::new(screen, 0),
            derived: Derived::default(),
        };
        model.relayout();
        model.nav.scroll = vec![0; model.outline_len()];
        model.choose(model.derived.library.entry_of(model.article).unwrap_or(0));
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

    /// Where the library is drawn at the size last laid out for.
    pub fn library_area(&self) -> Rect {
        self.library_area_in(self.area)
    }

    /// Where the library is drawn on a screen of `area`: the reader's body
    /// held to the reading measure; the kiosk's reading column.
    pub fn library_area_in(&self, area: Rect) -> Rect {
        match self.chrome {
            Chrome::Reader => {
                let cols = u16::try_from(self.settings.measure.saturating_mul(2));
                let body = text_area(panes(area, self.chrome).body);
                super::panes::column(body, cols.unwrap_or(u16::MAX))
            }
            Chrome::Kiosk => self.answer_area_in(area),
        }
    }

    /// Where the clinic page's body is drawn.
    pub fn clinic_area(&self) -> Rect {
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
            Screen::Library => Context::Library,
            Screen::Clinic => Context::Clinic,
            Screen::Reader => Context::Reader,
        }
    }

    pub fn items(&self) -> &[Item] {
        &self.derived.items
    }

    /// Where the references are among the items.
    pub fn references(&self) -> usize {
        let items = &self.derived.items;
        (items.iter().position(|&i| i == Item::References)).unwrap_or(items.len() - 1)
    }

    /// The outline's entries: the article's items, then its related articles.
    pub fn outline_len(&self) -> usize {
        self.derived.items.len() + self.derived.related.len()
    }

    /// The article outline entry `i` opens, when it names a related one.
    pub fn related_at(&self, i: usize) -> Option<usize> {
        let k = i.checked_sub(self.derived.items.len())?;
        self.derived.related.get(k).copied()
    }

    /// Outline entry `i` laid out for the answer pane (laid out now if it
    /// was not): an item, or a related article's title and summary.
    pub fn layout(&self, i: usize) -> Option<&ItemLayout> {
        let cell = self.derived.layouts.get(i)?;
        Some(cell.get_or_init(|| {
            let opts = self.doc_options(self.answer_area().width);
            match self.related_at(i) {
                Some(a) => items::layout_related(&self.library.articles[a], &opts),
                None => layout_item(self.article(), self.derived.items[i], &opts),
            }
        }))
    }

    pub fn library_page(&self) -> &LibraryPage {
        &self.derived.library
    }

    pub fn library_scroll(&self) -> usize {
        self.nav.library_scroll
    }

    /// Every item laid out: this lays out the whole article.
    pub fn layouts(&self) -> Vec<&ItemLayout> {
        (0..self.derived.items.len())
            .filter_map(|i| self.layout(i))
            .collect()
    }

    /// Outline entry `i` laid out to its width (laid out now if it was not).
    pub fn outline_entry(&self, i: usize) -> &[Line] {
        let Some(cell) = self.derived.outline.get(i) else {
            return &[];
        };
        cell.get_or_init(|| {
            let opts = self.doc_options(self.outline_width());
            match self.related_at(i) {
                Some(a) => items::related_entry(&self.library.articles[a], &opts),
                None => outline_entry(self.article(), self.derived.items[i], &opts),
            }
        })
    }

    /// Every outline entry: this lays out the whole outline.
    pub fn outline(&self) -> Vec<&[Line]> {
        (0..self.outline_len())
            .map(|i| self.outline_entry(i))
            .collect()
    }

    /// Rows of the outline pane entry `i` takes, from the top of the list
    /// (laying out the entries above it).
    pub fn outline_span(&self, i: usize) -> Option<(usize, usize)> {
        self.outline_rows_to(i + 1);
        self.derived.outline_rows.borrow().get(i).copied()
    }

    /// Rows of the outline pane each entry takes: this lays out the whole
    /// outline.
    pub fn outline_rows(&self) -> Vec<(usize, usize)> {
        self.outline_rows_to(self.outline_len());
        self.derived.outline_rows.borrow().clone()
    }

    /// The first outline entry that ends below row `row`, if any.
    pub fn outline_entry_from(&self, row: usize) -> Option<usize> {
        let n = self.outline_len();
        let mut i = {
            let rows = self.derived.outline_rows.borrow();
            let i = rows.partition_point(|&(_, end)| end <= row);
            if i < rows.len() {
                return Some(i);
            }
            i
        };
        // Lay out entries from where the known rows end until one reaches it.
        while i < n {
            if self.outline_span(i).is_some_and(|(_, end)| end > row) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The outline entry on row `row`, if the row is not a gap between two.
    pub fn outline_entry_at(&self, row: usize) -> Option<usize> {
        self.outline_entry_from(row)
            .filter(|&i| self.outline_span(i).is_some_and(|(start, _)| start <= row))
    }

    /// The outline's rows: exact once every entry is laid out (an outline
    /// of up to [`OUTLINE_EAGER`] entries always is), else estimated from
    /// the entries laid out so far.
    pub fn outline_total(&self) -> usize {
        let n = self.outline_len();
        self.outline_rows_to(OUTLINE_EAGER.min(n));
        let rows = self.derived.outline_rows.borrow();
        match rows.last() {
            Some(&(_, end)) if rows.len() < n => (end + 1) * n / rows.len() - 1,
            Some(&(_, end)) => end,
            None => 0,
        }
    }

    /// Lays out the outline's first `n` entries, if they are not yet.
    fn outline_rows_to(&self, n: usize) {
        let n = n.min(self.outline_len());
        let mut i = self.derived.outline_rows.borrow().len();
        // A kiosk's entry is a button: its lines and a blank row above and below.
        let pad = if self.chrome == Chrome::Kiosk { 2 } else { 0 };
        while i < n {
            let height = self.outline_entry(i).len() + pad;
            let mut rows = self.derived.outline_rows.borrow_mut();
            let start = rows.last().map_or(0, |&(_, end)| end + 1);
            rows.push((start, start + height));
            i += 1;
        }
    }

    pub fn clinic_page(&self) -> &ClinicPage {
        &self.derived.clinic
    }

    /// The article a notice on line `line` of the clinic page's body opens.
    pub fn notice_article_at(&self, line: usize) -> Option<usize> {
        let (_, slug) = (self.derived.clinic.articles.iter()).find(|(r, _)| r.contains(&line))?;
        self.library.articles.iter().position(|a| &a.slug == slug)
    }

    /// The article of the first notice shown on the clinic page that opens one.
    pub fn notice_article_shown(&self) -> Option<usize> {
        let s = self.clinic_scroll_state();
        let shown = s.offset()..s.offset() + s.shown();
        let articles = &self.derived.clinic.articles;
        let (r, _) = articles
            .iter()
            .find(|(r, _)| r.start < shown.end && r.end > shown.start)?;
        self.notice_article_at(r.start)
    }

    /// The help overlay's lines for the current screen.
    pub fn help_lines(&self) -> &[Line] {
        match self.context() {
            Context::Library => &self.derived.help[0],
            Context::Clinic => &self.derived.help[2],
            _ => &self.derived.help[1],
        }
    }

    /// Where answers are drawn at the size last laid out for (see
    /// [`super::panes::reading_column`]); a view takes its own from its frame.
    pub fn answer_area(&self) -> Rect {
        self.answer_area_in(self.area)
    }

    /// Where answers are drawn on a screen of `area`.
    pub fn answer_area_in(&self, area: Rect) -> Rect {
        super::panes::reading_column(area, self.chrome, self.settings.measure)
    }

    /// Lines of the answer pane that fit on screen.
    pub fn page_height(&self) -> usize {
        usize::from(self.answer_area().height).max(1)
    }

    pub fn max_scroll(&self, item: usize) -> usize {
        self.item_scroll(item).max()
    }

    /// Lines of the clinic page's body that fit under its header.
    pub fn clinic_page_height(&self) -> usize {
        usize::from(self.clinic_area().height).max(1)
    }

    /// The furthest the clinic page's body scrolls.
    pub fn clinic_max_scroll(&self) -> usize {
        self.clinic_scroll_state().max()
    }

    /// The furthest the outline scrolls: its last row at the pane's bottom
    /// (the kiosk's: its last page).
    pub fn outline_max_scroll(&self) -> usize {
        self.outline_scroll_state().max()
    }

    /// Lines of the help overlay that fit in its box.
    pub fn help_page_height(&self) -> usize {
        let popup = super::panes::help_popup(self.area, self.help_lines().len());
        usize::from(text_area(popup).height).max(1)
    }

    /// The furthest the help overlay scrolls.
    pub fn help_max_scroll(&self) -> usize {
        self.help_scroll().max()
    }

    // Changes that lay the screens out again.

    /// The terminal's new size; false when it is the size already laid out.
    pub fn resize(&mut self, width: u16, height: u16) -> bool {
        let area = screen_area(width, height);
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

    /// Shows readings as `furigana` says, each reader kept at its block.
    /// Search finds the same places: its index does not depend on them.
    pub fn set_furigana(&mut self, furigana: Furigana) {
        if furigana != self.settings.furigana {
            self.settings.furigana = furigana;
            // Only the article has readings: not the help or clinic page.
            self.relayout_items();
            self.clamp_scroll();
        }
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

    /// Shows `month`'s calendar: the clinic page scrolls to the calendars
    /// when they are out of view, so that a change of month is seen.
    pub fn set_month(&mut self, month: Month) {
        if month == self.month {
            return;
        }
        self.month = month;
        self.relayout_clinic();
        let at = self.derived.clinic.calendars;
        let (top, height) = (self.nav.clinic_scroll, self.clinic_page_height());
        // The legend, a month's title, its weekdays and a first week.
        let shown = at >= top && at + 4 <= top + height;
        if self.nav.screen == Screen::Clinic && !shown {
            self.nav.clinic_scroll = at;
        }
        self.clamp_scroll();
    }

    /// New content (a kiosk reload): the same article and item where they
    /// still exist, each at the same block. Returns the content it
    /// replaces, for the caller to free where no frame waits for it.
    pub fn set_library(&mut self, library: Library) -> Library {
        let slug = self.article().slug.clone();
        self.article = library
            .articles
            .iter()
            .position(|a| a.slug == slug)
            .unwrap_or(0);
        // The entry chosen in the library, by its article.
        let chosen = self.library_article();
        let chosen = chosen
            .and_then(|a| self.library.articles.get(a))
            .map(|a| a.slug.clone());
        let old = std::mem::replace(&mut self.library, library);
        self.derived.library_opts = None;
        self.derived.library_index = OnceCell::new();
        self.relayout();
        let n = self.outline_len();
        self.nav.scroll.resize(n, 0);
        self.nav.selected = self.nav.selected.min(n - 1);
        let chosen =
            chosen.and_then(|slug| self.library.articles.iter().position(|a| a.slug == slug));
        self.nav.list_selected = chosen
            .and_then(|a| self.derived.library.entry_of(a))
            .unwrap_or(0);
        self.clamp_scroll();
        old
    }

    /// The article of the library's chosen entry.
    pub fn library_article(&self) -> Option<usize> {
        let entries = &self.derived.library.entries;
        entries.get(self.nav.list_selected).map(|e| e.article)
    }

    /// Opens article `index` at its outline, with the library's entry on it
    /// for the way back; the session's search and history start afresh.
    pub fn open_article(&mut self, index: usize) {
        self.article = index.min(self.library.articles.len().saturating_sub(1));
        self.nav = Nav {
            library_scroll: self.nav.library_scroll,
            ..Nav::new(Screen::Reader, 0)
        };
        self.relayout();
        self.nav.scroll = vec![0; self.outline_len()];
        self.nav.list_selected = self.derived.library.entry_of(self.article).unwrap_or(0);
    }

    /// Selects an outline item and scrolls the outline to show it (in the
    /// kiosk, to the page it is on).
    pub(super) fn select(&mut self, index: usize) {
        self.nav.selected = index.min(self.outline_len().saturating_sub(1));
        if self.chrome == Chrome::Kiosk {
            let start = self.outline_span(self.nav.selected).map_or(0, |s| s.0);
            self.nav.outline_scroll = self.outline_scroll_state().page_of(start);
            return;
        }
        let height = usize::from(text_area(self.panes().outline).height);
        if let Some((start, end)) = self.outline_span(self.nav.selected) {
            let top = self.nav.outline_scroll;
            let top = if start < top {
                start
            } else if end > top + height {
                end.saturating_sub(height)
            } else {
                top
            };
            // Within the end even where the pane has no room at all.
            self.nav.outline_scroll = top.min(self.outline_max_scroll());
        }
    }

    pub(super) fn research(&mut self) {
        if self.nav.screen == Screen::Library {
            return self.research_library();
        }
        let article = &self.library.articles[self.article];
        let items = &self.derived.items;
        let index = self
            .derived
            .index
            .get_or_init(|| Index::of(article, items.iter().map(|&i| item_text(article, i))));
        let s = &mut self.nav.search;
        s.hits = index.find(&s.query);
        if s.current.is_some_and(|c| c >= s.hits.len()) {
            s.current = None;
        }
    }

    /// The search from the library: every article's matches, counted, the
    /// first of each listed.
    fn research_library(&mut self) {
        let library = &self.library;
        let indexes =
            (self.derived.library_index).get_or_init(|| index_articles(&library.articles));
        let s = &mut self.nav.search;
        (s.found, s.counts) = (Vec::new(), Vec::new());
        for article in library.listed() {
            let hits = indexes[article].find(&s.query);
            if hits.is_empty() {
                continue;
            }
            s.counts.push((article, hits.len()));
            let room = RESULTS_SHOWN.saturating_sub(s.found.len());
            let listed = hits.into_iter().take(RESULTS_PER_ARTICLE.min(room));
            s.found.extend(listed.map(|hit| Found { article, hit }));
        }
        s.current = None;
        self.nav.library_scroll = 0;
        self.derived.results = OnceCell::new();
    }

    /// How many matches the search has: in the article, or in the library.
    pub fn match_count(&self) -> usize {
        match self.library_searched() {
            true => self.nav.search.counts.iter().map(|c| c.1).sum(),
            false => self.nav.search.hits.len(),
        }
    }

    /// The chosen match's place among all of [`Model::match_count`] (a
    /// library search lists only some of each article's).
    pub fn match_ordinal(&self) -> Option<usize> {
        let s = &self.nav.search;
        let c = s.current?;
        if !self.library_searched() {
            return Some(c);
        }
        let article = s.found.get(c)?.article;
        let before: usize = (s.counts.iter())
            .take_while(|x| x.0 != article)
            .map(|x| x.1)
            .sum();
        Some(before + s.found[..c].iter().filter(|x| x.article == article).count())
    }

    /// Whether the library shows search results rather than its shelves.
    pub fn library_searched(&self) -> bool {
        self.nav.screen == Screen::Library && !self.nav.search.query.is_empty()
    }

    /// The library search's matches laid out, a match each of `found`.
    pub fn results_page(&self) -> &ResultsPage {
        self.derived.results.get_or_init(|| {
            let s = &self.nav.search;
            let listed: Vec<_> = s.found.iter().map(|f| self.match_of(f)).collect();
            let opts = self.doc_options(self.library_area().width);
            crate::layout::library::results(&self.library, &listed, &s.counts, &opts)
        })
    }

    /// Library match `f` with its place and context.
    fn match_of(&self, f: &Found) -> crate::layout::library::Match {
        let a = &self.library.articles[f.article];
        let index = self.derived.library_index.get().map(|x| &x[f.article]);
        let text = index.and_then(|x| x.unit(f.hit.item, f.hit.unit));
        let item = a.items().nth(f.hit.item).unwrap_or(Item::Summary);
        crate::layout::library::Match {
            article: f.article,
            place: crate::strings::item_label(item),
            context: search::in_context(text.unwrap_or(""), &f.hit.chars, CONTEXT_CHARS),
        }
    }

    /// Search match `hit` on the lines of its item, a segment a line
    /// (its item is aligned with its text the first time one is asked for).
    pub fn hit_segments(&self, hit: usize) -> Vec<Segment> {
        let Some(hit) = self.nav.search.hits.get(hit) else {
            return Vec::new();
        };
        let (Some(index), Some(layout), Some(places)) = (
            self.derived.index.get(),
            self.layout(hit.item),
            self.derived.places.get(hit.item),
        ) else {
            return Vec::new();
        };
        let places = places.get_or_init(|| search::align(index.units(hit.item), &layout.lines));
        places
            .get(hit.unit)
            .and_then(|p| p.get(hit.chars.clone()))
            .map_or_else(Vec::new, search::segments)
    }

    /// The line of its item that search match `hit` starts on.
    pub fn hit_line(&self, hit: usize) -> usize {
        self.hit_segments(hit).first().map_or(0, |s| s.line)
    }

    /// The search matches in item `item`, as indices of `search().hits`
    /// (which are in reading order).
    pub fn item_hits(&self, item: usize) -> std::ops::Range<usize> {
        let hits = &self.nav.search.hits;
        hits.partition_point(|h| h.item < item)..hits.partition_point(|h| h.item <= item)
    }

    fn doc_options(&self, width: u16) -> DocOptions {
        DocOptions {
            width: usize::from(width).max(1),
            ambiguous: self.settings.ambiguous,
            body: self.settings.policy,
            furigana: self.settings.furigana,
            ruby_rows: true,
        }
    }

    /// Lays everything out again, for new content or settings.
    fn relayout(&mut self) {
        // What does not depend on the window: the search index.
        self.derived.index = OnceCell::new();
        self.relayout_for_size();
        if !self.nav.search.query.is_empty() {
            self.research();
        }
    }

    /// Lays out for the current size, keeping each item's reader at the same
    /// block: only the items read so far are laid out now, the rest when
    /// they are shown.
    fn relayout_for_size(&mut self) {
        self.relayout_items();
        let popup = super::panes::help_popup(self.area, 0);
        let help = self.doc_options(text_area(popup).width);
        let questions = self.article().questions.len();
        self.derived.help = [Context::Library, Context::Reader, Context::Clinic]
            .map(|c| help_lines(c, self.locked, questions, &help));
        let opts = self.doc_options(self.library_area().width);
        if self.derived.library_opts != Some(opts) {
            self.derived.library = crate::layout::library::page(&self.library, &opts);
            self.derived.library_opts = Some(opts);
        }
        self.relayout_clinic();
        self.clamp_scroll();
    }

    /// The article's items and outline entries, laid out again when shown,
    /// each reader kept at the same block.
    fn relayout_items(&mut self) {
        let items = items(self.article(), self.settings.furigana);
        let library = &self.library;
        self.derived.related = (self.article().related.iter())
            .filter_map(|slug| library.articles.iter().position(|a| &a.slug == slug))
            .collect();
        let n = items.len() + self.derived.related.len();
        let old = std::mem::replace(&mut self.derived.layouts, unset(n));
        self.derived.places = unset(n);
        self.derived.outline = unset(n);
        self.derived.outline_rows = RefCell::default();
        self.derived.results = OnceCell::new();
        self.derived.items = items;
        // A reader at the top of an item stays there; one further down was
        // shown the item, so it was laid out before.
        for (i, before) in old.iter().enumerate() {
            let top = self.scroll(i);
            if let (Some(before), true) = (before.get(), top > 0) {
                let top = self
                    .layout(i)
                    .map_or(0, |after| keep_anchor(before, after, top));
                self.nav.scroll[i] = top;
            }
        }
    }

    /// The clinic page's room, and its text's measure within it: the
    /// reader's pane holds the text to the reading measure, centred, with
    /// the calendars side by side across the pane; the kiosk's column is
    /// already the measure.
    fn clinic_widths(&self) -> (DocOptions, usize) {
        let (room, measure) = match self.chrome {
            Chrome::Reader => {
                let room = text_area(self.panes().body).width;
                let measure =
                    u16::try_from(self.settings.measure.saturating_mul(2)).unwrap_or(u16::MAX);
                (room, room.min(measure))
            }
            Chrome::Kiosk => (self.answer_area().width, self.answer_area().width),
        };
        (self.doc_options(measure), usize::from(room))
    }

    fn relayout_clinic(&mut self) {
        let (opts, room) = self.clinic_widths();
        let clinic = &self.library.clinic;
        self.derived.clinic = clinic::page(clinic, self.now, self.month, &opts, room);
    }

    /// Within a day only the header (clock and status) changes.
    fn relayout_clinic_header(&mut self) {
        let (opts, room) = self.clinic_widths();
        let clinic = &self.library.clinic;
        self.derived.clinic.header = clinic::header(clinic, self.now, &opts, room);
    }

    fn clamp_scroll(&mut self) {
        for i in 0..self.nav.scroll.len() {
            // An item at its top needs no layout to know it stays there.
            if self.nav.scroll[i] > 0 {
                self.nav.scroll[i] = self.nav.scroll[i].min(self.max_scroll(i));
            }
        }
        self.nav.clinic_scroll = self.nav.clinic_scroll.min(self.clinic_max_scroll());
        self.nav.library_scroll = self
            .nav
            .library_scroll
            .min(self.library_scroll_state().max());
        // Only a scrolled outline needs its length, which lays entries out.
        if self.nav.outline_scroll > 0 {
            self.nav.outline_scroll = self.nav.outline_scroll.min(self.outline_max_scroll());
        }
        let help_max = self.help_max_scroll();
        if let Some(h) = &mut self.nav.help {
            *h = (*h).min(help_max);
        }
    }
}

/// Each article's search index, made on a thread a core, each taking the
/// next article not yet taken (a core busy with something else does less):
/// the first keystroke of a search from the library makes them all, which
/// for 200 articles of 25 kB took 46 ms on one thread, 25–27 ms on two
/// (`cargo bench --bench library -- search`).
fn index_articles(articles: &[Article]) -> Vec<Index> {
    let index = |a: &Article| Index::of(a, a.items().map(|i| item_text(a, i)));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(a) = articles.get(i) else {
                return done;
            };
            done.push((i, index(a)));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut done = std::thread::scope(|s| {
        // A thread that cannot start leaves its articles to the others.
        let helpers: Vec<_> = (1..threads.min(articles.len()))
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
            .collect();
        let mut done = work();
        for h in helpers {
            done.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, index)| index).collect()
}

/// `n` cells to fill when first asked for.
fn unset<T>(n: usize) -> Vec<OnceCell<T>> {
    std::iter::repeat_with(OnceCell::new).take(n).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_library;

    /// The bundled article with its questions repeated to `n`.
    fn long_model(n: usize) -> Model {
        let mut library = load_library(None).unwrap();
        let questions = library.articles[0].questions.clone();
        library.articles[0].questions = questions.iter().cycle().take(n).cloned().collect();
        let now = ClinicTime::parse("2026-02-12T10:00").unwrap();
        Model::new(
            library,
            None,
            Settings::default(),
            Rect::new(0, 0, 120, 40),
            now,
        )
    }

    fn laid_out<T>(cells: &[OnceCell<T>]) -> usize {
        cells.iter().filter(|c| c.get().is_some()).count()
    }

    #[test]
    fn a_new_model_lays_out_only_what_it_is_asked_for() {
        let mut m = long_model(500);
        assert_eq!(laid_out(&m.derived.layouts), 0);
        assert_eq!(laid_out(&m.derived.outline), 0);
        assert!(m.layout(0).is_some());
        assert!(m.outline_total() > 500);
        assert_eq!(laid_out(&m.derived.layouts), 1);
        assert_eq!(laid_out(&m.derived.outline), OUTLINE_EAGER);
        m.show(300);
        assert!(
            m.screen_chars() > 0,
            "the item shown is laid out to time it"
        );
        assert_eq!(laid_out(&m.derived.layouts), 2);
        assert!(m.derived.index.get().is_none(), "no index before a search");
    }

    #[test]
    fn a_resize_lays_out_again_only_items_read_past_their_top() {
        let mut m = long_model(50);
        m.show(3);
        m.scroll_by(5);
        m.show(4);
        m.resize(80, 24);
        assert_eq!(laid_out(&m.derived.layouts), 1, "item 3 keeps its block");
        assert!(m.scroll(3) > 0);
    }

    #[test]
    fn the_outline_estimate_becomes_exact_once_every_entry_is_laid_out() {
        let m = long_model(500);
        let estimate = m.outline_total();
        let exact = m.outline_rows().last().unwrap().1;
        assert_eq!(m.outline_total(), exact);
        // Every entry of this outline takes one or two rows.
        assert!(
            estimate.abs_diff(exact) < exact / 4,
            "{estimate} vs {exact}"
        );
    }
}
