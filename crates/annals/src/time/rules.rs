//! The rule table: `rules.toml`, embedded in the binary, macro-expanded and compiled once into one
//! multi-pattern automaton shared by every thread.

use regex_automata::meta::Regex;
use regex_automata::util::syntax;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const RULES_TOML: &str = include_str!("rules.toml");

/// How a rule's parts combine into a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Date,
    Time,
    Offset,
    Duration,
    Set,
    Ref,
}

#[derive(Debug, Deserialize)]
pub struct Rule {
    pub name: String,
    pub kind: Kind,
    pub pattern: String,
    #[serde(default)]
    pub examples: Vec<String>,
    /// Only valid with a modifier before it ("the end of" + "the month").
    #[serde(default)]
    pub needs_mod: bool,
    /// A convention of narrative (history) annotation that news annotation does not share
    /// ("former", "at the same time").
    #[serde(default)]
    pub narrative_only: bool,
}

#[derive(Deserialize)]
struct RuleFile {
    macros: BTreeMap<String, String>,
    rule: Vec<Rule>,
}

/// The compiled rule set.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// The macros, for the few patterns compiled outside the table (style suffixes).
    pub macros: BTreeMap<String, String>,
    /// Rule names leaked once so timexes can carry `&'static str` without allocating.
    pub names: Vec<&'static str>,
    pub regex: Regex,
}

impl RuleSet {
    /// The index of the rule called `name`, for code that hands a match to another rule.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }
}

/// Expand `{NAME}` macros (upper-case names only, so regex counts like `{2}` are left alone).
pub fn expand(pattern: &str, macros: &BTreeMap<String, String>, depth: usize) -> String {
    assert!(depth < 16, "macro expansion too deep in {pattern}");
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        match close {
            Some(c)
                if c > 0
                    && after[..c]
                        .chars()
                        .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
                    && after[..c].starts_with(|ch: char| ch.is_ascii_uppercase()) =>
            {
                let name = &after[..c];
                let body = macros
                    .get(name)
                    .unwrap_or_else(|| panic!("unknown macro {{{name}}} in rules.toml"));
                out.push_str(&expand(body, macros, depth + 1));
                rest = &after[c + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn compile() -> RuleSet {
    // The rule file is part of the binary; a mistake in it is a programming error caught by tests.
    let file: RuleFile = toml::from_str(RULES_TOML).expect("rules.toml is valid TOML");
    let patterns: Vec<String> = file
        .rule
        .iter()
        .map(|r| {
            format!(
                r"(?-u:\b)(?:{})(?-u:\b)",
                expand(&r.pattern, &file.macros, 0)
            )
        })
        .collect();
    let regex = Regex::builder()
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .ignore_whitespace(false),
        )
        .configure(Regex::config().hybrid_cache_capacity(8 * (1 << 20)))
        .build_many(&patterns)
        .unwrap_or_else(|e| panic!("rules.toml does not compile: {e:?}"));
    let names = file
        .rule
        .iter()
        .map(|r| &*Box::leak(r.name.clone().into_boxed_str()))
        .collect();
    RuleSet {
        rules: file.rule,
        macros: file.macros,
        names,
        regex,
    }
}

static RULES: LazyLock<RuleSet> = LazyLock::new(compile);

pub fn rules() -> &'static RuleSet {
    &RULES
}
