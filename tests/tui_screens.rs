//! Whole screens drawn into ratatui's TestBackend at several sizes, with the
//! clock fixed, and the model driven by the same messages the terminal sends.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use reader::calendar::clock::ClinicTime;
use reader::layout::Ambiguous;
use reader::layout::document::Furigana;
use reader::tui::model::{Focus, Screen};
use reader::tui::theme::{Theme, ThemeKind};
use reader::tui::{Model, Msg, update, view};

mod common;
use common::model;
#[path = "common/readings.rs"]
mod readings;

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (60, 20), (40, 15)];

fn key(m: &mut Model, code: KeyCode) -> bool {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn keys(m: &mut Model, s: &str) {
    for c in s.chars() {
        key(m, KeyCode::Char(c));
    }
}

/// The frame drawn at the model's size.
fn draw(m: &Model) -> ratatui::buffer::Buffer {
    let area = m.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|f| view(m, f)).unwrap().buffer.clone()
}

/// The screen as text: one line a row, a wide character once.
fn screen(m: &Model) -> String {
    let area = m.area();
    let buf = &draw(m);
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        let mut row = String::new();
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = sym.width().saturating_sub(1);
            row.push_str(sym);
        }
        assert!(
            row.width() <= usize::from(area.width),
            "row {y} overflows: {row}"
        );
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn snap(name: &str, m: &Model) {
    let (w, h) = (m.area().width, m.area().height);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(m));
}

#[test]
fn reader_opens_on_the_summary() {
    for (w, h) in SIZES {
        snap("summary", &model(w, h));
    }
}

#[test]
fn question_three_scrolled() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        keys(&mut m, "3jj");
        assert_eq!(m.focus(), Focus::Answer);
        assert_eq!(m.scroll(3), 2);
        snap("question3", &m);
    }
}

#[test]
fn references_screen() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        keys(&mut m, "r");
        snap("references", &m);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        keys(&mut m, "?");
        assert!(m.help().is_some());
        snap("help", &m);
    }
}

#[test]
fn search_highlights_and_moves() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        keys(&mut m, "/２７");
        assert!(m.search().editing);
        key(&mut m, KeyCode::Enter);
        assert!(!m.search().editing);
        // ２７ (full width) finds 約27倍, 27.10 twice, and three in the references.
        assert_eq!(m.search().hits.len(), 6);
        snap("search", &m);
    }
}

#[test]
fn clinic_screen() {
    for (w, h) in [(120, 40), (80, 24), (40, 15)] {
        let mut m = model(w, h);
        keys(&mut m, "c");
        assert_eq!(m.screen(), Screen::Clinic);
        snap("clinic", &m);
    }
}

#[test]
fn too_small_asks_for_a_larger_window() {
    let m = model(20, 6);
    assert!(screen(&m).contains("画面が小さすぎます"));
}

#[test]
fn outline_moves_and_the_answer_follows() {
    let mut m = model(100, 30);
    assert!(key(&mut m, KeyCode::Down));
    assert_eq!(m.selected(), 1);
    key(&mut m, KeyCode::Char('G'));
    assert_eq!(
        m.selected(),
        8,
        "End in the outline goes to 用語, after 参考文献"
    );
    key(&mut m, KeyCode::Char('g'));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.focus(), Focus::Answer);
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.focus(), Focus::Outline);
    key(&mut m, KeyCode::Up);
    assert_eq!(m.selected(), 0, "nothing above the top");
}

#[test]
fn scrolling_is_clamped_and_pages_move_a_screen() {
    let mut m = model(60, 20);
    keys(&mut m, "6");
    let page = m.page_height();
    key(&mut m, KeyCode::PageDown);
    // The next page starts where this one ended: a screen on, or sooner
    // where a heading is kept with its next line, past an empty line.
    let top = m.scroll(6);
    assert!(
        top > page / 2 && top <= page + 1,
        "{top} after a page of {page}"
    );
    key(&mut m, KeyCode::End);
    assert_eq!(m.scroll(6), m.max_scroll(6));
    key(&mut m, KeyCode::Down);
    assert_eq!(m.scroll(6), m.max_scroll(6), "no further than the end");
    key(&mut m, KeyCode::Home);
    assert_eq!(m.scroll(6), 0);
}

#[test]
fn search_cycles_across_questions_and_escape_clears() {
    let mut m = model(100, 30);
    keys(&mut m, "/感染");
    key(&mut m, KeyCode::Enter);
    let first = m.search().current.unwrap();
    let n = m.search().hits.len();
    assert!(n > 5);
    keys(&mut m, "n");
    assert_eq!(m.search().current, Some((first + 1) % n));
    keys(&mut m, "N");
    keys(&mut m, "N");
    assert_eq!(m.search().current, Some((first + n - 1) % n));
    let hit = &m.search().hits[m.search().current.unwrap()];
    assert_eq!(m.selected(), hit.item, "the answer shows the match");
    key(&mut m, KeyCode::Esc);
    assert!(m.search().hits.is_empty());
    assert_eq!(m.focus(), Focus::Answer);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.focus(), Focus::Outline, "Esc goes back to the outline");
    key(&mut m, KeyCode::Esc);
    assert!(!m.quit(), "Esc never quits");
}

