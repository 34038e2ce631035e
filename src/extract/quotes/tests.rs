//! Table tests of the quote extractor: finding quotes and attributing them, through
//! `find_quotes` and the rooms' own functions.

use super::*;
use crate::extract::EntityKind;

/// An entity for the `nth` occurrence (from 0) of `surface` in `text`, named `name`.
fn entity(text: &str, surface: &str, nth: usize, name: &str, kind: EntityKind) -> Entity {
    let start = text
        .match_indices(surface)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{surface:?} #{nth} is not in the text"));
    Entity {
        text: surface.to_string(),
        name: name.to_string(),
        kind,
        field: TextField::Body,
        start,
        end: start + surface.len(),
    }
}

/// Entities for every occurrence of each `(surface, name, kind)`, sorted by start.
fn entities(text: &str, list: &[(&str, &str, EntityKind)]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(surface, name, kind) in list {
        for (n, _) in text.match_indices(surface).enumerate() {
            out.push(entity(text, surface, n, name, kind));
        }
    }
    out.sort_by_key(|e| e.start);
    out
}

/// (quoted text, speaker, speaker mention) for every direct quote found.
fn run(
    text: &str,
    list: &[(&str, &str, EntityKind)],
) -> Vec<(String, Option<String>, Option<String>)> {
    run_kind(text, list, QuoteKind::Direct)
}

/// (content, speaker, speaker mention) for every reported speech found.
fn reported(
    text: &str,
    list: &[(&str, &str, EntityKind)],
) -> Vec<(String, Option<String>, Option<String>)> {
    run_kind(text, list, QuoteKind::Indirect)
}

/// (text, speaker, speaker mention) for every quote of one kind.
fn run_kind(
    text: &str,
    list: &[(&str, &str, EntityKind)],
    kind: QuoteKind,
) -> Vec<(String, Option<String>, Option<String>)> {
    let entities = entities(text, list);
    find_quotes(text, TextField::Body, &entities)
        .into_iter()
        .filter(|q| q.kind == kind)
        .map(|q| {
            assert_eq!(&text[q.start..q.end], q.text, "span and text disagree");
            (q.text, q.speaker, q.speaker_mention.map(|m| m.text))
        })
        .collect()
}

/// Shorthand for an expected quote.
fn q(
    text: &str,
    speaker: Option<&str>,
    mention: Option<&str>,
) -> (String, Option<String>, Option<String>) {
    (
        text.to_string(),
        speaker.map(str::to_string),
        mention.map(str::to_string),
    )
}

use EntityKind::{Org, Person, Place};

/// A quote as the tests compare it: text, speaker, speaker mention.
type Expected = (String, Option<String>, Option<String>);
/// A table row: text, its entities as (surface, name, kind), the quotes expected.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str, EntityKind)], Vec<Expected>);

