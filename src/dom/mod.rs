//! The only code in the crate that touches the markup5ever_rcdom tree and drives html5ever's tree
//! builder: rules see the tree only through [`Element`] and [`NodeRef`]
//! (and their `pub(crate)` named methods for the built-ins).
//!
//! - [`parse`]: an HTML fragment (body context) or a whole document into an rcdom tree, with
//!   what sits around html5ever while it parses, one module each (the pre-scan of start
//!   tags and the attribute filter, the gate between tokenizer and tree builder, the
//!   nesting-depth cap, the parse-time filter, skipping dropped raw text), and a test for
//!   every html5ever behaviour they rely on;
//! - [`walk`]: the one fused, stack-safe pass that runs every [`Rule`](crate::Rule);
//! - [`serialize`]: the tree back to HTML, deterministic and straight into a `String`;
//! - [`element`] and [`node`]: the views a rule gets of the element it is looking at;
//! - [`visit`]: read-only visits of a parsed fragment (the policy verifier's);
//! - [`names`]: element names by kind (void, block, raw text…);
//! - `shown`: what stays of a subtree shown only in part (CSS `visibility`);
//! - [`junction`]: whether removing an element glues two words; [`document`]: the shape a
//!   whole document keeps.

pub(crate) mod document;
pub(crate) mod element;
pub(crate) mod junction;
pub(crate) mod names;
pub(crate) mod node;
mod page_text;
pub(crate) mod parse;
pub(crate) mod serialize;
mod shown;
#[cfg(feature = "posts")] // the policy verifier is its only user
pub(crate) mod visit;
pub(crate) mod walk;

pub use element::Element;
pub use node::NodeRef;
pub(crate) use node::Removed;
