//! The keymap: one table drives key handling, the help overlay and the
//! bottom bar, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    Jump(u8),
    Search,
    NextMatch,
    PrevMatch,
    References,
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

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub context: Context,
    /// What the help overlay says the keys do.
    pub help: &'static str,
    /// The bottom bar's entry (keys and a word), when the key is shown there.
    pub bar: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    context: Context,
    help: &'static str,
    bar: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        context,
        help,
        bar,
    }
}

use Context::{Any, Clinic, Reader};

pub static KEYMAP: &[Binding] = &[
    bind(
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        Any,
        "上へ（目次の選択・本文の1行）",
        Some("↑↓ 移動"),
    ),
    bind(
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        Any,
        "下へ（目次の選択・本文の1行）",
        None,
    ),
    bind(
        &[code(KeyCode::PageUp), k('b')],
        Action::PageUp,
        Any,
        "前のページ",
        None,
    ),
    bind(
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        Any,
        "次のページ",
        Some("Space ページ"),
    ),
    bind(
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        Any,
        "先頭へ",
        None,
    ),
    bind(
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        Any,
        "末尾へ",
        None,
    ),
    bind(
        &[code(KeyCode::Enter), code(KeyCode::Right), k('l')],
        Action::Open,
        Reader,
        "本文を読む",
        Some("Enter 読む"),
    ),
    bind(
        &[code(KeyCode::Left), k('h')],
        Action::FocusOutline,
        Reader,
        "目次へ戻る",
        None,
    ),
    bind(
        &[code(KeyCode::Tab)],
        Action::NextPane,
        Reader,
        "目次と本文を切り替え",
        Some("Tab 切替"),
    ),
    bind(
        &[code(KeyCode::BackTab)],
        Action::PrevPane,
        Reader,
        "目次と本文を切り替え（逆）",
        None,
    ),
    // Jump(0) stands for "the digit pressed".
    bind(
        &[
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
        Action::Jump(0),
        Reader,
        "その番号の質問へ",
        Some("1-6 質問"),
    ),
    bind(
        &[k('/')],
        Action::Search,
        Reader,
        "記事全体を検索",
        Some("/ 検索"),
    ),
    bind(&[k('n')], Action::NextMatch, Reader, "次の検索結果", None),
    bind(&[k('N')], Action::PrevMatch, Reader, "前の検索結果", None),
    bind(
        &[k('r')],
        Action::References,
        Reader,
        "参考文献",
        Some("r 文献"),
    ),
    bind(
        &[code(KeyCode::Left), k('h')],
        Action::PrevMonth,
        Clinic,
        "前の月",
        Some("←→ 月"),
    ),
    bind(
        &[code(KeyCode::Right), k('l')],
        Action::NextMonth,
        Clinic,
        "次の月",
        None,
    ),
    bind(
        &[k('c')],
        Action::Clinic,
        Any,
        "医院のご案内（受付時間・カレンダー）",
        Some("c 医院案内"),
    ),
    bind(
        &[k('?')],
        Action::Help,
        Any,
        "この操作方法",
        Some("? ヘルプ"),
    ),
    bind(
        &[code(KeyCode::Esc)],
        Action::Back,
        Any,
        "戻る・閉じる",
        None,
    ),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        Any,
        "一時停止（シェルに戻る。fg で再開）",
        None,
    ),
    bind(
        &[k('q'), ctrl('c')],
        Action::Quit,
        Any,
        "終了（最初の画面では Esc でも）",
        Some("q 終了"),
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
        .filter(|b| b.context == context || b.context == Any)
        .find(|b| b.keys.iter().any(|key| matches(key, event)))
        .map(|b| match (b.action, event.code) {
            (Action::Jump(0), KeyCode::Char(d)) => Action::Jump(d.to_digit(10).unwrap_or(0) as u8),
            (action, _) => action,
        })
}

/// How a binding's keys are written: `↑/k`, and `1-9` for a run of digits.
pub fn keys_label(b: &Binding) -> String {
    if b.action == Action::Jump(0) {
        let first = b.keys.first().map(key_label).unwrap_or_default();
        let last = b.keys.last().map(key_label).unwrap_or_default();
        return format!("{first}-{last}");
    }
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

/// How a key is written in the help and the bottom bar.
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
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
        (b.context == context || b.context == Any)
            && !(locked && matches!(b.action, Action::Quit | Action::Suspend))
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
        let shown = |locked| bindings(Context::Reader, locked).any(|b| b.action == Action::Suspend);
        assert!(shown(false));
        assert!(!shown(true));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [Context::Reader, Context::Clinic] {
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