#[test]
fn forms_of_attribution() {
    let ross = [
        ("Wilbur Ross", "Wilbur Ross", Person),
        ("Ross", "Wilbur Ross", Person),
    ];
    let cases: Vec<Case> = vec![
        (
            "\"We are ready,\" Ross said.",
            &ross,
            vec![q("We are ready", Some("Wilbur Ross"), Some("Ross"))],
        ),
        (
            "“We are ready,” said Ross, the commerce secretary.",
            &ross,
            vec![q("We are ready", Some("Wilbur Ross"), Some("Ross"))],
        ),
        (
            "Wilbur Ross spoke. “We are,” he said, “ready.”",
            &ross[..1],
            vec![
                q("We are", Some("Wilbur Ross"), Some("he")),
                q("ready.", Some("Wilbur Ross"), Some("he")),
            ],
        ),
        (
            "Ross said: \"We will not back down.\"",
            &ross[1..],
            vec![q(
                "We will not back down.",
                Some("Wilbur Ross"),
                Some("Ross"),
            )],
        ),
        (
            "\"Sales fell,\" according to Ross.",
            &ross[1..],
            vec![q("Sales fell", Some("Wilbur Ross"), Some("Ross"))],
        ),
        (
            "\"It is over,\" a senior official said.",
            &[],
            vec![q("It is over", None, Some("a senior official"))],
        ),
        (
            "\"We comply,\" a spokeswoman for Microsoft said.",
            &[("Microsoft", "Microsoft", Org)],
            vec![q(
                "We comply",
                Some("Microsoft"),
                Some("a spokeswoman for Microsoft"),
            )],
        ),
        (
            "Huawei sued. \"We disagree,\" they said.",
            &[("Huawei", "Huawei", Org)],
            vec![q("We disagree", Some("Huawei"), Some("they"))],
        ),
        (
            // Regression: verbs starting with "a" were taken for "according to".
            "Renzi spoke. The summit did \"too little,\" he added on Twitter.",
            &[
                ("Renzi", "Matteo Renzi", Person),
                ("Twitter", "Twitter", Org),
            ],
            vec![q("too little", Some("Matteo Renzi"), Some("he"))],
        ),
        (
            "“Trump scares me.” ― Krystal Correa",
            &[
                ("Krystal Correa", "Krystal Correa", Person),
                ("Trump", "Donald Trump", Person),
            ],
            vec![q(
                "Trump scares me.",
                Some("Krystal Correa"),
                Some("Krystal Correa"),
            )],
        ),
        (
            "Trump attacked Clinton on Iraq, saying, \"She is trigger-happy.\"",
            &[
                ("Trump", "Donald Trump", Person),
                ("Clinton", "Hillary Clinton", Person),
            ],
            vec![q(
                "She is trigger-happy.",
                Some("Donald Trump"),
                Some("Trump"),
            )],
        ),
        (
            "\"Nothing happened.\"",
            &[],
            vec![q("Nothing happened.", None, None)],
        ),
        (
            "“Why is it too big?” Vitter demanded.",
            &[],
            vec![q("Why is it too big?", Some("Vitter"), Some("Vitter"))],
        ),
        (
            "At a rally, Trump likened the refugees to a “vicious snake” in a song.",
            &[("Trump", "Donald Trump", Person)],
            vec![q("vicious snake", Some("Donald Trump"), Some("Trump"))],
        ),
        (
            "Hillary Clinton met Donald Trump. “We disagree,” she said.",
            &[
                ("Hillary Clinton", "Hillary Clinton", Person),
                ("Donald Trump", "Donald Trump", Person),
            ],
            vec![q("We disagree", Some("Hillary Clinton"), Some("she"))],
        ),
        (
            "Clinton said it was \"a mistake\" to use the server.",
            &[("Clinton", "Hillary Clinton", Person)],
            vec![q("a mistake", Some("Hillary Clinton"), Some("Clinton"))],
        ),
        (
            "“It is over,” said the Rev. Peter Wherry, of the church.",
            &[("Peter Wherry", "Peter Wherry", Person)],
            vec![q("It is over", Some("Peter Wherry"), Some("Peter Wherry"))],
        ),
    ];
    for (text, list, want) in cases {
        assert_eq!(run(text, list), want, "in {text:?}");
    }
}

#[test]
fn seed_article() {
    let Some(text) = crate::extract::seed_article() else {
        return;
    };
    let text = text.as_str();
    let list = [
        ("Microsoft", "Microsoft", Org),
        ("Huawei", "Huawei", Org),
        (
            "US Department of Commerce",
            "US Department of Commerce",
            Org,
        ),
        ("Commerce Department", "US Department of Commerce", Org),
        ("Wilbur Ross", "Wilbur Ross", Person),
        ("Donald Trump", "Donald Trump", Person),
        ("Reuters", "Reuters", Org),
        ("United States", "United States", Place),
    ];
    let got = run(text, &list);
    let first = "On November 20, the US Department of Commerce granted Microsoft's request for a license to export mass-market software to Huawei";
    let want = vec![
        q(first, Some("Microsoft"), Some("a Microsoft spokesperson")),
        q(
            "We appreciate the department's action in response to our request.",
            Some("Microsoft"),
            Some("a Microsoft spokesperson"),
        ),
        // A scare quote: kept (PolNeAR counts such phrases as quotes), but nobody said it.
        q("entity list", None, None),
        q(
            "The temporary general license extension will allow carriers to continue to service customers in some of the most remote areas of the United States who would otherwise be left in the dark",
            Some("Wilbur Ross"),
            Some("Wilbur Ross"),
        ),
        q(
            "The department will continue to rigorously monitor sensitive technology exports to ensure that our innovations are not harnessed by those who would threaten our national security.",
            Some("Wilbur Ross"),
            Some("Wilbur Ross"),
        ),
        q("treated unfairly", Some("Huawei"), Some("Huawei")),
        q(
            "We have long held that the decision by the US Department of Commerce to add Huawei to the Entity List has caused more harm to the US than to Huawei",
            Some("Huawei"),
            Some("the Chinese company"),
        ),
    ];
    assert_eq!(got, want);
}