#[test]
fn half_width_katakana_query_finds_katakana() {
    let mut m = model(100, 30);
    keys(&mut m, "/ﾍﾙﾆｱ");
    assert!(!m.search().hits.is_empty());
}

#[test]
fn resize_keeps_the_reader_at_the_same_paragraph() {
    let mut m = model(120, 40);
    keys(&mut m, "2");
    for _ in 0..12 {
        key(&mut m, KeyCode::Down);
    }
    let top_text = |m: &Model| m.layouts()[2].lines[m.scroll(2)].text();
    let block_of = |m: &Model| {
        m.layouts()[2]
            .anchors
            .partition_point(|&a| a <= m.scroll(2))
    };
    let before = block_of(&m);
    update(&mut m, Msg::Resize(60, 20));
    assert_eq!(
        block_of(&m),
        before,
        "same block after resize: {}",
        top_text(&m)
    );
}

#[test]
fn mouse_wheel_scrolls_and_click_selects() {
    let mut m = model(120, 40);
    let at = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    keys(&mut m, "1");
    update(&mut m, Msg::Mouse(at(MouseEventKind::ScrollDown, 80, 10)));
    assert_eq!(m.scroll(1), 3);
    // The outline's first text row is y=2; Q2 starts on its fourth row or later.
    let rows = m.outline_rows();
    let q2_row = 2 + rows[2].0 as u16;
    update(
        &mut m,
        Msg::Mouse(at(MouseEventKind::Down(MouseButton::Left), 5, q2_row)),
    );
    assert_eq!(m.selected(), 2);
}

#[test]
fn clinic_months_move_and_the_clock_redraws_only_there() {
    let mut m = model(100, 30);
    let tick =
        |m: &mut Model, t: &str| update(m, Msg::Clock(ClinicTime::parse(t).unwrap().to_unix()));
    assert!(
        !tick(&mut m, "2026-02-12T10:01"),
        "no clock on the reader: no redraw"
    );
    keys(&mut m, "c");
    assert!(tick(&mut m, "2026-02-12T10:02"));
    assert!(!tick(&mut m, "2026-02-12T10:02"), "same minute: no redraw");
    key(&mut m, KeyCode::Right);
    assert_eq!(m.month().to_string(), "2026-03");
    key(&mut m, KeyCode::Left);
    key(&mut m, KeyCode::Left);
    assert_eq!(m.month().to_string(), "2026-01");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Reader);
}

#[test]
fn ctrl_c_and_q_quit() {
    let mut m = model(80, 24);
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(m.quit());
    let mut m = model(80, 24);
    keys(&mut m, "q");
    assert!(m.quit());
}

#[test]
fn no_color_theme_still_marks_focus_and_matches() {
    let theme = Theme::new(ThemeKind::Mono);
    assert!(
        theme
            .selected(true)
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert!(
        theme
            .matched(false)
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert_eq!(theme.selected(true).fg, None);
}

#[test]
fn ambiguous_wide_screens_use_unambiguous_borders() {
    let mut m = model(80, 40);
    m.set_settings(reader::tui::Settings {
        ambiguous: Ambiguous::Wide,
        ..*m.settings()
    });
    let s = screen(&m);
    assert!(
        s.contains('+') && !s.contains('─') && !s.contains('•'),
        "{s}"
    );
    // Question 1 has sub-headings and bullets: full-width marks stand in.
    keys(&mut m, "1");
    let s = screen(&m);
    assert!(
        s.contains("＊再手術が検討される") && s.contains("・再発性椎間板ヘルニア"),
        "{s}"
    );
    assert!(!s.contains('•') && !s.contains('■'), "{s}");
}

#[test]
fn help_scrolls_where_it_does_not_fit_and_closes_on_other_keys() {
    let mut m = model(40, 15);
    keys(&mut m, "?");
    assert!(key(&mut m, KeyCode::Down), "the help scrolls at 40x15");
    assert_eq!(m.help().unwrap_or(0), 1);
    key(&mut m, KeyCode::End);
    assert!(m.help().is_none(), "another key closes the help");
    assert_eq!(m.selected(), 0, "and does nothing else");
}

#[test]
fn clinic_scroll_stops_at_the_end() {
    let mut m = model(40, 15);
    keys(&mut m, "c");
    key(&mut m, KeyCode::End);
    let end = m.clinic_scroll();
    assert!(end > 0);
    key(&mut m, KeyCode::Down);
    assert_eq!(m.clinic_scroll(), end, "no further than the end");
    let last = m.clinic_page().body.last().unwrap().text();
    assert!(
        screen(&m).contains(last.trim()),
        "the last line shows at the end"
    );
    key(&mut m, KeyCode::Up);
    assert_eq!(m.clinic_scroll(), end - 1);
}

#[test]
fn references_on_screen_are_links_to_their_doi_or_url() {
    let mut m = model(120, 40);
    assert!(
        reader::tui::view::reader::links(&m, m.area()).is_empty(),
        "the summary has no links"
    );
    keys(&mut m, "r");
    let links = reader::tui::view::reader::links(&m, m.area());
    assert!(
        links
            .iter()
            .any(|l| l.url == "https://doi.org/10.1227/00006123-199105000-00008"),
        "{links:?}"
    );
    // Each region is exactly where its text is drawn, cell for cell.
    let buf = draw(&m);
    for l in &links {
        let drawn: String = (l.x..l.x + l.width)
            .map(|x| buf[(x, l.y)].symbol())
            .collect();
        assert_eq!(drawn, l.text, "{l:?}");
    }
    // In a narrower frame than the one laid out for, no link is placed
    // past the column it is drawn in.
    let narrow = Rect::new(0, 0, 90, 40);
    let column = m.answer_area_in(narrow);
    for l in reader::tui::view::reader::links(&m, narrow) {
        assert!(l.x + l.width <= column.right(), "{l:?} past {column:?}");
    }
    keys(&mut m, "?");
    assert!(
        reader::tui::view::reader::links(&m, m.area()).is_empty(),
        "no links under the help"
    );
}

#[test]
fn several_articles_open_on_a_list() {
    let lib =
        reader::content::load_library(Some(std::path::Path::new("tests/fixtures/good"))).unwrap();
    let mut m = common::model_of(lib, 80, 24);
    assert_eq!(m.screen(), Screen::Library);
    assert!(screen(&m).contains("記事一覧"));
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Reader);
    assert_eq!(m.article().slug, "short");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Library, "Esc goes back to the list");
}

