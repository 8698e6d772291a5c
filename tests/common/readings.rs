//! Readings for the bundled article's commonest words, as [[terms]]: most
//! lines get a ruby row, and neighbouring readings collide (no medical
//! text is written for tests; the readings are the words' usual ones).

use reader::content::{Library, Term};

/// `library`'s first article with readings for 手術, 痛み, 腰椎, 合併症,
/// 患者 and 原因 wherever they occur.
pub fn with_common_readings(mut library: Library) -> Library {
    let terms = [
        ("手術", "しゅじゅつ"),
        ("痛み", "いたみ"),
        ("腰椎", "ようつい"),
        ("合併症", "がっぺいしょう"),
        ("患者", "かんじゃ"),
        ("原因", "げんいん"),
    ];
    library.articles[0]
        .terms
        .extend(terms.map(|(term, reading)| Term {
            term: term.into(),
            reading: reading.into(),
            plain: None,
        }));
    library
}
