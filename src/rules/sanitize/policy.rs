//! The sanitizer's configuration: the builder-side [`SanitizerConfig`] (what the user asked
//! for) and the checked [`Policy`] it builds into.

use super::defaults::*;
use super::embeds::Embeds;
use super::urls::{is_valid_scheme, UrlPolicy};
use crate::config::Config;
use crate::error::{Error, Result};
use html5ever::LocalName;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

/// Which classes are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Classes {
    /// `class` is dropped (the default).
    #[default]
    Dropped,
    /// Every class is kept.
    All,
    /// Only these classes are kept.
    Only(BTreeSet<String>),
}

/// What the user asked of the sanitizer, as given to the builder; checked by
/// [`SanitizerConfig::build`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SanitizerConfig {
    pub(crate) tags_allowed: Vec<String>,
    pub(crate) tags_unwrapped: Vec<String>,
    pub(crate) tags_removed: Vec<String>,
    /// `(element or "*", attribute)`.
    pub(crate) attrs_allowed: Vec<(String, String)>,
    pub(crate) attrs_removed: Vec<(String, String)>,
    pub(crate) schemes_allowed: Vec<String>,
    pub(crate) schemes_removed: Vec<String>,
    pub(crate) no_data_images: bool,
    pub(crate) link_rel: Option<String>,
    pub(crate) nofollow: bool,
    pub(crate) new_tab: bool,
    pub(crate) classes: Classes,
    pub(crate) id_prefix: Option<String>,
    pub(crate) embeds: bool,
    pub(crate) embed_hosts: Vec<String>,
    pub(crate) embed_thumbnails: bool,
}

/// The [`Config`] keys of the sanitizer.
pub(crate) const SETTINGS: &[&str] = &[
    "tags_allowed",
    "tags_unwrapped",
    "tags_removed",
    "attributes_allowed",
    "attributes_removed",
    "url_schemes_allowed",
    "url_schemes_removed",
    "data_images",
    "link_rel",
    "nofollow",
    "links_in_new_tab",
    "classes_kept",
    "classes_allowed",
    "ids_kept",
    "embeds",
    "embed_hosts",
    "embed_thumbnails",
];

impl SanitizerConfig {
    /// The sanitizer's settings in `c` (a class list wins over `classes_kept`; the builder
    /// reports the two together as a conflict).
    pub(crate) fn from_config(c: &Config) -> SanitizerConfig {
        let pairs = |map: &BTreeMap<String, Vec<String>>| {
            map.iter()
                .flat_map(|(tag, attrs)| attrs.iter().map(move |a| (tag.clone(), a.clone())))
                .collect()
        };
        SanitizerConfig {
            tags_allowed: c.tags_allowed.clone(),
            tags_unwrapped: c.tags_unwrapped.clone(),
            tags_removed: c.tags_removed.clone(),
            attrs_allowed: pairs(&c.attributes_allowed),
            attrs_removed: pairs(&c.attributes_removed),
            schemes_allowed: c.url_schemes_allowed.clone(),
            schemes_removed: c.url_schemes_removed.clone(),
            no_data_images: !c.data_images,
            link_rel: c.link_rel.clone(),
            nofollow: c.nofollow,
            new_tab: c.links_in_new_tab,
            classes: match (&c.classes_allowed, c.classes_kept) {
                (Some(list), _) => Classes::Only(list.iter().cloned().collect()),
                (None, true) => Classes::All,
                (None, false) => Classes::Dropped,
            },
            id_prefix: c.ids_kept.clone(),
            embeds: c.embeds,
            embed_hosts: c.embed_hosts.clone(),
            embed_thumbnails: c.embed_thumbnails,
        }
    }
}

