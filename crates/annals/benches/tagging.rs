//! Throughput of temporal tagging, one thread: `cargo bench -p annals --bench tagging`.
//!
//! Input: the reference document repeated to about 1 MB (English prose with a dense mix of
//! explicit, relative and vague dates). Criterion reports bytes per second; peak memory and the
//! side-by-side run with HeidelTime are measured by benches/compare.sh.

use annals::pipeline::{Mode, Pipeline, TagOptions};
use annals::Document;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> String {
    let one = include_str!("../../../examples/gilan-1920.txt");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(one);
        text.push('\n');
    }
    text
}

fn tagging(c: &mut Criterion) {
    let text = corpus();
    let doc = Document::from_text(text.clone());
    let pipeline = Pipeline::new();
    let opts = TagOptions {
        mode: Some(Mode::Narrative),
        dct: None,
        julian_until: None,
        ..TagOptions::default()
    };
    // Compile the rule tables before timing.
    pipeline.analyse(&doc, &opts).unwrap();

    let mut group = c.benchmark_group("tagging");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("time::tag (recognise, normalise, anchor)", |b| {
        let segmented = annals::text::segment("");
        b.iter(|| annals::time::tag(&text, &segmented, Mode::Narrative, None))
    });
    group.bench_function("text::segment", |b| b.iter(|| annals::text::segment(&text)));
    group.bench_function("pipeline (segment + tag)", |b| {
        b.iter(|| pipeline.analyse(&doc, &opts).unwrap())
    });
    group.finish();
}

criterion_group!(benches, tagging);
criterion_main!(benches);
