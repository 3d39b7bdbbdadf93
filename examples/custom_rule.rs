//! Writing a rule of your own: drop "related articles" boxes and turn `<font color>` into
//! `<mark>`, on top of the default policy.
//!
//! ```text
//! cargo run --example custom_rule
//! ```

use articlean::{rule_fn, Action, Cleaner, Context, Element, Rule};

/// Removes boxes whose class names them as related-article or share widgets.
struct NoWidgets;

impl Rule for NoWidgets {
    fn name(&self) -> &'static str {
        "no_widgets"
    }

    fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        // User rules run before `sanitize`, so classes are still there to look at.
        let widget = el
            .classes()
            .any(|c| c.starts_with("related") || c.starts_with("share"));
        if widget {
            Action::Remove
        } else {
            Action::Keep
        }
    }
}

fn main() -> Result<(), articlean::Error> {
    // Actions other than `Keep` are counted in the report by the walk itself; call
    // `cx.changed()` only for attribute edits.
    let highlight = rule_fn("font_to_mark", |el, _cx| {
        if el.is("font") && el.has_attr("color") {
            // A literal name is valid; a computed one may not be (`Err`).
            Action::rename("mark").unwrap_or(Action::Keep)
        } else {
            Action::Keep
        }
    });
    let cleaner = Cleaner::builder()
        .with_rule(NoWidgets)
        .with_rule(highlight)
        .build()?;

    let html = r#"<article>
<p>The council voted <font color="red">7 to 2</font> in favour.</p>
<div class="related-articles"><a href="/a">Read more</a></div>
<div class="share-bar" onclick="share()">Share</div>
</article>"#;
    let out = cleaner.clean(html);
    println!("{}", out.html());
    eprintln!("{}", out.report());
    Ok(())
}