/// Pages from the top to the end of a view, returning each top line seen.
fn page_through(m: &mut Model, top: impl Fn(&Model) -> usize) -> Vec<usize> {
    let mut seen = vec![top(m)];
    loop {
        key(m, KeyCode::PageDown);
        if top(m) == *seen.last().unwrap() {
            return seen;
        }
        seen.push(top(m));
    }
}

/// Pages move forward and skip no line but empty ones (`blank`).
fn assert_no_gap(
    seen: &[usize],
    visible: usize,
    max: usize,
    blank: impl Fn(usize) -> bool,
    what: &str,
) {
    for pair in seen.windows(2) {
        let skipped = (pair[0] + visible..pair[1]).all(&blank);
        assert!(
            pair[1] > pair[0] && (pair[1] - pair[0] <= visible || skipped),
            "{what}: a page from line {} to {} skips lines ({visible} visible)",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(seen.last().copied(), Some(max), "{what} reaches its end");
}

#[test]
fn paging_never_skips_a_line() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        for item in 0..m.items().len() {
            let mut m = model(w, h);
            for _ in 0..item {
                key(&mut m, KeyCode::Down);
            }
            key(&mut m, KeyCode::Enter);
            let seen = page_through(&mut m, |m| m.scroll(item));
            let lines = &m.layout(item).unwrap().lines;
            assert_no_gap(
                &seen,
                m.page_height(),
                m.max_scroll(item),
                |n| lines[n].is_blank(),
                &format!("item {item} at {w}x{h}"),
            );
        }
        keys(&mut m, "c");
        let seen = page_through(&mut m, Model::clinic_scroll);
        let body = &m.clinic_page().body;
        assert_no_gap(
            &seen,
            m.clinic_page_height(),
            m.clinic_max_scroll(),
            |n| body[n].is_blank(),
            &format!("clinic at {w}x{h}"),
        );
        let mut m = model(w, h);
        keys(&mut m, "?");
        let seen = page_through(&mut m, |m| m.help().unwrap_or(0));
        assert_no_gap(
            &seen,
            m.help_page_height(),
            m.help_max_scroll(),
            |_| false,
            &format!("help at {w}x{h}"),
        );
    }
}

/// The rows of each month's calendar in the clinic page's body: its name,
/// its weekday row and its weeks.
fn month_rows(m: &Model) -> Vec<std::ops::Range<usize>> {
    let body: Vec<String> = m.clinic_page().body.iter().map(|l| l.text()).collect();
    let is_weekdays = |t: &str| t.contains("日   月   火");
    (1..body.len())
        .filter(|&i| is_weekdays(&body[i]))
        .map(|i| {
            let weeks = body[i + 1..]
                .iter()
                .take_while(|t| {
                    !t.trim().is_empty()
                        && t.chars().any(|c| c.is_ascii_digit())
                        && !t.contains('（')
                })
                .count();
            i - 1..i + 1 + weeks
        })
        .collect()
}

