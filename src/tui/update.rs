//! `update`: the model after a message, and whether the screen must be redrawn.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::keymap::{Action, Context, lookup};
use super::model::{Focus, Item, Model, Screen, Search};
use super::panes::{panes, text_area};
use super::view::clinic::ClinicScreen;
use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;

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

pub fn update(model: &mut Model, msg: Msg) -> bool {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => false,
        Msg::Key(key) if model.search.editing => search_key(model, key),
        Msg::Key(key) => match lookup(&key, context(model)) {
            Some(action) => act(model, action),
            None => false,
        },
        Msg::Paste(text) if model.search.editing => {
            model
                .search
                .query
                .push_str(&crate::text::sanitize::sanitize(&text));
            model.research();
            true
        }
        Msg::Paste(_) => false,
        Msg::Mouse(mouse) => mouse_event(model, mouse),
        // The loop's first message is the size the model was made with.
        Msg::Resize(w, h) if model.area == Rect::new(0, 0, w, h) => false,
        Msg::Resize(w, h) => {
            model.area = Rect::new(0, 0, w, h);
            model.relayout();
            true
        }
        Msg::Clock(unix) => {
            let now = ClinicTime::from_unix(unix);
            let changed = now != model.now;
            model.now = now;
            changed && model.screen == Screen::Clinic
        }
    }
}

pub fn context(model: &Model) -> Context {
    match model.screen {
        Screen::Clinic => Context::Clinic,
        _ => Context::Reader,
    }
}

/// Applies an action; true when something changed.
pub fn act(model: &mut Model, action: Action) -> bool {
    let before = snapshot(model);
    if model.help && !matches!(action, Action::Quit | Action::Suspend) {
        help(model, action);
        return before != snapshot(model);
    }
    match action {
        Action::Quit => model.quit = !model.locked,
        Action::Suspend => model.suspend = !model.locked,
        Action::Help => {
            model.help = true;
            model.help_scroll = 0;
        }
        Action::Back => back(model),
        Action::Clinic if model.screen == Screen::Clinic => model.screen = model.previous,
        Action::Clinic => {
            model.previous = model.screen;
            model.screen = Screen::Clinic;
            model.clinic_scroll = 0;
        }
        _ => match model.screen {
            Screen::Articles => articles(model, action),
            Screen::Reader => reader(model, action),
            Screen::Clinic => clinic(model, action),
        },
    }
    before != snapshot(model) || model.quit || model.suspend
}

/// What the view shows, to tell whether an action changed anything.
type Snapshot = (
    (Screen, bool, Focus, usize, usize, usize),
    (Vec<usize>, usize, usize, usize, Month),
    Search,
);

fn snapshot(m: &Model) -> Snapshot {
    (
        (
            m.screen,
            m.help,
            m.focus,
            m.selected,
            m.article,
            m.help_scroll,
        ),
        (
            m.scroll.clone(),
            m.outline_scroll,
            m.clinic_scroll,
            m.list_selected,
            m.month,
        ),
        m.search.clone(),
    )
}

/// Keys while the help is open: scroll it; anything else closes it.
fn help(model: &mut Model, action: Action) {
    let max = super::view::help::max_scroll(model);
    let page = model.page_height();
    let s = &mut model.help_scroll;
    match action {
        Action::Up => *s = s.saturating_sub(1),
        Action::Down => *s = (*s + 1).min(max),
        Action::PageUp => *s = s.saturating_sub(page),
        Action::PageDown => *s = (*s + page).min(max),
        _ => model.help = false,
    }
}

fn back(model: &mut Model) {
    if model.search.editing || !model.search.query.is_empty() {
        model.search = Default::default();
    } else if model.screen == Screen::Clinic {
        model.screen = model.previous;
    } else if model.screen == Screen::Reader && model.library.articles.len() > 1 {
        model.screen = Screen::Articles;
    } else {
        model.quit = !model.locked;
    }
}

fn articles(model: &mut Model, action: Action) {
    let last = model.library.articles.len().saturating_sub(1);
    match action {
        Action::Up => model.list_selected = model.list_selected.saturating_sub(1),
        Action::Down => model.list_selected = (model.list_selected + 1).min(last),
        Action::Top => model.list_selected = 0,
        Action::Bottom => model.list_selected = last,
        Action::Open => {
            model.open_article(model.list_selected);
            model.screen = Screen::Reader;
        }
        _ => {}
    }
}

/// Selects an outline item and scrolls the outline to show it.
pub fn select(model: &mut Model, index: usize) {
    model.selected = index.min(model.items().len() - 1);
    keep_selection_visible(model);
}

fn scroll_by(model: &mut Model, delta: isize) {
    let i = model.selected;
    let max = model.max_scroll(i);
    model.scroll[i] = model.scroll[i].saturating_add_signed(delta).min(max);
}

