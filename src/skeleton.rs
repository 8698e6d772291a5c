//! The article `reader new` writes: valid as it stands, so `reader check`
//! passes before a word is changed, with every optional field shown commented
//! out where it belongs. articles/README.md explains each part.

use reader::calendar::date::Date;

const TEMPLATE: &str = r#"+++
slug = "{slug}"
title = "記事のタイトル"
# category = "腰痛"                # 分類: one short name; none: 「その他」
# tags = ["腰痛", "受診"]          # タグ: short words
# related = ["other-article"]      # 関連記事: slugs of other articles in this folder
# featured = true                  # shown in the kiosk's loop
published = {date}                 # 公開日 YYYY-MM-DD
# updated = {date}                 # 更新日: only once the article is revised
# image_caption = "画像の説明"
# url = "https://…"                # this article's web page: the kiosk shows it as a QR code

# 参考文献: one [[references]] table per reference, in order; remove the
# comment marks (#) of the fields you fill in.
# [[references]]
# authors = ["A. Author", "B. Author"]
# et_al = false                    # true: "et al." after the authors
# title = "Title of the paper"
# container = "Journal or book"
# volume = "1"
# issue = "1"
# pages = "1–10"
# date = "2026-01"                 # YYYY or YYYY-MM
# doi = "10.1000/xyz123"
# url = "https://…"                # when there is no DOI

# 読みがな: one [[terms]] table per word; its reading is shown wherever the
# word occurs. plain (optional) must be words copied from the article.
# [[terms]]
# term = "腰椎"
# reading = "ようつい"             # hiragana or katakana only
# plain = "背骨の腰の部分"
+++

ここに概要を書きます。最初の「##」見出しより前の文章が概要になります。

## 一つ目の質問を書きます（例：再手術は必要ですか？）

質問への答えを書きます。**大事なところ**は太字にします。
読みにくい言葉には{腰椎|ようつい}のように読みがなを付けます。

### 小見出し

- 箇条書きの項目
  - 入れ子の項目

## 二つ目の質問を書きます

答えを書きます。
"#;

/// The skeleton of article `slug`, published on `today`.
pub fn article(slug: &str, today: Date) -> String {
    TEMPLATE
        .replace("{slug}", slug)
        .replace("{date}", &today.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reader::content::Block;
    use reader::content::article::parse_article;

    #[test]
    fn the_skeleton_is_a_valid_article() {
        let date = Date::new(2026, 2, 12).unwrap();
        let text = article("low-back-pain", date);
        let a = parse_article("low-back-pain.md", &text).unwrap();
        assert_eq!(a.slug, "low-back-pain");
        assert_eq!(a.questions.len(), 2);
        let Block::Paragraph { text: runs } = &a.questions[0].answer[0] else {
            panic!("{a:?}")
        };
        assert!(runs.iter().any(|r| r.ruby.as_deref() == Some("ようつい")));
        // The library and furigana keys, ready to uncomment.
        for key in [
            "category",
            "tags",
            "related",
            "featured",
            "[[terms]]",
            "plain",
        ] {
            assert!(text.contains(&format!("# {key}")), "{key}");
        }
        assert!(text.contains("published = 2026-02-12"), "{text}");
    }
}