/// A checked sanitizer policy.
///
/// Each fact is kept once: an element's fate in `fates`, its attributes in `element_attrs`
/// at the place `attrs_at` gives. The tables' names, in the order the lists name them, are
/// what the policy's elements are iterated by.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    /// The fate of each element kept, removed or read (every other one is unwrapped): the
    /// look-up made for every element.
    fates: AtomTable<Fate>,
    /// The attributes any kept element may keep (the global ones), each with whether its
    /// value is a URL.
    global_attrs: AttrMap,
    /// Where in `element_attrs` the attributes of each element with attributes of its own
    /// are: the look-up made for every element with attributes.
    attrs_at: AtomTable<u32>,
    /// For the elements of `attrs_at`: every attribute they may keep, their own and the
    /// global ones, each with whether its value is a URL (one lookup per attribute).
    element_attrs: Vec<AttrMap>,
    /// `global_attrs` and `element_attrs` again, as atom tables (the same entries): the
    /// look-up the filter makes for every attribute (a multiply and a load, not a hash).
    global_table: AtomTable<bool>,
    element_tables: Vec<AtomTable<bool>>,
    pub(crate) urls: UrlPolicy,
    /// The `rel` of links with an `href`; `None`: no `rel`.
    pub(crate) link_rel: Option<String>,
    pub(crate) new_tab: bool,
    pub(crate) classes: Classes,
    pub(crate) id_prefix: Option<String>,
    pub(crate) embeds: Option<Embeds>,
    /// The link an embed leaves shows the provider's thumbnail.
    pub(crate) embed_thumbnails: bool,
}

/// What happens to an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Fate {
    Keep,
    Remove,
    #[default]
    Unwrap,
    /// Replaced by what a reader saw of it (`READ_AS_TEXT`: controls, formulas, SVG text).
    Read,
}

impl Policy {
    /// The fate of an HTML element named `name`.
    pub(crate) fn fate(&self, name: &LocalName) -> Fate {
        self.fates.get(name).unwrap_or(Fate::Unwrap)
    }

    /// The elements with a fate of their own (every other one is unwrapped), in the order
    /// the lists name them.
    pub(crate) fn named(&self) -> impl Iterator<Item = &LocalName> + '_ {
        self.fates.names()
    }

    /// Whether `name` is kept.
    pub(crate) fn keeps(&self, name: &LocalName) -> bool {
        self.fate(name) == Fate::Keep
    }

    /// The attributes an element named `element` may keep (with its value checked when it
    /// is a URL): attribute name → whether its value is a URL.
    pub(crate) fn attrs_of(&self, element: &LocalName) -> &AttrMap {
        match self.attrs_at.get(element) {
            Some(i) => self
                .element_attrs
                .get(i as usize)
                .unwrap_or(&self.global_attrs),
            None => &self.global_attrs,
        }
    }

    /// [`attrs_of`](Self::attrs_of) as a table of atoms: attribute name → whether its value
    /// is a URL, for the filter's look-up of every attribute.
    pub(crate) fn attr_table_of(&self, element: &LocalName) -> &AtomTable<bool> {
        match self.attrs_at.get(element) {
            Some(i) => self
                .element_tables
                .get(i as usize)
                .unwrap_or(&self.global_table),
            None => &self.global_table,
        }
    }

    /// Whether the attribute `attr` is allowed on `element` (classes and ids aside).
    pub(crate) fn attr_allowed(&self, element: &LocalName, attr: &LocalName) -> bool {
        self.attrs_of(element).contains_key(attr)
    }

    /// The attributes every kept element may keep (classes and ids aside).
    pub(crate) fn global_attr_names(&self) -> impl Iterator<Item = &LocalName> + '_ {
        self.global_attrs.keys()
    }

    /// The elements with attributes of their own, in the order the lists name them, each
    /// with every attribute it may keep.
    pub(crate) fn element_attr_names(
        &self,
    ) -> impl Iterator<Item = (&LocalName, impl Iterator<Item = &LocalName> + '_)> + '_ {
        self.attrs_at
            .names()
            .map(|el| (el, self.attrs_of(el).keys()))
    }
}

/// Attribute name → whether its value is a URL.
pub(crate) type AttrMap = HashMap<LocalName, bool, BuildHasherDefault<AtomHasher>>;

