//! Kiosk mode for the reception display, built on the reader: an attract
//! loop while nobody touches it, free reading on any input, a return to the
//! loop after an idle timeout, no way out for a patient, and content reload.

pub mod attract;
pub mod config;
pub mod digits;
mod glyphs;
pub mod qr;
pub mod reload;
pub mod screen;
mod view;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::calendar::clock::{ClinicTime, hhmm};
use crate::content::Library;
use crate::layout::Line;
use crate::layout::document::Furigana;
use crate::strings;
use crate::text::width::join_fitting_or_rest;
use crate::tui::keymap::{Action, Key, lookup};
use crate::tui::model::{Item, Model, Place, Screen, Slot};
use crate::tui::scroll::Dir;
use crate::tui::terminal::{App, next_minute};
use crate::tui::update::{Msg, update};
use config::KioskConfig;
use reload::Source;
use screen::Target;

/// One step of the attract loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Item `item` of article `article` (indices into the library).
    Item {
        article: usize,
        item: usize,
    },
    Clinic,
}

/// The loop: each featured article's summary and questions (every
/// article's, when none is featured), then the clinic screen.
pub fn steps(library: &Library) -> Vec<Step> {
    let articles = &library.articles;
    let featured = articles.iter().any(|a| a.featured);
    (articles.iter().enumerate())
        .filter(|(_, a)| a.featured || !featured)
        .flat_map(|(article, a)| {
            (a.items().enumerate())
                .filter(|(_, it)| !matches!(it, Item::References))
                .map(move |(item, _)| Step::Item { article, item })
        })
        .chain(std::iter::once(Step::Clinic))
        .collect()
}

/// A finger on the screen: where it came down, the row the text last moved
/// with, and whether it has dragged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Press {
    at: Position,
    row: u16,
    dragged: bool,
}

/// The kiosk owns its attract loop, timers, touch geometry and exit
/// sequence; where the patient is, the reader it drives keeps
/// ([`Model::place`]), and the kiosk moves it only through the session API.
pub struct Kiosk {
    app: Model,
    config: KioskConfig,
    /// The loop runs (nobody has touched the kiosk since it started or returned).
    attract: bool,
    /// The loop's steps, made when it starts again (a library of 200
    /// articles has about 1,400; made each frame, they were work thrown away).
    steps: Vec<Step>,
    step: usize,
    step_started: i64,
    /// The current step's dwell, how far it pages, and where it is.
    dwell: u64,
    max_scroll: usize,
    attract_scroll: usize,
    press: Option<Press>,
    last_input: i64,
    now: i64,
    exit_typed: usize,
    exit: bool,
    /// The last reload's problem, in `reader check`'s words.
    warning: Option<String>,
    source: Option<Source>,
    /// Readings as configured, for each new patient; the ふりがな button
    /// turns them off and on again.
    furigana: Furigana,
}

/// Lines of text on the idle screen beside the clock.
const HERO_LINES: usize = 5;

/// Which of them is the open-now status.
const HERO_STATUS: usize = 3;

/// Seconds as a Unix-time offset. The config caps them at a day; past
/// `i64::MAX` they could only mean "never", which saturating keeps.
fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

impl Kiosk {
    pub fn new(app: Model, config: KioskConfig, now: i64, source: Option<Source>) -> Kiosk {
        let furigana = app.settings().furigana;
        let mut kiosk = Kiosk {
            app: app.locked(),
            config,
            attract: true,
            steps: Vec::new(),
            step: 0,
            step_started: now,
            dwell: 0,
            max_scroll: 0,
            attract_scroll: 0,
            press: None,
            last_input: now,
            now,
            exit_typed: 0,
            exit: false,
            warning: None,
            source,
            furigana,
        };
        kiosk.restart(now);
        kiosk
    }

    /// The reader the kiosk drives.
    pub fn app(&self) -> &Model {
        &self.app
    }

    /// The attract loop is running.
    pub fn attract(&self) -> bool {
        self.attract
    }

    /// The last reload's problem, if the content shown is older than the files.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// A content reload is under way, or a look asked for by
    /// [`Kiosk::look_for_changes`] has not ended.
    pub fn reloading(&self) -> bool {
        self.source.as_ref().is_some_and(Source::busy)
    }

    /// Has the content watcher look at the files now, not at its next second.
    pub fn look_for_changes(&mut self) {
        if let Some(source) = &mut self.source {
            source.look_now();
        }
    }

    /// How far the loop has paged the current step.
    pub fn attract_scroll(&self) -> usize {
        self.attract_scroll
    }

