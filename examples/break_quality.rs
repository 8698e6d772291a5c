//! How natural the line breaks of the bundled article's paragraphs and list
//! items are at 40, 60 and 80 columns (issue 19, item 10), counted as
//! `reader::layout::quality` says: breaks inside a BudouX phrase, and fill.
//!
//! - `cargo run --example break_quality`: our two policies, as table rows.
//! - `… -- html > page.html`: the same items in a page for Chromium, at 20,
//!   30 and 40 em of Noto Sans Mono CJK JP, `line-break: strict`, with
//!   `word-break: auto-phrase` and `normal`; its script writes each line's
//!   first character (from `Range.getClientRects()`) into the page.
//! - `… -- chromium dom.html`: Chromium's rows, from the page as
//!   `chromium --headless=new --dump-dom` left it.
//!
//! `benches/chromium/measure.sh` runs the last two.

use std::fmt::Write as _;

use reader::content::load_library;
use reader::layout::Policy;
use reader::layout::quality::{Quality, body_items};

const WIDTHS: [usize; 3] = [40, 60, 80];

/// Chromium's `word-break` values measured, each a row.
const WORD_BREAKS: [&str; 2] = ["auto-phrase", "normal"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = load_library(None)?;
    let items = body_items(&library.articles[0]);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => {
            header();
            for (name, policy) in [
                ("our default", Policy::Normal),
                ("our `--wrap phrase`", Policy::Phrase),
            ] {
                row(name, WIDTHS.map(|w| Quality::of_policy(&items, w, policy)));
            }
        }
        ["html"] => print!("{}", page(&items)),
        ["chromium", dom] => {
            let dom = std::fs::read_to_string(dom)?;
            header();
            for word_break in WORD_BREAKS {
                let [a, b, c] = WIDTHS.map(|w| chromium(&dom, &items, word_break, w));
                row(
                    &format!("Chromium, `word-break: {word_break}`"),
                    [a?, b?, c?],
                );
            }
        }
        _ => return Err("usage: break_quality [html | chromium DOM.html]".into()),
    }
    Ok(())
}

fn header() {
    println!("| | 40 columns | 60 columns | 80 columns |");
    println!("| --- | --- | --- | --- |");
}

/// Breaks inside a phrase / fill, with the counts.
fn row(name: &str, qualities: [Quality; 3]) {
    let cells: Vec<String> = qualities
        .iter()
        .map(|q| {
            format!(
                "{:.1}% ({} of {}) / {:.1}%{}",
                q.inside_percent(),
                q.inside,
                q.breaks,
                q.fill_percent(),
                match q.short_last_lines {
                    0 => String::new(),
                    n => format!(", {n} last lines of 1–2 characters"),
                }
            )
        })
        .collect();
    println!("| {name} | {} |", cells.join(" | "));
}

/// The items at each width and `word-break`, and the script that finds
/// where each item's lines begin.
fn page(items: &[String]) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><style>\n\
         body { margin: 0; font: 16px/2 'Noto Sans Mono CJK JP'; }\n\
         p { margin: 0 0 1em; padding: 0; line-break: strict; }\n\
         </style></head><body>\n",
    );
    for word_break in WORD_BREAKS {
        for width in WIDTHS {
            let _ = writeln!(
                html,
                "<div data-key=\"{word_break} {width}\" style=\"width: {}em; word-break: {word_break}\">",
                width / 2
            );
            for item in items {
                let escaped = item
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                let _ = writeln!(html, "<p>{escaped}</p>");
            }
            html.push_str("</div>\n");
        }
    }
    html.push_str(
        "<pre id=\"result\"></pre>\n<script>\n\
         // Each line's first character, counted in code points: a character\n\
         // whose box is below the last one's starts a line.\n\
         function starts(p) {\n\
           const node = p.firstChild, out = [];\n\
           let top = null, index = 0, unit = 0;\n\
           for (const ch of node.data) {\n\
             const range = document.createRange();\n\
             range.setStart(node, unit);\n\
             range.setEnd(node, unit + ch.length);\n\
             const rects = range.getClientRects();\n\
             if (rects.length > 0) {\n\
               const t = rects[0].top;\n\
               if (top !== null && t > top + 16) out.push(index);\n\
               if (top === null || t > top + 16) top = t;\n\
             }\n\
             unit += ch.length;\n\
             index += 1;\n\
           }\n\
           return out;\n\
         }\n\
         document.fonts.ready.then(() => {\n\
           const lines = [];\n\
           for (const div of document.querySelectorAll('div')) {\n\
             div.querySelectorAll('p').forEach((p, i) => {\n\
               lines.push(div.dataset.key + ' ' + i + ':' + starts(p).map(s => ' ' + s).join(''));\n\
             });\n\
           }\n\
           document.getElementById('result').textContent = lines.join('\\n');\n\
         });\n\
         </script></body></html>\n",
    );
    html
}

/// Chromium's layout of `items` at `width` with `word_break`, from the
/// lines the page's script wrote: `auto-phrase 40 12: 17 35`.
fn chromium(
    dom: &str,
    items: &[String],
    word_break: &str,
    width: usize,
) -> Result<Quality, String> {
    let result = dom
        .split_once("<pre id=\"result\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(result, _)| result)
        .ok_or("no result in the page: did its script run?")?;
    let mut quality = Quality::new(width);
    let prefix = format!("{word_break} {width} ");
    let mut seen = 0;
    for line in result.lines().filter_map(|l| l.strip_prefix(&prefix)) {
        let (index, starts) = line.split_once(':').ok_or(line.to_string())?;
        let index: usize = index.parse().map_err(|_| line.to_string())?;
        let starts: Vec<usize> = starts
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| line.to_string())?;
        let text = items.get(index).ok_or(line.to_string())?;
        quality.add(text, &starts);
        seen += 1;
    }
    if seen != items.len() {
        return Err(format!("{prefix}: {seen} items of {}", items.len()));
    }
    Ok(quality)
}
