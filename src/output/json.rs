//! The article as JSON: the content model's own serialisation, so the JSON
//! keeps everything the model holds (lists, bold, links).

use serde_json::Value;

use crate::content::model::Article;
use crate::strings;

/// `{slug, title, category, tags, related, featured, published, updated,
/// image_caption, url, summary, questions: [{number, question, answer}],
/// references: [{number, …, citation}], terms: [{term, reading, plain}]}`;
/// runs with a reading carry it as `ruby`; with `only`, just that question
/// (from 0).
pub fn article(a: &Article, only: Option<usize>) -> Value {
    // serde_json fails only on maps with non-string keys or a Serialize impl
    // that returns an error; the model derives Serialize and has neither.
    let mut v = serde_json::to_value(a).expect("the content model serialises to JSON");
    // The list's category, 「その他」 for none, so that scripts agree with it.
    v["category"] = strings::category(a).into();
    if let (Some(only), Some(Value::Array(questions))) = (only, v.get_mut("questions")) {
        questions.retain(|q| q["number"] == only + 1);
    }
    v
}

/// `--list --format json`: `[{slug, category, date, title, published,
/// updated}]`, `date` being the update's, else the publication's.
pub fn list(articles: &[&Article]) -> Value {
    (articles.iter())
        .map(|a| {
            serde_json::json!({
                "slug": a.slug,
                "category": strings::category(a),
                "date": a.date(),
                "title": a.title,
                "published": a.published,
                "updated": a.updated,
            })
        })
        .collect()
}
