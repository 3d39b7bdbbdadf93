use articlean::{BodyKind, Cleaner, Post};
fn main() {
    let text = std::env::args().nth(1).unwrap().replace("\\n", "\n");
    println!("kind {:?}", Post::split(&text).body_kind());
    let c = Cleaner::default();
    println!("html: {:?}", c.clean(&text).html());
    println!(
        "as md: {:?}",
        c.clean_post_as(&text, BodyKind::Markdown).html()
    );
    let out = c.clean_post(&text);
    println!("post: {:?} {}", out.html(), out.report());
}
