//! `update`: the model after a message, and whether to draw again.
//!
//! Every input is drawn again (a frame costs about 0.2 ms and ratatui writes
//! only the cells that changed), so no change can be missed; the clock is
//! drawn when the minute changes.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use super::keymap::{Action, lookup};
use super::model::{Focus, Item, Model, Screen, Search};
use super::panes::text_area;
use super::scroll::{Dir, Scroll};
use crate::calendar::clock::ClinicTime;

/// What reaches the model: terminal events and the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// The clock, in seconds since the Unix epoch.
    Clock(i64),
}

/// Applies `msg`; true when the screen must be drawn again.
pub fn update(model: &mut Model, msg: Msg) -> bool {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => false,
        Msg::Key(key) if model.nav.search.editing => {
            search_key(model, key);
            true
        }
        Msg::Key(key) => {
            if let Some(action) = lookup(&key, model.context()) {
                act(model, action);
            }
            true
        }
        Msg::Paste(text) => {
            if model.nav.search.editing {
                model
                    .nav
                    .search
                    .query
                    .push_str(&crate::text::sanitize::sanitize(&text));
                model.research();
            }
            true
        }
        // A pointer moving over the screen changes nothing.
        Msg::Mouse(m) if m.kind == MouseEventKind::Moved => false,
        Msg::Mouse(mouse) => {
            mouse_event(model, mouse);
            true
        }
        Msg::Resize(w, h) => model.resize(w, h),
        Msg::Clock(unix) => model.set_now(ClinicTime::from_unix(unix)),
    }
}

/// Applies an action.
pub fn act(model: &mut Model, action: Action) {
    if model.nav.help.is_some() && !matches!(action, Action::Quit | Action::Suspend) {
        help(model, action);
        return;
    }
    match action {
        Action::Quit => model.nav.quit = !model.is_locked(),
        Action::Suspend => model.nav.suspend = !model.is_locked(),
        Action::Help => model.nav.help = Some(0),
        Action::Back => back(model),
        Action::Clinic if model.nav.screen == Screen::Clinic => {
            model.nav.screen = model.nav.previous
        }
        Action::Clinic => model.show_clinic(),
        _ => match model.nav.screen {
            Screen::Library => library(model, action),
            Screen::Reader => reader(model, action),
            Screen::Clinic => clinic(model, action),
        },
    }
}

/// Where a scrolling action takes `s`, if it is one.
fn moved(s: &Scroll, action: Action) -> Option<usize> {
    Some(match action {
        Action::Up => s.by(-1),
        Action::Down => s.by(1),
        Action::PageUp => s.paged(Dir::Back),
        Action::PageDown => s.paged(Dir::Forward),
        Action::Top => 0,
        Action::Bottom => s.max(),
        _ => return None,
    })
}

/// Keys while the help is open: scroll it; anything else closes it.
fn help(model: &mut Model, action: Action) {
    let to = match action {
        Action::Top | Action::Bottom => None,
        _ => moved(&model.help_scroll(), action),
    };
    model.nav.help = to;
}

/// Esc goes back one level and never quits: a search, the clinic page, an
/// answer, an article's outline (to the library, at its entry).
fn back(model: &mut Model) {
    let several = model.library().articles.len() > 1;
    let nav = &mut model.nav;
    if nav.search.editing || !nav.search.query.is_empty() {
        nav.search = Search::default();
        if nav.screen == Screen::Library {
            model.choose(model.nav.list_selected);
        }
    } else if nav.screen == Screen::Clinic {
        nav.screen = nav.previous;
    } else if nav.screen == Screen::Reader && nav.focus == Focus::Answer {
        nav.focus = Focus::Outline;
    } else if nav.screen == Screen::Reader && several {
        nav.screen = Screen::Library;
        model.choose(model.nav.list_selected);
    }
}

fn library(model: &mut Model, action: Action) {
    if action == Action::Search {
        return start_search(model);
    }
    if model.library_searched() {
        return results(model, action);
    }
    let chosen = model.nav.list_selected;
    let last = model.library_page().entries.len().saturating_sub(1);
    match action {
        Action::Up => model.choose(chosen.saturating_sub(1)),
        Action::Down => model.choose(chosen + 1),
        Action::Top => model.choose(0),
        Action::Bottom => model.choose(last),
        Action::PageUp | Action::PageDown => {
            let starts = |m: &Model| {
                m.library_page()
                    .entries
                    .iter()
                    .map(|e| e.lines.start)
                    .collect()
            };
            if let Some(first) = page_to(model, action, starts) {
                model.nav.list_selected = first.unwrap_or(last);
            }
        }
        Action::Open => {
            if let Some(a) = model.library_article() {
                model.open_article(a);
            }
        }
        _ => {}
    }
}

