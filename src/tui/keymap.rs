//! The keymap: one table drives key handling, the help overlay and the
//! bottom bar, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::layout::document::{self, DocOptions};
use crate::layout::{Line, Policy, Role, Span, Style};
use crate::text::width::{pad, str_width};

/// What the user asked for; `update` decides what it means on each screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    FocusOutline,
    NextPane,
    PrevPane,
    /// Question n (1-based).
    Jump(u8),
    Search,
    NextMatch,
    PrevMatch,
    References,
    /// Readings: none, the first of each word in an item, all.
    Furigana,
    Clinic,
    Help,
    PrevMonth,
    NextMonth,
    Back,
    Suspend,
    Quit,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Any,
    /// The library: the articles by category.
    Library,
    Reader,
    Clinic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// What a binding does: one action, or the question its digit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Action(Action),
    Question,
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Bound,
    pub contexts: &'static [Context],
    /// What the help overlay says the keys do.
    pub help: &'static str,
    /// The bottom bar's entry, when the key is shown there.
    /// The bottom bar's entries (one a stage, where it differs), when the
    /// key is shown there.
    pub bars: &'static [Bar],
}

/// A key's entry in the bottom bar: keys and a word, a shorter form for
/// narrow screens, its rank (0 gives way last; higher gives way first),
/// and the stage it is shown at, if only at one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub long: &'static str,
    pub short: &'static str,
    pub rank: u8,
    /// The stages it is shown at; all when empty.
    pub only: &'static [Stage],
}

/// What the patient is doing, for the bar: choosing (the library, or the
/// outline of the only article), where Enter opens; browsing (an article's
/// outline with the library behind it), where Enter opens and Esc goes
/// back; or reading (an answer, the clinic page), where Esc goes back and
/// Enter does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Choosing,
    Browsing,
    Reading,
    /// Reading the clinic page with a notice on screen that opens an
    /// article, where Enter opens it.
    Notice,
}

const fn bar(long: &'static str, short: &'static str, rank: u8) -> Bar {
    Bar {
        long,
        short,
        rank,
        only: &[],
    }
}

/// A bar entry shown only at `stages`.
const fn bar_at(
    long: &'static str,
    short: &'static str,
    rank: u8,
    stages: &'static [Stage],
) -> Bar {
    Bar {
        long,
        short,
        rank,
        only: stages,
    }
}

impl Binding {
    fn applies(&self, context: Context) -> bool {
        self.contexts.contains(&context) || self.contexts.contains(&Any)
    }
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    contexts: &'static [Context],
    help: &'static str,
    bars: &'static [Bar],
) -> Binding {
    Binding {
        keys,
        action: Bound::Action(action),
        contexts,
        help,
        bars,
    }
}

use Context::{Any, Clinic, Library, Reader};

