//! The input formats: how one file's bytes become records, each with the line it starts on.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::record::from_record;
use super::{Article, Event, Origin, Problem, Severity};
use crate::extract::ANALYSED_BODY_BYTES;

/// An input format, detected from a file's name or forced with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file: the first non-empty line is the title, the rest the body.
    Txt,
    /// One JSON object per line.
    Jsonl,
    /// One JSON object or an array of them.
    Json,
    /// CSV with a header row.
    Csv,
}

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression and, where the extension says, the format of a file.
pub(crate) fn detect(path: &Path) -> (Option<Format>, Compression) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (inner, compression) = if let Some(inner) = name.strip_suffix(".gz") {
        (inner, Compression::Gzip)
    } else if let Some(inner) = name.strip_suffix(".zst") {
        (inner, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    let format = match inner.rsplit_once('.').map(|(_, ext)| ext) {
        Some("txt" | "md") => Some(Format::Txt),
        Some("jsonl" | "ndjson") => Some(Format::Jsonl),
        Some("json") => Some(Format::Json),
        Some("csv") => Some(Format::Csv),
        _ => None,
    };
    (format, compression)
}

/// Guesses the format of a file given by name on the command line from its first bytes.
pub(crate) fn sniff(head: &[u8]) -> Format {
    // NUL bytes are UTF-16's high halves: look at the text, not the encoding.
    let mut text = head.iter().filter(|&&b| b != 0 && b != 0xFF && b != 0xFE);
    match text.find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => Format::Json,
        Some(b'{') => Format::Jsonl,
        _ => Format::Txt,
    }
}

/// Wraps a reader in the decompressor its file needs.
pub(crate) fn decompress<'a>(
    reader: impl Read + 'a,
    compression: Compression,
) -> std::io::Result<Box<dyn Read + 'a>> {
    Ok(match compression {
        Compression::None => Box::new(reader),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(reader)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(reader)?),
    })
}

/// Where records go: each article or problem, in input order. An `Err` stops reading.
pub type Sink<'s> = dyn FnMut(Event) -> anyhow::Result<()> + 's;

/// Reads one stream of the given format, sending its records to `sink`. `path` names the file
/// in messages; `txt_id` is the id a text file's article gets.
pub fn read_stream(
    reader: Box<dyn Read + '_>,
    format: Format,
    path: &str,
    txt_id: &str,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    match format {
        Format::Txt => read_txt(reader, path, txt_id, sink),
        Format::Jsonl => read_jsonl(BufReader::with_capacity(1 << 16, reader), path, sink),
        Format::Json => read_json(reader, path, sink),
        Format::Csv => read_csv(reader, path, sink),
    }
}

fn problem(path: &str, line: u64, severity: Severity, message: impl Into<String>) -> Event {
    Event::Problem(Problem {
        origin: Origin {
            path: path.to_string(),
            line,
        },
        severity,
        message: message.into(),
    })
}

/// Decodes bytes as UTF-8, lossily, reporting a warning when it had to replace anything.
fn decode(bytes: Vec<u8>, path: &str, line: u64, sink: &mut Sink<'_>) -> anyhow::Result<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            sink(problem(
                path,
                line,
                Severity::Warning,
                "invalid UTF-8, decoded lossily",
            ))?;
            Ok(String::from_utf8_lossy(err.as_bytes()).into_owned())
        }
    }
}

/// Reports a read error in the middle of a stream (a truncated archive, say) as a skip.
fn read_failed(
    err: std::io::Error,
    path: &str,
    line: u64,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    sink(problem(
        path,
        line,
        Severity::Skipped,
        format!("read error, rest of file skipped: {err}"),
    ))
}

/// Sends a parsed record, or the reason it was skipped, with its warnings.
fn emit(
    record: &Map<String, Value>,
    path: &str,
    line: u64,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    match from_record(record) {
        Ok(parsed) => {
            for warning in parsed.warnings {
                sink(problem(path, line, Severity::Warning, warning))?;
            }
            send_article(parsed.article, path, line, sink)
        }
        Err(reason) => sink(problem(path, line, Severity::Skipped, reason)),
    }
}

/// Sends an article, warning first when its body is longer than the extractors read, so that
/// a user who finds no entities past its first megabyte knows why.
fn send_article(
    article: Article,
    path: &str,
    line: u64,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    if article.body.len() > ANALYSED_BODY_BYTES {
        let size = article.body.len() as f64 / 1e6;
        let limit = ANALYSED_BODY_BYTES >> 20;
        let message = format!(
            "article {} is {size:.1} MB; it is indexed whole, but its entities, dates and \
             quotes come from its first {limit} MB",
            article.id
        );
        sink(problem(path, line, Severity::Warning, message))?;
    }
    let origin = Origin {
        path: path.to_string(),
        line,
    };
    sink(Event::Article(Box::new(article), origin))
}