    /// What the patient reads, once the loop has stopped.
    pub fn page(&self) -> Place {
        self.app.place()
    }

    /// Back to the start of the loop, as a new patient would find it.
    pub fn restart(&mut self, now: i64) {
        self.app.reset_session();
        self.steps = steps(self.app.library());
        self.app.set_furigana(self.furigana);
        self.attract = true;
        self.step = 0;
        self.press = None;
        self.show_step(now);
    }

    fn step_now(&self) -> Step {
        self.steps[self.step % self.steps.len()]
    }

    /// The current step's lines, as the idle screen shows them.
    fn step_lines(&self) -> &[Line] {
        match self.step_now() {
            Step::Item { item, .. } => self.app.layout(item).map_or(&[], |l| &l.lines[..]),
            Step::Clinic => &self.app.clinic_page().body,
        }
    }

    /// The idle screen's parts on a screen of `area`.
    fn idle_screen(&self, area: Rect) -> screen::Idle {
        let beside = self
            .hero_lines()
            .iter()
            .map(|t| crate::text::width::str_width(t, self.app.settings().ambiguous))
            .max()
            .unwrap_or(0);
        let beside = u16::try_from(beside).unwrap_or(u16::MAX);
        let fonts: Vec<screen::BigWords> = digits::FONTS
            .iter()
            .map(|font| screen::BigWords {
                rows: font.rows as u16,
                cols: self
                    .big_words(font)
                    .map(|w| w.and_then(|p| u16::try_from(p.first().map_or(0, Vec::len)).ok())),
            })
            .collect();
        screen::idle(area, self.measure_cols(), HERO_LINES as u16, beside, &fonts)
    }

    /// The clinic's name and the status word in the big `font`, where every
    /// character has a glyph.
    fn big_words(&self, font: &digits::Font) -> [Option<Vec<Vec<bool>>>; 2] {
        let clinic = &self.app.library().clinic;
        let status = clinic.schedule.status(self.app.now());
        [
            digits::word_pixels(&clinic.name, font),
            digits::word_pixels(strings::status_word(&status), font),
        ]
    }

