//! Script mode: the article, the list of articles or the clinic page as
//! text, Markdown or JSON. Every format is written to an `io::Write` by
//! [`write`], whose one match names each format and each page.

use std::io::{self, Write};

use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;
use crate::content::{Article, Clinic};
use crate::layout::document::{self, DocOptions};

pub mod clinic;
pub mod json;
pub mod markdown;
pub mod text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    /// Whether the clinic page has this form: it was made for the screen
    /// and for scripts, not as Markdown.
    pub fn prints_clinic(self) -> bool {
        match self {
            Format::Text | Format::Json => true,
            Format::Markdown => false,
        }
    }
}

/// What is printed.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    /// `--list`: the articles' slugs, categories, dates and titles.
    List(&'a [&'a Article]),
    /// An article, or one of its questions (from 0).
    Article {
        article: &'a Article,
        question: Option<usize>,
        layout: &'a DocOptions,
        color: bool,
    },
    /// `--clinic`: hours, status and the month's calendar.
    Clinic {
        clinic: &'a Clinic,
        now: ClinicTime,
        month: Month,
        layout: &'a DocOptions,
        color: bool,
    },
}

/// Writes `page` in `format`.
pub fn write(out: &mut impl Write, format: Format, page: Page) -> io::Result<()> {
    match (format, page) {
        (Format::Text, Page::List(articles)) => out.write_all(text::list(articles).as_bytes()),
        (
            Format::Text,
            Page::Article {
                article,
                question: Some(q),
                layout,
                color,
            },
        ) => text::write(out, &document::single_question(article, q, layout), color),
        (
            Format::Text,
            Page::Article {
                article,
                question: None,
                layout,
                color,
            },
        ) => text::write_article(out, article, layout, color),
        (
            Format::Text,
            Page::Clinic {
                clinic,
                now,
                month,
                layout,
                color,
            },
        ) => out.write_all(clinic::text(clinic, now, month, layout, color).as_bytes()),
        (Format::Markdown, Page::List(articles)) => {
            out.write_all(markdown::list(articles).as_bytes())
        }
        (
            Format::Markdown,
            Page::Article {
                article, question, ..
            },
        ) => out.write_all(markdown::article(article, question).as_bytes()),
        (Format::Markdown, Page::Clinic { .. }) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the clinic page prints as text or json, not markdown",
        )),
        (Format::Json, Page::List(articles)) => write_json(out, &json::list(articles)),
        (
            Format::Json,
            Page::Article {
                article, question, ..
            },
        ) => write_json(out, &json::article(article, question)),
        (
            Format::Json,
            Page::Clinic {
                clinic, now, month, ..
            },
        ) => write_json(out, &clinic::status(clinic, now, month)),
    }
}

/// Pretty JSON and a newline, as every JSON output ends.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