#[test]
fn a_month_is_never_split_between_pages_of_the_clinic_screen() {
    // Issue 19, item 1: at 60x20 a page ended with a month's name and
    // weekday row, its dates on the next page.
    for w in (40..=220).step_by(15) {
        for h in (15..=60).step_by(5) {
            let mut m = model(w, h);
            keys(&mut m, "c");
            let months = month_rows(&m);
            assert!(!months.is_empty(), "{w}x{h}: {months:?}");
            assert!(months.iter().all(|r| r.len() >= 6), "{w}x{h}: {months:?}");
            let height = m.clinic_page_height();
            let mut pages = 0;
            loop {
                let top = m.clinic_scroll();
                let shown = top..top + m.clinic_scroll_state().shown();
                for month in &months {
                    let label = shown.contains(&month.start);
                    let whole = shown.start <= month.start && month.end <= shown.end;
                    let tall = month.len() > height;
                    assert!(
                        !label || whole || (tall && month.start == top),
                        "{w}x{h}: page {shown:?} cuts month {month:?}"
                    );
                    // Nor does a page start inside a month that fits.
                    assert!(
                        tall || !(month.start < top && top < month.end),
                        "{w}x{h}: page {shown:?} starts inside {month:?}"
                    );
                }
                pages += 1;
                key(&mut m, KeyCode::PageDown);
                if m.clinic_scroll() == top {
                    break;
                }
            }
            assert!(pages >= 1);
        }
    }
}

#[test]
fn the_search_count_is_the_same_at_every_size() {
    for query in ["感染症", "再手術", "ﾍﾙﾆｱ", "ﾘﾊﾋﾞﾘ", "failed back", "２７"]
    {
        let counts: Vec<usize> = SIZES
            .iter()
            .chain(&[(200, 60), (24, 8)])
            .map(|&(w, h)| {
                let mut m = model(w, h);
                keys(&mut m, &format!("/{query}"));
                m.search().hits.len()
            })
            .collect();
        assert!(counts[0] > 0, "{query} is in the article");
        assert!(
            counts.iter().all(|&c| c == counts[0]),
            "{query}: {counts:?}"
        );
    }
}

#[test]
fn a_wide_screen_keeps_a_readable_measure_with_margins() {
    let m = model(240, 60);
    let area = m.answer_area();
    assert_eq!(area.width, 80, "40 full-width characters");
    let pane = m.panes().answer;
    assert!(
        area.x > pane.x + 10,
        "margins on both sides: {area:?} in {pane:?}"
    );
    for layout in m.layouts() {
        assert!(layout.lines.iter().all(|l| l.width <= 80));
    }
    let narrow = reader::tui::Settings {
        measure: 20,
        ..Default::default()
    };
    let mut m = model(240, 60);
    m.set_settings(narrow);
    assert_eq!(m.answer_area().width, 40);
    assert!(m.layouts()[1].lines.iter().all(|l| l.width <= 40));
}

#[test]
fn ambiguous_characters_in_the_content_keep_their_two_columns_where_drawn_wide() {
    let mut m = model(120, 40);
    m.set_settings(reader::tui::Settings {
        ambiguous: Ambiguous::Wide,
        ..*m.settings()
    });
    keys(&mut m, "r");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // The frame as drawn, before the diff leaves the filler unwritten.
    let buf = terminal.draw(|f| view(&m, f)).unwrap().buffer.clone();
    let mut seen = 0;
    for y in 0..40 {
        for x in 0..119 {
            if buf[(x, y)].symbol() == "–" {
                seen += 1;
                let filler = &buf[(x + 1, y)];
                assert_eq!(filler.symbol(), " ", "a filler follows the dash");
                assert_eq!(
                    filler.diff_option,
                    ratatui::buffer::CellDiffOption::Skip,
                    "and is not written over the dash's right half"
                );
            }
        }
    }
    assert!(seen > 0, "the references have page ranges like 685–691");
}

/// East Asian Ambiguous: one column, or two where a CJK font draws it.
fn is_ambiguous(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.width() == Some(1) && c.width_cjk() == Some(2)
}

#[test]
fn screens_use_no_ambiguous_glyph_but_box_drawing_and_the_contents_own() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut content = String::new();
    for dir in ["articles", "tests/fixtures/good", "tests/fixtures/linked"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            content.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
        }
    }
    let allowed = |c: char| ('\u{2500}'..='\u{257f}').contains(&c) || content.contains(c);
    let mut scanned = 0;
    for entry in std::fs::read_dir(root.join("tests/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("tui_screens__") || name.starts_with("kiosk__")) {
            continue;
        }
        scanned += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let screen = text.splitn(3, "---").nth(2).unwrap_or_default();
        let bad: std::collections::BTreeSet<char> = screen
            .chars()
            .filter(|&c| is_ambiguous(c) && !allowed(c))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
    }
    assert!(scanned >= 30, "the snapshots were read: {scanned}");
    assert!(is_ambiguous('•') && is_ambiguous('↑') && !is_ambiguous('・'));
}

#[test]
fn changing_the_month_brings_the_calendars_into_view() {
    for (w, h) in [(60, 20), (40, 15)] {
        let mut m = model(w, h);
        keys(&mut m, "c");
        assert!(
            !screen(&m).contains("2026年3月"),
            "below the fold at {w}x{h}"
        );
        key(&mut m, KeyCode::Right);
        let s = screen(&m);
        assert!(
            s.contains("2026年3月") && s.contains("( )は休診日"),
            "{w}x{h}\n{s}"
        );
    }
}