/// A whole text file is one article.
fn read_txt(
    mut reader: Box<dyn Read + '_>,
    path: &str,
    id: &str,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    if let Err(err) = reader.read_to_end(&mut bytes) {
        return read_failed(err, path, 0, sink);
    }
    sink(Event::Bytes(bytes.len() as u64))?;
    if bytes.contains(&0) {
        return sink(problem(
            path,
            0,
            Severity::Skipped,
            "binary file (NUL bytes)",
        ));
    }
    let text = decode(bytes, path, 0, sink)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Some((title, body)) = split_title(text) else {
        return sink(problem(path, 0, Severity::Skipped, "no body"));
    };
    let article = Article {
        id: id.to_string(),
        title: title.to_string(),
        body: body.to_string(),
        published: None,
        published_source: None,
        url: None,
        authors: Vec::new(),
        source: None,
    };
    send_article(article, path, 1, sink)
}

/// The first non-empty line (without a Markdown `#`) and the rest, trimmed of blank lines.
pub(crate) fn split_title(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
    let title = title.trim_end().trim_start_matches('#').trim_start();
    let body = rest.trim_matches(|c: char| c == '\n' || c == '\r' || c == ' ' || c == '\t');
    (!body.is_empty()).then_some((title, body))
}

/// One JSON object per line; blank lines are ignored.
fn read_jsonl(mut reader: impl BufRead, path: &str, sink: &mut Sink<'_>) -> anyhow::Result<()> {
    let mut line_no = 0u64;
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        line_no += 1;
        match reader.read_until(b'\n', &mut bytes) {
            Ok(0) => return Ok(()),
            Ok(n) => sink(Event::Bytes(n as u64))?,
            Err(err) => return read_failed(err, path, line_no, sink),
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = decode(std::mem::take(&mut bytes), path, line_no, sink)?;
        match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(record)) => emit(&record, path, line_no, sink)?,
            Ok(_) => sink(problem(
                path,
                line_no,
                Severity::Skipped,
                "not a JSON object",
            ))?,
            Err(err) => sink(problem(path, line_no, Severity::Skipped, json_error(&err)))?,
        }
    }
}

/// One JSON object, or an array of objects each reported at the line it starts on.
fn read_json(
    mut reader: Box<dyn Read + '_>,
    path: &str,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut bytes = Vec::new();
    if let Err(err) = reader.read_to_end(&mut bytes) {
        return read_failed(err, path, 0, sink);
    }
    sink(Event::Bytes(bytes.len() as u64))?;
    let text = decode(bytes, path, 0, sink)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('[') {
        let items: Vec<&RawValue> = match serde_json::from_str(text) {
            Ok(items) => items,
            Err(err) => return sink(invalid_json(path, &err)),
        };
        for item in items {
            let offset = item.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = 1 + text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            match serde_json::from_str::<Value>(item.get()) {
                Ok(Value::Object(record)) => emit(&record, path, line as u64, sink)?,
                _ => sink(problem(
                    path,
                    line as u64,
                    Severity::Skipped,
                    "not a JSON object",
                ))?,
            }
        }
        return Ok(());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(record)) => emit(&record, path, 1, sink),
        Ok(_) => sink(problem(
            path,
            1,
            Severity::Skipped,
            "not a JSON object or array",
        )),
        Err(err) => sink(invalid_json(path, &err)),
    }
}

fn invalid_json(path: &str, err: &serde_json::Error) -> Event {
    problem(path, err.line() as u64, Severity::Skipped, json_error(err))
}

/// serde_json's message without its own position (the report already names the line).
fn json_error(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(reason, _)| reason);
    format!("invalid JSON at column {}: {reason}", err.column())
}

