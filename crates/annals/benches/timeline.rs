//! Whole-pipeline throughput, one thread: `cargo bench -p annals --bench timeline`.
//!
//! Input: the reference document repeated to about 1 MB. Measured: everything `annals timeline`
//! does to a document after reading it — segmentation, time tagging, POS tagging, events and
//! their anchoring, entities and alias clusters, and the timeline entries (grouping, summaries,
//! participants, merging). Events alone (POS + event tagger + anchoring) are measured too. Model
//! loading happens before timing; `benches/scaling.sh` measures the whole command with start-up,
//! on one and two cores.

use annals::pipeline::{Pipeline, TagOptions};
use annals::timeline::Timeline;
use annals::Document;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn timeline(c: &mut Criterion) {
    let one = include_str!("../../../examples/gilan-1920.txt");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(one);
        text.push('\n');
    }
    let doc = Document::from_text(text.clone());
    let pipeline = Pipeline::new();
    let full = TagOptions::full();
    let events_only = TagOptions {
        events: true,
        ..TagOptions::default()
    };
    // Load every model before timing.
    Timeline::from_text(one).unwrap();

    let mut group = c.benchmark_group("timeline");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("whole pipeline (time, events, entities, entries)", |b| {
        b.iter(|| {
            let analysis = pipeline.analyse(&doc, &full).unwrap();
            Timeline::from_document(&doc, &analysis)
        })
    });
    group.bench_function("time + events (POS, event tagger, anchoring)", |b| {
        b.iter(|| pipeline.analyse(&doc, &events_only).unwrap())
    });
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