pub static KEYMAP: &[Binding] = &[
    bind(
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        &[Any],
        "上へ（目次の選択・本文の1行）",
        &[bar("上下キー 移動", "上下 移動", 3)],
    ),
    bind(
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        &[Any],
        "下へ（目次の選択・本文の1行）",
        &[],
    ),
    bind(
        &[code(KeyCode::PageUp), k('b')],
        Action::PageUp,
        &[Any],
        "前のページ",
        &[],
    ),
    bind(
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        &[Any],
        "次のページ",
        &[bar("Space ページ", "Space 次", 4)],
    ),
    bind(
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        &[Any],
        "先頭へ",
        &[],
    ),
    bind(
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        &[Any],
        "末尾へ",
        &[],
    ),
    bind(
        &[code(KeyCode::Enter), code(KeyCode::Right), k('l')],
        Action::Open,
        &[Reader],
        "本文を読む",
        &[bar_at(
            "Enter 読む",
            "Enter 読む",
            0,
            &[Stage::Choosing, Stage::Browsing],
        )],
    ),
    bind(
        &[code(KeyCode::Enter), code(KeyCode::Right), k('l')],
        Action::Open,
        &[Library],
        "記事を開く",
        &[bar("Enter 開く", "Enter 開く", 0)],
    ),
    bind(
        &[code(KeyCode::Left), k('h')],
        Action::FocusOutline,
        &[Reader],
        "目次へ戻る（目次からは記事一覧へ）",
        &[],
    ),
    // The way back stays on the bar longest where there is one to take.
    bind(
        &[code(KeyCode::Esc)],
        Action::Back,
        &[Reader, Library],
        "戻る・閉じる",
        &[
            bar_at("Esc 目次へ", "Esc 目次", 0, &[Stage::Reading]),
            bar_at("Esc 一覧へ", "Esc 一覧", 0, &[Stage::Browsing]),
        ],
    ),
    bind(
        &[code(KeyCode::Tab)],
        Action::NextPane,
        &[Reader],
        "目次と本文を切り替え",
        &[bar("Tab 切替", "Tab 切替", 6)],
    ),
    bind(
        &[code(KeyCode::BackTab)],
        Action::PrevPane,
        &[Reader],
        "目次と本文を切り替え（逆）",
        &[],
    ),
    Binding {
        keys: &[
            k('1'),
            k('2'),
            k('3'),
            k('4'),
            k('5'),
            k('6'),
            k('7'),
            k('8'),
            k('9'),
        ],
        action: Bound::Question,
        contexts: &[Reader],
        help: "その番号の質問へ",
        bars: &[bar("質問", "質問", 5)],
    },
    bind(
        &[k('/')],
        Action::Search,
        &[Reader],
        "記事全体を検索",
        &[bar("/ 検索", "/ 検索", 7)],
    ),
    bind(
        &[k('/')],
        Action::Search,
        &[Library],
        "すべての記事を検索",
        &[bar("/ 検索", "/ 検索", 7)],
    ),
    bind(&[k('n')], Action::NextMatch, &[Reader], "次の検索結果", &[]),
    bind(&[k('N')], Action::PrevMatch, &[Reader], "前の検索結果", &[]),
    bind(
        &[k('r')],
        Action::References,
        &[Reader],
        "参考文献",
        &[bar("r 文献", "r 文献", 8)],
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        &[Clinic],
        "お知らせの記事を開く",
        &[bar_at(
            "Enter 記事を開く",
            "Enter 記事",
            1,
            &[Stage::Notice],
        )],
    ),
    bind(
        &[k('f')],
        Action::Furigana,
        &[Reader],
        "ふりがなの表示を切り替え（なし・最初だけ・すべて）",
        &[bar("f ふりがな", "f かな", 4)],
    ),
    bind(
        &[code(KeyCode::Left), k('h')],
        Action::PrevMonth,
        &[Clinic],
        "前の月",
        &[bar("左右キー 月", "左右 月", 3)],
    ),
    bind(
        &[code(KeyCode::Right), k('l')],
        Action::NextMonth,
        &[Clinic],
        "次の月",
        &[],
    ),
    bind(
        &[k('c')],
        Action::Clinic,
        &[Reader, Library],
        "医院のご案内（受付時間・カレンダー）",
        &[bar("c 医院案内", "c 医院", 2)],
    ),
    bind(&[k('c')], Action::Clinic, &[Clinic], "前の画面へ戻る", &[]),
    bind(
        &[code(KeyCode::Esc)],
        Action::Back,
        &[Clinic],
        "戻る・閉じる",
        &[bar("Esc 戻る", "Esc 戻る", 0)],
    ),
    bind(
        &[k('?')],
        Action::Help,
        &[Any],
        "この操作方法",
        &[bar("? ヘルプ", "? ヘルプ", 1)],
    ),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        &[Any],
        "一時停止（シェルに戻る。fg で再開）",
        &[],
    ),
    bind(
        &[k('q'), ctrl('c')],
        Action::Quit,
        &[Any],
        "終了",
        &[bar("q 終了", "q 終了", 1)],
    ),
];

fn matches(key: &Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    // Terminals report Shift-G as 'G', with or without SHIFT: the character decides.
    key.code == event.code && key.ctrl == ctrl
}

/// The action a key asks for in `context`.
pub fn lookup(event: &KeyEvent, context: Context) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|b| b.applies(context))
        .find(|b| b.keys.iter().any(|key| matches(key, event)))
        .and_then(|b| match b.action {
            Bound::Action(action) => Some(action),
            Bound::Question => match event.code {
                KeyCode::Char(d) => d.to_digit(10).map(|n| Action::Jump(n as u8)),
                _ => None,
            },
        })
}

/// How a binding's keys are written: `上キー/k`, and `1-6` for the digits of an
/// article with six questions.
pub fn keys_label(b: &Binding, questions: usize) -> String {
    match b.action {
        Bound::Question => digits_label(questions),
        Bound::Action(_) => b.keys.iter().map(key_label).collect::<Vec<_>>().join("/"),
    }
}

