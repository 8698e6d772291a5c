//! Where the patient is, kept once: the navigation state (`Nav`) and the
//! session API that the reader's `update` and the kiosk both move it by.
//! Open a place, go back, scroll by lines or pages, and read the position as
//! a page number and count, all through one [`Scroll`].

use super::items::ItemLayout;
use super::{Focus, Item, Model, Screen, Search};
use crate::calendar::month::Month;
use crate::tui::panes::{Chrome, text_area};
use crate::tui::scroll::{Dir, Scroll};

/// What a patient reads: the library, an article's outline (目次), an
/// item, or the clinic page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Library,
    Outline,
    Item(usize),
    Clinic,
}

/// A row of the kiosk's library: rows `rows` of the list show lines
/// `lines` of the library page, as a button for entry `entry`, or as a
/// category's heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub rows: (usize, usize),
    pub lines: std::ops::Range<usize>,
    pub entry: Option<usize>,
}

/// Pages of slots at `rows`, each page starting at the first slot the page
/// before could not show whole, so that a page shows only whole slots.
fn whole_pages(rows: &[(usize, usize)], offset: usize, height: usize) -> Scroll {
    let mut starts = vec![0];
    for &(start, end) in rows {
        let top = starts.last().copied().unwrap_or(0);
        if end > top + height && start > top {
            starts.push(start);
        }
    }
    let len = rows.last().map_or(0, |r| r.1);
    Scroll::pages_at(offset, starts, len, height)
}

/// Places the way back remembers: a patient going back a hundred pages is
/// not expected, and the oldest are let go so that a long session stays small.
const MAX_HISTORY: usize = 64;

/// Where the reader is: what a patient changes by reading, and what a new
/// session starts afresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::tui) struct Nav {
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
    pub library_scroll: usize,
    /// The library's chosen entry.
    pub list_selected: usize,
    pub search: Search,
    /// Places opened before this one, each with the line it was left at.
    pub history: Vec<(Place, usize)>,
    pub quit: bool,
    /// Ctrl-Z asked the event loop to suspend (it takes the request).
    pub suspend: bool,
}

impl Nav {
    pub(super) fn new(screen: Screen, items: usize) -> Nav {
        Nav {
            screen,
            previous: screen,
            help: None,
            focus: Focus::Outline,
            selected: 0,
            scroll: vec![0; items],
            outline_scroll: 0,
            clinic_scroll: 0,
            library_scroll: 0,
            list_selected: 0,
            search: Search::default(),
            history: Vec::new(),
            quit: false,
            suspend: false,
        }
    }
}

impl Model {
    /// As a new patient finds it: the first item, nothing open, no search,
    /// this month.
    pub fn reset_session(&mut self) {
        self.nav = Nav::new(Screen::Reader, self.outline_len());
        self.set_month(Month::of(self.now.date));
    }

    /// The place shown now.
    pub fn place(&self) -> Place {
        match (self.nav.screen, self.nav.focus) {
            (Screen::Clinic, _) => Place::Clinic,
            (Screen::Library, _) => Place::Library,
            (Screen::Reader, Focus::Answer) => Place::Item(self.nav.selected),
            _ => Place::Outline,
        }
    }

    /// Opens `place` from its top, remembering where the patient was.
    pub fn open(&mut self, place: Place) {
        let here = self.place();
        if place != here {
            if self.nav.history.len() == MAX_HISTORY {
                self.nav.history.remove(0);
            }
            let line = self.scroll_state().offset();
            self.nav.history.push((here, line));
        }
        self.show_place(place);
    }

    /// Back to the place before, at the line it was left at (the outline
    /// when nothing was before).
    pub fn back(&mut self) {
        // With nothing before: an article's outline leads to the library,
        // which leads nowhere further.
        let several = self.library.articles.len() > 1;
        let up = match self.place() {
            Place::Outline | Place::Library if several => Place::Library,
            _ => Place::Outline,
        };
        let (place, line) = self.nav.history.pop().unwrap_or((up, 0));
        if place == Place::Library && self.place() == Place::Library {
            return;
        }
        self.show_place(place);
        self.set_offset(line);
    }

