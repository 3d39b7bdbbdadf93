//! The sanitizer's settings (see the README, "Safety: the default policy"); each is a field
//! of [`Config`](crate::Config), checked by [`build`](CleanerBuilder::build).

use super::CleanerBuilder;
use std::collections::BTreeMap;

impl CleanerBuilder {
    /// Keeps these elements too (HTML elements; their attributes are still filtered, see
    /// [`with_attributes_allowed`](CleanerBuilder::with_attributes_allowed)).
    ///
    /// An element that is always removed with its content (`script`, `style`, `iframe`,
    /// `svg`, `math`, `textarea`, form controls… see the README) is an [`Error::Conflict`](crate::Error::Conflict);
    /// `html`, `head`, `body`, `form` and invalid names are [`Error::InvalidSetting`](crate::Error::InvalidSetting).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_allowed(&["kbd", "abbr", "big"]).build()?;
    /// assert_eq!(cleaner.clean("<p><big>Big</big> news</p>").html(), "<p><big>Big</big> news</p>");
    /// assert!(articlean::Cleaner::builder().with_tags_allowed(&["svg"]).build().is_err());
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_allowed(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.config.tags_allowed.extend(tags);
        self
    }

    /// Takes these elements off the allowlist: they are unwrapped, their content kept (block
    /// elements become `div`s). Table parts cannot be unwrapped ([`Error::InvalidSetting`](crate::Error::InvalidSetting)):
    /// remove them with [`with_tags_removed`](CleanerBuilder::with_tags_removed).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_unwrapped(&["u"]).build()?;
    /// assert_eq!(cleaner.clean("<p><u>under</u>lined</p>").html(), "<p>underlined</p>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_unwrapped(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.config.tags_unwrapped.extend(tags);
        self
    }

    /// Removes these elements with their content. One also passed to
    /// [`with_tags_allowed`](CleanerBuilder::with_tags_allowed) is an [`Error::Conflict`](crate::Error::Conflict).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_removed(&["aside"]).build()?;
    /// assert_eq!(cleaner.clean("<p>Text</p><aside>Related</aside>").html(), "<p>Text</p>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_removed(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.config.tags_removed.extend(tags);
        self
    }

    /// Keeps these attributes on `tag` (`"*"`: on every kept element). Attributes named like
    /// URL attributes (`href`, `src`, `cite`, `poster`, `action`, `data`, `background`…) are
    /// checked against the URL scheme allowlist wherever they are allowed. Event handlers
    /// (`on*`), `style`, `srcdoc`, `name`, `is`, `xmlns*` can never be allowed, and `id`,
    /// `class`, `rel`, `target` have settings of their own ([`Error::InvalidSetting`](crate::Error::InvalidSetting)).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder()
    ///     .with_attributes_allowed("p", &["translate"])
    ///     .with_attributes_allowed("*", &["data-line"])
    ///     .build()?;
    /// let out = cleaner.clean(r#"<p translate="no" data-line="3" data-x="1">Text</p>"#);
    /// assert_eq!(out.html(), r#"<p translate="no" data-line="3">Text</p>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_attributes_allowed(mut self, tag: &str, attributes: &[&str]) -> Self {
        add_attributes(&mut self.config.attributes_allowed, tag, attributes);
        self
    }

    /// Drops these attributes from `tag` (`"*"`: from every element), even when the
    /// default policy keeps them.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_attributes_removed("img", &["width", "height"]).build()?;
    /// assert_eq!(cleaner.clean(r#"<img src="a.png" width="10" height="10" alt="A">"#).html(), r#"<img src="a.png" alt="A" loading="lazy" decoding="async">"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_attributes_removed(mut self, tag: &str, attributes: &[&str]) -> Self {
        add_attributes(&mut self.config.attributes_removed, tag, attributes);
        self
    }

    /// Also accepts URLs with these schemes (default: `http`, `https`, `mailto`, `tel`, and
    /// relative URLs). `javascript`, `vbscript` and `data` are [`Error::InvalidSetting`](crate::Error::InvalidSetting)
    /// (see [`with_data_images`](CleanerBuilder::with_data_images) for `data:`).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_url_schemes_allowed(&["magnet", "xmpp"]).build()?;
    /// let out = cleaner.clean(r#"<a href="magnet:?xt=urn:x">get</a>"#);
    /// assert_eq!(out.html(), r#"<a href="magnet:?xt=urn:x" rel="noopener noreferrer">get</a>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_url_schemes_allowed(mut self, schemes: &[&str]) -> Self {
        let schemes = schemes.iter().map(|s| s.to_string());
        self.config.url_schemes_allowed.extend(schemes);
        self
    }

    /// Refuses URLs with these schemes, even default ones (`with_url_schemes_removed(&["http"])`
    /// keeps only `https` links and images).
    pub fn with_url_schemes_removed(mut self, schemes: &[&str]) -> Self {
        let schemes = schemes.iter().map(|s| s.to_string());
        self.config.url_schemes_removed.extend(schemes);
        self
    }

    /// Whether `data:` URLs of raster images (`image/png`, `jpeg`, `gif`, `webp`, `avif`,
    /// `bmp`, `x-icon`) are kept in `img` and `source`. Default: on. Other `data:` URLs are
    /// never kept.
    pub fn with_data_images(mut self, on: bool) -> Self {
        self.config.data_images = on;
        self
    }

    /// The `rel` of links (`<a href>`); `""` for none. Default: `"noopener noreferrer"`.
    /// The input's own `rel` is always replaced.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_link_rel("noopener").with_nofollow(true).build()?;
    /// let out = cleaner.clean(r#"<a href="https://example.com/" rel="me">x</a>"#);
    /// assert_eq!(out.html(), r#"<a href="https://example.com/" rel="noopener nofollow">x</a>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_link_rel(mut self, rel: &str) -> Self {
        self.config.link_rel = Some(rel.to_string());
        self
    }

    /// Adds `nofollow` to the `rel` of links. Default: off.
    pub fn with_nofollow(mut self, on: bool) -> Self {
        self.config.nofollow = on;
        self
    }

    /// Gives links `target="_blank"` (and `rel` always holds `noopener` then). Default: off,
    /// and the input's `target` is dropped.
    pub fn with_links_in_new_tab(mut self, on: bool) -> Self {
        self.config.links_in_new_tab = on;
        self
    }

    /// Keeps the `class` attribute of kept elements. Default: off (classes dropped).
    pub fn with_classes_kept(mut self, on: bool) -> Self {
        self.config.classes_kept = on;
        self.config.classes_allowed = None;
        self
    }

    /// Keeps only these classes (the other words of `class` are dropped). Replaces
    /// [`with_classes_kept`](CleanerBuilder::with_classes_kept).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_classes_allowed(&["note", "warning"]).build()?;
    /// let out = cleaner.clean(r#"<p class="note lazy js-track">Careful</p>"#);
    /// assert_eq!(out.html(), r#"<p class="note">Careful</p>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_classes_allowed(mut self, classes: &[&str]) -> Self {
        self.config.classes_kept = false;
        self.config.classes_allowed = Some(classes.iter().map(|c| c.to_string()).collect());
        self
    }

    /// Keeps `id`s, prefixed with `prefix` (ids that already start with it are left alone),
    /// so they cannot clobber the embedding page's DOM; fragment links (`href="#x"`) and the
    /// `headers` of table cells get the same prefix. The prefix is a letter followed by
    /// letters, digits, `-` or `_`. Default: ids dropped.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_ids_kept("user-content-").build()?;
    /// let out = cleaner.clean(r##"<p><a href="#fn1">1</a></p><p id="fn1">Note</p>"##);
    /// assert_eq!(
    ///     out.html(),
    ///     r##"<p><a href="#user-content-fn1" rel="noopener noreferrer">1</a></p><p id="user-content-fn1">Note</p>"##
    /// );
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_ids_kept(mut self, prefix: &str) -> Self {
        self.config.ids_kept = Some(prefix.to_string());
        self
    }

    /// Keeps video embeds: an `<iframe>` whose `src` is an `https` (or `http`, upgraded)
    /// player URL of YouTube (`/embed/`), youtube-nocookie (`/embed/`), Vimeo
    /// (`player.vimeo.com/video/`), Bilibili (`player.bilibili.com/player.html`),
    /// Dailymotion (`/embed/`, `geo.dailymotion.com/player`), TED (`embed.ted.com/talks/`)
    /// or Loom (`/embed/`) is rebuilt as `<iframe src width height title allowfullscreen
    /// sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy"
    /// referrerpolicy="strict-origin-when-cross-origin">` (only the attributes present and
    /// valid are kept; its content is dropped). Every other `<iframe>` is removed, as by
    /// default.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_embeds(true).build()?;
    /// let out = cleaner.clean(r#"<iframe src="//www.youtube.com/embed/abc" width="560" onload="x()"></iframe>"#);
    /// assert_eq!(
    ///     out.html(),
    ///     concat!(
    ///         r#"<iframe src="https://www.youtube.com/embed/abc" width="560" "#,
    ///         r#"sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy" "#,
    ///         r#"referrerpolicy="strict-origin-when-cross-origin"></iframe>"#
    ///     )
    /// );
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_embeds(mut self, on: bool) -> Self {
        self.config.embeds = on;
        self
    }

    /// The link that an embed (a YouTube, Vimeo… `<iframe>`, or its stand-in) leaves when it
    /// is not kept also shows the provider's thumbnail (`i.ytimg.com/vi/ID/hqdefault.jpg`),
    /// where its URL follows from the embed's. Off by default: the page never showed that
    /// image (articlean invents nothing unless asked).
    pub fn with_embed_thumbnails(mut self, on: bool) -> Self {
        self.config.embed_thumbnails = on;
        self
    }

    /// With [`with_embeds`](CleanerBuilder::with_embeds): also keeps embeds from these
    /// hosts (exact host names, any path).
    pub fn with_embed_hosts(mut self, hosts: &[&str]) -> Self {
        let hosts = hosts.iter().map(|h| h.to_string());
        self.config.embed_hosts.extend(hosts);
        self
    }
}

/// Adds `attributes` to the list of `tag` (none: no entry, so no setting).
fn add_attributes(map: &mut BTreeMap<String, Vec<String>>, tag: &str, attributes: &[&str]) {
    if !attributes.is_empty() {
        let list = map.entry(tag.to_string()).or_default();
        list.extend(attributes.iter().map(|a| a.to_string()));
    }
}
