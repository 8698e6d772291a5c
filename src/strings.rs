//! Every string a patient reads (on screen, in print, at the kiosk), in one
//! place for a Japanese-speaking reviewer. The key descriptions live in the
//! keymap table, which is the one source for keys.

use crate::calendar::clock::{ClinicTime, h_mm, hhmm};
use crate::calendar::date::{Date, Weekday};
use crate::calendar::month::Month;
use crate::calendar::schedule::{ClosedReason, Schedule, Status, TimeRange};
use crate::content::Article;

pub const SUMMARY: &str = "概要";
pub const REFERENCES: &str = "参考文献";
/// The item of the article's terms, their readings and plain words.
pub const TERMS: &str = "用語";
pub const OUTLINE_TITLE: &str = "目次";
pub const PUBLISHED: &str = "公開日";
pub const UPDATED: &str = "更新日";
pub const IMAGE: &str = "画像";
pub const ARTICLES_TITLE: &str = "記事一覧";
pub const LIBRARY_SEARCH_TITLE: &str = "すべての記事から検索";
pub const HELP_TITLE: &str = "操作方法";
pub const HELP_CLOSE: &str = "Esc または ? で閉じる";
pub const SEARCH_PROMPT: &str = "検索: ";
pub const SEARCH_DECIDE: &str = "Enter 決定";
pub const SEARCH_CANCEL: &str = "Esc 取り消し";
pub const NO_MATCHES: &str = "見つかりません";
pub const TOO_SMALL: &str = "画面が小さすぎます。ウィンドウを大きくしてください。";
pub const CLINIC_TITLE: &str = "医院のご案内";
pub const PHONE: &str = "お電話";
pub const HOURS: &str = "受付時間";
/// The hours table's last column.
pub const SUNDAY_AND_HOLIDAYS: &str = "日祝";
/// How the calendar marks days, in words.
pub const CALENDAR_LEGEND: &str = "( )は休診日 [ ]は今日";
pub const CLOSED_DAYS: &str = "定休日";
pub const ADDRESS: &str = "住所";
pub const ACCESS: &str = "アクセス";
pub const PARKING: &str = "駐車場";
pub const NOTICES: &str = "新着情報・お知らせ";
pub const GREETING: &str = "ごあいさつ";
/// A reading inline after its word, as printed text gives furigana (and
/// the screen where no ruby row has room): 腰椎（ようつい）.
pub fn inline_reading(reading: &str) -> String {
    format!("（{reading}）")
}

/// A word with its reading after it, as the glossary names a term:
/// 根性痛（こんせいつう）.
pub fn with_reading(base: &str, reading: &str) -> String {
    format!("{base}{}", inline_reading(reading))
}

/// Where readings show, as the answer pane notes it: nowhere, at the
/// first place of each word in an item, everywhere.
pub const FURIGANA_OFF: &str = "ふりがな なし";
pub const FURIGANA_FIRST: &str = "ふりがな 最初だけ";
pub const FURIGANA_ALL: &str = "ふりがな すべて";

/// The category of an article that names none.
pub const OTHER_CATEGORY: &str = "その他";

/// The category an article is listed under.
pub fn category(article: &Article) -> &str {
    article.category.as_deref().unwrap_or(OTHER_CATEGORY)
}

/// A category's heading in the library: 「腰痛（3件）」.
pub fn category_heading(name: &str, count: usize) -> String {
    format!("{name}（{count}件）")
}

/// Under an article's title in the library: its date and its questions,
/// 「更新日 2026/01/10・質問 8問」.
pub fn library_entry_about(article: &Article) -> String {
    let date = match article.updated {
        Some(d) => format!("{UPDATED} {}", d.slashed()),
        None => format!("{PUBLISHED} {}", article.published.slashed()),
    };
    format!("{date}・質問 {}問", article.questions.len())
}

/// An article's heading among search results: 「再手術について（12件）」.
pub fn results_heading(title: &str, count: usize) -> String {
    format!("{title}（{count}件）")
}

/// Under an article's search results that are not all listed.
pub fn more_matches(n: usize) -> String {
    format!("ほか {n}件（記事を開いて n で次へ）")
}

/// Where a match is in its article: 概要, Q3, 参考文献.
pub fn item_label(item: crate::content::Item) -> String {
    match item {
        crate::content::Item::Summary => SUMMARY.to_string(),
        crate::content::Item::Question(i) => format!("Q{}", i + 1),
        crate::content::Item::References => REFERENCES.to_string(),
        crate::content::Item::Terms => TERMS.to_string(),
    }
}

/// Where a term is used: 「使われている所: 概要・Q3・Q5」.
pub fn term_uses(items: &[crate::content::Item]) -> String {
    let places: Vec<String> = items.iter().map(|&i| item_label(i)).collect();
    format!("使われている所: {}", places.join("・"))
}

/// Under a notice about an article: 「→ 記事「…」を読む」.
pub fn notice_article(title: &str) -> String {
    format!("→ 記事「{title}」を読む")
}

