//! The PATHs given on the command line: files, directory trees and standard input, read in a
//! stable order (directory entries sorted by name).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::formats::{decompress, detect, read_stream, sniff, Sink};
use super::{Event, Format, Origin, Problem, Severity};

/// The checked inputs of one run.
#[derive(Debug, Clone)]
pub struct Inputs {
    paths: Vec<String>,
    format: Option<Format>,
}

impl Inputs {
    /// Checks that every PATH exists (or is `-`, at most once), so that a typo fails at once
    /// instead of after hours of indexing.
    pub fn new(paths: Vec<String>, format: Option<Format>) -> anyhow::Result<Inputs> {
        if paths.iter().filter(|p| *p == "-").count() > 1 {
            bail!("standard input (-) can be given only once");
        }
        for path in paths.iter().filter(|p| *p != "-") {
            std::fs::metadata(path).with_context(|| format!("{path}: cannot read input"))?;
        }
        Ok(Inputs { paths, format })
    }
}

/// Reads every input in order, sending articles and problems to `sink`.
///
/// Files inside directories whose extension names no known format are passed over; a file
/// named on the command line is read whatever its name, its format sniffed from its content.
pub fn read_inputs(
    inputs: &Inputs,
    sink: &mut dyn FnMut(Event) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for path in &inputs.paths {
        if path == "-" {
            let stdin = std::io::stdin().lock();
            let format = inputs.format.unwrap_or(Format::Jsonl);
            read_stream(Box::new(stdin), format, "<stdin>", "<stdin>", sink)?;
            continue;
        }
        let root = Path::new(path);
        if root.is_dir() {
            read_tree(root, inputs.format, sink)?;
        } else {
            let id = path.strip_prefix("./").unwrap_or(path);
            read_file(root, path, id, inputs.format, true, sink)?;
        }
    }
    Ok(())
}

/// Every file named `*.EXTENSION` under `dir`, in path order, by the same walk as the inputs
/// (links followed, hidden entries skipped): what the evaluations and training read. Unlike
/// the inputs, an unreadable entry is an error, since a score over part of a corpus misleads.
pub fn files_with_extension(dir: &Path, extension: &str) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in tree(dir) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == extension) {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// The entries under `root` in path order, following links (walkdir reports loops) and
/// skipping hidden entries below the root.
fn tree(root: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()))
}

/// Walks a directory ([`tree`]), reporting what cannot be read and reading each article file.
fn read_tree(root: &Path, format: Option<Format>, sink: &mut Sink<'_>) -> anyhow::Result<()> {
    for entry in tree(root) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                sink(Event::Problem(Problem {
                    origin: Origin {
                        path: path.display().to_string(),
                        line: 0,
                    },
                    severity: Severity::Skipped,
                    message: walk_error_message(&err),
                }))?;
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if format.is_none() && detect(path).0.is_none() {
            continue;
        }
        if is_documentation(path) {
            sink(Event::Problem(Problem {
                origin: Origin {
                    path: path.display().to_string(),
                    line: 0,
                },
                severity: Severity::Warning,
                message: "passed over: the dataset's own documentation, not an article \
                          (name the file to index it)"
                    .into(),
            }))?;
            continue;
        }
        let id = relative_id(root, path);
        if path.to_str().is_none() {
            sink(Event::Problem(Problem {
                origin: Origin {
                    path: path.display().to_string(),
                    line: 0,
                },
                severity: Severity::Warning,
                message: format!("file name is not valid UTF-8; its id is {id}"),
            }))?;
        }
        read_file(path, &path.display().to_string(), &id, format, false, sink)?;
    }
    Ok(())
}

fn walk_error_message(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        format!("symbolic link loop back to {}", ancestor.display())
    } else if let Some(io) = err.io_error() {
        io.to_string()
    } else {
        err.to_string()
    }
}

/// README, LICENSE and the like ship beside a dump's articles but are not news.
fn is_documentation(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CHANGELOG",
        "NOTICE",
        "SOURCES",
        "CITATION",
    ];
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or("");
    NAMES.contains(&stem)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A text article's id: its path below the directory given, with `/` separators.
///
/// Bytes of a name that are not UTF-8 are written `%XX`, not replaced by U+FFFD, so that two
/// files whose names differ only there keep distinct ids and neither overwrites the other.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|c| escape_name(c.as_os_str().as_encoded_bytes()))
        .collect::<Vec<_>>()
        .join("/")
}

fn escape_name(bytes: &[u8]) -> String {
    let mut name = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        name.push_str(chunk.valid());
        for byte in chunk.invalid() {
            name.push_str(&format!("%{byte:02X}"));
        }
    }
    name
}

/// Opens one file, decompresses it and reads it in its format. A file that cannot be opened
/// is reported and skipped.
fn read_file(
    path: &Path,
    display: &str,
    id: &str,
    format: Option<Format>,
    named: bool,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let (detected, compression) = detect(path);
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => return sink(file_skipped(display, format!("cannot open: {err}"))),
    };
    let mut reader = match decompress(file, compression) {
        Ok(reader) => reader,
        Err(err) => return sink(file_skipped(display, format!("cannot decompress: {err}"))),
    };
    // Look at the first bytes, then read them again ahead of the rest.
    let mut head = Vec::with_capacity(512);
    if let Err(err) = (&mut reader).take(512).read_to_end(&mut head) {
        return sink(file_skipped(display, format!("read error: {err}")));
    }
    let little_endian = utf16_bom(&head);
    let sniffed = sniff(&head);
    let mut reader: Box<dyn Read + '_> = Box::new(std::io::Cursor::new(head).chain(reader));
    if let Some(little_endian) = little_endian {
        reader = match transcode_utf16(reader, little_endian) {
            Ok(utf8) => utf8,
            Err(err) => return sink(file_skipped(display, format!("read error: {err}"))),
        };
    }
    let format = match format.or(detected) {
        Some(format) => format,
        None if named => sniffed,
        None => return Ok(()),
    };
    read_stream(reader, format, display, id, sink)
}

/// A whole file skipped, and why.
fn file_skipped(path: &str, message: String) -> Event {
    Event::Problem(Problem {
        origin: Origin {
            path: path.to_string(),
            line: 0,
        },
        severity: Severity::Skipped,
        message,
    })
}

/// `Some(true)` for a UTF-16 little-endian byte-order mark, `Some(false)` for big-endian.
fn utf16_bom(head: &[u8]) -> Option<bool> {
    match head {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// Reads a UTF-16 stream whole and gives it back as UTF-8 (unpaired surrogates replaced).
fn transcode_utf16(
    mut reader: Box<dyn Read + '_>,
    little_endian: bool,
) -> std::io::Result<Box<dyn Read + '_>> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let units = bytes
        .get(2..)
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|pair| {
            if little_endian {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Ok(Box::new(std::io::Cursor::new(text.into_bytes())))
}