fn reader(model: &mut Model, action: Action) {
    let page = model.page_height().saturating_sub(1).max(1) as isize;
    let last = model.items().len() - 1;
    let in_outline = model.focus == Focus::Outline;
    match action {
        Action::Up if in_outline => select(model, model.selected.saturating_sub(1)),
        Action::Down if in_outline => select(model, model.selected + 1),
        Action::Top if in_outline => select(model, 0),
        Action::Bottom if in_outline => select(model, last),
        Action::Up => scroll_by(model, -1),
        Action::Down => scroll_by(model, 1),
        Action::Top => scroll_by(model, isize::MIN / 2),
        Action::Bottom => scroll_by(model, isize::MAX / 2),
        Action::PageUp => scroll_by(model, -page),
        Action::PageDown => scroll_by(model, page),
        Action::Open => model.focus = Focus::Answer,
        Action::FocusOutline => model.focus = Focus::Outline,
        Action::NextPane | Action::PrevPane => {
            model.focus = match model.focus {
                Focus::Outline => Focus::Answer,
                Focus::Answer => Focus::Outline,
            }
        }
        Action::Jump(n) => {
            if let Some(i) = model
                .items()
                .iter()
                .position(|&it| it == Item::Question(usize::from(n).wrapping_sub(1)))
            {
                select(model, i);
                model.focus = Focus::Answer;
            }
        }
        Action::References => {
            select(model, last);
            model.focus = Focus::Answer;
        }
        Action::Search => {
            model.search = Default::default();
            model.search.editing = true;
        }
        Action::NextMatch => step_match(model, 1),
        Action::PrevMatch => step_match(model, -1),
        _ => {}
    }
}

fn clinic(model: &mut Model, action: Action) {
    let page = model.page_height();
    let s = &mut model.clinic_scroll;
    match action {
        Action::Up => *s = s.saturating_sub(1),
        Action::Down => *s += 1,
        Action::PageUp => *s = s.saturating_sub(page),
        Action::PageDown => *s += page,
        Action::Top => *s = 0,
        Action::Bottom => *s = usize::MAX,
        Action::PrevMonth => model.month = model.month.prev(),
        Action::NextMonth => model.month = model.month.next(),
        _ => {}
    }
    model.clinic_scroll = model
        .clinic_scroll
        .min(ClinicScreen::of(model).max_scroll());
}

fn search_key(model: &mut Model, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Esc => model.search = Default::default(),
        KeyCode::Enter => {
            model.search.editing = false;
            if !model.search.hits.is_empty() {
                // The first match at or after what is on screen.
                let here = (model.selected, model.scroll[model.selected]);
                let first = model
                    .search
                    .hits
                    .iter()
                    .position(|h| (h.item, h.segments[0].line) >= here)
                    .unwrap_or(0);
                go_to_match(model, first);
            }
        }
        KeyCode::Backspace => {
            model.search.query.pop();
            model.research();
        }
        KeyCode::Char(c)
            if !key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL) =>
        {
            model.search.query.push(c);
            model.research();
        }
        KeyCode::Char('c') => model.quit = !model.locked,
        KeyCode::Char('z') => model.suspend = !model.locked,
        _ => return false,
    }
    true
}

fn step_match(model: &mut Model, delta: isize) {
    let n = model.search.hits.len();
    if n == 0 {
        return;
    }
    let next = match model.search.current {
        Some(c) => (c as isize + delta).rem_euclid(n as isize) as usize,
        None => 0,
    };
    go_to_match(model, next);
}

fn go_to_match(model: &mut Model, index: usize) {
    let hit = &model.search.hits[index];
    let (item, line) = (hit.item, hit.segments[0].line);
    model.search.current = Some(index);
    select(model, item);
    model.focus = Focus::Answer;
    let page = model.page_height();
    let top = model.scroll[item];
    if line < top || line >= top + page {
        // Put the match a third of the way down, with its context above.
        model.scroll[item] = line.saturating_sub(page / 3).min(model.max_scroll(item));
    }
}

/// Rows of the outline pane each item takes, from the top of the list.
pub fn outline_rows(model: &Model) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut y = 0;
    for entry in &model.outline {
        rows.push((y, y + entry.len()));
        y += entry.len() + 1;
    }
    rows
}

fn keep_selection_visible(model: &mut Model) {
    let rows = outline_rows(model);
    let height = usize::from(text_area(panes(model.area).outline).height);
    if let Some(&(start, end)) = rows.get(model.selected) {
        if start < model.outline_scroll {
            model.outline_scroll = start;
        } else if end > model.outline_scroll + height {
            model.outline_scroll = end.saturating_sub(height);
        }
    }
}

fn mouse_event(model: &mut Model, mouse: MouseEvent) -> bool {
    let before = snapshot(model);
    let p = panes(model.area);
    let at = Position::new(mouse.column, mouse.row);
    let over_outline = model.screen == Screen::Reader
        && p.outline.contains(at)
        && (p.wide || model.focus == Focus::Outline);
    match mouse.kind {
        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
            let delta: isize = if mouse.kind == MouseEventKind::ScrollUp {
                -3
            } else {
                3
            };
            match model.screen {
                Screen::Clinic => {
                    model.clinic_scroll = model
                        .clinic_scroll
                        .saturating_add_signed(delta)
                        .min(ClinicScreen::of(model).max_scroll());
                }
                Screen::Reader if over_outline => {
                    let max = outline_rows(model).last().map_or(0, |r| r.1);
                    model.outline_scroll =
                        model.outline_scroll.saturating_add_signed(delta).min(max);
                }
                Screen::Reader => scroll_by(model, delta),
                Screen::Articles => {}
            }
        }
        MouseEventKind::Down(MouseButton::Left) if over_outline => {
            let inner = text_area(p.outline);
            let row = usize::from(mouse.row.saturating_sub(inner.y)) + model.outline_scroll;
            if let Some(i) = outline_rows(model)
                .iter()
                .position(|&(s, e)| s <= row && row < e)
            {
                select(model, i);
                if !p.wide {
                    model.focus = Focus::Answer;
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left)
            if model.screen == Screen::Reader && p.answer.contains(at) =>
        {
            model.focus = Focus::Answer;
        }
        _ => {}
    }
    if model.help && matches!(mouse.kind, MouseEventKind::Down(_)) {
        model.help = false;
    }
    before != snapshot(model)
}
