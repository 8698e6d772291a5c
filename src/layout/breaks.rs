//! Where a line may break, and how good each place is.
//!
//! UAX #14 (the `unicode-linebreak` crate) gives the opportunities; the
//! Japanese rules of JIS X 4051 / JLREQ §3.1.7 (kinsoku) and the "keep a
//! number, Latin word, DOI or URL whole" rule are applied on top by lowering
//! the rank of a boundary, never by removing it: when nothing better fits
//! the width, a lower-ranked boundary still keeps every line inside the width.

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

use super::phrases;

/// How `layout::wrap` chooses among the opportunities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Every legal opportunity, a break inside a phrase priced as
    /// [`IN_PHRASE_COST`](super::wrap::IN_PHRASE_COST) empty columns.
    #[default]
    Normal,
    /// Only boundaries between phrases (文節, as BudouX finds them), while a
    /// phrase fits the line.
    Phrase,
}

/// The rank of a boundary; the wrapper breaks at worse ranks only where
/// better ones cannot keep the lines within the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Inside a grapheme cluster (UAX #29): a terminal draws it as one glyph.
    Never,
    /// Inside a span kept whole (a ruby base with its reading); only when
    /// nothing else fits, not even a kinsoku violation.
    Whole,
    /// Breaks a kinsoku rule; only when nothing else fits.
    Violation,
    /// Between any two characters.
    Emergency,
    /// A UAX #14 opportunity inside a number, Latin word, DOI or URL.
    InToken,
    /// A legal opportunity inside a phrase most likely inside a word (see
    /// `in_a_word`: くださ|い, 問い合|わせ, お|問い合わせ).
    InWord,
    /// A legal opportunity inside a phrase (文節).
    InPhrase,
    /// A legal opportunity between phrases, or after a space.
    Good,
}

/// The kinsoku rules as data: UAX #14's line-break classes say most of it,
/// and JIS X 4051 adds what UAX #14 leaves free.
///
/// No line starts with a character of these classes: closing brackets (CL,
/// CP), non-starters (NS: ・ 々 ゝ 〜 …), small kana and ー (CJ, which UAX #14
/// lets start a line by default and JIS X 4051 cl-11 does not), and ！？ (EX)
/// and ，．：； (IS): JIS X 4051 cl-02, cl-04 … cl-07, cl-11.
const NO_START_CLASSES: [BreakClass; 6] = [
    BreakClass::ClosePunctuation,
    BreakClass::CloseParenthesis,
    BreakClass::NonStarter,
    BreakClass::ConditionalJapaneseStarter,
    BreakClass::Exclamation,
    BreakClass::InfixSeparator,
];

/// JIS X 4051 no-start characters that UAX #14 classes otherwise: closing
/// quotation marks (QU), units after a number (PO: ％ ℃ ° ′ ″), and the en
/// dash of a range (BA).
const NO_START_EXTRA: &[char] = &['’', '”', '»', '％', '%', '‰', '℃', '°', '′', '″', '–'];

/// The full-width tilde of a range (10時～12時), of class ID in UAX #14:
/// no line starts with it either.
const FULLWIDTH_TILDE: char = '～';

/// JIS X 4051 cl-01: no line ends with an opening bracket (OP), nor with an
/// opening quotation mark (QU in UAX #14).
const NO_END_EXTRA: &[char] = &['‘', '“', '«'];

/// The classes of the characters in `NO_START_EXTRA` and `NO_END_EXTRA`
/// (a test checks it): only characters of these are looked for there.
const EXTRA_CLASSES: [BreakClass; 3] = [
    BreakClass::Quotation,
    BreakClass::Postfix,
    BreakClass::After,
];

/// No line starts with these.
pub fn is_no_start(c: char) -> bool {
    // Most of a text, and class ID: a quick answer.
    if is_ideograph(c) {
        return false;
    }
    let class = break_property(c as u32);
    NO_START_CLASSES.contains(&class)
        || (EXTRA_CLASSES.contains(&class) && NO_START_EXTRA.contains(&c))
        || c == FULLWIDTH_TILDE
}

/// No line ends with these.
pub fn is_no_end(c: char) -> bool {
    if is_ideograph(c) {
        return false;
    }
    let class = break_property(c as u32);
    class == BreakClass::OpenPunctuation
        || (EXTRA_CLASSES.contains(&class) && NO_END_EXTRA.contains(&c))
}

/// …… and ―― are one mark drawn with two characters (cl-08).
fn is_inseparable(c: char) -> bool {
    matches!(c, '…' | '‥' | '―' | '─')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Kanji,
    Hiragana,
    Katakana,
}

fn script(c: char) -> Option<Script> {
    match c {
        _ if is_han(c) => Some(Script::Kanji),
        '\u{3041}'..='\u{309f}' => Some(Script::Hiragana),
        '\u{30a0}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}' => Some(Script::Katakana),
        _ => None,
    }
}