#[test]
fn a_search_always_shows_how_to_leave_it() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        keys(&mut m, "/感染症");
        key(&mut m, KeyCode::Enter);
        let bar = screen(&m).lines().last().unwrap().to_string();
        assert!(
            bar.contains("Esc 解除") && bar.contains("件目"),
            "{w}x{h}: {bar}"
        );
    }
}

/// The generated library of three articles at `w`×`h`.
fn three(w: u16, h: u16) -> Model {
    let dir = common::library::library_dir(&common::library::THREE);
    let lib = reader::content::load_library(Some(dir.path())).unwrap();
    common::model_of(lib, w, h)
}

/// The screens a footer is drawn on, with the key that must stay on it and
/// the label that must not be there: the library and an article's outline
/// from it (Enter opens; Esc goes back), the outline (Enter opens), an answer
/// (Esc returns to 目次; Enter does nothing there), the clinic page, a query
/// being typed and a search in effect.
fn footer_cases(w: u16, h: u16) -> Vec<(&'static str, Model, &'static str, Option<&'static str>)> {
    let outline = model(w, h);
    let mut answer = model(w, h);
    key(&mut answer, KeyCode::Enter);
    let mut clinic = model(w, h);
    keys(&mut clinic, "c");
    let mut typing = model(w, h);
    keys(&mut typing, "/２７");
    let mut found = model(w, h);
    keys(&mut found, "/２７");
    key(&mut found, KeyCode::Enter);
    let library = three(w, h);
    let mut browsing = three(w, h);
    key(&mut browsing, KeyCode::Enter);
    let mut across = three(w, h);
    keys(&mut across, "/リスク");
    key(&mut across, KeyCode::Enter);
    vec![
        ("found across", across, "Esc 解除", Some("n 次")),
        ("library", library, "Enter 開く", None),
        ("browsing", browsing, "Esc 一覧", None),
        ("outline", outline, "Enter 読む", None),
        ("answer", answer, "Esc 目次", Some("Enter 読む")),
        ("clinic", clinic, "Esc 戻る", None),
        ("typing", typing, "Esc 取り消し", None),
        ("found", found, "Esc 解除", None),
    ]
}

/// The labels a footer may show, long and short: the keymap's at every
/// stage and context, and the search's.
fn footer_labels() -> Vec<String> {
    use reader::tui::keymap::{Context, Stage, bar_entries};
    let mut labels = Vec::new();
    for context in [Context::Library, Context::Reader, Context::Clinic] {
        for stage in [
            Stage::Choosing,
            Stage::Browsing,
            Stage::Reading,
            Stage::Notice,
        ] {
            for (long, short, _) in bar_entries(context, stage, false, 6) {
                labels.extend([long, short]);
            }
        }
    }
    for (long, short, _) in reader::strings::search_editing("２７", 6)
        .into_iter()
        .chain(reader::strings::search_result("２７", "6件中1件目", false))
        .chain(reader::strings::search_result(
            "リスク",
            &across_position(),
            true,
        ))
    {
        labels.extend([long, short]);
    }
    labels
}

/// Where the first match of リスク is among the generated library's.
fn across_position() -> String {
    let mut m = three(80, 24);
    keys(&mut m, "/リスク");
    reader::strings::match_position(1, m.match_count())
}

/// Whether `bar` is whole labels one or two spaces apart.
fn whole_labels(bar: &str, labels: &[String]) -> bool {
    let rest = bar.trim_start_matches(' ');
    rest.is_empty()
        || labels.iter().any(|l| {
            rest.strip_prefix(l.as_str()).is_some_and(|after| {
                after.is_empty() || (after.starts_with(' ') && whole_labels(after, labels))
            })
        })
}

#[test]
fn every_footer_keeps_the_way_back_and_the_key_that_acts_and_cuts_no_label() {
    let labels = footer_labels();
    for w in 40..=120 {
        for (name, m, must, never) in footer_cases(w, 24) {
            let bar = screen(&m).lines().last().unwrap().to_string();
            assert!(bar.contains(must), "{name} at {w}: {bar:?} lacks {must}");
            if let Some(never) = never {
                assert!(!bar.contains(never), "{name} at {w}: {bar:?} shows {never}");
            }
            assert!(
                whole_labels(&bar, &labels),
                "{name} at {w}: a cut label in {bar:?}"
            );
        }
    }
}

#[test]
fn a_cut_label_is_noticed() {
    let labels = footer_labels();
    assert!(whole_labels(" Enter 読む  ? ヘルプ", &labels));
    assert!(!whole_labels(" Enter 読む  Esc 取り", &labels));
}

