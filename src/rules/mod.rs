//! The built-in rules, each an ordinary [`Rule`](crate::Rule), in the order they run:
//!
//! | rule | what it does |
//! |---|---|
//! | [`event_handlers`] | removes every `on*` attribute on every element |
//! | [`lazy_images`] | recovers the real image of lazy-loaded images (`data-src`, `data-original`…, `<noscript>` fallbacks, stand-ins), removes placeholders and lazy markers |
//! | [`image_wrappers`] | a wrapper holding only one image becomes `<figure><img></figure>` (or just the image, inline) |
//! | [`proxied_urls`] | image URLs routed through proxies go back to their origin, or through your proxy; `referrerpolicy="no-referrer"` for hosts that refuse hotlinking |
//! | [`links`] | link redirectors (`link.zhihu.com/?target=`, `google.com/url?q=`…) unwrapped to their target; tracking parameters (`utm_*`, `fbclid`…) removed |
//! | [`junk`] | removes hidden elements, tracking pixels, and elements left empty (bottom-up) |
//! | *your rules* | see [`CleanerBuilder::with_rule`](crate::CleanerBuilder::with_rule) |
//! | [`sanitize`] | allowlist of elements, attributes and URL schemes: the output is safe to embed |
//!
//! Each built-in rule declares itself in its own module, as a `BUILT_IN` registry entry: its
//! name, whether it is on by default, the [`Config`](crate::Config) keys it reads, whether it
//! is the final stage (and may filter while parsing), and how it is made from a `Config`.
//! The builder, the cleaner and the report know the rules only through the registry, so a
//! new built-in rule is its own file plus its name in the `register!` line of this module:
//!
//! ```text
//! // src/rules/quotes.rs
//! pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
//!     name: "quotes",
//!     on_by_default: true,
//!     settings: &[],
//!     final_stage: false,
//!     filters_at_parse_time: false,
//!     add: |_, parts| {
//!         parts.push(Quotes);
//!         Ok(())
//!     },
//! };
//! pub struct Quotes;
//! impl Rule for Quotes {
//!     fn name(&self) -> &'static str { BUILT_IN.name }
//!     // …
//! }
//! ```
//!
//! A rule with settings also adds its keys to [`Config`](crate::Config) (the one
//! configuration, where every key lives) and names them in `settings`.

mod registry;
pub(crate) use registry::{BuiltIn, Parts};

/// Declares the modules of the built-in rules and lists their entries in the order they run.
///
/// `cargo fmt` does not follow modules declared in a macro: format them with
/// `git ls-files -z 'src/rules/*.rs' | xargs -0 rustfmt --edition 2021` (`.ci/run` checks it).
macro_rules! register {
    ($($rule:ident),* $(,)?) => {
        $(pub mod $rule;)*
        /// The built-in rules, in the order they run: the registration list.
        pub(crate) const REGISTRY: &[&BuiltIn] = &[$(&$rule::BUILT_IN),*];
    };
}

// The registration line: a new built-in rule is its module's name, here.
register!(
    event_handlers,
    lazy_images,
    image_wrappers,
    proxied_urls,
    links,
    junk,
    sanitize,
);

pub(crate) use registry::{check_settings_read, select};

/// The names of the built-in rules, in the order they run, for
/// [`CleanerBuilder::without_rule`](crate::CleanerBuilder::without_rule).
pub const BUILT_IN: &[&str] = &registry::names::<{ REGISTRY.len() }>(REGISTRY);