    /// What the idle screen says beside its clock: the clinic's name spaced
    /// out to carry further, the article, how many articles there are (a
    /// patient can touch to find them), the open-now status and the next
    /// opening.
    fn hero_lines(&self) -> [String; HERO_LINES] {
        let clinic = &self.app.library().clinic;
        let now = self.app.now();
        let spaced = clinic
            .name
            .chars()
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" ");
        [
            spaced,
            self.app.article().title.clone(),
            strings::article_count(self.app.library().articles.len()),
            strings::status(&clinic.schedule.status(now)),
            strings::next_opening(clinic.schedule.next_opening(now)),
        ]
    }

    fn measure_cols(&self) -> u16 {
        u16::try_from(self.app.settings().measure.saturating_mul(2)).unwrap_or(u16::MAX)
    }

    fn show_step(&mut self, now: i64) {
        self.step_started = now;
        self.attract_scroll = 0;
        match self.step_now() {
            Step::Item { article, item } => {
                if article != self.app.article_index() {
                    self.app.open_article(article);
                }
                self.app.show(item);
            }
            Step::Clinic => self.app.show_clinic(),
        }
        let lines = self.step_lines();
        let chars = lines.iter().map(|l| l.text().chars().count()).sum();
        let visible = usize::from(self.idle_screen(self.app.area()).content.height);
        self.max_scroll = lines.len().saturating_sub(visible);
        let cfg = &self.config;
        self.dwell = attract::dwell(chars, cfg.dwell_min, cfg.dwell_max);
    }

    fn advance(&mut self, now: i64) -> bool {
        let elapsed = (now - self.step_started).max(0) as u64;
        if elapsed >= self.dwell {
            self.step = (self.step + 1) % self.steps.len();
            self.show_step(now);
            return true;
        }
        let line = attract::scroll_at(elapsed, self.dwell, self.max_scroll);
        let moved = line != self.attract_scroll;
        self.attract_scroll = line;
        moved
    }

    /// The first touch stops the loop where it is: the step's page, at the
    /// line it had reached, with 目次 to go back to.
    fn stop_loop(&mut self) {
        self.attract = false;
        self.app.reset_session();
        self.app.open(match self.step_now() {
            Step::Item { item, .. } => Place::Item(item),
            Step::Clinic => Place::Clinic,
        });
        self.app.scroll_to(self.attract_scroll);
    }

    /// Does what a touch on `target` asks for.
    pub fn act(&mut self, target: Target) {
        match target {
            Target::PrevPage => {
                self.app.turn_page(Dir::Back);
            }
            Target::NextPage => {
                self.app.turn_page(Dir::Forward);
            }
            // With a library, 目次 lists the articles first.
            Target::Outline if self.app.library().articles.len() > 1 => {
                self.app.open(Place::Library)
            }
            Target::Outline => self.app.open(Place::Outline),
            Target::Clinic if self.app.place() == Place::Clinic => self.app.back(),
            Target::Clinic => self.app.open(Place::Clinic),
            Target::Back => self.app.back(),
            Target::Furigana => {
                // On: as configured, or the first place of each word
                // where the configuration has them off.
                let on = match self.furigana {
                    Furigana::Off => Furigana::First,
                    on => on,
                };
                let off = self.app.settings().furigana != Furigana::Off;
                self.app.set_furigana(if off { Furigana::Off } else { on });
            }
            Target::Item(i) => match self.app.related_at(i) {
                Some(a) => self.app.open_article(a),
                None => self.app.open(Place::Item(i)),
            },
            Target::Term(k) => self.app.go_to_term(k),
            Target::Notice(n) => {
                let page = self.app.clinic_page();
                let line = page.articles.get(n).map(|(r, _)| r.start);
                if let Some(a) = line.and_then(|l| self.app.notice_article_at(l)) {
                    self.app.open_article(a);
                }
            }
            Target::Article(entry) => {
                let entries = &self.app.library_page().entries;
                if let Some(a) = entries.get(entry).map(|e| e.article) {
                    self.app.open_article(a);
                }
            }
        }
    }

    /// The touch targets on a screen of `area`: the buttons, and the
    /// outline's whole buttons when it shows.
    pub fn targets_in(&self, area: Rect) -> Vec<(Rect, Target)> {
        if self.attract || screen::too_small(area) {
            return Vec::new();
        }
        let mut out = screen::buttons(screen::reading(area).buttons);
        match self.app.place() {
            Place::Outline => {
                let boxes = screen::outline_boxes(
                    self.app.answer_area_in(area),
                    &self.app.outline_rows(),
                    self.app.outline_scroll(),
                    |_| true,
                );
                out.extend(boxes.into_iter().map(|(r, i)| (r, Target::Item(i))));
            }
            // Each term of 用語 is a touch target over its lines.
            Place::Item(i) if self.app.items().get(i) == Some(&Item::Terms) => {
                let column = self.app.answer_area_in(area);
                let s = self.app.item_scroll(i);
                let top = s.offset();
                let shown = s.shown().min(usize::from(column.height));
                let lines = self.app.layout(i).map_or(0, |l| l.lines.len());
                let mut row = 0;
                while row < shown && top + row < lines {
                    let Some(k) = self.app.term_at(i, top + row) else {
                        row += 1;
                        continue;
                    };
                    let start = row;
                    while row < shown && self.app.term_at(i, top + row) == Some(k) {
                        row += 1;
                    }
                    let rect = Rect {
                        y: column.y + start as u16,
                        height: (row - start) as u16,
                        ..column
                    };
                    out.push((rect, Target::Term(k)));
                }
            }
            Place::Clinic => {
                let column = self.app.answer_area_in(area);
                let s = self.app.clinic_scroll_state();
                let shown = s.offset()..s.offset() + s.shown().min(usize::from(column.height));
                for (n, (lines, _)) in self.app.clinic_page().articles.iter().enumerate() {
                    let (from, to) = (lines.start.max(shown.start), lines.end.min(shown.end));
                    if from < to {
                        let rect = Rect {
                            y: column.y + (from - shown.start) as u16,
                            height: (to - from) as u16,
                            ..column
                        };
                        out.push((rect, Target::Notice(n)));
                    }
                }
            }
            Place::Library => {
                let slots = self.app.library_slots();
                out.extend(
                    (self.library_boxes(area, &slots).into_iter())
                        .filter_map(|(r, s)| Some((r, Target::Article(slots[s].entry?)))),
                );
            }
            _ => {}
        }
        out
    }

    /// The library's whole slots on a screen of `area`, as indices into `slots`.
    fn library_boxes(&self, area: Rect, slots: &[Slot]) -> Vec<(Rect, usize)> {
        let rows: Vec<_> = slots.iter().map(|s| s.rows).collect();
        let column = self.app.library_area_in(area);
        // Headings keep their rows; the articles' buttons grow.
        let grows = |s: usize| slots[s].entry.is_some();
        screen::outline_boxes(column, &rows, self.app.library_scroll(), grows)
    }

    /// The touch targets on screen now.
    pub fn targets(&self) -> Vec<(Rect, Target)> {
        self.targets_in(self.app.area())
    }

    fn mouse(&mut self, m: MouseEvent) {
        let at = Position::new(m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.press = Some(Press {
                    at,
                    row: m.row,
                    dragged: false,
                });
            }
            // A finger moving up pulls the text up, as on a phone; on 目次,
            // whose offset moves a page at a time, the rows add up until
            // they reach one.
            MouseEventKind::Drag(MouseButton::Left) => {
                let buttons = self.paged_by_buttons();
                if let Some(p) = &mut self.press {
                    let delta = p.row as isize - m.row as isize;
                    p.dragged |= delta != 0;
                    if self.app.scroll_by(delta) || !buttons {
                        p.row = m.row;
                    }
                }
            }
            MouseEventKind::Up(MouseButton::Left) => {
                if let Some(p) = self.press.take()
                    && !p.dragged
                    && let Some(t) = screen::hit(&self.targets(), p.at)
                {
                    self.act(t);
                }
            }
            MouseEventKind::ScrollUp => self.wheel(Dir::Back),
            MouseEventKind::ScrollDown => self.wheel(Dir::Forward),
            _ => {}
        }
    }

    /// Whether the place shown is a list of buttons, paged a page at a time.
    fn paged_by_buttons(&self) -> bool {
        matches!(self.app.place(), Place::Outline | Place::Library)
    }

    /// A wheel notch: three lines of text, or a page of 目次 (whose pages
    /// show only whole buttons).
    fn wheel(&mut self, dir: Dir) {
        if self.paged_by_buttons() {
            self.app.turn_page(dir);
        } else {
            self.app.scroll_by(if dir == Dir::Back { -3 } else { 3 });
        }
    }

    /// Keys, for a kiosk that has a keyboard: the reader's keys that read,
    /// none that leave.
    fn key(&mut self, key: crossterm::event::KeyEvent) {
        let context = self.app.context();
        let Some(action) = lookup(&key, context) else {
            return;
        };
        let references = self.app.references();
        match action {
            Action::Up => {
                self.app.scroll_by(-1);
            }
            Action::Down => {
                self.app.scroll_by(1);
            }
            Action::PageUp => self.act(Target::PrevPage),
            Action::PageDown => self.act(Target::NextPage),
            Action::Top => {
                self.app.scroll_to(0);
            }
            Action::Bottom => {
                self.app.scroll_to(usize::MAX);
            }
            Action::Jump(n) => {
                let question = usize::from(n).checked_sub(1).map(Item::Question);
                if let Some(i) = self.app.items().iter().position(|&it| Some(it) == question) {
                    self.act(Target::Item(i));
                }
            }
            Action::References => self.act(Target::Item(references)),
            Action::Furigana => self.act(Target::Furigana),
            Action::Clinic => self.act(Target::Clinic),
            Action::Back | Action::FocusOutline => self.act(Target::Back),
            Action::PrevMonth => self.app.shift_month(-1),
            Action::NextMonth => self.app.shift_month(1),
            _ => {}
        }
    }

    fn clock(&mut self, now: i64) -> bool {
        let minute_changed = ClinicTime::from_unix(now) != ClinicTime::from_unix(self.now);
        self.now = now;
        update(&mut self.app, Msg::Clock(now));
        if self.attract {
            self.advance(now) || minute_changed
        } else if now.saturating_sub(self.last_input) >= secs(self.config.idle_timeout) {
            self.restart(now);
            true
        } else {
            minute_changed
        }
    }

    /// Counts keys of the exit sequence; true when it is complete.
    fn exit_key(&mut self, msg: &Msg) -> bool {
        let Msg::Key(k) = msg else { return false };
        let key = Key {
            code: k.code,
            ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        };
        let seq = &self.config.exit_sequence;
        if seq.is_empty() {
            return false;
        }
        self.exit_typed = if seq[self.exit_typed] == key {
            self.exit_typed + 1
        } else {
            usize::from(seq[0] == key)
        };
        self.exit_typed == seq.len()
    }

    fn input(&mut self, msg: Msg) -> bool {
        // Only a touch counts: a key, a click, a drag or the wheel, never a
        // pointer passing over the screen.
        if matches!(&msg, Msg::Mouse(m) if m.kind == MouseEventKind::Moved) {
            return false;
        }
        self.last_input = self.now;
        if self.exit_key(&msg) {
            self.exit = true;
            return true;
        }
        if self.attract {
            // The first touch only stops the loop; the finger lifting from it
            // must not press what lies under it.
            self.stop_loop();
            return true;
        }
        match msg {
            Msg::Key(k) if k.kind != crossterm::event::KeyEventKind::Release => self.key(k),
            Msg::Mouse(m) => self.mouse(m),
            _ => {}
        }
        true
    }

    /// The line that never leaves: clinic, clock, open-now status, next
    /// opening. Where it does not all fit, the clinic's name goes first.
    pub fn header(&self, width: usize) -> String {
        let clinic = &self.app.library().clinic;
        let now = self.app.now();
        let s = &clinic.schedule;
        let mut parts = vec![
            clinic.name.clone(),
            format!("{} {}", hhmm(now.minute), strings::status(&s.status(now))),
            strings::next_opening(s.next_opening(now)),
        ];
        if self.warning.is_some() {
            parts.insert(1, strings::RELOAD_ERROR.to_string());
        }
        join_fitting_or_rest(&parts, "  ", width, self.app.settings().ambiguous)
    }

    /// The address to take home from this screen: the article's `url`, or
    /// the clinic's `website` on the clinic screen.
    pub fn take_home_url(&self) -> Option<&str> {
        match self.app.screen() {
            Screen::Clinic => self.app.library().clinic.website.as_deref(),
            _ => self.app.article().url.as_deref(),
        }
    }

    /// Where the QR code may go on a screen of `area`: beside the reading
    /// column, up to the row it may rise to and clear of what is drawn in
    /// the margin (see [`screen::qr_spot`]).
    fn qr_room(&self, area: Rect) -> (Rect, u16, Option<Rect>) {
        if self.attract {
            let s = self.idle_screen(area);
            (s.content, s.hero.bottom(), s.status)
        } else {
            let column = self.app.answer_area_in(area);
            (column, column.y, None)
        }
    }

    /// The QR code's rows and where they go: the margin right of the
    /// reading column, when it fits there and half blocks are drawn narrow.
    pub fn qr_placement(&self, area: Rect) -> Option<(Vec<String>, Rect)> {
        if self.app.settings().ambiguous == crate::layout::Ambiguous::Wide
            || screen::too_small(area)
            || (!self.attract && self.paged_by_buttons())
        {
            return None;
        }
        let rows = qr::half_block_rows(self.take_home_url()?)?;
        let size = (rows[0].chars().count() as u16, rows.len() as u16);
        let (column, ceiling, beside) = self.qr_room(area);
        let at = screen::qr_spot(area, column, size, ceiling, beside)?;
        Some((rows, at))
    }

    /// Where the loop is: 自動表示 3/8.
    pub fn progress(&self) -> Option<String> {
        self.attract
            .then(|| strings::loop_position(self.step + 1, self.steps.len()))
    }
}