#[test]
fn the_bars_are_solid_from_the_first_column_to_the_last_in_every_theme() {
    for kind in [ThemeKind::Default, ThemeKind::HighContrast, ThemeKind::Mono] {
        let theme = Theme::new(kind);
        let bar = theme.base().patch(theme.bar());
        for (w, h) in SIZES {
            let mut m = model(w, h);
            m.set_settings(reader::tui::Settings {
                theme,
                ..*m.settings()
            });
            for step in ["", "\r", "c"] {
                for c in step.chars() {
                    key(
                        &mut m,
                        if c == '\r' {
                            KeyCode::Enter
                        } else {
                            KeyCode::Char(c)
                        },
                    );
                }
                let buf = draw(&m);
                for y in [0, h - 1] {
                    for x in 0..w {
                        let cell = &buf[(x, y)];
                        assert!(
                            cell.bg == bar.bg.unwrap_or(cell.bg)
                                && cell.fg == bar.fg.unwrap_or(cell.fg)
                                && cell.modifier.contains(bar.add_modifier),
                            "{kind:?} {w}x{h} after {step:?}: cell ({x}, {y}) {cell:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn library_screen() {
    for (w, h) in SIZES {
        let m = three(w, h);
        assert_eq!(m.screen(), Screen::Library);
        snap("library", &m);
    }
}

#[test]
fn the_reader_walks_library_article_related_and_back() {
    let mut m = three(80, 24);
    let s = screen(&m);
    // Grouped by category with counts, その他 last, each with its questions.
    let at = |t: &str| s.find(t).unwrap_or_else(|| panic!("{t} in\n{s}"));
    assert!(at("腰痛（1件）") < at("診療ガイドライン（1件）"));
    assert!(at("診療ガイドライン（1件）") < at("その他（1件）"));
    assert!(s.contains("質問 6問"), "{s}");
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        (m.screen(), m.article().slug.as_str()),
        (Screen::Reader, "guide-b")
    );
    // The outline ends with its related articles.
    key(&mut m, KeyCode::End);
    assert_eq!(m.related_at(m.selected()), Some(2));
    let s = screen(&m);
    assert!(
        s.contains("関連記事") && s.contains("再手術について:三"),
        "{s}"
    );
    key(&mut m, KeyCode::Up);
    assert_eq!(m.related_at(m.selected()), Some(0));
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        (m.screen(), m.article().slug.as_str()),
        (Screen::Reader, "back-a")
    );
    assert_eq!(m.focus(), Focus::Outline, "opened at its outline");
    // Esc from an answer goes to the outline, then to the library at the
    // entry of the article it came from; never further.
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Library);
    assert_eq!(m.library_article(), Some(0));
    for _ in 0..3 {
        key(&mut m, KeyCode::Esc);
    }
    assert!(!m.quit() && m.screen() == Screen::Library);
    // ← from an article's outline goes back too.
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Reader);
    key(&mut m, KeyCode::Left);
    assert_eq!(m.screen(), Screen::Library);
    // A click on an entry opens it.
    let page = m.library_page().clone();
    let area = m.library_area();
    let row = area.y + (page.entries[2].lines.start - m.library_scroll()) as u16;
    click(&mut m, area.x + 2, row);
    assert_eq!(m.article().slug, "other-c");
}

#[test]
fn the_library_pages_keep_entries_whole_at_every_size() {
    for (w, h) in SIZES.into_iter().chain([(40, 10), (24, 8)]) {
        let mut m = three(w, h);
        let n = m.library_page().entries.len();
        for e in 0..n {
            // Choosing each entry in turn shows it whole.
            let s = m.library_scroll_state();
            let lines = m.library_page().entries[e].lines.clone();
            assert!(
                lines.start >= s.offset() && lines.end <= s.offset() + s.shown(),
                "{w}x{h}: entry {e} at {lines:?}, page {}+{}",
                s.offset(),
                s.shown()
            );
            key(&mut m, KeyCode::Down);
        }
        // A page turn chooses the first entry that starts on the new page.
        key(&mut m, KeyCode::Home);
        if key(&mut m, KeyCode::PageDown) && m.library_scroll() > 0 {
            let chosen = &m.library_page().entries[m.list_selected()];
            assert!(chosen.lines.start >= m.library_scroll(), "{w}x{h}");
        }
    }
}

fn click(m: &mut Model, column: u16, row: u16) {
    let kind = MouseEventKind::Down(MouseButton::Left);
    let modifiers = KeyModifiers::NONE;
    update(
        m,
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }),
    );
}

