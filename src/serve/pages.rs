//! The HTML pages: search (hits, facets, timeline, paging), an article with its mentions
//! marked, an entity's profile, and quote search. Each page asks [`crate::answer`] what the
//! matching command asks, and reads the same parameters as the API ([`super::api`]).
//!
//! Everything is a link or a form, so the pages work without JavaScript (and the server's
//! policy lets none run). Every piece of text from the index or the request goes through
//! [`Esc`].

use std::fmt::Write;

use crate::answer;
use crate::extract::{DateMention, Entity, EntityKind, Extracted, Quote, QuoteKind, TextField};
use crate::index::NewsIndex;
use crate::output::json::day;
use crate::query::{Bucket, Facets, Hit, QuoteHit};

use super::api::{self, BadRequest};
use super::html::{bucket_until, href, marked, outside_link, page, timeline_chart, Esc};
use super::{Request, Response};

/// Hits per page.
const PAGE: usize = 10;

/// Names shown per facet.
const FACET_NAMES: usize = 10;

fn html(status: u16, body: String) -> Response {
    Response::new(status, "text/html; charset=utf-8", body)
}

/// The 404 page.
pub(super) fn not_found(message: &str) -> Response {
    html(
        404,
        page(
            "Not found",
            &format!(r#"<p class="error" id="error">{}</p>"#, Esc(message)),
        ),
    )
}

/// A page saying what was wrong with the request, as the CLI would.
fn bad_request(title: &str, form: &str, message: &str) -> Response {
    html(
        400,
        page(
            title,
            &format!(r#"{form}<p class="error" id="error">{}</p>"#, Esc(message)),
        ),
    )
}

/// The query `query` narrowed by `clause` (`person:"Wilbur Ross"`).
fn narrowed(query: &str, clause: &str) -> String {
    match query.trim() {
        "" | "*" => clause.to_string(),
        query => format!("({query}) AND {clause}"),
    }
}

/// The clause that finds articles naming `name` in `field`.
fn name_clause(field: &str, name: &str) -> String {
    format!("{field}:\"{}\"", name.replace('"', " "))
}

/// The link to an entity's page.
fn entity_href(name: &str, kind: EntityKind) -> String {
    href("/entity", &[("name", name), ("type", kind.as_str())])
}

/// The link to an article's page.
fn article_href(id: &str) -> String {
    href("/article", &[("id", id)])
}

/// What a search page was asked, to carry into its links.
struct Asked<'a> {
    query: &'a str,
    sort: &'a str,
    since: &'a str,
    until: &'a str,
    collapse: &'a str,
}

impl Asked<'_> {
    fn of(request: &Request) -> Asked<'_> {
        Asked {
            query: request.nonempty("q").unwrap_or(""),
            sort: request.nonempty("sort").unwrap_or(""),
            since: request.nonempty("since").unwrap_or(""),
            until: request.nonempty("until").unwrap_or(""),
            collapse: request.nonempty("collapse").unwrap_or(""),
        }
    }

    /// This search with another query, window or offset.
    fn link(&self, query: &str, since: &str, until: &str, offset: usize) -> String {
        let offset = if offset == 0 {
            String::new()
        } else {
            offset.to_string()
        };
        href(
            "/",
            &[
                ("q", query),
                ("sort", self.sort),
                ("since", since),
                ("until", until),
                ("collapse", self.collapse),
                ("offset", &offset),
            ],
        )
    }

    fn form(&self) -> String {
        let option = |value: &str, label: &str| {
            let selected = if self.sort == value || (value == "relevance" && self.sort.is_empty()) {
                " selected"
            } else {
                ""
            };
            format!(r#"<option value="{value}"{selected}>{label}</option>"#)
        };
        format!(
            r#"<form class="search" action="/" method="get">
<input id="q" type="search" name="q" value="{q}" aria-label="query" placeholder="person:&quot;Wilbur Ross&quot; AND date:2019-11" autofocus>
<select id="sort" name="sort" aria-label="order">{}{}{}</select>
<label>from <input id="since" name="since" value="{since}" placeholder="YYYY-MM-DD" size="10"></label>
<label>to <input id="until" name="until" value="{until}" placeholder="YYYY-MM-DD" size="10"></label>
<label><input type="checkbox" name="collapse" value="1"{collapse}> one per story</label>
<button id="search" type="submit">Search</button>
</form>"#,
            option("relevance", "most relevant"),
            option("newest", "newest"),
            option("oldest", "oldest"),
            q = Esc(self.query),
            since = Esc(self.since),
            until = Esc(self.until),
            collapse = if self.collapse.is_empty() {
                ""
            } else {
                " checked"
            },
        )
    }
}