impl App for Kiosk {
    fn update(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Clock(now) => self.clock(now),
            Msg::Resize(..) => {
                let redraw = update(&mut self.app, msg);
                if redraw && self.attract {
                    let (at, started) = (self.attract_scroll, self.step_started);
                    self.show_step(started);
                    self.attract_scroll = at.min(self.max_scroll);
                }
                redraw
            }
            other => self.input(other),
        }
    }

    fn view(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }

    fn done(&self) -> bool {
        self.exit
    }

    fn links(&self, _area: Rect) -> Vec<crate::tui::view::reader::LinkRegion> {
        // Nothing on a kiosk may open a URL.
        Vec::new()
    }

    fn wake_at(&self, now: i64) -> i64 {
        let mut wake = next_minute(now);
        if self.attract {
            let elapsed = (now - self.step_started).max(0) as u64;
            wake = wake.min(self.step_started.saturating_add(secs(self.dwell)));
            if let Some(t) = attract::next_move(elapsed, self.dwell, self.max_scroll) {
                wake = wake.min(self.step_started.saturating_add(secs(t)));
            }
        } else {
            wake = wake.min(
                self.last_input
                    .saturating_add(secs(self.config.idle_timeout)),
            );
        }
        // With content to watch, take the watcher's finished loads each
        // second (a channel check: the watcher thread reads the directory).
        if self.source.is_some() {
            wake = wake.min(now + 1);
        }
        wake.max(now + 1)
    }

    fn background(&mut self) -> bool {
        let Some(source) = &mut self.source else {
            return false;
        };
        let Some(result) = source.poll() else {
            return false;
        };
        reload::apply(self, result);
        true
    }
}
