//! Configuration errors.
//!
//! Cleaning itself never fails: any `&str` comes back as clean HTML. Only building a
//! [`Cleaner`](crate::Cleaner) from a bad configuration returns an [`Error`].

/// A configuration problem found by [`CleanerBuilder::build`](crate::CleanerBuilder::build).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The base URL given to [`with_base_url`](crate::CleanerBuilder::with_base_url) does not parse
    /// as an absolute URL.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The rejected input.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A proxy template (see [`ProxyTemplate`](crate::proxy::ProxyTemplate)) is unusable.
    #[error("invalid proxy template {template:?}: {reason}")]
    InvalidProxyTemplate {
        /// The rejected template.
        template: String,
        /// Why it was rejected.
        reason: String,
    },
    /// Two settings contradict each other (for example a tag that is both allowed and
    /// removed with its content).
    #[error("conflicting configuration: {0}")]
    Conflict(String),
    /// A setting's value is not usable (an empty tag name, a URL scheme with invalid characters…).
    #[error("invalid setting {setting}: {reason}")]
    InvalidSetting {
        /// Which builder setting.
        setting: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// A configuration text does not read as a [`Config`](crate::Config): not TOML, an
    /// unknown key (the message lists the valid ones) or a value of the wrong type (see
    /// `Config::from_toml_str`, with the `config` feature).
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