/// `/`: the search page.
pub(super) fn search(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let asked = Asked::of(request);
    let mut search = match api::search_request(index, request, Some("*"), PAGE) {
        Ok(search) => search,
        Err(BadRequest(message)) => return Ok(bad_request("Search", &asked.form(), &message)),
    };
    search.facets = true;
    let timeline_request = answer::timeline_request(
        search.query.clone(),
        search.since.clone(),
        search.until.clone(),
        search.collapse,
    );
    let (offset, limit) = (search.offset, search.limit);
    let found = answer::query(index, search)?;
    let timeline = answer::timeline(index, &timeline_request, None)?.timeline;
    let results = &found.results;

    let mut main = asked.form();
    let noun = if results.total_hits == 1 {
        "article matches"
    } else {
        "articles match"
    };
    let noun = if found.request.collapse {
        noun.replace("article", "story")
    } else {
        noun.to_string()
    };
    let _ = write!(
        main,
        r#"<p class="count"><span id="total">{}</span> {noun}"#,
        results.total_hits
    );
    if found.request.collapse {
        let _ = write!(main, " ({} articles)", results.total_articles);
    }
    main.push_str("</p>\n<div class=\"results\">\n<aside class=\"facets\" id=\"facets\">");
    if let Some(facets) = &results.facets {
        main.push_str(&facet_panel(&asked, facets));
    }
    main.push_str("</aside>\n<section class=\"matches\">\n");
    let granularity = timeline.granularity;
    main.push_str(&timeline_chart(&timeline, &|bucket: &Bucket| {
        let since = bucket.start.to_string();
        asked.link(asked.query, &since, &bucket_until(granularity, bucket), 0)
    }));
    let _ = write!(main, "\n<ol class=\"hits\" start=\"{}\">\n", offset + 1);
    for hit in &results.hits {
        main.push_str(&hit_item(hit));
    }
    main.push_str("</ol>\n");
    main.push_str(&paging(offset, limit, results.total_hits, &|offset| {
        asked.link(asked.query, asked.since, asked.until, offset)
    }));
    main.push_str("</section>\n</div>\n");
    let title = if asked.query.is_empty() {
        "Search"
    } else {
        asked.query
    };
    Ok(html(200, page(title, &main)))
}

