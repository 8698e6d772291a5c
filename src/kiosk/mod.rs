//! Kiosk mode for the reception display, built on the reader: an attract
//! loop while nobody touches it, free reading on any input, a return to the
//! loop after an idle timeout, no way out for a patient, and content reload.

pub mod attract;
pub mod config;
pub mod qr;
pub mod reload;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use crate::calendar::clock::{ClinicTime, hhmm};
use crate::strings;
use crate::text::width::{join_fitting, join_fitting_or_rest};
use crate::tui::keymap::Key;
use crate::tui::model::{Item, Model, Screen};
use crate::tui::terminal::{App, next_minute};
use crate::tui::update::{Msg, update};
use crate::tui::view::view;
use config::KioskConfig;
use reload::Source;

/// One step of the attract loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Item(usize),
    Clinic,
}

/// The loop: the summary, each question, then the clinic screen.
pub fn steps(model: &Model) -> Vec<Step> {
    model
        .items()
        .iter()
        .enumerate()
        .filter(|(_, it)| !matches!(it, Item::References))
        .map(|(i, _)| Step::Item(i))
        .chain(std::iter::once(Step::Clinic))
        .collect()
}

pub struct Kiosk {
    app: Model,
    config: KioskConfig,
    /// The loop runs (nobody has touched the kiosk since it started or returned).
    attract: bool,
    step: usize,
    step_started: i64,
    /// The current step's dwell and how far it pages, fixed when it starts.
    dwell: u64,
    max_scroll: usize,
    last_input: i64,
    now: i64,
    exit_typed: usize,
    exit: bool,
    /// The last reload's problem, in `reader check`'s words.
    warning: Option<String>,
    source: Option<Source>,
}

/// Seconds as a Unix-time offset. The config caps them at a day; past
/// `i64::MAX` they could only mean "never", which saturating keeps.
fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

impl Kiosk {
    pub fn new(app: Model, config: KioskConfig, now: i64, source: Option<Source>) -> Kiosk {
        let mut kiosk = Kiosk {
            app: app.locked(),
            config,
            attract: true,
            step: 0,
            step_started: now,
            dwell: 0,
            max_scroll: 0,
            last_input: now,
            now,
            exit_typed: 0,
            exit: false,
            warning: None,
            source,
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

    /// Back to the start of the loop, as a new patient would find it.
    pub fn restart(&mut self, now: i64) {
        self.app.reset_session();
        self.attract = true;
        self.step = 0;
        self.show_step(now);
    }

    fn show_step(&mut self, now: i64) {
        self.step_started = now;
        let steps = steps(&self.app);
        match steps[self.step % steps.len()] {
            Step::Item(i) => self.app.show(i),
            Step::Clinic => self.app.show_clinic(),
        }
        let cfg = &self.config;
        self.dwell = attract::dwell(self.app.screen_chars(), cfg.dwell_min, cfg.dwell_max);
        self.max_scroll = self.app.screen_max_scroll();
    }

    fn advance(&mut self, now: i64) -> bool {
        let elapsed = (now - self.step_started).max(0) as u64;
        if elapsed >= self.dwell {
            self.step = (self.step + 1) % steps(&self.app).len();
            self.show_step(now);
            return true;
        }
        self.app
            .scroll_to(attract::scroll_at(elapsed, self.dwell, self.max_scroll))
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
            ctrl: k
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL),
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
        if matches!(&msg, Msg::Mouse(m) if m.kind == crossterm::event::MouseEventKind::Moved) {
            return false;
        }
        self.last_input = self.now;
        if self.exit_key(&msg) {
            self.exit = true;
            return true;
        }
        if self.attract {
            // The first touch only stops the loop, where it is.
            self.attract = false;
            return true;
        }
        update(&mut self.app, msg)
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

    /// The QR code's rows and where they go: the bottom of the outline pane
    /// beside an article, the bottom right of the clinic screen; only when it
    /// fits, and not where half blocks are drawn wide.
    pub fn qr_placement(&self, area: Rect) -> Option<(Vec<String>, Rect)> {
        if self.app.settings().ambiguous == crate::layout::Ambiguous::Wide
            || crate::tui::panes::too_small(area)
        {
            return None;
        }
        let rows = qr::half_block_rows(self.take_home_url()?)?;
        let (w, h) = (rows[0].chars().count() as u16, rows.len() as u16);
        let p = crate::tui::panes::panes(area);
        let host = match self.app.screen() {
            Screen::Clinic => p.body,
            _ if p.wide => p.outline,
            _ => return None,
        };
        let inner = crate::tui::panes::text_area(host);
        let fits = inner.width >= w
            && inner.height >= h + 4
            && (self.app.screen() != Screen::Clinic || inner.width >= w + 40);
        fits.then(|| {
            let at = Rect {
                x: inner.right() - w,
                y: inner.bottom() - h,
                width: w,
                height: h,
            };
            (rows, at)
        })
    }

    /// Where the loop is: 自動表示 3/8.
    pub fn progress(&self) -> Option<String> {
        self.attract
            .then(|| strings::loop_position(self.step + 1, steps(&self.app).len()))
    }
}

impl App for Kiosk {
    fn update(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Clock(now) => self.clock(now),
            Msg::Resize(..) => {
                let redraw = update(&mut self.app, msg);
                if redraw && self.attract {
                    self.show_step(self.step_started);
                }
                redraw
            }
            other => self.input(other),
        }
    }

    fn view(&self, frame: &mut Frame) {
        view(&self.app, frame);
        let area = frame.area();
        if area.height < 2 {
            return;
        }
        let theme = self.app.settings().theme;
        let top = Rect { height: 1, ..area };
        frame.render_widget(Clear, top);
        let header = self.header(usize::from(area.width));
        frame.render_widget(Paragraph::new(header).style(theme.bar()), top);
        let bottom = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let note = match (&self.warning, self.progress()) {
            (Some(w), _) => Some(format!(" {w}")),
            (None, Some(p)) => Some(join_fitting(
                &[p, strings::KIOSK_HINT.to_string()],
                " ",
                usize::from(area.width),
                self.app.settings().ambiguous,
            )),
            (None, None) => None,
        };
        if let Some(note) = note {
            frame.render_widget(Clear, bottom);
            frame.render_widget(Paragraph::new(note).style(theme.bar()), bottom);
        }
        if let Some((rows, at)) = self.qr_placement(area) {
            let ink = ratatui::style::Style::new()
                .fg(ratatui::style::Color::Black)
                .bg(ratatui::style::Color::White);
            frame.render_widget(Clear, at);
            frame.render_widget(Paragraph::new(rows.join("\n")).style(ink), at);
        }
    }

    fn done(&self) -> bool {
        self.exit
    }

    fn links(&self) -> Vec<crate::tui::view::reader::LinkRegion> {
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
