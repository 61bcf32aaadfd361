//! Markdown reader: the text a reader of the rendered page sees, without markup.

use super::html::{visible_text, VisibleText};
use crate::document::{Document, SourceFormat};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Read Markdown: visible text only, with paragraphs, headings, list items and table rows on lines
/// of their own (paragraph-level blocks separated by a blank line).
pub fn read(source: &str) -> Document {
    let mut doc = Document::from_text(visible(source));
    doc.format = SourceFormat::Markdown;
    doc
}

fn visible(source: &str) -> String {
    // Extensions that change what is markup: without them a table's pipes, a footnote's `[^1]`,
    // a heading's `{#id}` or YAML front matter would be read as words.
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    let mut out = VisibleText::default();
    // Image alt text and front matter are not shown; both can nest events inside them.
    let mut hidden = 0usize;
    let mut code_block = false;
    let mut html_block = String::new();
    // Inside inline `<script>`/`<style>`: Markdown passes their content on as ordinary text.
    let mut inline_raw: Option<&'static str> = None;
    for event in Parser::new_ext(source, opts) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Image { .. } | Tag::MetadataBlock(_) => hidden += 1,
                Tag::CodeBlock(_) => {
                    code_block = true;
                    out.paragraph_break();
                }
                Tag::HtmlBlock => html_block.clear(),
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList => out.paragraph_break(),
                Tag::Item
                | Tag::TableHead
                | Tag::TableRow
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => out.line_break(),
                Tag::TableCell => out.space(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Image | TagEnd::MetadataBlock(_) => hidden = hidden.saturating_sub(1),
                TagEnd::CodeBlock => {
                    code_block = false;
                    out.paragraph_break();
                }
                TagEnd::HtmlBlock => {
                    out.paragraph_break();
                    out.push_pre(&visible_text(&html_block));
                    out.paragraph_break();
                    html_block.clear();
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList => out.paragraph_break(),
                TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => out.line_break(),
                _ => {}
            },
            Event::Text(s) | Event::Code(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                if hidden > 0 || inline_raw.is_some() {
                    continue;
                }
                if code_block {
                    out.push_pre(&s);
                } else {
                    out.push_collapsed(&s);
                }
            }
            Event::Html(s) => html_block.push_str(&s),
            Event::InlineHtml(s) => {
                let lower = s.to_ascii_lowercase();
                if let Some(end) = inline_raw {
                    if lower.starts_with(end) {
                        inline_raw = None;
                    }
                } else if lower.starts_with("<script") {
                    inline_raw = Some("</script");
                } else if lower.starts_with("<style") {
                    inline_raw = Some("</style");
                } else if lower.starts_with("<br") && hidden == 0 {
                    out.hard_break();
                }
            }
            Event::SoftBreak => out.space(),
            Event::HardBreak => out.hard_break(),
            Event::Rule => out.paragraph_break(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn markup_is_not_text() {
        let md = "---\ntitle: x\n---\n# Gilan *1920* {#top}\n\nOn **4 June** [Rasht](http://r.example) fell.\n\
                  Soft line.\n\n- one\n- two ![alt words](i.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                  <div><script>evil()</script>Block &amp; html</div>\n";
        assert_eq!(
            visible(md),
            "Gilan 1920\n\nOn 4 June Rasht fell. Soft line.\n\none\ntwo\n\na b\n1 2\n\nBlock & html"
        );
    }
}