/// The digits that name questions: 1-6, or 1 alone.
fn digits_label(questions: usize) -> String {
    match questions.min(9) {
        0 | 1 => "1".to_string(),
        n => format!("1-{n}"),
    }
}

/// The bottom bar's entries at `stage`, in table order, as (long, short,
/// rank).
pub fn bar_entries(
    context: Context,
    stage: Stage,
    locked: bool,
    questions: usize,
) -> Vec<(String, String, u8)> {
    bindings(context, locked)
        .filter(|b| b.action != Bound::Question || questions > 0)
        .filter_map(|b| {
            let shown = |bar: &&Bar| bar.only.is_empty() || bar.only.contains(&stage);
            let bar = b.bars.iter().find(shown)?;
            Some(match b.action {
                Bound::Question => {
                    let keys = digits_label(questions);
                    (
                        format!("{keys} {}", bar.long),
                        format!("{keys} {}", bar.short),
                        bar.rank,
                    )
                }
                Bound::Action(_) => (bar.long.to_string(), bar.short.to_string(), bar.rank),
            })
        })
        .collect()
}

/// The help overlay: one entry a binding, its keys, then what they do,
/// wrapped under itself.
pub fn help_lines(
    context: Context,
    locked: bool,
    questions: usize,
    opts: &DocOptions,
) -> Vec<Line> {
    let amb = opts.ambiguous;
    let rows: Vec<(String, &str)> = bindings(context, locked)
        .filter(|b| b.action != Bound::Question || questions > 0)
        .map(|b| (keys_label(b, questions), b.help))
        .collect();
    let key_width = rows
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0);
    rows.iter()
        .flat_map(|(keys, help)| {
            let marker = Span::new(
                format!("{}  ", pad(keys, key_width, amb)),
                Style::of(Role::Marker),
            );
            document::hanging(
                marker,
                &[Span::new(*help, Style::BODY)],
                Policy::Phrase,
                opts,
            )
        })
        .collect()
}

/// How a key is written in the help and the bottom bar.
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        // Arrows (↑ ↓ ← →) are East Asian Ambiguous: a CJK font draws them
        // wide, over the next cell. Words are drawn the same everywhere.
        KeyCode::Up => "上キー".into(),
        KeyCode::Down => "下キー".into(),
        KeyCode::Left => "左キー".into(),
        KeyCode::Right => "右キー".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// The bindings that apply in `context`, in table order; a locked (kiosk)
/// screen has no quit or suspend key to show.
pub fn bindings(context: Context, locked: bool) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| {
        b.applies(context)
            && !(locked
                && matches!(
                    b.action,
                    Bound::Action(Action::Quit) | Bound::Action(Action::Suspend)
                ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn context_decides_what_arrows_do() {
        assert_eq!(
            lookup(&key(KeyCode::Right), Context::Reader),
            Some(Action::Open)
        );
        assert_eq!(
            lookup(&key(KeyCode::Right), Context::Clinic),
            Some(Action::NextMonth)
        );
        assert_eq!(
            lookup(&key(KeyCode::Char('3')), Context::Reader),
            Some(Action::Jump(3))
        );
        assert_eq!(lookup(&key(KeyCode::Char('3')), Context::Clinic), None);
    }

    #[test]
    fn ctrl_c_quits_and_plain_c_opens_the_clinic() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_c, Context::Reader), Some(Action::Quit));
        assert_eq!(
            lookup(&key(KeyCode::Char('c')), Context::Reader),
            Some(Action::Clinic)
        );
        assert_eq!(
            lookup(
                &KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Context::Reader
            ),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn ctrl_z_suspends_and_a_locked_screen_shows_no_way_out() {
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_z, Context::Reader), Some(Action::Suspend));
        assert_eq!(lookup(&ctrl_z, Context::Clinic), Some(Action::Suspend));
        let shown = |locked| {
            bindings(Context::Reader, locked).any(|b| b.action == Bound::Action(Action::Suspend))
        };
        assert!(shown(false));
        assert!(!shown(true));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [Context::Library, Context::Reader, Context::Clinic] {
            let keys: Vec<Key> = bindings(context, false)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(a),
                    "{a:?} bound twice in {context:?}"
                );
            }
        }
    }
}