pub(crate) use crate::dom::names::AtomHasher;
use crate::dom::names::AtomTable;

/// Names, each with a value, in the order first named: the policy's lists while the
/// builder edits them (each edit a scan: the lists are short, and the edits few).
struct Named<V>(Vec<(LocalName, V)>);

impl<V> Named<V> {
    fn get(&self, name: &LocalName) -> Option<&V> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The value of `name`, added as `value()` when it has none.
    fn entry(&mut self, name: LocalName, value: impl FnOnce() -> V) -> &mut V {
        let i = match self.0.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                self.0.push((name, value()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    fn remove(&mut self, name: &LocalName) {
        self.0.retain(|(n, _)| n != name);
    }
}

/// `list`'s names, each with `fate`.
fn fated(list: &'static [&'static str], fate: Fate) -> impl Iterator<Item = (LocalName, Fate)> {
    list.iter().map(move |n| (LocalName::from(*n), fate))
}

/// Adds `name` to `list` unless it is there.
fn add(list: &mut Vec<LocalName>, name: LocalName) {
    if !list.contains(&name) {
        list.push(name);
    }
}

fn invalid(setting: &'static str, reason: String) -> Error {
    Error::InvalidSetting { setting, reason }
}

/// `[a-z][a-z0-9-]*` once lowercased.
fn tag_name(setting: &'static str, name: &str) -> Result<String> {
    let lower = name.trim().to_ascii_lowercase();
    let valid = lower.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && lower
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid {
        Ok(lower)
    } else {
        Err(invalid(setting, format!("{name:?} is not an element name")))
    }
}

/// `[a-z][a-z0-9_.:-]*` once lowercased.
fn attr_name(setting: &'static str, name: &str) -> Result<String> {
    let lower = name.trim().to_ascii_lowercase();
    let valid = lower.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && lower.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.' | b':')
        });
    if valid {
        Ok(lower)
    } else {
        Err(invalid(
            setting,
            format!("{name:?} is not an attribute name"),
        ))
    }
}

