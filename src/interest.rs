//! What a [`Rule`](crate::Rule) looks at: the elements it handles and the attributes it
//! reads. The cleaner uses it twice, both only to skip work whose result is known:
//!
//! - the walk calls a rule only on the elements it handles;
//! - an attribute that no rule reads on an element, and that the sanitizer never keeps, is
//!   removed from the input before html5ever reads it (reading attributes is most of
//!   html5ever's work on modern pages). The output is the same; the removals are counted for
//!   the sanitizer in the [`Report`](crate::Report).
//!
//! The default, [`Interest::everything`], is always right, and turns both off.

/// The elements a [`Rule`](crate::Rule) handles and the attributes it reads: see
/// [`Rule::interest`](crate::Rule::interest).
///
/// Names are lower case, separated by white space; `*` matches every name and a name ending
/// in `-*` (`data-*`, `lite-*`) every name that starts with what comes before the `*`.
/// Element names match in every namespace.
///
/// ```
/// use articlean::Interest;
///
/// // Handles links only, and reads their `href` and any `data-` attribute of theirs.
/// let links = Interest::elements("a").reads("a", "href data-*");
/// // Handles every element and reads their `style`.
/// let styled = Interest::elements("*").reads("*", "style");
/// # let _ = (links, styled);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interest {
    /// `None`: every element.
    pub(crate) elements: Option<Vec<Pattern>>,
    /// What is read; `None`: every attribute of every element.
    pub(crate) reads: Option<Vec<Read>>,
    /// Also every element whose name has a hyphen (custom elements, `amp-img`), when
    /// `elements` is a list.
    pub(crate) hyphenated: bool,
    /// The elements whose end ([`Rule::element_end`](crate::Rule::element_end)) the rule
    /// handles, when not the same as `elements` (an empty list: none; a built-in rule's
    /// `element_end` does nothing elsewhere, so the walk need not ask).
    pub(crate) ends: Option<Vec<Pattern>>,
    /// [`element`](crate::Rule::element) keeps an element that has no attribute untouched
    /// (whatever its name and place): the walk need not ask about one.
    pub(crate) needs_attributes: bool,
}

/// Attributes read on some elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    pub(crate) element: Pattern,
    pub(crate) attribute: Pattern,
    /// Except these attributes.
    pub(crate) except: Vec<Pattern>,
    /// Read only when the value passes this test: a value that fails it is as good as none.
    pub(crate) value: Option<ValueTest>,
}

/// What a value must hold for a rule to read it (see [`Read::value`]).
#[derive(Debug, Clone)]
pub(crate) enum ValueTest {
    /// This word (lower case), in any ASCII case: from [`Interest::reads_word`].
    Word(Box<[u8]>),
    /// Whatever this screen passes, given the value as written in the input (character
    /// references not decoded): from [`Interest::reads_when`].
    Screen(fn(&[u8]) -> bool),
}

impl PartialEq for ValueTest {
    fn eq(&self, other: &ValueTest) -> bool {
        match (self, other) {
            (ValueTest::Word(a), ValueTest::Word(b)) => a == b,
            (ValueTest::Screen(a), ValueTest::Screen(b)) => std::ptr::fn_addr_eq(*a, *b),
            _ => false,
        }
    }
}

impl Eq for ValueTest {}

impl Default for Interest {
    fn default() -> Self {
        Interest::everything()
    }
}

impl Interest {
    /// Every element, every attribute of every element (also of elements other than the one
    /// handled: its parent, children, siblings): the default of
    /// [`Rule::interest`](crate::Rule::interest), right for any rule.
    pub fn everything() -> Interest {
        Interest {
            elements: None,
            reads: None,
            hyphenated: false,
            ends: None,
            needs_attributes: false,
        }
    }

    /// A rule called only on the elements named in `names` (white-space separated, `*` for
    /// all), reading no attribute yet: add what it reads with [`reads`](Interest::reads).
    pub fn elements(names: &str) -> Interest {
        let patterns = patterns(names);
        Interest {
            elements: (!patterns.contains(&Pattern::Any)).then_some(patterns),
            reads: Some(Vec::new()),
            hyphenated: false,
            ends: None,
            needs_attributes: false,
        }
    }

    /// Also handles every element whose name has a hyphen (a custom element, `amp-img`).
    pub(crate) fn and_hyphenated(mut self) -> Interest {
        self.hyphenated = true;
        self
    }

    /// [`element`](crate::Rule::element) is not called on an element without attributes
    /// (when it has none at the time the rule would be asked): for a rule whose `element`
    /// keeps every such element untouched. `element_end` is called as usual.
    pub(crate) fn needing_attributes(mut self) -> Interest {
        self.needs_attributes = true;
        self
    }

