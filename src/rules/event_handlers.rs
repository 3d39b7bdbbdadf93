//! `event_handlers`: removes every event-handler attribute.

use crate::rules::BuiltIn;
use crate::{Action, Context, Element, Interest, Rule};

/// The registry entry: no settings.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "event_handlers",
    on_by_default: true,
    settings: &[],
    final_stage: false,
    filters_at_parse_time: false,
    add: |_, parts| {
        parts.push(EventHandlers);
        Ok(())
    },
};

/// Removes every attribute whose name starts with `on` (ASCII case-insensitive), on every
/// element: `onclick`, `onerror`, `onload`, `ONMOUSEOVER`, `onbegin` on SVG animations…
/// Counts one change per attribute removed.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventHandlers;

impl Rule for EventHandlers {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        // `on` itself too (AMP writes `on="tap:…"`).
        // Nothing to remove from an element without attributes.
        Interest::elements("*")
            .reads("*", "on on*")
            .ending("")
            .needing_attributes()
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        // Looked for first: most elements have none, and are left untouched.
        if el.attrs().any(|(name, _)| is_event_handler(name)) {
            let removed = el.retain_attrs(|name, _| !is_event_handler(name));
            cx.changed_by(removed);
        }
        Action::Keep
    }
}

/// Whether `name` is an event-handler attribute name.
pub(crate) fn is_event_handler(name: &str) -> bool {
    name.len() >= 2 && name.as_bytes()[..2].eq_ignore_ascii_case(b"on")
}