#[test]
fn a_search_from_the_library_finds_every_article_and_opens_at_the_match() {
    let mut m = three(120, 40);
    let single = {
        let mut one = model(120, 40);
        keys(&mut one, "/リスク");
        one.search().hits.len()
    };
    assert!(single > 10, "the bundled article has many: {single}");
    keys(&mut m, "/リスク");
    // NFKC and kana folding hold: the count is every article's.
    let s = screen(&m);
    assert!(s.contains(&format!("{}件", 3 * single)), "{s}");
    for title in [
        "再手術について:一",
        "再手術について:二",
        "再手術について:三",
    ] {
        assert!(
            s.contains(&format!("{title}（{single}件）")),
            "{title} in\n{s}"
        );
    }
    assert!(
        s.contains("ほか"),
        "the matches not listed are counted:\n{s}"
    );
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.search().current, Some(0));
    // The second article's first match.
    let first_of_second = m
        .search()
        .found
        .iter()
        .position(|f| f.article == 1)
        .unwrap();
    for _ in 0..first_of_second {
        key(&mut m, KeyCode::Down);
    }
    let found = m.search().found[first_of_second].clone();
    let bar = screen(&m).lines().last().unwrap().to_string();
    assert!(
        bar.contains(&format!("{}件中{}件目", 3 * single, single + 1)),
        "{bar}"
    );
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Reader);
    assert_eq!(m.article().slug, "guide-b");
    assert_eq!(m.focus(), Focus::Answer);
    let current = m.search().current.unwrap();
    assert_eq!(m.search().hits[current], found.hit, "opened at that match");
    assert_eq!(m.selected(), found.hit.item);
    // Esc clears the search, then the outline, then back to the library.
    for _ in 0..3 {
        key(&mut m, KeyCode::Esc);
    }
    assert_eq!(m.screen(), Screen::Library);
    assert_eq!(m.library_article(), Some(1));
    // Esc on the library's matches clears the search: the shelves again.
    keys(&mut m, "/リスク");
    key(&mut m, KeyCode::Enter);
    assert!(m.library_searched());
    key(&mut m, KeyCode::Esc);
    assert!(!m.library_searched() && m.search().query.is_empty());
    assert!(screen(&m).contains("記事一覧"));
    // Kana folding across the library: katakana finds what hiragana does.
    keys(&mut m, "/りすく");
    assert_eq!(m.match_count(), 3 * single);
}

#[test]
fn library_search_screen() {
    for (w, h) in [(80, 24), (40, 15)] {
        let mut m = three(w, h);
        keys(&mut m, "/感染症");
        key(&mut m, KeyCode::Enter);
        snap("library_search", &m);
    }
}

#[test]
fn a_notice_about_an_article_opens_it_by_enter_or_a_click() {
    let dir = common::library::library_dir(&common::library::THREE);
    common::library::write_clinic_with_notice_for(dir.path(), "guide-b");
    let lib = reader::content::load_library(Some(dir.path())).unwrap();
    for how in ["enter", "click"] {
        let mut m = common::model_of(lib.clone(), 100, 30);
        keys(&mut m, "c");
        let line = m.clinic_page().articles[0].0.clone();
        // Page down until the notice shows.
        while m.clinic_scroll() + m.clinic_scroll_state().shown() <= line.start {
            assert!(key(&mut m, KeyCode::PageDown));
        }
        let s = screen(&m);
        assert!(s.contains("→ 記事「再手術について:二」を読む"), "{s}");
        let bar = s.lines().last().unwrap();
        assert!(bar.contains("Enter 記事"), "the bar says how: {bar}");
        match how {
            "enter" => {
                key(&mut m, KeyCode::Enter);
            }
            _ => {
                let area = m.clinic_area();
                let row = area.y + (line.start - m.clinic_scroll()) as u16;
                click(&mut m, area.x + 1, row);
            }
        }
        assert_eq!(
            (m.screen(), m.article().slug.as_str()),
            (Screen::Reader, "guide-b"),
            "{how}"
        );
    }
}

/// The fixture of the bundled article's sentences with readings: 腰椎 and
/// 根性痛 by [[terms]], 軸性疼痛 inline.
fn ruby_model(w: u16, h: u16) -> Model {
    let dir = std::path::Path::new("tests/fixtures/ruby");
    common::model_of(reader::content::load_library(Some(dir)).unwrap(), w, h)
}

/// The bundled article with readings for its commonest words.
fn dense_model(w: u16, h: u16) -> Model {
    let library = reader::content::load_library(None).unwrap();
    common::model_of(readings::with_common_readings(library), w, h)
}

fn ruby_rows(m: &Model) -> usize {
    let layout = m.layout(m.selected()).unwrap();
    layout.lines.iter().filter(|l| l.ruby).count()
}

#[test]
fn furigana_modes_on_screen() {
    for (w, h) in [(120, 40), (80, 24), (40, 15)] {
        let mut m = ruby_model(w, h);
        keys(&mut m, "1");
        for (mode, name) in [
            (Furigana::First, "furigana_first"),
            (Furigana::All, "furigana_all"),
            (Furigana::Off, "furigana_off"),
        ] {
            assert_eq!(m.settings().furigana, mode);
            snap(name, &m);
            keys(&mut m, "f");
        }
    }
}

#[test]
fn f_cycles_off_first_all_and_the_help_and_bar_say_so() {
    let mut m = ruby_model(80, 24);
    m.set_settings(reader::tui::Settings {
        furigana: Furigana::Off,
        ..*m.settings()
    });
    keys(&mut m, "1");
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push((m.settings().furigana, ruby_rows(&m)));
        keys(&mut m, "f");
    }
    let modes: Vec<Furigana> = seen.iter().map(|s| s.0).collect();
    assert_eq!(
        modes,
        [Furigana::Off, Furigana::First, Furigana::All, Furigana::Off]
    );
    // Q1's 腰椎: in its heading only, then in its answer too.
    let rows: Vec<usize> = seen.iter().map(|s| s.1).collect();
    assert!(
        rows[0] == 0 && rows[1] > 0 && rows[2] > rows[1] && rows[3] == 0,
        "{rows:?}"
    );
    let help: Vec<String> = m.help_lines().iter().map(|l| l.text()).collect();
    assert!(
        help.iter()
            .any(|l| l.starts_with("f ") && l.contains("ふりがな")),
        "{help:?}"
    );
    assert!(screen(&m).lines().last().unwrap().contains("f かな"));
    keys(&mut m, "?");
    assert!(screen(&m).contains("ふりがなの表示"));
}

