//! Throughput of articlean next to its ceilings and next to ammonia, in one run.
//!
//! ```text
//! cargo bench --bench clean                       # everything (a few minutes)
//! cargo bench --bench clean -- corpus/            # one group
//! cargo bench --bench clean -- --warm-up-time 1 --measurement-time 5
//! ```
//!
//! Groups (see benches/README.md for what the numbers mean and the latest results):
//!
//! - `articles`: the bundled `examples/articles/*.html`, all of them per iteration;
//! - `readability`: `../shared/corpus/readability` (Readability's test pages), all pages per
//!   iteration; skipped with a message when absent;
//! - `real`: `../shared/corpus/real` (138 modern pages: inline SVG, embeds, lazy images of
//!   many plugins), likewise;
//! - `scaling`: one article body repeated to 8 KB … 8 MB: throughput must stay flat.
//!
//! In the page groups: `html5ever_parse` (parse into rcdom only: the ceiling),
//! `html5ever_roundtrip` (parse + html5ever's serializer), `ammonia_default`,
//! `articlean_default`, and `articlean_only/<rule>` for every built-in rule alone.

mod support;

use articlean::Cleaner;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;

type Pages = [(String, String)];

/// One contender: its benchmark name and what it does to a page (returns the output size,
/// so nothing is optimised away).
type Contender = (String, Box<dyn Fn(&str) -> usize>);

/// The contenders: (name, cleaning function) for every benchmark of a page group.
fn contenders() -> Vec<Contender> {
    let ammonia = ammonia::Builder::default();
    let default = Cleaner::default();
    let mut list: Vec<Contender> = vec![
        (
            "html5ever_parse".into(),
            Box::new(|p: &str| support::parse(p).document.children.borrow().len()),
        ),
        (
            "html5ever_roundtrip".into(),
            Box::new(|p: &str| support::roundtrip(p).len()),
        ),
        (
            "ammonia_default".into(),
            Box::new(move |p: &str| ammonia.clean(p).to_string().len()),
        ),
        (
            "articlean_default".into(),
            Box::new(move |p: &str| default.clean(p).html().len()),
        ),
    ];
    for &rule in articlean::rules::BUILT_IN {
        let cleaner = Cleaner::builder()
            .with_only_rules(&[rule])
            .allow_unsafe_output()
            .build()
            .unwrap_or_else(|e| panic!("rule {rule}: {e}"));
        list.push((
            format!("articlean_only/{rule}"),
            Box::new(move |p: &str| cleaner.clean(p).html().len()),
        ));
    }
    list
}

/// Every contender over all `pages` per iteration: throughput is MB/s of the whole set.
fn page_group(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, pages: &Pages) {
    g.throughput(Throughput::Bytes(support::total_len(pages) as u64));
    for (name, f) in contenders() {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (_, page) in pages {
                    n += f(black_box(page));
                }
                black_box(n)
            })
        });
    }
}

fn articles(c: &mut Criterion) {
    let pages = support::articles();
    let mut g = c.benchmark_group("articles");
    page_group(&mut g, &pages);
    g.finish();
}

/// A set of the shared corpus, when it is there.
fn shared(c: &mut Criterion, set: &str) {
    let Some(pages) = support::shared_set(set) else {
        return;
    };
    eprintln!(
        "{set}: {} pages, {:.1} MB",
        pages.len(),
        support::total_len(&pages) as f64 / 1e6
    );
    let mut g = c.benchmark_group(set);
    g.sample_size(10);
    page_group(&mut g, &pages);
    g.finish();
}

fn readability(c: &mut Criterion) {
    shared(c, "readability");
}

fn real(c: &mut Criterion) {
    shared(c, "real");
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    let cleaner = Cleaner::default();
    for (label, size) in [
        ("8KB", 8 << 10),
        ("64KB", 64 << 10),
        ("512KB", 512 << 10),
        ("4MB", 4 << 20),
        ("8MB", 8 << 20),
    ] {
        let page = support::repeated_article(size);
        g.throughput(Throughput::Bytes(page.len() as u64));
        // The ceiling at the same size: big trees outgrow the caches, for html5ever too.
        g.bench_function(format!("html5ever_parse/{label}"), |b| {
            b.iter(|| {
                black_box(
                    support::parse(black_box(&page))
                        .document
                        .children
                        .borrow()
                        .len(),
                )
            })
        });
        g.bench_function(format!("articlean_default/{label}"), |b| {
            b.iter(|| black_box(cleaner.clean(black_box(&page)).html().len()))
        });
    }
    g.finish();
}

criterion_group!(benches, articles, readability, real, scaling);
criterion_main!(benches);
