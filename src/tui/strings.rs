//! Every string a patient reads in the terminal UI, in one place for a
//! Japanese-speaking reviewer.

pub const SUMMARY: &str = "概要";
pub const REFERENCES: &str = "参考文献";
pub const OUTLINE_TITLE: &str = "目次";
pub const PUBLISHED: &str = "公開日";
pub const ARTICLES_TITLE: &str = "記事一覧";
pub const HELP_TITLE: &str = "操作方法";
pub const HELP_CLOSE: &str = "Esc または ? で閉じる";
pub const SEARCH_PROMPT: &str = "検索: ";
pub const SEARCH_HINT: &str = "Enter 決定 / Esc 取り消し";
pub const NO_MATCHES: &str = "見つかりません";
pub const TOO_SMALL: &str = "画面が小さすぎます。ウィンドウを大きくしてください。";
pub const CLINIC_TITLE: &str = "医院のご案内";
pub const PHONE: &str = "お電話";
pub const HOURS: &str = "受付時間";
pub const CLOSED_DAYS: &str = "定休日";
pub const ADDRESS: &str = "住所";
pub const ACCESS: &str = "アクセス";
pub const PARKING: &str = "駐車場";
pub const NOTICES: &str = "新着情報・お知らせ";
pub const GREETING: &str = "ごあいさつ";

/// "3件中1件目" for search results.
pub fn match_position(current: usize, total: usize) -> String {
    format!("{total}件中{current}件目")
}

/// Scroll position: "12/140行".
pub fn line_position(top: usize, total: usize) -> String {
    format!("{}/{}行", (top + 1).min(total), total)
}
