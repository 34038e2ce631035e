//! Table tests of the entity extractor: tokens, runs, types, canonical names and titles,
//! through `find_entities` and the rooms' own functions.

use super::model::model_tokens;
use super::tokenize::tokenize;
use super::*;

/// The (text, name, kind) of every mention in one field.
fn mentions(title: &str, body: &str, field: TextField) -> Vec<(String, String, EntityKind)> {
    find_entities(title, body)
        .into_iter()
        .filter(|e| e.field == field)
        .map(|e| (e.text, e.name, e.kind))
        .collect()
}

/// Whether `body` yields a mention with this text, name and kind.
fn has(body: &str, text: &str, name: &str, kind: EntityKind) -> bool {
    mentions("", body, TextField::Body)
        .iter()
        .any(|(t, n, k)| t == text && n == name && *k == kind)
}

/// The texts of all body mentions.
fn texts(body: &str) -> Vec<String> {
    mentions("", body, TextField::Body)
        .into_iter()
        .map(|m| m.0)
        .collect()
}

#[test]
fn seed_article() {
    let Some(seed) = crate::extract::seed_article() else {
        return;
    };
    let (title, body) = seed.split_once('\n').unwrap_or((&seed, ""));
    let body = format!("{body}\nRoss said the rules would stay.");
    use EntityKind::*;
    let expected = [
        ("Wilbur Ross", "Wilbur Ross", Person),
        ("Donald Trump", "Donald Trump", Person),
        ("Microsoft", "Microsoft", Org),
        ("Huawei", "Huawei", Org),
        ("Reuters", "Reuters", Org),
        ("US Commerce Department", "US Commerce Department", Org),
        ("US Department of Commerce", "US Commerce Department", Org),
        ("United States", "United States", Place),
        ("Sydney", "Sydney", Place),
        ("Australia", "Australia", Place),
        ("California", "California", Place),
        ("Chinese", "Chinese", Misc),
        ("Ross", "Wilbur Ross", Person),
    ];
    for (text, name, kind) in expected {
        assert!(has(&body, text, name, kind), "{text} -> {name} {kind:?}");
    }
    let all = texts(&body);
    for wrong in [
        "It",
        "It'll",
        "Two",
        "Update",
        "The",
        "However",
        "Commerce Secretary",
    ] {
        assert!(!all.iter().any(|t| t == wrong), "{wrong} is not an entity");
    }
    let title_names: Vec<_> = mentions(title, &body, TextField::Title);
    assert_eq!(title_names.len(), 2, "{title_names:?}");
}

#[test]
fn sentence_initial_common_words_are_dropped() {
    let body = "The deal is done. However, talks go on. It'll close. Two firms agreed.\n\
                Update: two more. After Monday, we met.\nSpeaking in Paris, he left.";
    assert_eq!(texts(body), ["Paris"]);
}

#[test]
fn possessive_is_left_out_of_the_span() {
    let body = "We saw Microsoft's results and Google’s too.";
    let found = find_entities("", body);
    let spans: Vec<_> = found.iter().map(|e| &body[e.start..e.end]).collect();
    assert_eq!(spans, ["Microsoft", "Google"]);
}

#[test]
fn connectors_stay_inside_names() {
    let body = "Officials at the Bank of England met Ludwig van Beethoven fans, \
                Procter & Gamble and the Department of Commerce.";
    assert!(has(
        body,
        "Bank of England",
        "Bank of England",
        EntityKind::Org
    ));
    assert!(has(
        body,
        "Ludwig van Beethoven",
        "Ludwig van Beethoven",
        EntityKind::Person
    ));
    assert!(has(
        body,
        "Procter & Gamble",
        "Procter & Gamble",
        EntityKind::Org
    ));
    assert!(has(
        body,
        "Department of Commerce",
        "Department of Commerce",
        EntityKind::Org
    ));
}

#[test]
fn acronyms_are_orgs_and_expand() {
    let body = "The European Union (EU) fined it. Later the EU and NATO met the BBC.";
    assert!(has(body, "EU", "European Union", EntityKind::Org));
    // Names everyone knows by an acronym take the full name (see aliases.rs).
    let nato = "North Atlantic Treaty Organization";
    assert!(has(body, "NATO", nato, EntityKind::Org));
    assert!(has(body, "BBC", "BBC", EntityKind::Org));
}

#[test]
fn short_forms_take_the_earlier_name() {
    let body = "Huawei Technologies and Halvorsen Energy Group signed. Later Huawei and \
                Halvorsen said more. Mr Ross agreed with Commerce Secretary Wilbur Ross.";
    assert!(has(body, "Huawei", "Huawei Technologies", EntityKind::Org));
    assert!(has(
        body,
        "Halvorsen",
        "Halvorsen Energy Group",
        EntityKind::Org
    ));
    assert!(has(body, "Wilbur Ross", "Wilbur Ross", EntityKind::Person));
}

