//! Throughput of the entity stage, one thread: `cargo bench -p annals --bench entities`.
//!
//! Input: the reference document repeated to about 1 MB, already segmented and time-tagged (those
//! stages have their own bench); measured: NER (with POS features and gazetteer hooks), the
//! gazetteer scan and place resolution, title cues, sentence-initial names and alias clustering.

use annals::entity::mentions;
use annals::pipeline::{Pipeline, TagOptions};
use annals::{Document, Span};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn entities(c: &mut Criterion) {
    let one = include_str!("../../../examples/gilan-1920.txt");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(one);
        text.push('\n');
    }
    let doc = Document::from_text(text.clone());
    let analysis = Pipeline::new()
        .analyse(&doc, &TagOptions::default())
        .unwrap();
    let times: Vec<Span> = analysis.timexes.iter().map(|t| t.span).collect();
    // Load the models before timing.
    mentions::entities(one, &annals::text::segment(one), &[], None);

    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("entity stage (mentions + clusters)", |b| {
        b.iter(|| mentions::entities(&text, &analysis.segmented, &times, None))
    });
    group.finish();
}

criterion_group!(benches, entities);
criterion_main!(benches);