/// Turns the library's page (PageUp or PageDown); when it turned, the
/// first of the choices starting at `starts` lines that is on the new page.
fn page_to(
    model: &mut Model,
    action: Action,
    starts: impl Fn(&Model) -> Vec<usize>,
) -> Option<Option<usize>> {
    let dir = match action {
        Action::PageUp => Dir::Back,
        _ => Dir::Forward,
    };
    let top = model.turn_page(dir).then(|| model.library_scroll())?;
    Some(starts(model).iter().position(|&s| s >= top))
}

/// Keys on the library's search results: choose a match, open it.
fn results(model: &mut Model, action: Action) {
    let last = model.search().found.len().saturating_sub(1);
    let chosen = model.search().current;
    match action {
        Action::Up => model.choose_match(chosen.map_or(0, |c| c.saturating_sub(1))),
        Action::Down => model.choose_match(chosen.map_or(0, |c| c + 1).min(last)),
        Action::Top => model.choose_match(0),
        Action::Bottom => model.choose_match(last),
        Action::PageUp | Action::PageDown => {
            let starts = |m: &Model| m.results_page().matches.iter().map(|r| r.start).collect();
            if let Some(first) = page_to(model, action, starts) {
                model.nav.search.current = Some(first.unwrap_or(last));
            }
        }
        Action::Open => open_match(model),
        _ => {}
    }
}

/// Opens the article of the library's chosen match, at that match, with
/// the same search in effect.
fn open_match(model: &mut Model) {
    let s = model.search();
    let Some(found) = s.current.and_then(|c| s.found.get(c)).cloned() else {
        return;
    };
    let query = s.query.clone();
    model.open_article(found.article);
    model.nav.search.query = query;
    model.research();
    if let Some(n) = model.search().hits.iter().position(|h| *h == found.hit) {
        go_to_match(model, n);
    }
}

fn start_search(model: &mut Model) {
    model.nav.search = Search {
        editing: true,
        ..Search::default()
    };
}

/// Enter on an outline entry: an item's answer, or the related article.
fn open_entry(model: &mut Model) {
    match model.related_at(model.nav.selected) {
        Some(a) => model.open_article(a),
        None => model.nav.focus = Focus::Answer,
    }
}

fn reader(model: &mut Model, action: Action) {
    let last = model.outline_len() - 1;
    let in_outline = model.nav.focus == Focus::Outline;
    match action {
        Action::Up if in_outline => model.select(model.nav.selected.saturating_sub(1)),
        Action::Down if in_outline => model.select(model.nav.selected + 1),
        Action::Top if in_outline => model.select(0),
        Action::Bottom if in_outline => model.select(last),
        // The answer scrolls, also while the outline has the focus.
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            let i = model.nav.selected;
            if let Some(to) = moved(&model.item_scroll(i), action) {
                model.nav.scroll[i] = to;
            }
        }
        Action::Open => open_entry(model),
        // ← in the outline goes back as Esc does: to the library.
        Action::FocusOutline if in_outline => back(model),
        Action::FocusOutline => model.nav.focus = Focus::Outline,
        Action::NextPane | Action::PrevPane => {
            model.nav.focus = match model.nav.focus {
                Focus::Outline => Focus::Answer,
                Focus::Answer => Focus::Outline,
            }
        }
        Action::Jump(n) => {
            let question = usize::from(n).checked_sub(1).map(Item::Question);
            if let Some(i) = model.items().iter().position(|&it| Some(it) == question) {
                model.select(i);
                model.nav.focus = Focus::Answer;
            }
        }
        Action::References => {
            model.select(model.references());
            model.nav.focus = Focus::Answer;
        }
        Action::Search => start_search(model),
        Action::NextMatch => step_match(model, 1),
        Action::PrevMatch => step_match(model, -1),
        Action::Furigana => model.set_furigana(model.settings().furigana.next()),
        _ => {}
    }
}

fn clinic(model: &mut Model, action: Action) {
    match action {
        Action::Open => {
            if let Some(a) = model.notice_article_shown() {
                model.open_article(a);
            }
        }
        Action::PrevMonth => model.shift_month(-1),
        Action::NextMonth => model.shift_month(1),
        _ => {
            if let Some(to) = moved(&model.clinic_scroll_state(), action) {
                model.nav.clinic_scroll = to;
            }
        }
    }
}