/// BudouX boundaries that cut a word, where its model misses (issue 19):
/// inside a run of kanji (手術部|位感染, 不|安定性, リスク(感|染症), and
/// after a polite お and a verb's stem, before the kanji that goes on with
/// the compound (お問い|合わせ, お申し|込み).
fn budoux_cuts_a_word(chars: &[char], b: usize) -> bool {
    let (before, after) = (script(chars[b - 1]), script(chars[b]));
    after == Some(Script::Kanji)
        && (before == Some(Script::Kanji)
            || (b >= 3
                && chars[b - 3] == 'お'
                && script(chars[b - 2]) == Some(Script::Kanji)
                && before == Some(Script::Hiragana)))
}

/// Whether a legal break at `b`, inside a phrase, is most likely inside a
/// word: between two letters of one script (くださ|い, リバーサイ|ドマンション,
/// 解剖|学); between a kanji and the kana after it where no particle starts
/// there, its okurigana (合|わせ, 乗|ります); or after a polite prefix
/// (お|問い合わせ, ご|相談).
fn in_a_word(chars: &[char], ranks: &[Rank], b: usize) -> bool {
    let (before, after) = (script(chars[b - 1]), script(chars[b]));
    before.is_some() && before == after
        || (before == Some(Script::Kanji)
            && after == Some(Script::Hiragana)
            && !PARTICLE_STARTS.contains(&chars[b]))
        || (after == Some(Script::Kanji) && is_polite_prefix(chars, ranks, b - 1))
}

/// The first kana of the particles and the copula a word takes (の, を, に,
/// は, が, で, と, も, など, な): before them a word ends (注射|など, 現実的|な).
const PARTICLE_STARTS: [char; 9] = ['の', 'を', 'に', 'は', 'が', 'で', 'と', 'も', 'な'];

/// お or ご at the start of a phrase, before a word (not してお|く).
fn is_polite_prefix(chars: &[char], ranks: &[Rank], i: usize) -> bool {
    matches!(chars[i], 'お' | 'ご')
        && (i == 0 || ranks[i] == Rank::Good || script(chars[i - 1]) != Some(Script::Hiragana))
}

/// Characters of a number, Latin word, DOI or URL: one token while it fits.
fn is_token_char(c: char) -> bool {
    c.is_ascii_graphic() || matches!(c, '’' | '–' | '—' | 'À'..='ɏ')
}

/// Where a URL or DOI may break inside: after a path, word or query
/// separator, so that each of its words stays whole.
fn is_token_separator(c: char) -> bool {
    matches!(c, '/' | '-' | '_' | '.' | '?')
}

/// CJK Unified Ideographs, all of UAX #14 class ID (a test checks it).
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '々')
}

/// The rank of the boundary before each character: `ranks[i]` is the break
/// between `chars[i - 1]` and `chars[i]`; `ranks[0]` is unused (`Never`).
/// `starts[i]` says whether `chars[i]` begins a grapheme cluster; boundaries
/// inside one are `Never`, and the rules look at the clusters' first
/// characters (a kana with a combining dakuten is still that kana).
#[cfg(test)]
pub(crate) fn ranks(text: &str, chars: &[char], starts: &[bool]) -> Vec<Rank> {
    let mut ranks = Vec::new();
    ranks_into(text, chars, starts, &mut ranks);
    ranks
}

/// Whether `b` continues a UTF-8 char rather than starting one.
fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