/// Previous and next links.
fn paging(offset: usize, limit: usize, total: usize, link: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from(r#"<nav class="paging">"#);
    if offset > 0 {
        let _ = write!(
            out,
            r#"<a id="prev" rel="prev" href="{}">← previous</a> "#,
            Esc(&link(offset.saturating_sub(limit.max(1))))
        );
    }
    if limit > 0 && offset + limit < total && offset + limit <= api::MAX_OFFSET {
        let _ = write!(
            out,
            r#"<a id="next" rel="next" href="{}">next →</a>"#,
            Esc(&link(offset + limit))
        );
    }
    out.push_str("</nav>\n");
    out
}

/// The facet panel: each name and month a link that narrows the search to it.
fn facet_panel(asked: &Asked<'_>, facets: &Facets) -> String {
    let mut out = String::new();
    let mut group = |title: &str,
                     field: &str,
                     counts: &[(String, u64)],
                     link: &dyn Fn(&str) -> String| {
        if counts.is_empty() {
            return;
        }
        let _ = write!(
            out,
            r#"<h3>{title}</h3><ul class="facet" data-field="{field}">"#
        );
        for (value, count) in counts.iter().take(FACET_NAMES) {
            let _ = write!(
                out,
                r#"<li><a href="{}" data-value="{}">{}</a> <span class="n">{count}</span></li>"#,
                Esc(&link(value)),
                Esc(value),
                Esc(value)
            );
        }
        out.push_str("</ul>");
    };
    for (kind, counts) in &facets.entities {
        let field = kind.as_str();
        let title = match kind {
            EntityKind::Person => "People",
            EntityKind::Org => "Organisations",
            EntityKind::Place => "Places",
            EntityKind::Misc => "Other names",
        };
        group(title, field, counts, &|name| {
            asked.link(
                &narrowed(asked.query, &name_clause(field, name)),
                asked.since,
                asked.until,
                0,
            )
        });
    }
    group("Speakers", "speaker", &facets.speakers, &|name| {
        asked.link(
            &narrowed(asked.query, &name_clause("speaker", name)),
            asked.since,
            asked.until,
            0,
        )
    });
    group(
        "Published",
        "published_month",
        &facets.published_month,
        &|month| asked.link(asked.query, month, month, 0),
    );
    out
}

/// One hit in the list.
fn hit_item(hit: &Hit) -> String {
    let mut out = format!(
        r#"<li class="hit" data-id="{}"><h2><a class="title" href="{}">{}</a></h2><p class="meta">"#,
        Esc(&hit.id),
        Esc(&article_href(&hit.id)),
        Esc(if hit.title.is_empty() {
            &hit.id
        } else {
            &hit.title
        })
    );
    if let Some(published) = day(hit.published) {
        let _ = write!(out, r#"<span class="published">{published}</span> · "#);
    }
    if let Some(source) = &hit.source {
        let _ = write!(out, r#"<span class="source">{}</span> · "#, Esc(source));
    }
    let _ = write!(out, r#"<span class="id">{}</span>"#, Esc(&hit.id));
    if hit.similar > 0 {
        let _ = write!(
            out,
            r#" · <a class="similar" href="{}#similar">+{} similar</a>"#,
            Esc(&article_href(&hit.id)),
            hit.similar
        );
    }
    let _ = write!(
        out,
        r#"</p><p class="snippet" data-field="{}">{}</p>"#,
        hit.snippet.field.as_str(),
        marked(&hit.snippet.text, &hit.snippet.highlights)
    );
    out.push_str(&entity_links(&hit.extracted));
    out.push_str("</li>\n");
    out
}

/// The distinct names of an article, each a link to its entity page.
fn entity_links(extracted: &Extracted) -> String {
    let mut out = String::from(r#"<p class="entities">"#);
    for kind in EntityKind::ALL {
        for name in extracted.names(kind) {
            let _ = write!(
                out,
                r#"<a class="ent {kind}" href="{}">{}</a> "#,
                Esc(&entity_href(name, kind)),
                Esc(name),
                kind = kind.as_str()
            );
        }
    }
    out.push_str("</p>");
    out
}

/// `/article?id=ID`: the full text with every entity, date and quote marked.
pub(super) fn article(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let Some(id) = request.param("id").filter(|id| !id.is_empty()) else {
        return Ok(not_found("Which article? The address needs ?id=."));
    };
    let Some(found) = answer::article(index, id)? else {
        return Ok(not_found(&answer::no_article(index, id)));
    };
    let article = &found.article;
    let extracted = &article.extracted;
    let mut main = format!(
        r#"<article class="article" data-id="{}"><h1 id="title">{}</h1><p class="meta">"#,
        Esc(&article.id),
        annotate(&article.title, TextField::Title, extracted)
    );
    if let Some(published) = day(article.published) {
        let _ = write!(main, r#"<span class="published">{published}</span> · "#);
    }
    if let Some(source) = &article.source {
        let _ = write!(main, r#"<span class="source">{}</span> · "#, Esc(source));
    }
    if !article.authors.is_empty() {
        let _ = write!(
            main,
            r#"<span class="authors">{}</span> · "#,
            Esc(&article.authors.join(", "))
        );
    }
    let _ = write!(main, r#"<span class="id">{}</span>"#, Esc(&article.id));
    if let Some(url) = &article.url {
        let _ = write!(main, " · {}", outside_link(url));
    }
    main.push_str("</p>\n<div class=\"body\" id=\"body\">");
    for paragraph in split_paragraphs(&article.body) {
        let _ = write!(
            main,
            "<p>{}</p>",
            annotate_range(&article.body, paragraph, TextField::Body, extracted)
        );
    }
    main.push_str("</div>\n<p class=\"legend\"><span class=\"ent person\">person</span> <span class=\"ent org\">organisation</span> <span class=\"ent place\">place</span> <span class=\"ent misc\">other</span> <span class=\"date\">date</span> <span class=\"quote\">quote</span> <span class=\"quote reported\">reported speech</span></p>\n");
    main.push_str("<h2>Names</h2>");
    main.push_str(&entity_links(extracted));
    if !extracted.quotes.is_empty() {
        main.push_str("<h2>Quotes</h2><ul class=\"quotes\" id=\"quotes\">");
        for quote in &extracted.quotes {
            let _ = match quote.kind {
                QuoteKind::Direct => write!(
                    main,
                    "<li><q>{}</q> — {}</li>",
                    Esc(&quote.text),
                    speaker_link(quote.speaker.as_deref())
                ),
                QuoteKind::Indirect => write!(
                    main,
                    "<li class=\"reported\">reported: {} — {}</li>",
                    Esc(&quote.text),
                    speaker_link(quote.speaker.as_deref())
                ),
            };
        }
        main.push_str("</ul>");
    }
    if !found.cluster.others.is_empty() {
        let _ = write!(
            main,
            r#"<h2 id="similar">{} similar articles</h2><ul class="similar-list">"#,
            found.cluster.others.len()
        );
        for other in &found.cluster.others {
            let _ = write!(
                main,
                r#"<li><a href="{}">{}</a></li>"#,
                Esc(&article_href(other)),
                Esc(other)
            );
        }
        main.push_str("</ul>");
    }
    main.push_str("</article>\n");
    let title = if article.title.is_empty() {
        &article.id
    } else {
        &article.title
    };
    Ok(html(200, page(title, &main)))
}

/// A speaker's name as a link to their page, or "speaker unknown". A speaker may be a
/// person or an organisation, so the page is left to find the type.
fn speaker_link(speaker: Option<&str>) -> String {
    match speaker {
        Some(name) => format!(
            r#"<a class="speaker-name" href="{}">{}</a>"#,
            Esc(&href("/entity", &[("name", name)])),
            Esc(name)
        ),
        None => r#"<span class="unknown">speaker unknown</span>"#.into(),
    }
}

/// The byte ranges of a body's paragraphs (split at blank lines, else at line breaks).
fn split_paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in body.match_indices('\n') {
        if body[start..at].trim().is_empty() {
            start = at + 1;
            continue;
        }
        out.push((start, at));
        start = at + 1;
    }
    if !body[start..].trim().is_empty() {
        out.push((start, body.len()));
    }
    out
}

/// A mention to mark in the text.
enum Mark<'a> {
    Quote(&'a Quote),
    Speaker,
    Entity(&'a Entity),
    Date(&'a DateMention),
}

impl Mark<'_> {
    /// Of marks starting together, the outer first.
    fn rank(&self) -> u8 {
        match self {
            Mark::Quote(_) => 0,
            Mark::Speaker => 1,
            Mark::Entity(_) => 2,
            Mark::Date(_) => 3,
        }
    }

    fn open(&self) -> String {
        match self {
            Mark::Quote(quote) => {
                let speaker = quote.speaker.as_deref().unwrap_or("");
                let (class, reported) = match quote.kind {
                    QuoteKind::Direct => ("quote", ""),
                    QuoteKind::Indirect => ("quote reported", "reported, "),
                };
                let said = if speaker.is_empty() {
                    format!("{reported}speaker unknown")
                } else {
                    format!("{reported}said by {speaker}")
                };
                format!(
                    r#"<span class="{class}" data-speaker="{}" title="{}">"#,
                    Esc(speaker),
                    Esc(&said)
                )
            }
            Mark::Speaker => r#"<span class="speaker">"#.into(),
            Mark::Entity(entity) => format!(
                r#"<a class="ent {kind}" href="{}" title="{kind}: {}" data-name="{}">"#,
                Esc(&entity_href(&entity.name, entity.kind)),
                Esc(&entity.name),
                Esc(&entity.name),
                kind = entity.kind.as_str()
            ),
            Mark::Date(date) => format!(
                r#"<span class="date" title="{}" data-value="{}">"#,
                Esc(&date.value),
                Esc(&date.value)
            ),
        }
    }

    fn close(&self) -> &'static str {
        match self {
            Mark::Entity(_) => "</a>",
            _ => "</span>",
        }
    }
}

/// A whole field's text, marked.
fn annotate(text: &str, field: TextField, extracted: &Extracted) -> String {
    annotate_range(text, (0, text.len()), field, extracted)
}

/// The text of `field` between `range`, with the mentions inside it marked: quotes outermost,
/// then speakers, names and dates. A mention that crosses another's edge, or a name inside
/// a name, is left unmarked rather than break the nesting.
fn annotate_range(
    text: &str,
    range: (usize, usize),
    field: TextField,
    extracted: &Extracted,
) -> String {
    let (from, to) = range;
    let mut marks: Vec<(usize, usize, Mark<'_>)> = Vec::new();
    for quote in extracted.quotes.iter().filter(|q| q.field == field) {
        marks.push((quote.start, quote.end, Mark::Quote(quote)));
        if let Some(mention) = &quote.speaker_mention {
            marks.push((mention.start, mention.end, Mark::Speaker));
        }
    }
    for entity in extracted.entities.iter().filter(|e| e.field == field) {
        marks.push((entity.start, entity.end, Mark::Entity(entity)));
    }
    for date in extracted.dates.iter().filter(|d| d.field == field) {
        marks.push((date.start, date.end, Mark::Date(date)));
    }
    marks.retain(|(start, end, _)| {
        from <= *start && start < end && *end <= to && text.get(*start..*end).is_some()
    });
    marks.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.rank().cmp(&b.2.rank()))
    });

    let mut out = String::new();
    let mut at = from;
    let mut open: Vec<(usize, &Mark<'_>)> = Vec::new();
    for (start, end, mark) in &marks {
        while let Some(&(top_end, top)) = open.last() {
            if top_end > *start {
                break;
            }
            let _ = write!(out, "{}{}", Esc(&text[at..top_end]), top.close());
            at = top_end;
            open.pop();
        }
        let crosses = open.last().is_some_and(|&(top_end, _)| *end > top_end);
        let name_in_name = matches!(mark, Mark::Entity(_))
            && open.iter().any(|(_, m)| matches!(m, Mark::Entity(_)));
        if crosses || name_in_name || *start < at {
            continue;
        }
        let _ = write!(out, "{}{}", Esc(&text[at..*start]), mark.open());
        at = *start;
        open.push((*end, mark));
    }
    while let Some((top_end, top)) = open.pop() {
        let _ = write!(out, "{}{}", Esc(&text[at..top_end]), top.close());
        at = top_end;
    }
    let _ = write!(out, "{}", Esc(&text[at..to]));
    out
}

/// `/entity?name=NAME&type=TYPE`: one entity's profile.
pub(super) fn entity(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let Some(name) = request.nonempty("name") else {
        return Ok(not_found("Which entity? The address needs ?name=."));
    };
    let kind = match api::kind(request) {
        Ok(kind) => kind,
        Err(BadRequest(message)) => return Ok(bad_request("Entity", "", &message)),
    };
    let Some(found) = answer::entity(index, name, kind)? else {
        return Ok(not_found(&answer::no_entity(name)));
    };
    let profile = &found.profile;
    let kind = profile.kind.as_str();
    let search_link = href("/", &[("q", &profile.query)]);
    let mut main = format!(
        r#"<section class="profile" data-name="{name}" data-type="{kind}"><h1><span class="ent {kind}">{name}</span> <small>{kind}</small></h1>
<dl class="numbers">
<dt>articles</dt><dd><a id="articles" href="{search}">{articles}</a></dd>
<dt>first published</dt><dd id="first-published">{first}</dd>
<dt>last published</dt><dd id="last-published">{last}</dd>
<dt>quotes said</dt><dd id="quotes-said">{said}</dd>
<dt>quotes naming it</dt><dd id="quotes-mentioning">{mentioning}</dd>
</dl>
"#,
        name = Esc(&profile.name),
        search = Esc(&search_link),
        articles = profile.articles,
        first = day(profile.first_published).unwrap_or_else(|| "-".into()),
        last = day(profile.last_published).unwrap_or_else(|| "-".into()),
        said = profile.said.total_hits,
        mentioning = profile.mentioned_in.total_hits,
    );
    if !profile.forms.is_empty() {
        main.push_str(r#"<h2>Written as</h2><ul class="forms" id="forms">"#);
        for (form, mentions) in &profile.forms {
            let _ = write!(
                main,
                r#"<li><span class="form">{}</span> <span class="n">{mentions}</span></li>"#,
                Esc(form)
            );
        }
        main.push_str("</ul>");
    }
    main.push_str("<h2>Articles over time</h2>");
    let granularity = profile.timeline.granularity;
    main.push_str(&timeline_chart(&profile.timeline, &|bucket: &Bucket| {
        href(
            "/",
            &[
                ("q", &profile.query),
                ("since", &bucket.start.to_string()),
                ("until", &bucket_until(granularity, bucket)),
            ],
        )
    }));
    main.push_str(r#"<h2>Named beside it</h2><div class="related" id="related">"#);
    for (related_kind, names) in &profile.related.entities {
        if names.is_empty() {
            continue;
        }
        let _ = write!(
            main,
            r#"<ul class="facet" data-field="{}">"#,
            related_kind.as_str()
        );
        for (other, count) in names.iter().take(FACET_NAMES) {
            let _ = write!(
                main,
                r#"<li><a class="ent {k}" href="{}">{}</a> <span class="n">{count}</span></li>"#,
                Esc(&entity_href(other, *related_kind)),
                Esc(other),
                k = related_kind.as_str()
            );
        }
        main.push_str("</ul>");
    }
    main.push_str("</div>");
    main.push_str("<h2>What it said</h2>");
    main.push_str(&quote_list(&profile.said.hits, "said"));
    main.push_str("<h2>Quotes naming it</h2>");
    main.push_str(&quote_list(&profile.mentioned_in.hits, "mentioning"));
    main.push_str("</section>\n");
    Ok(html(200, page(&profile.name, &main)))
}

/// A list of quote hits, with speaker and article.
fn quote_list(hits: &[QuoteHit], id: &str) -> String {
    if hits.is_empty() {
        return format!(r#"<p class="none" id="{id}">None.</p>"#);
    }
    let mut out = format!(r#"<ol class="quote-hits" id="{id}">"#);
    for hit in hits {
        let _ = write!(
            out,
            r#"<li class="quote-hit{}"><blockquote>{}</blockquote><p class="meta">— {}"#,
            match hit.kind {
                QuoteKind::Direct => "",
                QuoteKind::Indirect => " reported",
            },
            marked(&hit.text, &hit.highlights),
            speaker_link(hit.speaker.as_deref())
        );
        if let (Some(mention), Some(_)) = (&hit.speaker_mention, &hit.speaker) {
            let _ = write!(out, r#" <span class="mention">(“{}”)</span>"#, Esc(mention));
        }
        let title = if hit.article_title.is_empty() {
            &hit.article_id
        } else {
            &hit.article_title
        };
        let _ = write!(
            out,
            r#", in <a class="title" href="{}">{}</a>"#,
            Esc(&article_href(&hit.article_id)),
            Esc(title)
        );
        if let Some(published) = day(hit.article_published) {
            let _ = write!(out, r#", <span class="published">{published}</span>"#);
        }
        out.push_str("</p></li>");
    }
    out.push_str("</ol>");
    out
}

/// `/quotes?q=&speaker=`: quote search, as `newsdex quotes`.
pub(super) fn quotes(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let query = request.nonempty("q").unwrap_or("");
    let speaker = request.nonempty("speaker").unwrap_or("");
    let form = format!(
        r#"<form class="search" action="/quotes" method="get">
<input id="q" type="search" name="q" value="{}" aria-label="words in the quote" placeholder="words in the quote">
<label>said by <input id="speaker" name="speaker" value="{}" placeholder="name"></label>
<button id="search" type="submit">Search quotes</button>
</form>"#,
        Esc(query),
        Esc(speaker)
    );
    let search = match api::quote_request(index, request, PAGE) {
        Ok(search) => search,
        Err(BadRequest(message)) => return Ok(bad_request("Quotes", &form, &message)),
    };
    let (offset, limit) = (search.search.offset, search.search.limit);
    let found = answer::quotes(index, search)?;
    let mut main = form;
    let noun = if found.results.total_hits == 1 {
        "quote"
    } else {
        "quotes"
    };
    let _ = write!(
        main,
        r#"<p class="count"><span id="total">{}</span> {noun}</p>"#,
        found.results.total_hits
    );
    main.push_str(&quote_list(&found.results.hits, "quote-list"));
    main.push_str(&paging(
        offset,
        limit,
        found.results.total_hits,
        &|offset| {
            let offset = offset.to_string();
            href(
                "/quotes",
                &[("q", query), ("speaker", speaker), ("offset", &offset)],
            )
        },
    ));
    Ok(html(200, page("Quotes", &main)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::SpeakerMention;

    fn entity(text: &str, name: &str, kind: EntityKind, start: usize) -> Entity {
        Entity {
            text: text.into(),
            name: name.into(),
            kind,
            field: TextField::Body,
            start,
            end: start + text.len(),
        }
    }

    #[test]
    fn names_and_dates_nest_inside_quotes_and_crossing_marks_are_dropped() {
        let text = r#""Ross met <Huawei> on Monday," he said."#;
        let extracted = Extracted {
            entities: vec![
                entity("Ross", "Wilbur Ross", EntityKind::Person, 1),
                entity("Huawei", "Huawei", EntityKind::Org, 11),
                // Crosses the quote's end: left unmarked.
                entity("Monday,\" he", "Odd", EntityKind::Misc, 22),
            ],
            dates: vec![DateMention {
                text: "Monday".into(),
                value: "2019-11-18".into(),
                field: TextField::Body,
                start: 22,
                end: 28,
            }],
            quotes: vec![Quote {
                text: "Ross met <Huawei> on Monday,".into(),
                kind: QuoteKind::Direct,
                field: TextField::Body,
                start: 1,
                end: 29,
                speaker: Some("Wilbur \"W\" Ross".into()),
                speaker_mention: Some(SpeakerMention {
                    text: "he".into(),
                    start: 31,
                    end: 33,
                }),
            }],
        };
        let html = annotate(text, TextField::Body, &extracted);
        assert_eq!(
            html,
            concat!(
                "&quot;",
                r#"<span class="quote" data-speaker="Wilbur &quot;W&quot; Ross" title="said by Wilbur &quot;W&quot; Ross">"#,
                r#"<a class="ent person" href="/entity?name=Wilbur%20Ross&amp;type=person" title="person: Wilbur Ross" data-name="Wilbur Ross">Ross</a>"#,
                " met &lt;",
                r#"<a class="ent org" href="/entity?name=Huawei&amp;type=org" title="org: Huawei" data-name="Huawei">Huawei</a>"#,
                "&gt; on ",
                r#"<span class="date" title="2019-11-18" data-value="2019-11-18">Monday</span>"#,
                ",</span>&quot; ",
                r#"<span class="speaker">he</span>"#,
                " said."
            )
        );
        // Title marks are not drawn in the body.
        assert_eq!(annotate("Ross", TextField::Title, &extracted), "Ross");
    }

    #[test]
    fn marks_off_character_boundaries_or_outside_the_text_are_ignored() {
        let text = "Zoë Ball";
        let extracted = Extracted {
            entities: vec![
                entity("x", "A", EntityKind::Person, 3),
                entity("far", "B", EntityKind::Person, 100),
            ],
            dates: Vec::new(),
            quotes: Vec::new(),
        };
        assert_eq!(annotate(text, TextField::Body, &extracted), "Zoë Ball");
    }

    #[test]
    fn paragraphs_split_at_line_breaks_and_skip_blank_lines() {
        let body = "One.\n\nTwo\nthree.\n  \nFour.";
        let parts: Vec<&str> = split_paragraphs(body)
            .into_iter()
            .map(|(s, e)| &body[s..e])
            .collect();
        assert_eq!(parts, ["One.", "Two", "three.", "Four."]);
    }
}