fn search_key(model: &mut Model, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => back(model),
        KeyCode::Enter if model.library_searched() => {
            model.nav.search.editing = false;
            model.choose_match(0);
        }
        KeyCode::Enter => {
            model.nav.search.editing = false;
            if !model.nav.search.hits.is_empty() {
                // The first match at or after what is on screen.
                let (item, top) = (model.nav.selected, model.scroll(model.nav.selected));
                let hits = model.item_hits(item);
                let first = hits.clone().find(|&h| model.hit_line(h) >= top).unwrap_or(
                    if hits.end < model.nav.search.hits.len() {
                        hits.end
                    } else {
                        0
                    },
                );
                go_to_match(model, first);
            }
        }
        KeyCode::Backspace => {
            model.nav.search.query.pop();
            model.research();
        }
        KeyCode::Char('c') if ctrl => model.nav.quit = !model.is_locked(),
        KeyCode::Char(c) if !ctrl => {
            model.nav.search.query.push(c);
            model.research();
        }
        KeyCode::Char('z') if ctrl => model.nav.suspend = !model.is_locked(),
        _ => {}
    }
}

fn step_match(model: &mut Model, delta: isize) {
    let n = model.nav.search.hits.len();
    if n == 0 {
        return;
    }
    let next = match model.nav.search.current {
        Some(c) => (c as isize + delta).rem_euclid(n as isize) as usize,
        None => 0,
    };
    go_to_match(model, next);
}

fn go_to_match(model: &mut Model, index: usize) {
    let (item, line) = (model.nav.search.hits[index].item, model.hit_line(index));
    model.nav.search.current = Some(index);
    model.select(item);
    model.nav.focus = Focus::Answer;
    let page = model.page_height();
    let top = model.scroll(item);
    // Keep the match in the upper two thirds, with its context around it;
    // moved, it goes a third of the way down.
    if line < top || line >= top + page * 2 / 3 {
        model.nav.scroll[item] = line.saturating_sub(page / 3).min(model.max_scroll(item));
    }
}

fn mouse_event(model: &mut Model, mouse: MouseEvent) {
    let p = model.panes();
    let at = Position::new(mouse.column, mouse.row);
    let over_outline = model.nav.screen == Screen::Reader
        && p.outline.contains(at)
        && (p.wide || model.nav.focus == Focus::Outline);
    match mouse.kind {
        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
            let delta: isize = if mouse.kind == MouseEventKind::ScrollUp {
                -3
            } else {
                3
            };
            match model.nav.screen {
                Screen::Clinic => model.nav.clinic_scroll = model.clinic_scroll_state().by(delta),
                Screen::Reader if over_outline => {
                    model.nav.outline_scroll = model.outline_scroll_state().by(delta);
                }
                Screen::Reader => {
                    let i = model.nav.selected;
                    model.nav.scroll[i] = model.item_scroll(i).by(delta);
                }
                Screen::Library => {
                    model.nav.library_scroll = model.library_scroll_state().by(delta);
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left) if model.nav.screen == Screen::Library => {
            let area = model.library_area();
            if area.contains(at) {
                let line = usize::from(mouse.row - area.y) + model.nav.library_scroll;
                if model.library_searched() {
                    let matches = &model.results_page().matches;
                    if let Some(n) = matches.iter().position(|m| m.contains(&line)) {
                        model.choose_match(n);
                        open_match(model);
                    }
                } else if let Some(entry) = model.library_page().entry_at(line) {
                    model.choose(entry);
                    library(model, Action::Open);
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left) if model.nav.screen == Screen::Clinic => {
            let area = model.clinic_area();
            if area.contains(at) {
                let line = usize::from(mouse.row - area.y) + model.nav.clinic_scroll;
                if let Some(a) = model.notice_article_at(line) {
                    model.open_article(a);
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left) if over_outline => {
            let inner = text_area(p.outline);
            let row = usize::from(mouse.row.saturating_sub(inner.y)) + model.nav.outline_scroll;
            if let Some(i) = model.outline_entry_at(row) {
                // A related article opens at the second click, or at the
                // first where its summary is not shown beside the outline.
                let again = i == model.nav.selected;
                model.select(i);
                if !p.wide || (again && model.related_at(i).is_some()) {
                    open_entry(model);
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left)
            if model.nav.screen == Screen::Reader && p.answer.contains(at) =>
        {
            let area = model.answer_area();
            let i = model.nav.selected;
            let line = usize::from(mouse.row.saturating_sub(area.y)) + model.scroll(i);
            if model.related_at(i).is_some() {
                open_entry(model);
            } else if let Some(k) = model.term_at(i, line).filter(|_| area.contains(at)) {
                model.go_to_term(k);
            } else {
                model.nav.focus = Focus::Answer;
            }
        }
        _ => {}
    }
    if matches!(mouse.kind, MouseEventKind::Down(_)) {
        model.nav.help = None;
    }
}