#[test]
fn statement_over_paragraphs() {
    let text = "Ross spoke on Tuesday. \"We are ready,\" Ross said. \"More to come.\n\n\"We will act.\"\n\n\"Nothing else.\"\n\nThe talks end Friday. \"Later,\" an aide said.";
    let got = run(text, &[("Ross", "Wilbur Ross", Person)]);
    let ross = |t| q(t, Some("Wilbur Ross"), Some("Ross"));
    assert_eq!(
        got,
        vec![
            ross("We are ready"),
            ross("More to come."),
            ross("We will act."),
            ross("Nothing else."),
            q("Later", None, Some("an aide")),
        ]
    );
}

#[test]
fn transcripts_and_introduced_paragraphs() {
    let text = "Mike Pence spoke.\n\n\"WALLACE: Will she be there?\n\n\"PENCE: No, she will not.\n\n\"And that is all.\"\n\nThe New York Times reports:\n\n\"Donors are few.\"";
    let list = [
        ("Pence", "Mike Pence", Person),
        ("The New York Times", "The New York Times", Org),
    ];
    let got = run(text, &list);
    assert_eq!(
        got,
        vec![
            q(
                "WALLACE: Will she be there?",
                Some("Wallace"),
                Some("WALLACE")
            ),
            q(
                "PENCE: No, she will not.",
                Some("Mike Pence"),
                Some("PENCE")
            ),
            q("And that is all.", Some("Mike Pence"), Some("PENCE")),
            q(
                "Donors are few.",
                Some("The New York Times"),
                Some("The New York Times")
            ),
        ]
    );
}

#[test]
fn names_by_age_colon_and_modal() {
    let list = [
        ("Marcel Desailly", "Marcel Desailly", Person),
        ("Mark Hughes", "Mark Hughes", Person),
        ("Burnley", "Burnley", Org),
        ("Ross", "Wilbur Ross", Person),
        ("Xi", "Xi Jinping", Person),
        ("Ivo Minar", "Ivo Minar", Person),
        ("Lleyton Hewitt", "Lleyton Hewitt", Person),
        ("Ken Livingstone", "Ken Livingstone", Person),
        ("Oliver Finegold", "Oliver Finegold", Person),
        ("Finegold", "Oliver Finegold", Person),
    ];
    // The age names the last subject, not the last person named.
    let text = "Marcel Desailly looked back. \"They are stronger now,\" the 36-year-old said.\n\n\
                Ivo Minar lost to Lleyton Hewitt. \"It was a success,\" said the 20-year-old.\n\n\
                Mayor Ken Livingstone met Oliver Finegold. Finegold asked him a question. \
                The mayor said: \"No comment.\"\n\n\
                - Blackburn boss Mark Hughes: \"Burnley are resolute.\"\n\n\
                Ross told Xi: \"We will talk.\"\n\n\
                A Downing Street spokeswoman would only say: \"He will decide.\"";
    let got = run(text, &list);
    assert_eq!(
        got,
        vec![
            q(
                "They are stronger now",
                Some("Marcel Desailly"),
                Some("the 36-year-old")
            ),
            q(
                "It was a success",
                Some("Ivo Minar"),
                Some("the 20-year-old")
            ),
            // A role names whom the text gave it, not the last subject.
            q("No comment.", Some("Ken Livingstone"), Some("The mayor")),
            q(
                "Burnley are resolute.",
                Some("Mark Hughes"),
                Some("Mark Hughes")
            ),
            q("We will talk.", Some("Wilbur Ross"), Some("Ross")),
            q(
                "He will decide.",
                None,
                Some("A Downing Street spokeswoman")
            ),
        ]
    );
}

#[test]
fn statement_run_into_one_line() {
    // The paragraphs of one statement, run together: each part opens, none closes but the
    // last, and every part is the manager's.
    let text = "Ian Marsh has been in talks and he said: \"I had a call from the agent. \"He \
                wants to know first. \"The player waits for me.\" The deal ends in June.";
    let got = run(text, &[("Ian Marsh", "Ian Marsh", Person)]);
    let marsh = |t| q(t, Some("Ian Marsh"), Some("he"));
    assert_eq!(
        got,
        vec![
            marsh("I had a call from the agent."),
            marsh("He wants to know first."),
            marsh("The player waits for me."),
        ]
    );
    // Without a finished sentence before it, the earlier mark is a stray and is dropped.
    let text = "They call it \"the plan and \"we are ready,\" Ian Marsh said.";
    let got = run(text, &[("Ian Marsh", "Ian Marsh", Person)]);
    assert_eq!(
        got,
        vec![q("we are ready", Some("Ian Marsh"), Some("Ian Marsh"))]
    );
}