    /// Shows `place` from its top, the outline where it was.
    fn show_place(&mut self, place: Place) {
        match place {
            Place::Library => {
                self.nav.screen = Screen::Library;
                self.nav.help = None;
            }
            Place::Outline => {
                self.nav.screen = Screen::Reader;
                self.nav.help = None;
                self.nav.focus = Focus::Outline;
            }
            Place::Item(i) => self.show(i),
            Place::Clinic => self.show_clinic(),
        }
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

    /// Item `i`'s answer as seen in the answer pane: pages that follow on
    /// without repeating a line, keep a heading with the line after it, and
    /// never begin with an empty line.
    pub fn item_scroll(&self, i: usize) -> Scroll {
        let Some(layout) = self.layout(i) else {
            return Scroll::lines(0, 0, self.page_height());
        };
        let blank = |n: usize| layout.lines[n].is_blank();
        let len = layout.lines.len();
        Scroll::blocks(self.scroll(i), len, self.page_height(), &layout.keep, blank)
    }

    /// The clinic page's body under its header, paged so that a month, the
    /// hours table or a notice is never split by a page turn.
    pub fn clinic_scroll_state(&self) -> Scroll {
        let page = &self.derived.clinic;
        let (len, height) = (page.body.len(), self.clinic_page_height());
        let blank = |n: usize| page.body[n].is_blank();
        Scroll::blocks(self.nav.clinic_scroll, len, height, &page.blocks, blank)
    }

    /// The library page, paged so that an entry is never split and a
    /// category's heading stays with its first entry.
    /// In the kiosk, pages of whole slots (see [`Model::library_slots`]).
    pub fn library_scroll_state(&self) -> Scroll {
        let page = &self.derived.library;
        let height = usize::from(self.library_area().height).max(1);
        let offset = self.nav.library_scroll;
        match self.chrome {
            Chrome::Reader if self.library_searched() => {
                let page = self.results_page();
                let blank = |n: usize| page.lines[n].is_blank();
                Scroll::blocks(offset, page.lines.len(), height, &page.keep, blank)
            }
            Chrome::Reader => {
                let blank = |n: usize| page.lines[n].is_blank();
                Scroll::blocks(offset, page.lines.len(), height, &page.keep, blank)
            }
            Chrome::Kiosk => {
                let rows: Vec<_> = self.library_slots().iter().map(|s| s.rows).collect();
                whole_pages(&rows, offset, height)
            }
        }
    }

    /// The kiosk's library as slots one row apart: each category's heading
    /// as text, each entry as a button (its lines with a blank row above
    /// and below).
    pub fn library_slots(&self) -> Vec<Slot> {
        let page = &self.derived.library;
        let mut out: Vec<Slot> = Vec::new();
        let mut push = |lines: std::ops::Range<usize>, entry: Option<usize>| {
            let start = out.last().map_or(0, |s| s.rows.1 + 1);
            let pad = if entry.is_some() { 2 } else { 0 };
            let rows = (start, start + lines.len() + pad);
            out.push(Slot { rows, lines, entry });
        };
        for g in &page.groups {
            push(g.heading.clone(), None);
            for e in g.entries.clone() {
                push(page.entries[e].lines.clone(), Some(e));
            }
        }
        out
    }

    /// Chooses the library's entry `entry` and scrolls to show it whole.
    pub fn choose(&mut self, entry: usize) {
        let page = &self.derived.library;
        let Some(last) = page.entries.len().checked_sub(1) else {
            return;
        };
        self.nav.list_selected = entry.min(last);
        let lines = page.entries[self.nav.list_selected].lines.clone();
        self.nav.library_scroll = self.reveal(&page.keep.clone(), lines);
    }

    /// Chooses the library search's match `n` and scrolls to show it whole.
    pub fn choose_match(&mut self, n: usize) {
        let page = self.results_page();
        let Some(lines) = page.matches.get(n).cloned() else {
            return;
        };
        let keep = page.keep.clone();
        self.nav.search.current = Some(n);
        self.nav.library_scroll = self.reveal(&keep, lines);
    }

    /// The library's scroll that shows `lines` whole, moved as little as
    /// it can: up to where they start, or down to the page they start on
    /// (to their first line where that page would cut them). A heading
    /// kept with them in `keep` comes with them where both fit.
    fn reveal(&self, keep: &[std::ops::Range<usize>], lines: std::ops::Range<usize>) -> usize {
        let s = self.library_scroll_state();
        let (top, height) = (s.offset(), usize::from(self.library_area().height));
        let head = (keep.iter())
            .find(|k| k.end == lines.end && lines.end - k.start <= height)
            .map_or(lines.start, |k| k.start);
        let to = if head < top {
            head
        } else if lines.end > top + s.shown() {
            Some(s.page_of(head))
                .filter(|&p| lines.end <= p + height)
                .unwrap_or(head)
        } else {
            top
        };
        to.min(s.max())
    }

    /// The help overlay, open or not.
    pub fn help_scroll(&self) -> Scroll {
        let len = self.help_lines().len();
        Scroll::lines(self.nav.help.unwrap_or(0), len, self.help_page_height())
    }

    /// The outline: lines of its pane in the reader; in the kiosk, pages
    /// that each start at the first button the page before could not show
    /// whole, so that a page shows only whole buttons.
    pub fn outline_scroll_state(&self) -> Scroll {
        let offset = self.nav.outline_scroll;
        match self.chrome {
            Chrome::Reader => {
                let height = usize::from(text_area(self.panes().outline).height);
                Scroll::lines(offset, self.outline_total(), height)
            }
            Chrome::Kiosk => {
                let height = usize::from(self.answer_area().height);
                whole_pages(&self.outline_rows(), offset, height)
            }
        }
    }

    /// The place shown now, as it scrolls.
    pub fn scroll_state(&self) -> Scroll {
        match self.place() {
            Place::Library => self.library_scroll_state(),
            Place::Outline => self.outline_scroll_state(),
            Place::Item(i) => self.item_scroll(i),
            Place::Clinic => self.clinic_scroll_state(),
        }
    }

    /// Puts the place shown at `offset`, within its ends; true when it moved.
    fn set_offset(&mut self, offset: usize) -> bool {
        let offset = offset.min(self.scroll_state().max());
        let at = match self.place() {
            Place::Library => &mut self.nav.library_scroll,
            Place::Outline => &mut self.nav.outline_scroll,
            Place::Item(i) => &mut self.nav.scroll[i],
            Place::Clinic => &mut self.nav.clinic_scroll,
        };
        std::mem::replace(at, offset) != offset
    }

    /// Scrolls the place shown to `line`, within its limits; true when it moved.
    pub fn scroll_to(&mut self, line: usize) -> bool {
        self.set_offset(line)
    }

    /// Scrolls the place shown by `delta` lines; true when it moved.
    pub fn scroll_by(&mut self, delta: isize) -> bool {
        let to = self.scroll_state().by(delta);
        self.set_offset(to)
    }

    /// Turns a page of the place shown; true when it moved.
    pub fn turn_page(&mut self, dir: Dir) -> bool {
        let to = self.scroll_state().paged(dir);
        self.set_offset(to)
    }

    /// The calendar `by` months on.
    pub fn shift_month(&mut self, by: i32) {
        let mut month = self.month;
        for _ in 0..by.unsigned_abs() {
            month = if by < 0 { month.prev() } else { month.next() };
        }
        self.set_month(month);
    }

    /// The term whose entry in the 用語 item `item` is on line `line`.
    pub fn term_at(&self, item: usize, line: usize) -> Option<usize> {
        if self.derived.items.get(item) != Some(&Item::Terms) {
            return None;
        }
        let anchors = &self.layout(item)?.anchors;
        // Part 0 is the item's heading; part k + 1 is term k.
        let part = anchors.partition_point(|&a| a <= line).checked_sub(1)?;
        part.checked_sub(1)
            .filter(|&k| k < self.article().terms.len())
    }

    /// Goes to where term `k` is first used: its item, at its line, with a
    /// search for it in effect in the reader (n goes on to the next use).
    pub fn go_to_term(&mut self, k: usize) {
        let Some(term) = self.article().terms.get(k).map(|t| t.term.clone()) else {
            return;
        };
        self.nav.search = Search {
            query: term,
            ..Search::default()
        };
        self.research();
        let items = &self.derived.items;
        let hits = &self.nav.search.hits;
        let Some(n) = hits.iter().position(|h| items[h.item] != Item::Terms) else {
            return;
        };
        let (item, line) = (hits[n].item, self.hit_line(n));
        self.open(Place::Item(item));
        self.set_offset(line.saturating_sub(self.page_height() / 3));
        self.nav.search.current = Some(n);
        if self.locked {
            // The kiosk shows no search.
            self.nav.search = Search::default();
        }
    }

    /// Characters on the current screen, to time a kiosk step by.
    pub fn screen_chars(&self) -> usize {
        match self.nav.screen {
            Screen::Clinic => self.derived.clinic.chars(),
            _ => self.layout(self.nav.selected).map_or(0, ItemLayout::chars),
        }
    }
}
