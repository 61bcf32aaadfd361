//! What a sentence without a date of its own gets from the story line: the story's date, or a
//! bound of it for a look back in the pluperfect, or its actor's date when the actor is dated in
//! brackets beside the name ("Trajan (98 A.D.)") and the story stands far outside that time, or
//! the date of a named happening it is told as part of ("slain in the battle of Falkirk").

use annals::event::anchor::How;
use annals::pipeline::{Pipeline, TagOptions};
use annals::time::Mod;
use annals::timeline::{Entry, Timeline};
use annals::Document;

fn timeline_of(text: &str) -> Timeline {
    let doc = Document::from_text(text);
    let analysis = Pipeline::new().analyse(&doc, &TagOptions::full()).unwrap();
    Timeline::from_document(&doc, &analysis)
}

/// The entry whose sentence contains `words`.
fn entry<'a>(t: &'a Timeline, words: &str) -> &'a Entry {
    t.entries
        .iter()
        .find(|e| e.sentence.contains(words))
        .unwrap_or_else(|| panic!("no entry for {words:?} in {:#?}", t.entries))
}

const EMPERORS: &str = "Nerva (96 A.D.) was the first of the adoptive emperors, and Trajan \
(98 A.D.) the second. They were followed by Hadrian (117 A.D.) and Marcus Aurelius (161 to 180 \
A.D.). A great plague ran through the empire in 180 A.D. and weakened the legions. Trajan also \
invaded Parthia and annexed Armenia.";

#[test]
fn an_actor_dated_beside_the_name_overrules_a_story_far_from_his_time() {
    let t = timeline_of(EMPERORS);
    let e = entry(&t, "invaded Parthia");
    assert_eq!(e.value(), "0098", "{e:#?}");
    assert_eq!(e.how, Some(How::Person));
    let why = e.explain.as_deref().unwrap_or_default();
    assert!(why.contains("98 A.D."), "{why}");
}

#[test]
fn a_sentence_about_the_actor_and_its_pronouns_carry_the_actors_date() {
    // "the indefatigable Hadrian (117 A.D.)": the dates in brackets make the name a person's
    // even where the model misses it; "Hadrian, his successor, was …" is about him whatever
    // commas stand before the verb, and "He abandoned …" goes on about him.
    let text = "Nerva (96 A.D.) was the first of this line, and Trajan (98 A.D.) the second. \
                They were followed by the indefatigable Hadrian (117 A.D.) and Marcus Aurelius \
                (161 to 180 A.D.). A great plague ran through the empire in 180 A.D. and weakened \
                the legions. Hadrian, his successor, was of a cautious disposition. He abandoned \
                the conquests of Trajan, and he also abandoned North Britain. He built a wall across Britain.\n\n\
                The plague killed many soldiers. He built a wall.";
    let t = timeline_of(text);
    for words in ["abandoned the conquests", "built a wall across"] {
        let e = entry(&t, words);
        assert_eq!(e.value(), "0117", "{words}: {e:#?}");
        assert_eq!(e.how, Some(How::Person), "{words}");
    }
    // A new paragraph leaves "He" unresolved: the story stands.
    let e = t
        .entries
        .iter()
        .find(|e| e.sentence == "He built a wall.")
        .expect("an entry for the last sentence");
    assert_ne!(e.how, Some(How::Person), "{e:#?}");
}

#[test]
fn a_story_within_the_actors_time_stands() {
    let text = "Trajan (98 A.D.) was the second of the adoptive emperors. In 105 A.D. the \
                Dacians rose again. Trajan crossed the Danube and took their capital.";
    let t = timeline_of(text);
    let e = entry(&t, "crossed the Danube");
    assert_eq!(e.value(), "0105", "{e:#?}");
    assert_eq!(e.how, Some(How::Inherited));
}

#[test]
fn names_not_clusters_carry_the_date_and_a_likeness_carries_none() {
    // "Louis XIV" is not "Louis XVI"; "a second Camillus (100 B.C.)" dates Marius, not Camillus.
    let text = "Louis XIV (1643 to 1715) and Louis XVI (1774 to 1793) ruled France. In 1789 \
                the Estates met at Versailles. Louis XIV built the palace there.";
    let t = timeline_of(text);
    let e = entry(&t, "built the palace");
    assert_eq!(e.value(), "1643", "{e:#?}");
    assert_eq!(e.how, Some(How::Person));

    let text = "Marius beat the Cimbri and was hailed as a second Camillus (100 B.C.). In 44 \
                B.C. Caesar was murdered. Camillus built his temple of Concord.";
    let t = timeline_of(text);
    let e = entry(&t, "temple of Concord");
    assert_ne!(e.how, Some(How::Person), "{e:#?}");
}

#[test]
fn a_look_back_in_the_pluperfect_is_bounded_by_the_story_not_dated_by_it() {
    let text = "On the 14th of September 1309 the knights were brought before the commission. \
                Many of them had escaped the slaughter at Acre. They denied every charge.";
    let t = timeline_of(text);
    let e = entry(&t, "slaughter at Acre");
    assert_eq!(
        (e.value().as_str(), e.modifier),
        ("1309-09-14", Some(Mod::Before)),
        "{e:#?}"
    );
    // The story goes on where it stood (a day two sentences back is inherited as its month).
    let e = entry(&t, "denied every charge");
    assert_eq!(
        (e.value().as_str(), e.modifier),
        ("1309-09", None),
        "{e:#?}"
    );
}

#[test]
fn a_named_happening_dated_once_dates_its_later_mentions() {
    let text = "In the battle of Falkirk, fought on the 22nd of July, A.D. 1298, perished the \
                Master of the Temple. The Templars then went to Cyprus in 1300.\n\n\
                In 1308 the king wrote to the pope. He succeeded the Master Brian le Jay, who \
                was slain, as before mentioned, in the battle of Falkirk, and was taken \
                prisoner. The pope had the Templars arrested in the battle of words.";
    let t = timeline_of(text);
    let battle = t
        .entries
        .iter()
        .find(|e| e.sentence.starts_with("He succeeded") && e.how == Some(How::Named))
        .unwrap_or_else(|| panic!("no named entry in {:#?}", t.entries));
    assert_eq!(battle.value(), "1298-07-22", "{battle:#?}");
    assert!(battle.events.iter().any(|e| e.text == "battle"));
    // What the sentence tells besides the battle stays with the story.
    let succeeded = t
        .entries
        .iter()
        .find(|e| e.events.iter().any(|e| e.text == "succeeded"))
        .unwrap_or_else(|| panic!("no entry for 'succeeded' in {:#?}", t.entries));
    assert_eq!(succeeded.value(), "1308", "{succeeded:#?}");
}