/// Before a related article's title in the outline.
pub const RELATED: &str = "関連記事";
/// Under a related article's summary, before it is opened.
pub const OPEN_RELATED: &str = "Enter またはクリックで、この記事を開きます";

/// The kiosk's invitation, on its idle screen.
pub const KIOSK_INVITE: &str = "画面にふれると、くわしく読めます";
/// The kiosk's touch buttons: what a touch does.
/// Each with shorter forms for narrow buttons, longest first.
pub const KIOSK_PREV: &[&str] = &["前のページ", "前へ"];
pub const KIOSK_NEXT: &[&str] = &["次のページ", "次へ"];
pub const KIOSK_OUTLINE: &[&str] = &["目次"];
pub const KIOSK_CLINIC: &[&str] = &["医院のご案内", "医院案内", "医院"];
pub const KIOSK_BACK: &[&str] = &["戻る"];
/// Readings on or off; lit while they show.
pub const KIOSK_FURIGANA: &[&str] = &["ふりがな", "かな"];
/// Above the kiosk's outline.
pub const KIOSK_OUTLINE_HINT: &str = "読みたい項目にふれてください";
pub const RELOAD_ERROR: &str = "※更新エラー";

/// Where the kiosk's loop is: "自動表示 3/8".
pub fn loop_position(step: usize, steps: usize) -> String {
    format!("自動表示 {step}/{steps}")
}

/// How many articles the library holds, on the kiosk's idle screen: "記事 12件".
pub fn article_count(count: usize) -> String {
    format!("記事 {count}件")
}

/// "3件中1件目" for search results.
pub fn match_position(current: usize, total: usize) -> String {
    format!("{total}件中{current}件目")
}

/// Where a kiosk page is among its pages: "2/3".
pub fn page_position(current: usize, count: usize) -> String {
    format!(" {current}/{count} ")
}

/// Scroll position: "12/140行".
pub fn line_position(top: usize, total: usize) -> String {
    format!("{}/{}行", (top + 1).min(total), total)
}

/// The open-now status line.
pub fn status(status: &Status) -> String {
    match status {
        Status::Open { until } => format!("受付中 (〜{}まで)", h_mm(*until)),
        Status::BeforeOpening { opens } => format!("受付前 ({}から)", h_mm(*opens)),
        Status::Break { resumes } => format!("休憩中 ({}から)", h_mm(*resumes)),
        Status::Finished => "本日の受付は終了しました".to_string(),
        Status::ClosedToday { reason } => format!("本日休診 ({})", closed_reason(reason)),
    }
}

/// The status in a word, as the kiosk's idle screen draws it large (every
/// character of each must be in src/kiosk/glyphs.rs).
pub fn status_word(status: &Status) -> &'static str {
    match status {
        Status::Open { .. } => "受付中",
        Status::BeforeOpening { .. } => "受付前",
        Status::Break { .. } => "休憩中",
        Status::Finished => "受付終了",
        Status::ClosedToday { .. } => "本日休診",
    }
}

/// 次の受付: 2月24日（火）9:00, or that there is none in sight.
pub fn next_opening(when: Option<ClinicTime>) -> String {
    match when {
        Some(t) => format!("次の受付: {}{}", month_day(t.date), h_mm(t.minute)),
        None => "次の受付: 未定".to_string(),
    }
}

/// "質問3", the answer pane's title.
pub fn question_title(number: usize) -> String {
    format!("質問{number}")
}

/// A kiosk reload error with more problems behind it.
pub fn more_problems(first: &str, more: usize) -> String {
    format!("{first} (ほか{more}件)")
}

/// The bottom bar while a query is typed, as the bar's entries (long,
/// short, rank): "検索: 感染  14件  Enter 決定  Esc 取り消し". The query
/// comes first, where the caret is; the way out gives way last.
pub fn search_editing(query: &str, hits: usize) -> Vec<(String, String, u8)> {
    let entry = |text: String, rank| (text.clone(), text, rank);
    vec![
        entry(format!("{SEARCH_PROMPT}{query}"), 0),
        entry(format!("{hits}件"), 2),
        entry(SEARCH_DECIDE.to_string(), 1),
        entry(SEARCH_CANCEL.to_string(), 0),
    ]
}

/// The bottom bar with a search in effect: the query and where the match
/// is, then the keys (as the bar's entries: long, short, rank), of which
/// the way out stays longest.
/// `across`: the matches of every article, listed on the library, which
/// are chosen with the arrows and opened with Enter.
pub fn search_result(query: &str, position: &str, across: bool) -> Vec<(String, String, u8)> {
    let entry = |long: &str, short: &str, rank| (long.to_string(), short.to_string(), rank);
    let found = format!("「{query}」 {position}");
    let mut out = vec![entry(&found, &found, 1)];
    if across {
        out.push(entry("上下キー 選択", "上下 選択", 2));
        out.push(entry("Enter 開く", "Enter 開く", 1));
    } else {
        out.push(entry("n 次", "n 次", 2));
        out.push(entry("N 前", "N 前", 2));
    }
    out.push(entry("Esc 解除", "Esc 解除", 0));
    out
}