/// [`ranks`] into a buffer the caller keeps (`ranks` itself is for tests).
#[inline(never)] // a phase of wrap::wrap_with: see there
pub fn ranks_into(text: &str, chars: &[char], starts: &[bool], ranks: &mut Vec<Rank>) {
    let n = chars.len();
    ranks.clear();
    ranks.resize(n + 1, Rank::Emergency);
    ranks[0] = Rank::Never;
    if n == 0 {
        return;
    }

    // UAX #14 opportunities, converted from byte to char positions by
    // counting the bytes that start a char since the last opportunity.
    let (mut byte_at, mut char_at) = (0, 0);
    for (byte, op) in linebreaks(text) {
        if op == BreakOpportunity::Mandatory && byte == text.len() {
            continue;
        }
        char_at += (text.as_bytes()[byte_at..byte].iter())
            .filter(|&&b| !is_continuation(b))
            .count();
        byte_at = byte;
        ranks[char_at] = Rank::Good;
    }

    // Opportunities are inside a phrase but after a space, or where BudouX
    // finds a boundary.
    for i in 1..n {
        if ranks[i] == Rank::Good && chars[i - 1] != ' ' {
            ranks[i] = Rank::InPhrase;
        }
    }
    phrases::boundaries(chars, |b| {
        if ranks[b] == Rank::InPhrase {
            ranks[b] = if budoux_cuts_a_word(chars, b) {
                Rank::InWord
            } else {
                Rank::Good
            };
        }
    });
    for i in 1..n {
        if ranks[i] == Rank::InPhrase && in_a_word(chars, ranks, i) {
            ranks[i] = Rank::InWord;
        }
    }

    // The first character of the cluster before boundary `i`.
    let mut base = 0;
    for i in 1..n {
        if !starts[i] {
            ranks[i] = Rank::Never;
            continue;
        }
        let (before, after) = (chars[base], chars[i]);
        base = i;
        let rank = &mut ranks[i];
        // Inside a token, and between a number and its unit (27.10倍). A
        // token breaks after a separator; elsewhere in it a break would cut
        // a word of a URL (…Outcome_a|nd_…), allowed only when nothing else fits.
        if is_token_char(before) && is_token_char(after) {
            *rank = if is_token_separator(before) {
                Rank::InToken
            } else {
                (*rank).min(Rank::Emergency)
            };
        } else if before.is_ascii_digit() && is_han(after) && *rank > Rank::InToken {
            *rank = Rank::InToken;
        }
        if (is_no_start(after) || is_no_end(before) || (before == after && is_inseparable(after)))
            && *rank > Rank::Violation
        {
            *rank = Rank::Violation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text split at every boundary of at least `rank`.
    fn parts(text: &str, rank: Rank) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let r = ranks(text, &chars, &vec![true; chars.len()]);
        let mut parts = vec![String::new()];
        for (i, c) in chars.iter().enumerate() {
            if i > 0 && r[i] >= rank {
                parts.push(String::new());
            }
            parts.last_mut().unwrap().push(*c);
        }
        parts
    }

    #[test]
    fn the_kinsoku_classes_cover_every_mark_jis_x_4051_names() {
        let no_start = "」』）】〕〉》］｝〙〗｠»、。，．・：；？！‼⁇⁈⁉ーｰ〜～゠–\
            ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ\
            ｧｨｩｪｫｬｭｮｯ々ゝゞヽヾ〻％%‰℃°′″)]},.:;?!’”〟";
        for c in no_start.chars() {
            assert!(is_no_start(c), "{c} may start a line");
        }
        for c in "「『（【〔〈《［｛〘〖｟«([{‘“〝".chars() {
            assert!(is_no_end(c), "{c} may end a line");
        }
        for c in "あ漢カ1a「".chars() {
            assert!(!is_no_start(c), "{c}");
        }
        for c in "あ漢。」)".chars() {
            assert!(!is_no_end(c), "{c}");
        }
    }

    #[test]
    fn the_extra_marks_have_the_classes_looked_for() {
        for &c in NO_START_EXTRA.iter().chain(NO_END_EXTRA) {
            let class = break_property(c as u32);
            assert!(EXTRA_CLASSES.contains(&class), "{c}: {class:?}");
        }
    }

    #[test]
    fn ideographs_are_class_id() {
        for c in '\u{4e00}'..='\u{9fff}' {
            assert!(is_ideograph(c));
            assert_eq!(break_property(c as u32), BreakClass::Ideographic, "{c}");
        }
    }

    #[test]
    fn kinsoku_lowers_breaks_before_closing_marks() {
        let parts = parts("問題です。「再手術」とは", Rank::InPhrase);
        assert!(
            parts.iter().all(|p| !p.starts_with(['。', '」'])),
            "{parts:?}"
        );
        assert!(parts.iter().all(|p| !p.ends_with('「')), "{parts:?}");
    }

    #[test]
    fn numbers_and_units_stay_whole() {
        let parts = parts("リスクが27.10倍と39.5%です", Rank::InPhrase);
        assert!(parts.iter().any(|p| p.contains("27.10倍")), "{parts:?}");
        assert!(parts.iter().any(|p| p.contains("39.5%")), "{parts:?}");
    }

    #[test]
    fn doi_is_one_token() {
        let parts = parts("doi: 10.1007/978-3-319-27796-7_5.", Rank::InPhrase);
        assert_eq!(parts, vec!["doi: ", "10.1007/978-3-319-27796-7_5."]);
    }

    #[test]
    fn a_url_breaks_only_after_its_separators() {
        let parts = parts(
            "325274329_Techniques_Outcome_and/links/a.pdf?x-y",
            Rank::InToken,
        );
        assert_eq!(
            parts,
            [
                "325274329_",
                "Techniques_",
                "Outcome_",
                "and/",
                "links/",
                "a.",
                "pdf?",
                "x-",
                "y"
            ]
        );
    }

    #[test]
    fn a_word_keeps_its_okurigana_and_its_polite_prefix() {
        // Issue 19: お問い合|わせ on the clinic page at 36-39 columns.
        let text = "一度ひまわり接骨院までお問い合わせください。ご相談に乗ります。";
        let words = parts(text, Rank::InPhrase);
        for word in ["お問い合わせ", "ご相談", "乗ります"] {
            assert!(words.iter().any(|p| p.contains(word)), "{word}: {words:?}");
        }
        // A particle or the copula after a word still may start a line.
        let words = parts("注射などの現実的な計画", Rank::InPhrase);
        assert_eq!(words, ["注射", "などの", "現実的", "な", "計画"]);
    }

    #[test]
    fn phrase_policy_breaks_between_phrases() {
        let parts = parts("再手術の成功率を高めるために", Rank::Good);
        assert_eq!(parts, vec!["再手術の", "成功率を", "高める", "ために"]);
    }
}
