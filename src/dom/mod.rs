//! The only code in the crate that talks to html5ever and markup5ever_rcdom.
//!
//! - [`parse`]: an HTML fragment (body context) or a whole document into an rcdom tree;
//! - [`walk`]: the one fused, stack-safe pass that runs every [`Rule`](crate::Rule);
//! - [`serialize`]: the tree back to HTML, deterministic and straight into a `String`;
//! - [`element`] and [`node`]: the views a rule gets of the element it is looking at;
//! - [`visit`]: read-only visits of a parsed fragment (the policy verifier's);
//! - [`depth`], [`sink`], [`raw_text`], [`attr_cap`], [`attr_filter`]: what sits around
//!   html5ever while it parses (the nesting-depth cap, the parse-time filter, skipping dropped
//!   raw text, the cap on attributes and the attributes removed before parsing);
//! - `shown`: what stays of a subtree shown only in part (CSS `visibility`);
//! - [`junction`]: whether removing an element glues two words; [`document`]: the shape a
//!   whole document keeps.

pub(crate) mod attr_cap;
pub(crate) mod attr_filter;
pub(crate) mod depth;
pub(crate) mod document;
pub(crate) mod element;
pub(crate) mod junction;
pub(crate) mod names;
pub(crate) mod node;
pub(crate) mod parse;
pub(crate) mod raw_text;
pub(crate) mod serialize;
mod shown;
pub(crate) mod sink;
#[cfg(feature = "posts")] // the policy verifier is its only user
pub(crate) mod visit;
pub(crate) mod walk;

pub use element::Element;
pub use node::NodeRef;
