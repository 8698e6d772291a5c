#![no_main]
//! Coverage-guided fuzzing of the layout and the text printer, beside the
//! property tests in tests/fuzz_layout.rs. Builds on stable Rust without a
//! sanitizer (the default address sanitizer needs nightly; the layout has
//! no unsafe code for it to check):
//!
//!     cargo install cargo-fuzz
//!     cargo fuzz run -s none layout -- -max_total_time=600

use libfuzzer_sys::fuzz_target;
use reader::content::model::{Block, Inline, ListItem};
use reader::layout::document::{self, DocOptions, Furigana, MIN_WIDTH};
use reader::layout::{Ambiguous, Line, Policy};
use reader::output;
use reader::text::sanitize::is_stripped;
use reader::text::width::str_width;

/// What must survive layout: the text less U+0020 and control characters.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| c != ' ' && !is_stripped(c))
        .collect()
}

fuzz_target!(|input: (u16, u8, u8, &str)| {
    let (width, depth, flags, text) = input;
    let opts = DocOptions {
        width: usize::from(width % 300).max(MIN_WIDTH),
        ambiguous: if flags & 1 == 0 {
            Ambiguous::Narrow
        } else {
            Ambiguous::Wide
        },
        body: if flags & 2 == 0 {
            Policy::Normal
        } else {
            Policy::Phrase
        },
        furigana: Furigana::Off,
    };
    let inline = vec![Inline {
        text: text.to_string(),
        strong: flags & 4 != 0,
        link: None,
        ruby: None,
    }];
    let mut item = ListItem {
        text: inline.clone(),
        children: Vec::new(),
    };
    for _ in 0..depth % 64 {
        item = ListItem {
            text: inline.clone(),
            children: vec![item],
        };
    }
    let paragraph = Block::Paragraph {
        text: inline.clone(),
    };
    let blocks = [
        Block::Heading {
            level: 3,
            text: inline.clone(),
        },
        Block::List {
            ordered: flags & 8 != 0,
            items: vec![item],
        },
    ];

    let lines = document::block(&paragraph, &opts);
    let kept: String = lines.iter().map(Line::text).collect();
    assert_eq!(visible(&kept), visible(text), "text lost");

    let mut lines = document::blocks(&blocks, &opts);
    lines.extend(document::question(usize::from(depth) + 1, text, &opts));
    for line in &lines {
        let shown = line.text();
        assert!(
            str_width(&shown, opts.ambiguous) <= opts.width,
            "{shown:?} wider than {}",
            opts.width
        );
        assert!(!shown.chars().any(is_stripped), "control in {shown:?}");
    }
    for line in output::text::render(&lines, false).lines() {
        assert!(str_width(line, opts.ambiguous) <= opts.width);
    }
});