#[test]
fn demonyms_are_misc_and_titles_are_not_in_spans() {
    let body = "The Norwegian firm hired American Justin Gatlin, said US President \
                Donald Trump.";
    assert!(has(body, "Norwegian", "Norwegian", EntityKind::Misc));
    assert!(has(body, "American", "American", EntityKind::Misc));
    assert!(has(
        body,
        "Justin Gatlin",
        "Justin Gatlin",
        EntityKind::Person
    ));
    assert!(has(body, "US", "United States", EntityKind::Place));
    assert!(has(
        body,
        "Donald Trump",
        "Donald Trump",
        EntityKind::Person
    ));
}

#[test]
fn all_caps_headline_takes_body_names() {
    let title = "MICROSOFT WINS HUAWEI LICENCE, SAYS US";
    let body = "Microsoft can sell to Huawei, the US said.";
    let found = mentions(title, body, TextField::Title);
    let names: Vec<_> = found.iter().map(|m| m.1.as_str()).collect();
    assert_eq!(names, ["Microsoft", "Huawei", "United States"]);
}

#[test]
fn title_case_headline_ignores_unknown_words() {
    let found = mentions(
        "Big Win For Microsoft In Paris",
        "Nothing here.",
        TextField::Title,
    );
    let names: Vec<_> = found.iter().map(|m| m.1.as_str()).collect();
    assert_eq!(names, ["Microsoft", "Paris"]);
}

#[test]
fn model_tokens_split_clitics_as_conll_does() {
    let text = "Microsoft's chief doesn't know... It'll rain, Microsoft 's rival said -- twice.";
    let words: Vec<_> = model_tokens(text).iter().map(|t| t.text).collect();
    assert_eq!(
        words,
        [
            "Microsoft",
            "'s",
            "chief",
            "does",
            "n't",
            "know",
            "...",
            "It",
            "'ll",
            "rain",
            ",",
            "Microsoft",
            "'s",
            "rival",
            "said",
            "--",
            "twice",
            "."
        ]
    );
    for t in model_tokens(text) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
}

#[test]
fn rules_correct_the_model_where_news_differs_from_conll() {
    use EntityKind::*;
    let body = "OSLO - Lars Brekke, Halvorsen's chief executive, praised Brightwater \
                Analytics and its Beacon 3 model. The European Central Bank and Huawei use \
                AI. Later the ECB tested Beacon 3 in Oslo.";
    let expected = [
        ("OSLO", "Oslo", Place),
        ("Lars Brekke", "Lars Brekke", Person),
        ("Brightwater Analytics", "Brightwater Analytics", Org),
        ("Beacon 3", "Beacon 3", Misc),
        ("Huawei", "Huawei", Org),
        ("ECB", "European Central Bank", Org),
        ("Oslo", "Oslo", Place),
    ];
    for (text, name, kind) in expected {
        assert!(has(body, text, name, kind), "{text} -> {name} {kind:?}");
    }
    assert!(!texts(body).iter().any(|t| t == "AI"));
}

#[test]
fn an_honorific_makes_a_person_and_stays_out_of_the_span() {
    // The model tagged "Mr Howard" an organisation in a BBC politics story.
    let body = "Michael Howard spoke. Mr Howard told the BBC Mr Howard would win. Mr Jobs smiled.";
    assert!(has(body, "Howard", "Michael Howard", EntityKind::Person));
    assert!(!texts(body)
        .iter()
        .any(|t| t.starts_with("Mr") || t.contains("BBC Mr")));
    assert!(has(body, "Jobs", "Jobs", EntityKind::Person));
}

#[test]
fn tokenizer_keeps_abbreviations_and_offsets() {
    let text = "Mr. O'Brien of AT&T met U.S. officials at 3:05 in Coca-Cola's office.";
    let words: Vec<_> = tokenize(text).iter().map(|t| t.text).collect();
    assert_eq!(
        words,
        [
            "Mr.",
            "O'Brien",
            "of",
            "AT&T",
            "met",
            "U.S.",
            "officials",
            "at",
            "3:05",
            "in",
            "Coca-Cola's",
            "office",
            "."
        ]
    );
    for t in tokenize(text) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
}

#[test]
fn odd_unicode_never_panics_and_stays_on_char_boundaries() {
    let inputs = [
        "",
        "   \n\n",
        "É’s Ünïcödé ’s 'S Straße Ελλάδα Москва 北京 😀 Ab\u{301}c ‐Ω",
        "ǅ ǈ ẞ İstanbul’s «Paris» “London” — Zürich's AG. ﬁnal Ａｂｃ",
        "a'b' 'c -d- .e. &&& ’’’ ... Mr. Mr. Mr.",
    ];
    for body in inputs {
        for e in find_entities(body, body) {
            assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end));
            assert_eq!(&body[e.start..e.end], e.text);
        }
    }
    let huge = "Ünï Paris 北京 Москва Ross. ".repeat(20_000);
    assert!(!find_entities("", &huge).is_empty());
}
