//! The article as JSON: a stable shape for scripts.

use serde_json::{Value, json};

use crate::content::model::{Article, Block, plain_text};

fn paragraphs(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(plain_text(text)),
            _ => None,
        })
        .collect()
}

/// `{slug, title, published, updated, summary, questions: [{number, question, answer}], references}`
pub fn article(a: &Article, only: Option<usize>) -> Value {
    let questions: Vec<Value> = a
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|o| o == *i))
        .map(|(i, q)| json!({"number": i + 1, "question": q.title, "answer": q.answer}))
        .collect();
    let references: Vec<Value> = a
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut v {
                map.insert("number".into(), json!(i + 1));
                map.insert("citation".into(), json!(r.citation()));
            }
            v
        })
        .collect();
    json!({
        "slug": a.slug,
        "title": a.title,
        "published": a.published,
        "updated": a.updated,
        "image_caption": a.image_caption,
        "summary": paragraphs(&a.summary),
        "questions": questions,
        "references": references,
    })
}

/// `--list --format json`
pub fn list(articles: &[Article]) -> Value {
    Value::Array(
        articles
            .iter()
            .map(|a| json!({"slug": a.slug, "title": a.title, "published": a.published}))
            .collect(),
    )
}