/// CSV with a header row; each row a record keyed by the header's names.
fn read_csv(reader: Box<dyn Read + '_>, path: &str, sink: &mut Sink<'_>) -> anyhow::Result<()> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers: Vec<String> = match csv.byte_headers() {
        Ok(headers) => headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect(),
        Err(err) => {
            return sink(problem(
                path,
                1,
                Severity::Skipped,
                format!("bad CSV header: {err}"),
            ))
        }
    };
    let mut row = csv::ByteRecord::new();
    loop {
        let line = csv.position().line() + 1;
        match csv.read_byte_record(&mut row) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(line, |p| p.line());
                if let csv::ErrorKind::Io(_) = err.kind() {
                    return sink(problem(
                        path,
                        line,
                        Severity::Skipped,
                        format!("read error: {err}"),
                    ));
                }
                sink(problem(
                    path,
                    line,
                    Severity::Skipped,
                    format!("bad CSV row: {err}"),
                ))?;
                continue;
            }
        }
        let line = row.position().map_or(line, |p| p.line());
        sink(Event::Bytes(row.as_slice().len() as u64))?;
        let mut record = Map::new();
        for (name, value) in headers.iter().zip(row.iter()) {
            if name.is_empty() {
                continue;
            }
            let value = decode(value.to_vec(), path, line, sink)?;
            let lower = name.to_ascii_lowercase();
            if lower != *name {
                record.insert(lower, Value::String(value.clone()));
            }
            record.insert(name.clone(), Value::String(value));
        }
        emit(&record, path, line, sink)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: Format, input: &str) -> Vec<Event> {
        let mut events = Vec::new();
        let reader: Box<dyn Read> = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
        read_stream(reader, format, "in", "in.txt", &mut |event| {
            if !matches!(event, Event::Bytes(_)) {
                events.push(event);
            }
            Ok(())
        })
        .unwrap();
        events
    }

    fn summary(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|event| match event {
                Event::Article(article, origin) => format!("{}@{}", article.id, origin.line),
                Event::Problem(problem) => problem.to_string(),
                Event::Bytes(_) => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn extensions_name_format_and_compression() {
        let cases = [
            ("a/b.txt", Some(Format::Txt), Compression::None),
            ("b.MD", Some(Format::Txt), Compression::None),
            ("b.jsonl.gz", Some(Format::Jsonl), Compression::Gzip),
            ("b.ndjson.zst", Some(Format::Jsonl), Compression::Zstd),
            ("b.json", Some(Format::Json), Compression::None),
            ("b.csv.gz", Some(Format::Csv), Compression::Gzip),
            ("b.html", None, Compression::None),
        ];
        for (name, format, compression) in cases {
            assert_eq!(detect(Path::new(name)), (format, compression), "{name}");
        }
    }

    #[test]
    fn jsonl_reports_bad_lines_and_keeps_the_rest() {
        let input =
            "{\"id\":\"a\",\"body\":\"x\"}\n\nnot json\n[1]\n{\"id\":\"b\",\"body\":\"y\"}\n";
        let got = summary(&read(Format::Jsonl, input));
        assert_eq!(got[0], "a@1");
        assert!(
            got[1].starts_with("in:3: skipped: invalid JSON"),
            "{}",
            got[1]
        );
        assert_eq!(got[2], "in:4: skipped: not a JSON object");
        assert_eq!(got[3], "b@5");
    }

    #[test]
    fn json_arrays_report_each_element_at_its_line() {
        let input = "[\n {\"id\":\"a\",\"body\":\"x\"},\n {\"id\":\"b\"}\n]";
        let got = summary(&read(Format::Json, input));
        assert_eq!(
            got,
            [
                "a@2",
                "in:3: skipped: no body (expected one of: body, text, maintext, content, article)"
            ]
        );
    }

    #[test]
    fn csv_rows_use_header_names_and_quoted_newlines() {
        let input =
            ",id,Title,content,date\n0,c1,T,\"line one\nline two\",2019-11-21\n1,c2,T2,,2019\n";
        let events = read(Format::Csv, input);
        let got = summary(&events);
        assert_eq!(got[0], "c1@2");
        assert!(got[1].starts_with("in:4: skipped: no body"), "{}", got[1]);
        let Event::Article(article, _) = &events[0] else {
            unreachable!()
        };
        assert_eq!(article.title, "T");
        assert_eq!(article.body, "line one\nline two");
    }

    #[test]
    fn text_files_split_title_and_body() {
        let events = read(
            Format::Txt,
            "\n# Headline here\n\nFirst paragraph.\n\nSecond.\n",
        );
        let Event::Article(article, _) = &events[0] else {
            unreachable!()
        };
        assert_eq!(article.title, "Headline here");
        assert_eq!(article.body, "First paragraph.\n\nSecond.");
        assert_eq!(
            summary(&read(Format::Txt, "Only a title\n")),
            ["in: skipped: no body"]
        );
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning() {
        let mut events = Vec::new();
        let bytes = b"Title\n\nCaf\xe9 society".to_vec();
        read_stream(
            Box::new(std::io::Cursor::new(bytes)),
            Format::Txt,
            "in",
            "id",
            &mut |e| {
                events.push(e);
                Ok(())
            },
        )
        .unwrap();
        let got: Vec<_> = events
            .iter()
            .filter(|e| !matches!(e, Event::Bytes(_)))
            .collect();
        assert!(matches!(got[0], Event::Problem(p) if p.severity == Severity::Warning));
        assert!(matches!(got[1], Event::Article(a, _) if a.body == "Caf\u{fffd} society"));
    }
}
