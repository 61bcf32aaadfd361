//! A minimal CoNLL-U reader for training and evaluation data (UD English EWT, GUM).
//!
//! It keeps syntactic words only: multiword-token lines (`3-4`, whose parts follow as words of
//! their own) and empty nodes (`5.1`, which have no surface form) are skipped, as UD's own
//! evaluation does for tagging. Comment lines are kept per sentence because GUM stores document
//! metadata there.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One syntactic word: the columns a tagger trains on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub misc: String,
}

/// One sentence: its comment lines (without `# `) and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
}

impl Sentence {
    /// The word forms, as a tagger takes them.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Read a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    parse(&text, path)
}

/// Parse CoNLL-U text; `path` is only used in error messages, which give the line number.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let err = |line: usize, message: String| Error::Format {
        path: PathBuf::from(format!("{}:{}", path.display(), line + 1)),
        message,
    };
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_owned());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                n,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<u32>().is_err() {
            return Err(err(n, format!("bad word id {id:?}")));
        }
        cur.words.push(Word {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            misc: cols[9].to_owned(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_multiword_tokens_and_empty_nodes() {
        let text = "# sent_id = 1\n# text = I don't.\n\
            1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
            2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
            2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
            3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n\
            3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_\n\
            4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
            1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";
        let s = parse(text, Path::new("x.conllu")).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].forms(), ["I", "do", "n't", "."]);
        assert_eq!(s[0].comments, ["sent_id = 1", "text = I don't."]);
        assert_eq!(s[0].words[2].misc, "SpaceAfter=No");
        assert_eq!(s[1].words[0].upos, "INTJ");
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = parse("1\tI\n", Path::new("x.conllu")).unwrap_err();
        assert!(e.to_string().starts_with("x.conllu:1:"), "{e}");
        let e = parse("\n\nx\ta\tb\tc\td\te\tf\tg\th\ti\n", Path::new("y")).unwrap_err();
        assert!(e.to_string().contains("y:3"), "{e}");
    }
}
