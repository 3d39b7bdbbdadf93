#![forbid(unsafe_code)]
mod error;
pub mod proxy;
pub use error::{Error, Result};