/// The clock as the clinic screen and the kiosk show it: "2026/02/12 10:00（木）".
pub fn clock(now: ClinicTime) -> String {
    format!(
        "{} {}（{}）",
        now.date.slashed(),
        hhmm(now.minute),
        weekday(now.date.weekday())
    )
}

/// A weekday's one-kanji name, as calendars head their columns: 日 月 … 土.
pub fn weekday(day: Weekday) -> &'static str {
    day.kanji()
}

/// The hours table's column head: the weekday, and 日祝 for Sunday.
pub fn table_day(day: Weekday) -> &'static str {
    match day {
        Weekday::Sun => SUNDAY_AND_HOLIDAYS,
        other => weekday(other),
    }
}

/// A calendar note: "2月11日（水）建国記念の日".
pub fn day_note(date: Date, note: &str) -> String {
    format!(
        "{}月{}日（{}）{note}",
        date.month(),
        date.day(),
        weekday(date.weekday())
    )
}
/// Why the clinic is closed: the closure's or the holiday's name, or the
/// weekday (日曜日).
pub fn closed_reason(reason: &ClosedReason) -> String {
    match reason {
        ClosedReason::Closure(name) | ClosedReason::Holiday(name) => name.clone(),
        ClosedReason::Weekday(day) => format!("{}曜日", weekday(*day)),
    }
}

/// 2月24日（火）
pub fn month_day(date: Date) -> String {
    format!(
        "{}月{}日（{}）",
        date.month(),
        date.day(),
        weekday(date.weekday())
    )
}

/// 2026年2月
pub fn month_label(month: Month) -> String {
    format!("{}年{}月", month.year(), month.month())
}

/// 9:00〜13:00, as the clinic writes hours for patients.
pub fn time_range(range: TimeRange) -> String {
    format!("{}〜{}", h_mm(range.start), h_mm(range.end))
}

/// 月~土 9:00〜13:00 /15:00〜19:00, from the hours table, as the clinic's
/// page writes it.
pub fn hours_summary(schedule: &Schedule) -> String {
    let table = schedule.table();
    let mut days: Vec<usize> = (0..7)
        .filter(|&i| table.iter().any(|(_, open)| open[i]))
        .collect();
    days.sort_by_key(|&i| (i + 6) % 7); // Monday first, as the page writes it
    let day_label = match (days.first(), days.last()) {
        (Some(&a), Some(&b)) if days.len() > 2 => {
            format!("{}~{}", weekday(Weekday::ALL[a]), weekday(Weekday::ALL[b]))
        }
        _ => days
            .iter()
            .map(|&i| weekday(Weekday::ALL[i]))
            .collect::<Vec<_>>()
            .join("・"),
    };
    let ranges: Vec<String> = table.iter().map(|(r, _)| time_range(*r)).collect();
    format!("{day_label} {}", ranges.join(" /"))
}

/// 日曜・祝日
pub fn closed_summary(schedule: &Schedule) -> String {
    let mut parts: Vec<String> = schedule
        .closed_weekdays
        .iter()
        .map(|w| format!("{}曜", weekday(*w)))
        .collect();
    if schedule.closed_on_holidays {
        parts.push("祝日".into());
    }
    parts.join("・")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        let cases = [
            (Status::BeforeOpening { opens: 540 }, "受付前 (9:00から)"),
            (Status::Open { until: 780 }, "受付中 (〜13:00まで)"),
            (Status::Break { resumes: 900 }, "休憩中 (15:00から)"),
            (Status::Finished, "本日の受付は終了しました"),
            (
                Status::ClosedToday {
                    reason: ClosedReason::Holiday("天皇誕生日".into()),
                },
                "本日休診 (天皇誕生日)",
            ),
            (
                Status::ClosedToday {
                    reason: ClosedReason::Weekday(Weekday::Sun),
                },
                "本日休診 (日曜日)",
            ),
        ];
        for (status, expected) in cases {
            assert_eq!(self::status(&status), expected);
        }
    }

    #[test]
    fn dates_months_and_hours_in_the_clinics_words() {
        let d = Date::new(2026, 2, 3).unwrap();
        assert_eq!(month_day(d), "2月3日（火）");
        assert_eq!(month_label(Month::of(d)), "2026年2月");
        let s = crate::content::load_library(None).unwrap().clinic.schedule;
        assert_eq!(time_range(s.table()[0].0), "9:00〜13:00");
        assert_eq!(hours_summary(&s), "月~土 9:00〜13:00 /15:00〜19:00");
        assert_eq!(closed_summary(&s), "日曜・祝日");
    }

    #[test]
    fn next_opening_lines() {
        let t = ClinicTime::parse("2026-02-24T09:00");
        assert_eq!(next_opening(t), "次の受付: 2月24日（火）9:00");
        assert_eq!(next_opening(None), "次の受付: 未定");
    }
}
