//! The default policy's lists, and what can never be allowed.

/// Elements kept by default.
pub(crate) const KEPT: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements removed with their content by default; none of them can be allowed.
pub(crate) const REMOVED: &[&str] = &[
    // Scripts, styles, raw text and RCDATA: their text must never become markup.
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "title",
    // Active content and frames.
    "iframe",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "portal",
    "fencedframe",
    "canvas",
    "param",
    // Forms and their controls (`button`, `select`, `textarea`: see `READ_AS_TEXT`).
    "input",
    "selectedcontent",
    "datalist",
    "meter",
    "progress",
    "keygen",
    // Foreign content (`math`, `svg`: see `READ_AS_TEXT`): namespace changes on re-parse are
    // the classic mutation-XSS.
    // Document metadata and the rest.
    "head",
    "link",
    "meta",
    "base",
    "basefont",
    "bgsound",
    "area",
];

/// Elements replaced by what a reader saw of them (`controls`, `math`, `svg_text`): a
/// button's content, a text area's text (as `<pre>`), the text a browser shows of `<xmp>`
/// and `<plaintext>` as written (as `<pre>`: old tutorials show code with them), the text
/// of a `<map>` (its areas go; a map of areas only leaves nothing), an open `<dialog>`'s
/// content (a closed one shows nothing and goes), a
/// drop-down's selected option, the text of an `option` or `optgroup` outside a drop-down
/// (a browser shows it as a block; those inside are read with their `select`), a formula's TeX or text, the text an SVG draws. None of them
/// can be allowed; each can be removed with its content instead.
pub(crate) const READ_AS_TEXT: &[&str] = &[
    "button",
    "textarea",
    "xmp",
    "plaintext",
    "map",
    "dialog",
    "select",
    "option",
    "optgroup",
    "math",
    "svg",
];

/// Elements that can never be allowed (they have a meaning of their own).
pub(crate) const NEVER_ALLOWED: &[(&str, &str)] = &[
    ("html", "document structure is kept by document mode only"),
    ("head", "document structure is kept by document mode only"),
    ("body", "document structure is kept by document mode only"),
    (
        "form",
        "forms are never kept (nested forms change how the output re-parses)",
    ),
];

/// Table structure: unwrapping one part would leave the others where the parser moves them.
pub(crate) const TABLE_PARTS: &[&str] = &[
    "table", "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th",
];

/// Attributes kept on every kept element.
pub(crate) const GLOBAL_ATTRS: &[&str] = &["title", "lang", "dir"];

/// Attributes kept per element by default.
pub(crate) const ELEMENT_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &[
            "src",
            "srcset",
            "sizes",
            "alt",
            "width",
            "height",
            "loading",
            "decoding",
            "referrerpolicy",
        ],
    ),
    (
        "source",
        &["src", "srcset", "sizes", "type", "media", "width", "height"],
    ),
    (
        "video",
        &[
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "preload",
            "loop",
            "muted",
            "playsinline",
        ],
    ),
    ("audio", &["src", "controls", "preload", "loop", "muted"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("details", &["open"]),
];

/// Attributes whose value is a URL, checked against the scheme allowlist wherever they are
/// allowed.
pub(crate) const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "cite",
    "poster",
    "action",
    "formaction",
    "data",
    "background",
    "longdesc",
    "usemap",
    "manifest",
    "icon",
    "profile",
    "lowsrc",
    "dynsrc",
    "itemid",
    "itemtype",
];

/// Attributes that can never be allowed through `with_attributes_allowed`, and why.
pub(crate) const NEVER_ATTRS: &[(&str, &str)] = &[
    ("style", "inline CSS is not sanitized"),
    ("srcdoc", "it is a whole HTML document"),
    ("id", "use with_ids_kept(prefix)"),
    ("class", "use with_classes_kept or with_classes_allowed"),
    ("name", "named elements clobber the page's DOM"),
    ("rel", "use with_link_rel"),
    ("target", "use with_links_in_new_tab"),
    ("is", "customized built-in elements run the page's scripts"),
    ("ping", "a list of tracking URLs"),
    ("archive", "plugin content"),
    ("classid", "plugin content"),
    ("codebase", "plugin content"),
    ("http-equiv", "document metadata"),
    // URLs the sanitizer does not read as such (they mean nothing on HTML elements).
    (
        "to",
        "an SVG animation's value: it sets another attribute, a URL included",
    ),
    (
        "from",
        "an SVG animation's value: it sets another attribute, a URL included",
    ),
    (
        "values",
        "an SVG animation's values: they set another attribute, a URL included",
    ),
    (
        "by",
        "an SVG animation's value: it sets another attribute, a URL included",
    ),
    ("attributename", "names the attribute an SVG animation sets"),
    (
        "imagesrcset",
        "a list of preloaded image URLs (on <link> only)",
    ),
    ("xlink:href", "an SVG link (SVG is never kept; use href)"),
];

/// The default `rel` of links.
pub(crate) const DEFAULT_LINK_REL: &str = "noopener noreferrer";
