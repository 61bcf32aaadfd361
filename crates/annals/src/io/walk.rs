//! Folders walked into the documents they hold, in a stable order, shared by the command-line
//! tool and the Python binding so both read the same files from the same folder.

use std::path::{Path, PathBuf};

/// The extensions a folder walk picks up (a file named on the command line is read whatever
/// its extension: as plain text when the extension is not one of these).
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "tml"];

/// One input to read, or the reason a named input yielded nothing (a folder that could not be
/// listed or holds no readable files).
pub type Input = Result<PathBuf, String>;

/// The inputs (files, folders, `-`) with every folder replaced by the files it holds, in sorted order.
pub fn expand(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg != Path::new("-") && arg.is_dir() {
            let before = out.len();
            walk(arg, &mut out);
            if out.len() == before {
                out.push(Err(format!(
                    "{}: no .txt, .md, .html, .htm or .tml files in this folder",
                    arg.display()
                )));
            }
        } else {
            out.push(Ok(arg.clone()));
        }
    }
    out
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|k| e.eq_ignore_ascii_case(k)))
}

/// Depth-first, entries of each folder in name order, with an explicit stack (no recursion on
/// deep trees).
fn walk(root: &Path, out: &mut Vec<Input>) {
    // (path, is a folder); popped last first, so each folder's entries are pushed in reverse.
    let mut stack = vec![(root.to_path_buf(), true)];
    while let Some((path, is_dir)) = stack.pop() {
        if !is_dir {
            out.push(Ok(path));
            continue;
        }
        let entries = match std::fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) => {
                out.push(Err(format!("reading folder {}: {e}", path.display())));
                continue;
            }
        };
        let mut items: Vec<(PathBuf, bool)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.push(Err(format!("reading folder {}: {e}", path.display())));
                    continue;
                }
            };
            let p = entry.path();
            // `file_type` does not follow links: a link to a folder is not walked (no cycles),
            // a link to a file is read, a dangling link is reported when it is read.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                items.push((p, true));
            } else if has_known_extension(&p) && !std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
                items.push((p, false));
            }
        }
        items.sort();
        stack.extend(items.into_iter().rev());
    }
}