#[test]
fn no_page_shows_a_ruby_row_without_its_line() {
    for (w, h) in SIZES {
        let m = dense_model(w, h);
        // The summary and the questions (the references are English).
        for item in 0..m.references() {
            let mut m = dense_model(w, h);
            m.show(item);
            let lines = m.layout(item).unwrap().lines.clone();
            assert!(
                lines.iter().any(|l| l.ruby),
                "{w}x{h}: item {item} has readings"
            );
            let last_shown = |m: &Model| {
                let s = m.item_scroll(item);
                (s.offset() + s.shown().min(m.page_height())).min(lines.len()) - 1
            };
            // Page by page, then a line at a time.
            for (step, what) in [(KeyCode::PageDown, "page"), (KeyCode::Down, "line")] {
                m.scroll_to(0);
                loop {
                    let last = last_shown(&m);
                    assert!(
                        !lines[last].ruby || last + 1 == lines.len(),
                        "{w}x{h} item {item}, by {what}: row {last} alone at the bottom"
                    );
                    let before = m.scroll(item);
                    key(&mut m, step);
                    if m.scroll(item) == before {
                        break;
                    }
                }
            }
            let seen = page_through(&mut m, |m| m.scroll(item));
            assert_eq!(seen.last().copied(), Some(m.max_scroll(item)));
        }
    }
}

#[test]
fn a_match_by_reading_or_base_lights_the_base_not_its_reading() {
    for (w, h) in SIZES {
        for mode in ["", "f"] {
            let mut m = ruby_model(w, h);
            keys(&mut m, mode);
            keys(&mut m, "/ようつい");
            key(&mut m, KeyCode::Enter);
            assert_eq!(m.search().hits.len(), 4, "腰椎 four times");
            for hit in 0..m.search().hits.len() {
                let item = m.search().hits[hit].item;
                let lines = &m.layout(item).unwrap().lines;
                let lit: String = m
                    .hit_segments(hit)
                    .iter()
                    .map(|s| {
                        let line = &lines[s.line];
                        assert!(!line.ruby, "{w}x{h}: a match on a ruby row");
                        line.text()
                            .chars()
                            .skip(s.start)
                            .take(s.end - s.start)
                            .collect::<String>()
                    })
                    .collect();
                assert_eq!(lit, "腰椎", "{w}x{h} {mode}");
            }
        }
    }
}

#[test]
fn every_line_keeps_the_measure_and_the_width_in_every_mode() {
    for w in (24..=300).step_by(11).chain([80, 120, 240]) {
        let mut m = dense_model(w, 30);
        for _ in 0..3 {
            let width = usize::from(m.answer_area().width);
            assert!(width <= 2 * m.settings().measure);
            for layout in m.layouts() {
                for line in &layout.lines {
                    assert!(line.width <= width, "{w}: {:?} at {width}", line.text());
                }
            }
            keys(&mut m, "f");
        }
    }
}

#[test]
fn the_glossary_lists_each_term_and_a_click_goes_to_its_first_use() {
    let mut m = model(120, 40);
    let terms = m
        .items()
        .iter()
        .position(|&i| i == reader::content::Item::Terms);
    let terms = terms.expect("用語 ends the outline while readings show");
    assert_eq!(terms, m.references() + 1);
    key(&mut m, KeyCode::End);
    // Past 用語 come no related articles in the bundled library.
    assert_eq!(m.selected(), terms);
    key(&mut m, KeyCode::Enter);
    let s = screen(&m);
    assert!(
        s.contains("腰椎（ようつい）") && s.contains("使われている所"),
        "{s}"
    );
    let k = m
        .article()
        .terms
        .iter()
        .position(|t| t.term == "根性痛")
        .unwrap();
    let layout = m.layout(terms).unwrap().clone();
    let line = layout.anchors[k + 1];
    assert_eq!(m.term_at(terms, line), Some(k));
    m.scroll_to(line);
    let s = screen(&m);
    assert!(
        s.contains("根性痛（こんせいつう）") && s.contains("足の痛み"),
        "{s}"
    );
    let area = m.answer_area();
    let row = area.y + (line - m.scroll(terms)) as u16;
    click(&mut m, area.x + 2, row);
    let first = m.article().uses("根性痛")[0];
    assert_eq!(m.items()[m.selected()], first, "the first use");
    assert!(screen(&m).contains("根性痛"));
    // With readings off there is no 用語.
    key(&mut m, KeyCode::Esc);
    while m.settings().furigana != reader::layout::document::Furigana::Off {
        keys(&mut m, "f");
    }
    assert!(!m.items().contains(&reader::content::Item::Terms));
}