#[test]
fn unmatched_mark_stays_in_its_paragraph() {
    let text = "He said \"this never closes.\n\nTrump said \"yes, indeed.\" And more.";
    let got = run(text, &[("Trump", "Donald Trump", Person)]);
    assert_eq!(
        got,
        vec![q("yes, indeed.", Some("Donald Trump"), Some("Trump"))]
    );
}

#[test]
fn titles_and_terms_are_not_quotes() {
    let cases = [
        "She starred in the film \"Hidden figures\" last year.",
        "He wrote a book titled \"why we fight\" in 2001.",
        "They watched \"The Art of the Deal\" together.",
        "He called it the so-called \"deal\" of the century, Trump said.",
        "Do not use the term \"illegals\", the guide said.",
        "They watched \"Face the Nation.\"",
        "On this weekend’s broadcast of “Fox News Sunday,” Pence spoke.",
        "In an interview on CBS's \"Face the Nation,\" Ryan said it.",
        "Replace “he” with “she” in the text.",
        "<tweet pic=\"pic.twitter.com/\" author=\"carlquintanilla\">Banks</tweet>",
    ];
    for text in cases {
        assert_eq!(run(text, &[]), vec![], "in {text:?}");
    }
}

#[test]
fn scare_quote_with_attribution_is_a_quote() {
    let text = "Huawei said it is being \"treated unfairly\" by the US.";
    let got = run(text, &[("Huawei", "Huawei", Org)]);
    assert_eq!(
        got,
        vec![q("treated unfairly", Some("Huawei"), Some("Huawei"))]
    );
}

#[test]
fn single_quotes_only_when_quoting() {
    let text = "Clinton’s aides said the voters’ mood was ‘in their heads.’ It’s over.";
    let got = run(text, &[("Clinton", "Hillary Clinton", Person)]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "in their heads.");
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "\"",
        "“",
        "”",
        "‘’",
        "\"\"\"\"",
        "said \"",
        "é\"ü\"ß“—”’‘",
        "\"a\" said he, “",
        "\n\n\"\n\n\"\n",
        "according to",
        "\"x,\" said",
        // Regression: the look-back before a mark once sliced inside a multi-byte char.
        "ééééééééééééééééééééééééééééééé “American Skin” to her.",
        // Regression: a no-break space before the subject's last word split a char.
        "“Yes,” most\u{a0}Democrats said.",
    ];
    for text in inputs {
        let _ = find_quotes(text, TextField::Body, &[]);
    }
    // Mentions whose offsets cannot be sliced (inside "é", past the end), where the rules
    // for ages, roles and colons read the people named before a quote.
    let text = "é Coach Ross é: \"x.\" \"y,\" the 30-year-old coach said. Ross: \"z\"";
    let person = |start, end| Entity {
        text: String::new(),
        name: "Ross".to_string(),
        kind: EntityKind::Person,
        field: TextField::Body,
        start,
        end,
    };
    let odd = [person(1, 2), person(3, 200), person(9, 7), person(200, 300)];
    let _ = find_quotes(text, TextField::Body, &odd);
    let huge = "“Yes,” he said. ’tis é ‘x’ \"".repeat(20_000);
    let quotes = find_quotes(&huge, TextField::Body, &[]);
    assert!(quotes.len() >= 20_000);
}

const ROSS: (&str, &str, EntityKind) = ("Ross", "Wilbur Ross", EntityKind::Person);
const MINISTRY: (&str, &str, EntityKind) =
    ("Ministry of Trade", "Ministry of Trade", EntityKind::Org);

/// A sentence, its entities, and the content, speaker and speaker mention expected.
type ReportedCase<'a> = (
    &'a str,
    Vec<(&'a str, &'a str, EntityKind)>,
    &'a str,
    Option<&'a str>,
    &'a str,
);

