//! The JSON API: each endpoint reads its parameters into the request the matching command
//! builds from its flags, asks [`crate::answer`] as that command does, and sends the same
//! JSON `--json` prints. A request the CLI would refuse (a bad query, a bad date) is 400
//! with the CLI's message; an unknown article or entity is 404.
//!
//! The parameter readers here are shared with the pages, which take the same parameters.

use crate::answer;
use crate::extract::{EntityKind, QuoteKind};
use crate::index::NewsIndex;
use crate::output::write_json_line;
use crate::query::{self, Granularity, QuoteRequest, SearchRequest, Sort};

use super::{Request, Response};

/// The most hits one request may ask for.
pub(super) const MAX_LIMIT: usize = 100;

/// The deepest page one request may ask for: paging walks every hit before it.
pub(super) const MAX_OFFSET: usize = 10_000;

/// A parameter the asker got wrong, and what to say about it.
pub(super) struct BadRequest(pub String);

/// Reads a count parameter, bounded.
fn count(request: &Request, name: &str, default: usize, max: usize) -> Result<usize, BadRequest> {
    let Some(text) = request.nonempty(name) else {
        return Ok(default);
    };
    match text.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(BadRequest(format!("{name} is at most {max}"))),
        Err(_) => Err(BadRequest(format!(
            "{name} {text:?}: expected a whole number"
        ))),
    }
}

/// Reads a yes/no parameter: `1`, `true`, `yes` or `on` say yes.
fn flag(request: &Request, name: &str) -> bool {
    matches!(request.nonempty(name), Some("1" | "true" | "yes" | "on"))
}

/// Reads `sort`.
pub(super) fn sort(request: &Request) -> Result<Sort, BadRequest> {
    match request.nonempty("sort") {
        None | Some("relevance") => Ok(Sort::Relevance),
        Some("newest") => Ok(Sort::Newest),
        Some("oldest") => Ok(Sort::Oldest),
        Some(other) => Err(BadRequest(format!(
            "sort {other:?}: expected relevance, newest or oldest"
        ))),
    }
}

/// Reads `by`.
pub(super) fn by(request: &Request) -> Result<Option<Granularity>, BadRequest> {
    match request.nonempty("by") {
        None => Ok(None),
        Some("day") => Ok(Some(Granularity::Day)),
        Some("week") => Ok(Some(Granularity::Week)),
        Some("month") => Ok(Some(Granularity::Month)),
        Some("year") => Ok(Some(Granularity::Year)),
        Some(other) => Err(BadRequest(format!(
            "by {other:?}: expected day, week, month or year"
        ))),
    }
}

/// Reads `type`.
pub(super) fn kind(request: &Request) -> Result<Option<EntityKind>, BadRequest> {
    match request.nonempty("type") {
        None => Ok(None),
        Some(name) => EntityKind::from_name(name).map(Some).ok_or_else(|| {
            BadRequest(format!(
                "type {name:?}: expected person, org, place or misc"
            ))
        }),
    }
}

/// The search `query --json` would run for these parameters, checked: `q` (else
/// `default_query`), `limit`, `offset`, `sort`, `since`, `until`, `facets`, `collapse`.
pub(super) fn search_request(
    index: &NewsIndex,
    request: &Request,
    default_query: Option<&str>,
    default_limit: usize,
) -> Result<SearchRequest, BadRequest> {
    let query = match (request.nonempty("q"), default_query) {
        (Some(q), _) => q.to_string(),
        (None, Some(default)) => default.to_string(),
        (None, None) => return Err(BadRequest("q: a query is needed".into())),
    };
    let search = SearchRequest {
        query,
        limit: count(request, "limit", default_limit, MAX_LIMIT)?,
        offset: count(request, "offset", 0, MAX_OFFSET)?,
        sort: sort(request)?,
        since: request.nonempty("since").map(String::from),
        until: request.nonempty("until").map(String::from),
        facets: flag(request, "facets"),
        collapse: flag(request, "collapse"),
    };
    query::check(index, &search).map_err(|err| BadRequest(format!("{err:#}")))?;
    Ok(search)
}

/// The quote search `quotes --json` would run: the search parameters, `speaker` and `kind`.
pub(super) fn quote_request(
    index: &NewsIndex,
    request: &Request,
    default_limit: usize,
) -> Result<QuoteRequest, BadRequest> {
    let mut search = search_request(index, request, Some("*"), default_limit)?;
    search.sort = Sort::Relevance;
    search.facets = false;
    search.collapse = false;
    let kind = match request.nonempty("kind") {
        None => None,
        Some("direct") => Some(QuoteKind::Direct),
        Some("indirect") => Some(QuoteKind::Indirect),
        Some(other) => {
            return Err(BadRequest(format!(
                "unknown quote kind {other:?}: direct or indirect"
            )))
        }
    };
    Ok(QuoteRequest {
        search,
        speaker: request.nonempty("speaker").map(String::from),
        kind,
    })
}

/// A JSON body, as the CLI prints it (one line).
fn json(status: u16, value: &impl serde::Serialize) -> anyhow::Result<Response> {
    let mut body = Vec::new();
    write_json_line(&mut body, value)?;
    Ok(Response::new(status, "application/json", body))
}

/// An error as JSON: `{"error":"…"}`.
pub(super) fn error(status: u16, message: &str) -> Response {
    let body = serde_json::json!({ "error": message });
    let mut bytes = body.to_string().into_bytes();
    bytes.push(b'\n');
    Response::new(status, "application/json", bytes)
}

/// Answers with the value `make` gives, or 400 when the parameters are wrong.
fn answer_or_400(made: Result<anyhow::Result<Response>, BadRequest>) -> anyhow::Result<Response> {
    match made {
        Ok(response) => response,
        Err(BadRequest(message)) => Ok(error(400, &message)),
    }
}

/// `GET /api/query`: `query --json`.
pub(super) fn query(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    answer_or_400(search_request(index, request, None, 10).map(|search| {
        let answer = answer::query(index, search)?;
        json(200, &answer.json())
    }))
}

/// `GET /api/quotes`: `quotes --json`.
pub(super) fn quotes(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    answer_or_400(quote_request(index, request, 10).map(|quotes| {
        let answer = answer::quotes(index, quotes)?;
        json(200, &answer.json())
    }))
}

/// `GET /api/timeline`: `timeline --json`.
pub(super) fn timeline(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let made = search_request(index, request, Some("*"), 1).and_then(|search| {
        let by = by(request)?;
        Ok((search, by))
    });
    answer_or_400(made.map(|(search, by)| {
        let search =
            answer::timeline_request(search.query, search.since, search.until, search.collapse);
        let answer = answer::timeline(index, &search, by)?;
        json(200, &answer.json())
    }))
}

/// `GET /api/article/ID`: `show --json`.
pub(super) fn article(index: &NewsIndex, id: &str) -> anyhow::Result<Response> {
    match answer::article(index, id)? {
        Some(answer) => json(200, &answer.json()),
        None => Ok(error(404, &answer::no_article(index, id))),
    }
}

/// `GET /api/entity`: `entity --json`.
pub(super) fn entity(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let Some(name) = request.nonempty("name") else {
        return Ok(error(400, "name: an entity name is needed"));
    };
    let kind = match kind(request) {
        Ok(kind) => kind,
        Err(BadRequest(message)) => return Ok(error(400, &message)),
    };
    match answer::entity(index, name, kind)? {
        Some(answer) => json(200, &answer.json()),
        None => Ok(error(404, &answer::no_entity(name))),
    }
}
