//! # articlean
//!
//! Turns scraped article HTML into clean, safe, self-contained HTML.
//!
//! Feeds, scrapers and imported blog posts are full of debris: `onclick` handlers, lazy-load
//! wrappers whose images only appear through JavaScript (`data-original`, `data-src`,
//! `<noscript>` fallbacks, 1×1 placeholders), image URLs routed through CORS workers and
//! image proxies, empty paragraphs and tracking divs. articlean parses the HTML with
//! html5ever, runs its [rules] in one stack-safe pass, and serializes clean HTML.
//!
//! ## Quick start
//!
//! ```
//! let dirty = concat!(
//!     r#"<div class="img_box" onclick="zoom()"><img class="lazy" "#,
//!     r#"data-original="http://img.example.com/a.jpg" "#,
//!     r#"src="https://cors.example.workers.dev/?http://img.example.com/a.jpg"></div>"#,
//!     r#"<p></p><p>Text<script>track()</script></p>"#,
//! );
//!
//! assert_eq!(
//!     articlean::clean(dirty),
//!     r#"<figure><img src="http://img.example.com/a.jpg" loading="lazy" decoding="async"></figure><p>Text</p>"#
//! );
//! ```
//!
//! For settings (a base URL, your own image proxy, rules of your own), build a [`Cleaner`]
//! once and reuse it; it reports what it changed:
//!
//! ```
//! use articlean::Cleaner;
//!
//! let cleaner = Cleaner::builder()
//!     .with_base_url("https://example.com/post/")
//!     .build()?;
//! let out = cleaner.clean(r#"<a href="../about" onclick="x()">About</a>"#);
//! assert_eq!(
//!     out.html(),
//!     r#"<a href="https://example.com/about" rel="noopener noreferrer">About</a>"#
//! );
//! assert_eq!(out.report().get("event_handlers"), 1);
//! # Ok::<(), articlean::Error>(())
//! ```
//!
//! Posts with front matter keep it, with image URLs in it unwrapped too:
//! [`Cleaner::clean_post_as`], and `Cleaner::clean_post` for Markdown bodies.
//!
//! # Features
//!
//! - `posts` (default): posts with a Markdown body, and telling a post's body apart:
//!   `Cleaner::clean_post`, `Post::body_kind`, `BodyKind::Markdown`. It brings
//!   `pulldown-cmark`, which renders each cleaned Markdown body to verify it. Without it the
//!   crate cleans HTML, and posts whose body is known to be HTML
//!   ([`Cleaner::clean_post_as`] with [`BodyKind::Html`]); nothing Markdown is accepted, so
//!   nothing goes through uncleaned.
//! - `cli`: the `articlean` command-line tool (needs `posts`).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod ascii;
mod builder;
mod cleaner;
mod config;
mod css;
mod dom;
mod error;
mod interest;
mod post;
pub mod proxy;
mod report;
mod rule;
pub mod rules;
mod scheme;
mod screens;
mod srcset;
mod template;
mod url_text;

pub use builder::CleanerBuilder;
pub use cleaner::{clean, Cleaned, Cleaner};
pub use config::Config;
pub use dom::{Element, NodeRef};
pub use error::{Error, Result};
pub use interest::Interest;
pub use post::{BodyKind, Post};
pub use report::Report;
pub use rule::{rule_fn, Action, Context, ElementName, FnRule, Rule};

// The README's examples clean Markdown posts: the default features.
#[cfg(all(doctest, feature = "posts"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