#[test]
fn reported_speech_in_its_three_shapes() {
    let p = EntityKind::Person;
    let table: &[ReportedCase] = &[
        (
            "Ross said the department would continue to monitor exports.",
            vec![ROSS],
            "the department would continue to monitor exports",
            Some("Wilbur Ross"),
            "Ross",
        ),
        (
            "Ross told reporters on Tuesday that talks would resume in May.",
            vec![ROSS],
            "talks would resume in May",
            Some("Wilbur Ross"),
            "Ross",
        ),
        (
            "Talks will resume next month, the Ministry of Trade said on Tuesday.",
            vec![MINISTRY],
            "Talks will resume next month",
            Some("Ministry of Trade"),
            "Ministry of Trade",
        ),
        (
            "Talks will resume next month, said Ross.",
            vec![ROSS],
            "Talks will resume next month",
            Some("Wilbur Ross"),
            "Ross",
        ),
        (
            "According to the Ministry of Trade, talks will resume next month.",
            vec![MINISTRY],
            "talks will resume next month",
            Some("Ministry of Trade"),
            "Ministry of Trade",
        ),
        (
            "Talks will resume next month, according to Ross.",
            vec![ROSS],
            "Talks will resume next month",
            Some("Wilbur Ross"),
            "Ross",
        ),
        (
            "Officials believe the plant will reopen by the summer.",
            vec![],
            "the plant will reopen by the summer",
            None,
            "Officials",
        ),
        (
            "Jane Roe met voters in Ohio on Friday, saying the economy was her first concern.",
            vec![("Jane Roe", "Jane Roe", p)],
            "the economy was her first concern",
            Some("Jane Roe"),
            "Jane Roe",
        ),
        (
            "Jane Roe met Ross and then declined to discuss the merger with the press.",
            vec![("Jane Roe", "Jane Roe", p), ROSS],
            "to discuss the merger with the press",
            Some("Jane Roe"),
            "Jane Roe",
        ),
    ];
    for (text, list, content, speaker, mention) in table {
        let found = reported(text, list);
        assert_eq!(found, [q(content, *speaker, Some(mention))], "{text}");
    }
}

#[test]
fn what_is_not_reported_speech() {
    let table = [
        // A direct quote's attribution, and an adverbial after the verb.
        "\"We will win,\" Ross said in an interview.",
        "Ross said: \"We will win the vote in May.\"",
        // A noun, a passive, a cue inside quotation marks.
        "The report was released on Monday by the ministry.",
        "Ross was told by the ministry to leave the building.",
        "\"They said the plant would close,\" Ross recalled.",
        // No clause to report.
        "Ross said so.",
    ];
    for text in table {
        assert_eq!(reported(text, &[ROSS]), [], "{text}");
    }
}

#[test]
fn a_partial_quote_in_a_reported_clause_takes_the_clause_source() {
    let text = "Ross met Jane Roe on Monday. Ross called the decision by the board \"a disgrace\".";
    let list = [ROSS, ("Jane Roe", "Jane Roe", EntityKind::Person)];
    assert_eq!(
        run(text, &list),
        [q("a disgrace", Some("Wilbur Ross"), Some("Ross"))]
    );
}

#[test]
fn a_long_apposition_is_skipped_up_to_the_verb() {
    let text = "\"The numbers moved,\" Jane Roe, a pollster who worked on the survey with two \
                partners in the city, said.";
    let list = [("Jane Roe", "Jane Roe", EntityKind::Person)];
    assert_eq!(
        run(text, &list),
        [q("The numbers moved", Some("Jane Roe"), Some("Jane Roe"))]
    );
}

#[test]
fn quotes_of_both_kinds_come_out_in_text_order() {
    let text = "Ross said talks would resume. \"We are ready,\" he added.";
    let quotes = find_quotes(text, TextField::Body, &entities(text, &[ROSS]));
    let kinds: Vec<QuoteKind> = quotes.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [QuoteKind::Indirect, QuoteKind::Direct]);
}

#[test]
fn a_source_that_is_not_a_person_is_its_organisation_or_nobody() {
    let text = "Wilbur Ross visited the plant on Monday. A CNN poll found that most voters back \
                the tariffs. \"The numbers moved,\" the survey said. Six in ten voters said the \
                economy was the main issue. \"It is over,\" the report said.";
    let list = [
        ("Wilbur Ross", "Wilbur Ross", EntityKind::Person),
        ("CNN", "CNN", EntityKind::Org),
    ];
    assert_eq!(
        run(text, &list),
        [
            q("The numbers moved", None, Some("the survey")),
            q("It is over", None, Some("the report")),
        ]
    );
    assert_eq!(
        reported(text, &list),
        [
            q(
                "most voters back the tariffs",
                Some("CNN"),
                Some("A CNN poll")
            ),
            q("the economy was the main issue", None, Some("ten voters")),
        ]
    );
}