impl SanitizerConfig {
    /// Checks every setting and builds the policy.
    pub(crate) fn build(&self) -> Result<Policy> {
        // The defaults name each element once (see the tests).
        let mut fates: Named<Fate> = Named(
            fated(KEPT, Fate::Keep)
                .chain(fated(REMOVED, Fate::Remove))
                .chain(fated(READ_AS_TEXT, Fate::Read))
                .collect(),
        );
        let mut allowed: Vec<LocalName> = Vec::new();
        for tag in &self.tags_allowed {
            let tag = tag_name("with_tags_allowed", tag)?;
            if let Some((_, why)) = NEVER_ALLOWED.iter().find(|(n, _)| *n == tag) {
                return Err(invalid(
                    "with_tags_allowed",
                    format!("<{tag}> cannot be allowed: {why}"),
                ));
            }
            let local = LocalName::from(&*tag);
            // Only the defaults and the tags allowed before have a fate yet.
            if matches!(fates.get(&local), Some(Fate::Remove | Fate::Read)) {
                let why = match tag.as_str() {
                    "svg" | "math" => "foreign content is always removed (its elements change namespace when the output is parsed again)",
                    "iframe" => "only embeds from known video hosts can be kept, with with_embeds(true)",
                    "button" | "textarea" | "select" => "form controls are never kept (their text is)",
                    _ => "it is always removed with its content",
                };
                return Err(Error::Conflict(format!(
                    "<{tag}> is both allowed and removed with its content: {why}"
                )));
            }
            add(&mut allowed, local.clone());
            *fates.entry(local, || Fate::Keep) = Fate::Keep;
        }
        for tag in &self.tags_removed {
            let tag = tag_name("with_tags_removed", tag)?;
            let local = LocalName::from(&*tag);
            if allowed.contains(&local) {
                return Err(Error::Conflict(format!(
                    "<{tag}> is both allowed and removed with its content"
                )));
            }
            *fates.entry(local, || Fate::Remove) = Fate::Remove;
        }
        for tag in &self.tags_unwrapped {
            let tag = tag_name("with_tags_unwrapped", tag)?;
            let local = LocalName::from(&*tag);
            if allowed.contains(&local) {
                return Err(Error::Conflict(format!(
                    "<{tag}> is both allowed and unwrapped"
                )));
            }
            if fates.get(&local) == Some(&Fate::Remove) {
                return Err(Error::Conflict(format!(
                    "<{tag}> is both unwrapped and removed with its content"
                )));
            }
            if TABLE_PARTS.contains(&tag.as_str()) {
                return Err(invalid(
                    "with_tags_unwrapped",
                    format!("<{tag}> is table structure: remove it with its content (with_tags_removed), or keep it"),
                ));
            }
            fates.remove(&local);
        }

        let mut global_attrs: Vec<LocalName> =
            GLOBAL_ATTRS.iter().map(|a| LocalName::from(*a)).collect();
        let mut attrs: Named<Vec<LocalName>> = Named(
            ELEMENT_ATTRS
                .iter()
                .map(|(el, list)| {
                    (
                        LocalName::from(*el),
                        list.iter().map(|a| LocalName::from(*a)).collect(),
                    )
                })
                .collect(),
        );
        for (tag, attr) in &self.attrs_allowed {
            let attr = attr_name("with_attributes_allowed", attr)?;
            if attr.starts_with("on") {
                return Err(invalid(
                    "with_attributes_allowed",
                    format!("{attr:?}: event handlers are never kept"),
                ));
            }
            if attr.starts_with("xmlns") {
                return Err(invalid(
                    "with_attributes_allowed",
                    format!("{attr:?}: namespace declarations are never kept"),
                ));
            }
            if let Some((_, why)) = NEVER_ATTRS.iter().find(|(n, _)| *n == attr) {
                return Err(invalid(
                    "with_attributes_allowed",
                    format!("{attr:?} cannot be allowed: {why}"),
                ));
            }
            let attr = LocalName::from(&*attr);
            if tag.trim() == "*" {
                add(&mut global_attrs, attr);
            } else {
                let tag = tag_name("with_attributes_allowed", tag)?;
                add(attrs.entry(LocalName::from(&*tag), Vec::new), attr);
            }
        }
        // `(element, attribute)`: removed from the element even when global.
        let mut dropped: Vec<(LocalName, LocalName)> = Vec::new();
        for (tag, attr) in &self.attrs_removed {
            let attr = LocalName::from(&*attr_name("with_attributes_removed", attr)?);
            if tag.trim() == "*" {
                global_attrs.retain(|a| *a != attr);
                for (_, own) in &mut attrs.0 {
                    own.retain(|a| *a != attr);
                }
            } else {
                let tag = LocalName::from(&*tag_name("with_attributes_removed", tag)?);
                attrs.entry(tag.clone(), Vec::new).retain(|a| *a != attr);
                dropped.push((tag, attr));
            }
        }

        let mut schemes: BTreeSet<String> = ["http", "https", "mailto", "tel"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for scheme in &self.schemes_allowed {
            let s = scheme.trim().trim_end_matches(':').to_ascii_lowercase();
            if !is_valid_scheme(&s) {
                return Err(invalid(
                    "with_url_schemes_allowed",
                    format!("{scheme:?} is not a URL scheme"),
                ));
            }
            if matches!(
                s.as_str(),
                "javascript" | "vbscript" | "livescript" | "mocha"
            ) {
                return Err(invalid(
                    "with_url_schemes_allowed",
                    format!("{s}: URLs that run scripts are never kept"),
                ));
            }
            if s == "data" {
                return Err(invalid(
                    "with_url_schemes_allowed",
                    "data: URLs are only kept for raster images in img and source (with_data_images)".into(),
                ));
            }
            schemes.insert(s);
        }
        for scheme in &self.schemes_removed {
            let s = scheme.trim().trim_end_matches(':').to_ascii_lowercase();
            if !is_valid_scheme(&s) {
                return Err(invalid(
                    "with_url_schemes_removed",
                    format!("{scheme:?} is not a URL scheme"),
                ));
            }
            schemes.remove(&s);
        }

        let link_rel = self.link_rel()?;
        if let Classes::Only(list) = &self.classes {
            if let Some(bad) = list
                .iter()
                .find(|c| c.is_empty() || c.chars().any(|c| c.is_ascii_whitespace()))
            {
                return Err(invalid(
                    "with_classes_allowed",
                    format!("{bad:?} is not a class name"),
                ));
            }
        }
        if let Some(prefix) = &self.id_prefix {
            let valid = prefix
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic())
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
            if !valid {
                return Err(invalid(
                    "with_ids_kept",
                    format!("{prefix:?}: the prefix must be a letter followed by letters, digits, - or _"),
                ));
            }
        }
        let embeds = if self.embeds {
            if self
                .tags_removed
                .iter()
                .any(|t| t.trim().eq_ignore_ascii_case("iframe"))
            {
                return Err(Error::Conflict(
                    "<iframe> is both removed and kept as an embed (with_embeds)".into(),
                ));
            }
            Some(Embeds::new(&self.embed_hosts)?)
        } else {
            if !self.embed_hosts.is_empty() {
                Embeds::new(&self.embed_hosts)?;
            }
            None
        };

        let url_attrs: Vec<LocalName> = URL_ATTRS.iter().map(|a| LocalName::from(*a)).collect();
        let flagged = |a: &LocalName| (a.clone(), url_attrs.contains(a));
        let global_attrs: AttrMap = global_attrs.iter().map(flagged).collect();
        let element_attrs: Vec<AttrMap> = attrs
            .0
            .iter()
            .map(|(el, own)| {
                let mut all = global_attrs.clone();
                all.extend(own.iter().map(flagged));
                for (_, attr) in dropped.iter().filter(|(e, _)| e == el) {
                    all.remove(attr);
                }
                all
            })
            .collect();
        let attrs_at = AtomTable::new(
            attrs
                .0
                .into_iter()
                .enumerate()
                .map(|(i, (el, _))| (el, u32::try_from(i).unwrap_or(u32::MAX)))
                .collect(),
        );
        let table =
            |map: &AttrMap| AtomTable::new(map.iter().map(|(a, u)| (a.clone(), *u)).collect());
        Ok(Policy {
            fates: AtomTable::new(fates.0),
            global_table: table(&global_attrs),
            element_tables: element_attrs.iter().map(table).collect(),
            global_attrs,
            attrs_at,
            element_attrs,
            urls: UrlPolicy::new(schemes, !self.no_data_images),
            link_rel,
            new_tab: self.new_tab,
            classes: self.classes.clone(),
            id_prefix: self.id_prefix.clone(),
            embed_thumbnails: self.embed_thumbnails,
            embeds,
        })
    }

    /// The `rel` value links get: the configured one, plus `nofollow`, plus `noopener` when
    /// links open in a new tab.
    fn link_rel(&self) -> Result<Option<String>> {
        let base = self.link_rel.as_deref().unwrap_or(DEFAULT_LINK_REL);
        let mut tokens: Vec<String> = Vec::new();
        let mut push = |t: &str| {
            let t = t.to_ascii_lowercase();
            if !tokens.contains(&t) {
                tokens.push(t);
            }
        };
        for token in base.split_ascii_whitespace() {
            if !token
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'&'))
            {
                return Err(invalid(
                    "with_link_rel",
                    format!("{token:?} is not a link type"),
                ));
            }
            push(token);
        }
        if self.nofollow {
            push("nofollow");
        }
        if self.new_tab {
            push("noopener");
        }
        Ok((!tokens.is_empty()).then(|| tokens.join(" ")))
    }
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
