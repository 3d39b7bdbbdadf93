//! The tokenizer: how it returns, and when it reads its input.

use super::*;
use html5ever::tokenizer::states::RawKind;

/// `parse/mod.rs` (`build`): `feed` returns at every `</script>` (for a browser to run it)
/// with `TokenizerResult::Script`, and at a `<meta charset>` in the head with
/// `EncodingIndicator`; calling it again goes on with the rest of the input.
#[test]
fn feed_returns_at_each_script_end_tag_and_goes_on() {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(
        "<meta charset=utf-8><p>a<script>1</script><p>b<script>2</script><p>c",
    ));
    let tokenizer = Tokenizer::new(document_builder(), TokenizerOpts::default());
    let (mut scripts, mut encodings) = (0, 0);
    loop {
        match tokenizer.feed(&input) {
            TokenizerResult::Done => break,
            TokenizerResult::Script(_) => scripts += 1,
            TokenizerResult::EncodingIndicator(_) => encodings += 1,
        }
    }
    tokenizer.end();
    assert_eq!((scripts, encodings), (2, 1));
    let dom = tokenizer.sink.sink.dom;
    let ps = crate::dom::node::text_content(&dom.document);
    assert_eq!(ps, "a1b2c");
}

/// A `TokenSink` that notes, for each token, what is left at the front of the input.
struct Peek<'i> {
    input: &'i BufferQueue,
    seen: RefCell<Vec<(String, String)>>,
}

impl TokenSink for Peek<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let what = match &token {
            Token::CharacterTokens(t) => format!("text {t}"),
            Token::TagToken(t) => format!("tag {}", t.name),
            _ => return TokenSinkResult::Continue,
        };
        let front = self.input.pop_front().unwrap_or_default();
        if !front.is_empty() {
            self.input.push_front(front.clone());
        }
        let front = front.to_string();
        self.seen.borrow_mut().push((what, front));
        TokenSinkResult::Continue
    }
}

/// `raw_text.rs`, `gate.rs`: the tokenizer hands over text before it reads the `<` after it,
/// and a tag as soon as it reads its `>`: when a start tag is processed, the input left is
/// exactly what follows it (so the raw text after it can be taken off the input there).
#[test]
fn tokens_are_emitted_before_the_input_after_them_is_read() {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice("ab<p class=x>cd</p>"));
    let tokenizer = Tokenizer::new(
        Peek {
            input: &input,
            seen: RefCell::default(),
        },
        TokenizerOpts::default(),
    );
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let seen = tokenizer.sink.seen.take();
    let seen: Vec<(&str, &str)> = seen.iter().map(|(a, b)| (&**a, &**b)).collect();
    assert_eq!(
        seen,
        [
            ("text ab", "<p class=x>cd</p>"),
            ("tag p", "cd</p>"),
            ("text cd", "</p>"),
            ("tag p", ""),
        ]
    );
}

/// `raw_text.rs`: what the sink takes off the input while the tree builder answers a
/// start tag is never read by the tokenizer, which goes on from what is left, in the state
/// the answer asked for.
#[test]
fn input_taken_while_a_start_tag_is_processed_is_not_read() {
    struct Take<'i>(&'i BufferQueue, RefCell<String>);
    impl TokenSink for Take<'_> {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::TagToken(t)
                    if t.kind == TagKind::StartTag && t.name == local_name!("style") =>
                {
                    let front = self.0.pop_front().unwrap();
                    self.0.push_front(front.subtendril(3, front.len32() - 3));
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                Token::CharacterTokens(t) => {
                    self.1.borrow_mut().push_str(&t);
                    TokenSinkResult::Continue
                }
                Token::TagToken(t) => {
                    self.1.borrow_mut().push_str(&format!("[{}]", t.name));
                    TokenSinkResult::Continue
                }
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice("<style>a<b</style>c<i>"));
    let tokenizer = Tokenizer::new(Take(&input, RefCell::default()), TokenizerOpts::default());
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    // `a<b` was taken; `</style>` ended the raw text; `<i>` is a tag again.
    assert_eq!(&*tokenizer.sink.1.borrow(), "[style]c[i]");
}

/// Every HTML element name the tree builder knows, and a few it does not.
/// `parse/mod.rs`: the tokenizer of a fragment in `<body>` context starts in the data state,
/// whether or not scripting is allowed (`parse_fragment` passes `false`).
#[test]
fn a_body_context_starts_in_the_data_state() {
    let builder = fragment_builder();
    assert!(matches!(
        builder.tokenizer_state_for_context_elem(false),
        State::Data
    ));
    assert!(matches!(
        builder.tokenizer_state_for_context_elem(true),
        State::Data
    ));
}