    /// [`element_end`](crate::Rule::element_end) is called only on the elements named in
    /// `names` (none when empty): for a rule whose `element_end` keeps every other element
    /// untouched.
    pub(crate) fn ending(mut self, names: &str) -> Interest {
        self.ends = Some(patterns(names));
        self
    }

    /// Adds: the rule reads the attributes named in `attributes` of the elements named in
    /// `elements`, whichever element it was called on (a rule handling `a` that looks at the
    /// `class` of the link's `img` says `.reads("img", "class")`).
    pub fn reads(self, elements: &str, attributes: &str) -> Interest {
        self.add(elements, attributes, "", None)
    }

    /// Adds: the rule reads every attribute of the elements named in `elements` except
    /// those named in `attributes`.
    pub fn reads_all_but(self, elements: &str, attributes: &str) -> Interest {
        self.add(elements, "*", attributes, None)
    }

    /// Adds: the rule reads the attribute `attribute` of the elements named in `elements`
    /// only to look for `word` in its value (in any ASCII case): a value without it is as
    /// good as no attribute to the rule.
    ///
    /// ```
    /// use articlean::Interest;
    ///
    /// // A class containing `caption` makes a `p` a caption.
    /// let captions = Interest::elements("p").reads_word("p", "class", "caption");
    /// # let _ = captions;
    /// ```
    pub fn reads_word(self, elements: &str, attribute: &str, word: &str) -> Interest {
        let word = word.to_ascii_lowercase().into_bytes().into_boxed_slice();
        self.add(elements, attribute, "", Some(ValueTest::Word(word)))
    }

    /// Adds: the rule reads the attributes named in `attributes` of the elements named in
    /// `elements` only when `screen` passes the value as written in the input (character
    /// references not decoded: a screen must pass a value whose references might spell what
    /// it looks for). A value the screen fails is as good as no attribute to the rule: the
    /// screen is written from what the rule looks at, and tested against it. Another rule
    /// reading the same attribute without a screen keeps every value.
    pub(crate) fn reads_when(
        self,
        elements: &str,
        attributes: &str,
        screen: fn(&[u8]) -> bool,
    ) -> Interest {
        self.add(elements, attributes, "", Some(ValueTest::Screen(screen)))
    }

    fn add(
        mut self,
        elements: &str,
        attributes: &str,
        except: &str,
        value: Option<ValueTest>,
    ) -> Interest {
        if let Some(reads) = &mut self.reads {
            let except = patterns(except);
            for element in patterns(elements) {
                for attribute in patterns(attributes) {
                    reads.push(Read {
                        element: element.clone(),
                        attribute,
                        except: except.clone(),
                        value: value.clone(),
                    });
                }
            }
        }
        self
    }
}

/// One name or a set of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pattern {
    Any,
    Exact(Box<[u8]>),
    /// Names starting with these bytes (at least one byte more).
    Prefix(Box<[u8]>),
}

impl Pattern {
    fn parse(word: &str) -> Pattern {
        let word = word.to_ascii_lowercase();
        if word == "*" {
            Pattern::Any
        } else if let Some(prefix) = word.strip_suffix('*') {
            Pattern::Prefix(prefix.as_bytes().into())
        } else {
            Pattern::Exact(word.as_bytes().into())
        }
    }

    /// Whether `name` (as written: any ASCII case) is matched.
    pub(crate) fn matches(&self, name: &[u8]) -> bool {
        match self {
            Pattern::Any => true,
            Pattern::Exact(n) => name.eq_ignore_ascii_case(n),
            Pattern::Prefix(p) => name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p),
        }
    }
}

pub(crate) fn patterns(names: &str) -> Vec<Pattern> {
    names.split_ascii_whitespace().map(Pattern::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_names_prefixes_and_everything() {
        let i = Interest::elements("a img").reads("img", "data-* class");
        assert_eq!(i.elements, Some(patterns("a img")));
        // `*` among the names, or no names given: every element.
        assert_eq!(Interest::elements("div *").elements, None);
        assert_eq!(Interest::everything().elements, None);
        assert!(Pattern::parse("data-*").matches(b"DATA-src"));
        assert!(!Pattern::parse("data-*").matches(b"data-"));
        assert!(!Pattern::parse("data-*").matches(b"datasrc"));
        assert!(Pattern::parse("Class").matches(b"CLASS"));
        assert!(!Pattern::parse("class").matches(b"classes"));
        assert_eq!(i.reads.as_ref().map(Vec::len), Some(2));
        let but = Interest::elements("div").reads_all_but("div", "class id");
        assert_eq!(but.reads.unwrap()[0].except.len(), 2);
        assert_eq!(Interest::everything().reads(".", "x").reads, None);
    }
}
