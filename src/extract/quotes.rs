//! Quotations: the direct speech in an article's text, and who said it.
//!
//! Finding quotes is a byte scan per paragraph (a line of the text). Straight `"` and curly
//! `“ ”` marks pair up by the characters around them; curly single `‘ ’` marks count only
//! where they cannot be apostrophes. A quote never crosses a paragraph boundary: a mark left
//! open at a paragraph's end is a quote only when the next paragraph opens with a new mark
//! (the newspaper convention for a statement that runs over several paragraphs); otherwise it
//! is dropped, so a stray mark cannot swallow the rest of the article. Dumps that ran a
//! statement's paragraphs into one line (the BBC corpus, often) leave the same convention
//! inside a line: a fresh opening mark after a finished sentence, with a quote still open, ends
//! that quote's part there and starts the next part of the same statement. Quoted titles ("the film
//! "Selma"", or all words capitalised) and term mentions ("the so-called "deal"") are not
//! speech and are left out; other short phrases are scare quotes and kept, attributed or not
//! (`added to the "entity list"` has a null speaker).
//!
//! Attribution is resolved in widening circles, each a pure function of the text and the
//! entity mentions another extractor found:
//! 1. a speaker label (`"WALLACE: …`, `PENCE: "…"`) or a name and a colon with no verb
//!    before the quote (`Blackburn boss Mark Hughes: "…"`); else
//!    the quote's own sentence, after the quote first ("…," Ross said), then before it
//!    (Huawei said it is being "treated unfairly"). The words before a speech verb name the
//!    speaker as a pronoun (resolved to the most recent person, or organisation for
//!    "they"/"it", outside quotes), as a description ("a Microsoft spokesperson": the
//!    organisation inside it; "the company": the most recent organisation; "the mayor": the
//!    last person the text called that; "the 36-year-old": the person last named as a
//!    sentence's subject), or as an entity;
//!    after the verb ("said Ross", "according to Ross") the same forms are read forwards;
//! 2. the other parts of the same multi-paragraph quote, then the other quotes of the
//!    paragraph ("…," he said. "…"), then any attribution in the paragraph's own words;
//! 3. a paragraph holding nothing but quotes, right after a quote whose speaker is known,
//!    continues that statement.
//!
//! What stays unresolved has a null speaker; a description that names no entity ("a senior
//! official said") keeps its mention with a null speaker.
//!
//! Cost is linear in the text and the quotes: each rule reads at most [`MAX_CONTEXT`] bytes
//! around a quote and walks back over at most [`MAX_ANTECEDENT_LOOKBACK`] mentions; sharing an
//! attribution between the quotes of a paragraph is one pass each way; speaker labels look
//! names up in a map built once. Each quote is charged to the article's work budget.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{budget, Entity, EntityKind, Quote, SpeakerMention, TextField};

/// Longest stretch, in bytes, searched for an attribution on either side of a quote; it bounds
/// the work per quote on run-on text.
const MAX_CONTEXT: usize = 400;
/// What resolving one quote's speaker counts against the article's work budget.
const STEPS_PER_QUOTE: u64 = 32;
/// Most words a subject may have between a quote and the speech verb after it ("a spokeswoman
/// for the Chinese commerce ministry said"); longer runs belong to some other clause.
const MAX_SUBJECT_WORDS: usize = 10;
/// Most words of a description ("a senior official at the department") read around a verb.
const MAX_DESCRIPTION_WORDS: usize = 8;
/// Most words before a sentence's subject ("Former Chelsea captain Desailly").
const MAX_SUBJECT_LEAD_WORDS: usize = 6;
/// How many entity mentions back an antecedent is looked for.
const MAX_ANTECEDENT_LOOKBACK: usize = 200;
/// Most words of a quoted phrase after "the term" or "so-called" that is a term mention.
const MAX_TERM_WORDS: usize = 4;
/// Most words of a quoted title ("Make America Great Again" is four).
const MAX_TITLE_WORDS: usize = 10;

/// A speech verb, or "according to". Present forms that are commonly nouns ("states",
/// "notes", "claims") are left out because "the United States" is not an attribution.
static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:said|says|say|told|tells|added|adds|asked|asks|explained|explains|warned|warns|stated|wrote|writes|argued|argues|noted|insisted|insists|replied|responded|continued|declared|announced|claimed|tweeted|recalled|acknowledged|admitted|conceded|suggested|stressed|emphasized|emphasised|cautioned|complained|predicted|vowed|promised|boasted|urged|concluded|observed|remarked|joked|quipped|countered|shouted|yelled|testified|saying|tweeting|telling|writing|adding|asking|reads|called|described|branded|accused|labeled|labelled|scolded|condemned|lauded|mocked|blasted|slammed|criticized|praised|touted|chanted|sang|demanded|exclaimed|asserted|contended|maintained|alleged|lamented|mused|retorted|reiterated|recounted|yells|shouts|screamed|pleaded|begged|confirmed|commented|posted|texted|emailed|opined|reported|reports|agreed|wondered|likened|exhorted|reasoned|interjected|fumed|scoffed|snapped|thundered|assured|proclaimed|whispered|muttered|repeated|calls|calling|noting|arguing|explaining|declaring|insisting|warning|claiming|asserting|suggesting|acknowledging|describing|Said|Says)\b|\b[Aa]ccording to\b",
    )
    .expect("the speech-verb pattern is valid")
});

/// The speech verbs in `text`, without "added to" (joined, not spoke).
fn speech_verbs(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    SPEECH_VERB.find_iter(text).filter(move |m| {
        let joined = matches!(m.as_str(), "added" | "adds")
            && text[m.end()..].trim_start().starts_with("to ");
        !joined
    })
}

/// Words just before a quote that make it the title of a work, not speech.
const TITLE_CUES: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "report",
    "album",
    "song",
    "titled",
    "called",
    "dubbed",
    "entitled",
    "headlined",
    "documentary",
    "series",
    "show",
    "memoir",
    "poem",
    "episode",
    "single",
    "play",
    "nicknamed",
    "hashtag",
];
/// Words just before a short quote that make it the mention of a term, not speech.
const TERM_CUES: &[&str] = &[
    "so-called",
    "word",
    "words",
    "term",
    "phrase",
    "label",
    "slogan",
];
/// Prepositions before a title of a show or paper ("on", "of"), as opposed to speech.
const TITLE_PREPOSITIONS: &[&str] = &["on", "of", "in", "to", "from", "at"];
/// Personal pronouns, which in marks alone are words mentioned, not speech.
const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "i", "we", "you",
];
/// Words before a name that make it the object of a clause, not its subject.
const OBJECT_CUES: &[&str] = &[
    "to", "with", "by", "against", "beat", "beats", "meet", "meets",
];
/// Words that stay lower case inside a title.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "vs", "vs.", "but", "nor", "is", "&",
];
/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "St",
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "vs", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec", "Prof", "Rev", "Pres", "Supt", "Calif", "Mass", "Fla", "Ariz",
    "Wis", "Mich", "Ill", "Tenn", "Conn", "Minn", "Penn", "Va", "Pa", "Ga", "Ky", "Md", "Mo",
    "Nev", "Ind", "Okla", "Colo", "Wash", "Ore", "Ala", "Miss", "La", "Del", "Neb", "Kan",
];
/// Words that may sit between a subject and its speech verb ("Ross has also said").
const AUXILIARIES: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "later",
    "then",
    "previously",
    "once",
    "again",
    "recently",
    "repeatedly",
    "further",
    "would",
    "will",
    "publicly",
    "reportedly",
    "simply",
    "just",
    "quickly",
    "earlier",
    "privately",
    "flatly",
    "frequently",
    "often",
    "famously",
    "angrily",
    "bluntly",
    "once",
    "even",
    "may",
    "might",
    "could",
    "has",
    "did",
    "does",
    "only",
];
/// Nouns for a person by role that news uses for someone it has just named ("the defender
/// said", "the Old Trafford boss added").
///
/// Words every sportsman or celebrity may be called ("champion", "star", "player") are left
/// out: the last person so titled is too often someone else.
const PERSON_ROLES: &[&str] = &[
    "boss",
    "manager",
    "coach",
    "defender",
    "striker",
    "midfielder",
    "winger",
    "goalkeeper",
    "keeper",
    "captain",
    "singer",
    "actor",
    "actress",
    "comedian",
    "director",
    "author",
    "musician",
    "rapper",
    "presenter",
    "mayor",
    "minister",
    "chairman",
    "chairwoman",
    "founder",
    "economist",
    "analyst",
];
/// Words that make a role another one: "deputy mayor", "assistant coach".
const RANK_WORDS: &[&str] = &["deputy", "assistant", "vice", "shadow", "former", "acting"];
/// Words of an office that one person holds at a time, whoever the text is about.
const OFFICE_WORDS: &[&str] = &["prime", "president", "first", "chancellor", "pope", "queen"];
/// Whether a word is an age used as a noun or adjective: "36-year-old", "36-year-old's".
fn is_age(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
    let Some(years) = word.strip_suffix("-year-old") else {
        return false;
    };
    !years.is_empty() && years.len() <= 3 && years.bytes().all(|b| b.is_ascii_digit())
}

/// Words that end a description when reading backwards from a speech verb: they open a
/// clause or an adverbial, not a noun phrase.
const DESCRIPTION_STOPS: &[&str] = &[
    "in", "on", "during", "after", "before", "when", "while", "that", "and", "but", "as",
    "because", "which", "who", "where", "since", "than", "if", "also", "said", "says", "told",
    "at",
];
/// Words that open a sentence before its subject: an adverbial up to a comma, or a conjunction.
const SENTENCE_OPENERS: &[&str] = &[
    "in",
    "at",
    "on",
    "during",
    "after",
    "before",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "but",
    "and",
    "yet",
    "so",
    "still",
    "instead",
    "then",
    "now",
    "last",
    "speaking",
    "asked",
    "since",
    "while",
    "when",
    "as",
    "for",
    "with",
    "over",
    "also",
    "separately",
    "previously",
];
/// Openers that need no comma after them.
const CONJUNCTIONS: &[&str] = &[
    "but", "and", "yet", "so", "still", "then", "also", "instead",
];
/// Words that open a description of a speaker.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "another", "some", "several", "many", "two", "three", "other", "his",
    "her", "their", "its",
];
/// Capitalised words next to a speech verb that are not names.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "but",
    "and",
    "so",
    "yet",
    "when",
    "while",
    "if",
    "as",
    "in",
    "on",
    "at",
    "after",
    "before",
    "later",
    "also",
    "earlier",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "who",
    "what",
    "which",
    "everyone",
    "nobody",
    "someone",
    "officials",
    "police",
    "republicans",
    "democrats",
];
/// Courtesy titles left out of a speaker's name.
const HONORIFIC_WORDS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "rev", "prof",
];
/// Words right before a name that say a woman is meant.
const FEMALE_CUES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "lady",
    "dame",
    "congresswoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "actress",
    "wife",
    "mother",
    "daughter",
    "sister",
    "grandmother",
    "aunt",
    "niece",
    "queen",
    "princess",
    "girlfriend",
    "widow",
    "sen.-elect",
];
/// Words right before a name that say a man is meant.
const MALE_CUES: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "congressman",
    "chairman",
    "spokesman",
    "businessman",
    "actor",
    "husband",
    "father",
    "son",
    "brother",
    "grandfather",
    "uncle",
    "nephew",
    "king",
    "prince",
    "boyfriend",
    "widower",
];
/// Common women's first names.
#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "Hillary", "Melania", "Michelle", "Nancy", "Elizabeth", "Loretta", "Sarah", "Carly",
    "Kellyanne", "Huma", "Chelsea", "Ivanka", "Hope", "Susan", "Kelly", "Megyn", "Debbie", "Donna",
    "Jill", "Nikki", "Condoleezza", "Madeleine", "Theresa", "Angela", "Marine", "Christine",
    "Janet", "Mary", "Patricia", "Jennifer", "Linda", "Barbara", "Margaret", "Jessica", "Karen",
    "Lisa", "Betty", "Helen", "Sandra", "Ashley", "Kimberly", "Emily", "Carol", "Michele", "Amanda",
    "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen", "Amy",
    "Shirley", "Anna", "Ruth", "Brenda", "Pamela", "Nicole", "Katherine", "Virginia", "Catherine",
    "Christina", "Samantha", "Debra", "Rachel", "Carolyn", "Maria", "Heather", "Diane", "Julie",
    "Joyce", "Victoria", "Joan", "Evelyn", "Lauren", "Judith", "Olivia", "Martha", "Cheryl",
    "Megan", "Andrea", "Hannah", "Jacqueline", "Ann", "Anne", "Jean", "Alice", "Kathryn", "Gloria",
    "Teresa", "Doris", "Sara", "Janice", "Julia", "Marie", "Madison", "Grace", "Judy", "Beverly",
    "Denise", "Marilyn", "Amber", "Danielle", "Abigail", "Brittany", "Rose", "Diana", "Natalie",
    "Sophia", "Alexis", "Lori", "Kayla", "Jane", "Emma", "Tammy", "Irene", "Claire", "Kirsten",
    "Dianne", "Maxine", "Tulsi", "Kamala", "Patty", "Maggie", "Jeanne", "Gina", "Valerie",
    "Caroline", "Katie", "Kate", "Ellen", "Tina", "Wendy", "Cindy", "Oprah", "Sheryl", "Sonia",
    "Elena", "Hilary", "Lynn", "Marsha", "Mia", "Eva", "Lucy", "Fatima", "Aisha", "Naomi",
    "Melanie", "Jo-Renee", "Malkia", "Ava", "Gennifer", "Alicia",
];
/// Common men's first names.
#[rustfmt::skip]
const MALE_NAMES: &[&str] = &[
    "Donald", "Barack", "Bernie", "Mike", "Tim", "Joe", "Bill", "Ted", "Marco", "Jeb", "Ben",
    "John", "Paul", "Mitch", "Chris", "Reince", "Rudy", "Newt", "Gary", "Jim", "James", "Robert",
    "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew",
    "Anthony", "Mark", "Steven", "Steve", "Andrew", "Kenneth", "Kevin", "Brian", "George", "Edward",
    "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Jacob", "Nicholas", "Eric", "Jonathan",
    "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Frank", "Gregory",
    "Raymond", "Alexander", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam",
    "Henry", "Nathan", "Douglas", "Zachary", "Peter", "Kyle", "Walter", "Ethan", "Jeremy", "Harold",
    "Keith", "Christian", "Roger", "Noah", "Gerald", "Carl", "Terry", "Sean", "Austin", "Arthur",
    "Lawrence", "Jesse", "Dylan", "Bryan", "Jordan", "Billy", "Bruce", "Albert", "Willie",
    "Gabriel", "Logan", "Alan", "Juan", "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent",
    "Russell", "Elijah", "Louis", "Bobby", "Philip", "Johnny", "Harry", "Rand", "Lindsey", "Rick",
    "Corey", "Reid", "Vladimir", "Xi", "Boris", "Emmanuel", "Recep", "Bashar", "Kim", "Sergei",
    "Francois", "Nigel", "Tony", "Dick", "Karl", "Rush", "Glenn", "Tucker", "Bret", "Lester",
    "Anderson", "Wolf", "Jake", "Chuck", "Al", "Howard", "Jimmy", "Lyndon", "Franklin", "Abraham",
    "Martin", "Mohammed", "Muhammad", "Ahmed", "Omar", "Ali", "Hassan", "Igor", "Dmitry", "Ivan",
    "Jean-Claude", "Pierre", "Hans", "Klaus", "Carlos", "Luis", "Pedro", "Manuel", "Mitt", "Rex",
];
/// Longest transcript label looked for at the start of a quote ("SEN. TIM KAINE:").
const MAX_LABEL_BYTES: usize = 40;
/// Most words of a name the entity extractor missed.
const MAX_NAME_WORDS: usize = 4;
/// Prepositions that tie a description to the entity it names ("a spokeswoman for Microsoft").
const LINKING_PREPOSITIONS: &[&str] = &["for", "of", "from", "with", "to", "representing"];
/// Head nouns of a definite description that stands for the last organisation mentioned.
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "ministry",
    "department",
    "agency",
    "group",
    "organization",
    "organisation",
    "committee",
    "government",
    "administration",
    "campaign",
    "party",
    "union",
    "bank",
    "network",
    "giant",
    "maker",
    "manufacturer",
    "retailer",
    "carrier",
    "operator",
    "regulator",
    "council",
    "commission",
    "office",
    "bureau",
    "board",
    "court",
    "team",
    "club",
    "league",
    "association",
    "foundation",
    "institute",
    "university",
    "newspaper",
    "paper",
    "outlet",
    "startup",
    "corporation",
    "conglomerate",
    "insurer",
    "lender",
    "airline",
    "automaker",
    "studio",
    "publisher",
    "charity",
    "coalition",
    "alliance",
    "federation",
    "embassy",
    "military",
    "army",
    "police",
    "service",
    "watchdog",
    "website",
    "site",
];

/// Finds the quotations in `text` (one field of an article) and resolves who said each.
///
/// `entities` are the entity mentions found in this same text, sorted by start; speakers are
/// given by their canonical `name`. Quotes come out in text order with byte spans that
/// exclude the quotation marks.
pub fn find_quotes(text: &str, field: TextField, entities: &[Entity]) -> Vec<Quote> {
    let paragraphs = paragraphs(text);
    let mut spans = scan_quotes(text, &paragraphs);
    spans.retain(|span| !is_title_or_term(text, span));
    let genders = if spans.is_empty() {
        HashMap::new()
    } else {
        genders(text, entities)
    };
    let resolver = Resolver {
        text,
        entities,
        paragraphs: &paragraphs,
        quotes: &spans,
        genders: &genders,
        by_label: OnceCell::new(),
    };
    let found = resolver.resolve_all();
    spans
        .iter()
        .zip(found)
        .map(|(span, found)| to_quote(text, field, span, found))
        .collect()
}

/// One quoted stretch of a paragraph.
#[derive(Debug, Clone)]
struct Span {
    /// Byte offset of the opening mark.
    open: usize,
    /// The quoted words, trimmed of spaces and a trailing comma.
    start: usize,
    end: usize,
    /// Where the quoted words end before trimming, for punctuation checks.
    raw_end: usize,
    /// Just past the closing mark, or the paragraph's end for an open-ended part.
    close_end: usize,
    /// Index into the list of paragraphs.
    paragraph: usize,
    /// Shared by the parts of a quote that runs over several paragraphs.
    chain: Option<usize>,
}

/// An attribution: the words that name a speaker, and the speaker's canonical name if known.
#[derive(Debug, Clone)]
struct Found {
    speaker: Option<String>,
    start: usize,
    end: usize,
}

/// A quotation mark as it stands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"`, whose direction comes from its neighbours.
    Straight,
    /// `“` or `„`.
    DoubleOpen,
    /// `”`.
    DoubleClose,
    /// `‘`.
    SingleOpen,
    /// `’`, far more often an apostrophe.
    SingleClose,
}

/// A quote whose closing mark has not been seen yet.
#[derive(Debug, Clone, Copy)]
struct OpenMark {
    mark: usize,
    content: usize,
    single: bool,
    /// The chain of a part that continues an earlier one in the same line.
    chain: Option<usize>,
}

/// The non-empty lines of `text` as byte ranges, without their line breaks.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if text[start..end].bytes().any(|b| !b.is_ascii_whitespace()) {
            out.push((start, end));
        }
        start += line.len();
    }
    out
}

/// The quotation mark starting at byte `i`, with its length.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize)> {
    match bytes[i] {
        b'"' => Some((Mark::Straight, 1)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C) | Some(0x9E) => Some((Mark::DoubleOpen, 3)),
            Some(0x9D) => Some((Mark::DoubleClose, 3)),
            Some(0x98) => Some((Mark::SingleOpen, 3)),
            Some(0x99) => Some((Mark::SingleClose, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a mark between `prev` and `next` looks like it opens a quote.
fn opens_like(prev: Option<char>, next: Option<char>) -> bool {
    let after_gap = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/“‘".contains(c));
    after_gap && next.is_some_and(|c| !c.is_whitespace())
}

/// Whether a mark between `prev` and `next` looks like it closes a quote.
fn closes_like(prev: Option<char>, next: Option<char>) -> bool {
    let after_word = prev.is_some_and(|c| !c.is_whitespace());
    after_word && next.is_none_or(|c| c.is_whitespace() || is_punctuation(c))
}

/// Punctuation that may follow a closing mark.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "—–…”’".contains(c)
}

/// All quoted stretches of the text, in order, with multi-paragraph quotes chained.
fn scan_quotes(text: &str, paragraphs: &[(usize, usize)]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut chains = 0;
    let mut carried_chain: Option<usize> = None;
    for (index, &(start, end)) in paragraphs.iter().enumerate() {
        let first_span = spans.len();
        let open = scan_paragraph(text, index, start, end, &mut chains, &mut spans);
        if let Some(chain) = carried_chain.take() {
            // The part that continues the previous paragraph opens at the paragraph's start.
            if let Some(span) = spans.get_mut(first_span) {
                if text[start..span.open].trim().is_empty() {
                    span.chain = Some(chain);
                }
            }
        }
        let Some(open) = open else { continue };
        let continues = paragraphs
            .get(index + 1)
            .is_some_and(|&(next, next_end)| opens_paragraph(text, next, next_end, open.single));
        if !continues {
            continue;
        }
        // A mark left open has no span yet: its chain is the one it continues, if any.
        let chain = open.chain.unwrap_or_else(|| {
            chains += 1;
            chains
        });
        if let Some(span) = make_span(text, index, open, end, end, Some(chain)) {
            spans.push(span);
        }
        carried_chain = Some(chain);
    }
    spans
}

/// Whether the paragraph at `start..end` begins with an opening mark of the given kind.
fn opens_paragraph(text: &str, start: usize, end: usize, single: bool) -> bool {
    let body = text[start..end].trim_start();
    match body.chars().next() {
        Some('"') | Some('“') | Some('„') => !single,
        Some('‘') => single,
        _ => false,
    }
}

/// Scans one paragraph, pushing its closed quotes; returns a mark left open at its end.
/// `chains` counts the chains made so far, for a quote whose paragraphs were run together.
fn scan_paragraph(
    text: &str,
    index: usize,
    start: usize,
    end: usize,
    chains: &mut usize,
    spans: &mut Vec<Span>,
) -> Option<OpenMark> {
    let bytes = text.as_bytes();
    let mut open: Option<OpenMark> = None;
    let mut i = start;
    while i < end {
        let Some((mark, len)) = mark_at(bytes, i) else {
            i += 1;
            continue;
        };
        let prev = text[start..i].chars().next_back();
        let next = text[i + len..end].chars().next();
        let here = |single| OpenMark {
            mark: i,
            content: i + len,
            single,
            chain: None,
        };
        let double_open = open.filter(|o| !o.single);
        match mark {
            // `<tweet author="x">`: an attribute value in markup, not a quote.
            Mark::Straight if prev == Some('=') => {}
            Mark::Straight => match double_open {
                Some(o) if opens_like(prev, next) && !closes_like(prev, next) => {
                    // A fresh opener while one is open: the earlier mark was never closed.
                    // After a finished sentence, that is a quote of several paragraphs whose
                    // line breaks were lost ("…a major slowdown. "Whereas…"): the earlier part
                    // ends here, and the two share their speaker. Otherwise the earlier mark
                    // was a stray.
                    let mut fresh = here(false);
                    if ends_sentence(&text[o.content..i]) {
                        let chain = o.chain.unwrap_or_else(|| {
                            *chains += 1;
                            *chains
                        });
                        spans.extend(make_span(text, index, o, i, i, Some(chain)));
                        fresh.chain = Some(chain);
                    }
                    open = Some(fresh);
                }
                Some(o) => {
                    spans.extend(make_span(text, index, o, i, i + len, o.chain));
                    open = None;
                }
                None if closes_like(prev, next) && !opens_like(prev, next) => {}
                None => open = Some(here(false)),
            },
            Mark::DoubleOpen => open = Some(here(false)),
            Mark::DoubleClose => match double_open {
                Some(o) => {
                    spans.extend(make_span(text, index, o, i, i + len, o.chain));
                    open = None;
                }
                // Some sites use the closing mark on both sides.
                None if opens_like(prev, next) && !closes_like(prev, next) => {
                    open = Some(here(false));
                }
                None => {}
            },
            Mark::SingleOpen => {
                let quoting = opens_like(prev, next) && next.is_some_and(char::is_alphanumeric);
                if double_open.is_none() && quoting {
                    open = Some(here(true));
                }
            }
            Mark::SingleClose => {
                let closing = closes_like(prev, next) && !next.is_some_and(char::is_alphanumeric);
                if let Some(o) = open.filter(|o| o.single && closing) {
                    spans.extend(make_span(text, index, o, i, i + len, None));
                    open = None;
                }
            }
        }
        i += len;
    }
    open
}

/// Whether quoted words end a sentence: their last character, spaces aside, is `.`, `?` or
/// `!`.
fn ends_sentence(words: &str) -> bool {
    words.trim_end().ends_with(['.', '?', '!'])
}

/// A span for the words between an opening mark and `close` (the closing mark's offset),
/// or `None` when nothing worth quoting is inside.
fn make_span(
    text: &str,
    paragraph: usize,
    open: OpenMark,
    close: usize,
    close_end: usize,
    chain: Option<usize>,
) -> Option<Span> {
    let inner = &text[open.content..close];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    // A comma before the closing mark is the newspaper's punctuation, not the speaker's words.
    let words = trimmed.trim_end_matches(',').trim_end();
    if !words.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = open.content + lead;
    Some(Span {
        open: open.mark,
        start,
        end: start + words.len(),
        raw_end: start + trimmed.len(),
        close_end,
        paragraph,
        chain,
    })
}

/// Whether a quoted stretch is the title of a work or the mention of a term, not speech.
fn is_title_or_term(text: &str, span: &Span) -> bool {
    let quoted = &text[span.start..span.raw_end];
    let words = quoted.split_whitespace().count();
    let before = floor_str(text, span.open.saturating_sub(40), span.open).unwrap_or_default();
    let mut lead = before.split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| c.is_ascii_punctuation() && c != '-')
            .to_ascii_lowercase()
    });
    let last = lead.next().unwrap_or_default();
    if TITLE_CUES.contains(&last.as_str()) {
        return true;
    }
    if words <= MAX_TERM_WORDS && TERM_CUES.contains(&last.as_str()) {
        return true;
    }
    // A lone pronoun in marks is the word itself ("replace “he” with “she”").
    if words == 1 && PRONOUNS.contains(&bare_lower(quoted).as_str()) {
        return true;
    }
    // `on CBS's "Face the Nation,"`: American style puts the comma inside the marks.
    let after_name = before.trim_end().ends_with("'s") || before.trim_end().ends_with("’s");
    if let Some(bare) = quoted.strip_suffix(',') {
        if after_name || TITLE_PREPOSITIONS.contains(&last.as_str()) {
            return looks_like_title(bare, words);
        }
    }
    looks_like_title(quoted, words)
}

/// The slice `start..end` of `text`, widened to char boundaries.
fn floor_str(text: &str, mut start: usize, end: usize) -> Option<&str> {
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    text.get(start..end)
}

/// A short run of capitalised words with no closing punctuation ("The Art of the Deal").
fn looks_like_title(quoted: &str, words: usize) -> bool {
    // American style puts a full stop inside the marks even after a title ("Face the Nation.").
    let ends_full_stop = quoted.ends_with('.') && words >= 2;
    let punctuated = quoted.ends_with([',', '!', '?', ';', ':', '…']);
    if words == 0
        || words > MAX_TITLE_WORDS
        || punctuated
        || (quoted.ends_with('.') && !ends_full_stop)
    {
        return false;
    }
    let mut capitalised = 0;
    for word in quoted.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if first.is_uppercase() || first.is_numeric() {
            capitalised += 1;
        } else if !TITLE_SMALL_WORDS.contains(&word.to_lowercase().as_str()) {
            return false;
        }
    }
    capitalised > 0
}

/// Builds the public quote from a span and its attribution.
fn to_quote(text: &str, field: TextField, span: &Span, found: Option<Found>) -> Quote {
    let (speaker, speaker_mention) = match found {
        Some(found) => (
            found.speaker,
            Some(SpeakerMention {
                text: text[found.start..found.end].to_string(),
                start: found.start,
                end: found.end,
            }),
        ),
        None => (None, None),
    };
    Quote {
        text: text[span.start..span.end].to_string(),
        field,
        start: span.start,
        end: span.end,
        speaker,
        speaker_mention,
    }
}

/// Whether a word is lower case with letters.
fn is_lowercase_word(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// The whitespace-separated words of `text[lo..hi]` as byte ranges.
fn words_in(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[lo..hi].char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((lo + s, lo + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((lo + s, hi));
    }
    out
}

/// A word without surrounding punctuation, lower-cased for comparison with word lists.
fn bare_lower(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// Finds speakers for the quotes of one text.
struct Resolver<'a> {
    text: &'a str,
    entities: &'a [Entity],
    paragraphs: &'a [(usize, usize)],
    /// The quotes being attributed, in text order and not overlapping.
    quotes: &'a [Span],
    /// The gender of the people named, where a first name or title tells it.
    genders: &'a HashMap<&'a str, Option<Gender>>,
    /// The first person named with each last name, upper-cased ("ROSS": "Wilbur Ross"), for
    /// speaker labels; built on the first label, once.
    by_label: OnceCell<HashMap<String, String>>,
}

impl Resolver<'_> {
    /// The attribution of every quote, in the order of `quotes`.
    fn resolve_all(&self) -> Vec<Option<Found>> {
        let mut found: Vec<Option<Found>> = (0..self.quotes.len())
            .map(|i| {
                // Each rule reads a bounded window of the text around the quote and walks
                // back over a bounded number of mentions: a quote costs a fixed amount.
                budget::charge(STEPS_PER_QUOTE);
                self.transcript(i)
                    .or_else(|| self.introduced_by_name(i))
                    .or_else(|| self.in_sentence(i))
            })
            .collect();
        self.share_within_chains(&mut found);
        self.share_within_paragraphs(&mut found);
        for (i, slot) in found.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = self.in_paragraph(i);
            }
        }
        self.share_within_chains(&mut found);
        self.continue_statements(&mut found);
        found
    }

    /// A transcript's speaker label: `"WALLACE: Let's start…"`, or `PENCE: "Well…"` at the
    /// start of the paragraph.
    fn transcript(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let label = |lo: usize, hi: usize| {
            let head = &self.text[lo..hi];
            let colon = head.find(':')?;
            let name = head[..colon].trim();
            let name_start = lo + (head.len() - head.trim_start().len());
            self.speaker_label(name, name_start)
        };
        let inside_hi = self.floor_boundary((span.start + MAX_LABEL_BYTES).min(span.end));
        label(span.start, inside_hi).or_else(|| {
            let before = self.text[para_start..span.open].trim_end();
            // A label opens its paragraph: its colon is among the first few words.
            let label_hi = self.floor_boundary((para_start + MAX_LABEL_BYTES).min(span.open));
            before
                .ends_with(':')
                .then(|| label(para_start, label_hi))
                .flatten()
        })
    }

    /// A quote introduced by the speaker's name and a colon, with no verb: `Blackburn boss
    /// Mark Hughes: "Burnley are resolute…"`. The name must end at the colon, and the words
    /// from the sentence's start to it must not hold a speech verb, or the name would be
    /// whom the speaker addressed ("Ross told Xi: "…"").
    fn introduced_by_name(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let before = self.text[para_start..span.open].trim_end();
        let colon = before.strip_suffix(':')?;
        let name_end = para_start + colon.trim_end().len();
        let lo = self.floor_boundary(name_end.saturating_sub(MAX_CONTEXT).max(para_start));
        let start = self.sentence_start(lo, name_end);
        let entity = self
            .speaker_entities(start, name_end)
            .next_back()
            .filter(|e| e.end == name_end)?;
        let lead = &self.text[start..entity.start];
        let few_words = lead.split_whitespace().count() <= MAX_DESCRIPTION_WORDS;
        (few_words && speech_verbs(lead).next().is_none()).then(|| entity_found(entity))
    }

    /// A speaker label `name` (upper-case words like "WALLACE" or "SEN. KAINE") at `start`.
    fn speaker_label(&self, name: &str, start: usize) -> Option<Found> {
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let plain = name
            .chars()
            .all(|c| c.is_uppercase() || " .'’-".contains(c));
        if letters < 2 || !plain || name.split_whitespace().count() > 3 {
            return None;
        }
        let last = name.split_whitespace().next_back()?;
        let by_label = self.by_label.get_or_init(|| {
            let mut by_label = HashMap::new();
            for e in self
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person)
            {
                if let Some(word) = e.name.split_whitespace().next_back() {
                    by_label
                        .entry(word.to_uppercase())
                        .or_insert_with(|| e.name.clone());
                }
            }
            by_label
        });
        let known = by_label.get(last).cloned();
        let titled = name
            .split_whitespace()
            .filter(|w| !HONORIFIC_WORDS.contains(&bare_lower(w).as_str()))
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ");
        Some(Found {
            speaker: known.or_else(|| (!titled.is_empty()).then_some(titled)),
            start,
            end: start + name.len(),
        })
    }

    /// The attribution in the quote's own sentence: after the quote first, then before it.
    fn in_sentence(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (lo, hi) = self.after_range(i);
        // `"We won." Trump said.` is common enough: after a full stop inside the marks, only a
        // short subject right after the quote counts.
        let ends_sentence = self.text[span.start..span.raw_end].ends_with(['.', '!', '?']);
        let limit = if ends_sentence { 4 } else { MAX_SUBJECT_WORDS };
        let sentence_end = self.sentence_end(lo, hi);
        self.attribution_after(lo, sentence_end, limit)
            .or_else(|| {
                let (lo, hi) = self.before_range(i);
                let lo = lo.max(self.sentence_start(lo, hi));
                self.attribution_before(lo, hi)
            })
            .or_else(|| self.sentence_subject(i))
    }

    /// The subject of the sentence a quote sits inside, when no speech verb names one: in
    /// "Trump likened the refugees to a “vicious snake”" the words are Trump's.
    fn sentence_subject(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (lo, hi) = self.before_range(i);
        let start = self.sentence_start(lo, hi);
        let (para_start, _) = self.paragraphs[span.paragraph];
        let after_full_stop = i
            .checked_sub(1)
            .map(|p| &self.quotes[p])
            .is_some_and(|p| self.text[p.start..p.raw_end].ends_with(['.', '!', '?']));
        if start == lo && lo != para_start && !after_full_stop {
            return None;
        }
        let mut words = words_in(self.text, start, hi);
        // "In a statement, the IMF…", "But Trump…": the subject follows the opener.
        if let Some(&(s, e)) = words.first() {
            let opener = bare_lower(&self.text[s..e]);
            if SENTENCE_OPENERS.contains(&opener.as_str()) {
                let comma = words
                    .iter()
                    .take(MAX_DESCRIPTION_WORDS)
                    .position(|&(s, e)| self.text[s..e].ends_with(','));
                let skip = match comma {
                    Some(n) => n + 1,
                    None if CONJUNCTIONS.contains(&opener.as_str()) => 1,
                    None => return None,
                };
                words.drain(..skip.min(words.len()));
            }
        }
        let &(first_start, first_end) = words.first()?;
        if let Some(found) = self.pronoun(first_start, first_end) {
            return Some(found);
        }
        // The first name of the sentence, with only titles before it ("Sen. Bernie Sanders").
        let window = words[..words.len().min(4)]
            .last()
            .map_or(first_start, |w| w.1);
        let entity = self.speaker_entities(first_start, window).next()?;
        let titles_only = words_in(self.text, first_start, entity.start)
            .iter()
            .all(|&(s, e)| self.text[s..e].starts_with(char::is_uppercase));
        let possessive = self.text[entity.end..].starts_with(['\'', '’']);
        (titles_only && !possessive && !self.passive_after(entity.end, hi))
            .then(|| entity_found(entity))
    }

    /// Whether the words from `lo` open with a passive verb ("was added to"): its subject did
    /// not speak.
    fn passive_after(&self, lo: usize, hi: usize) -> bool {
        let words: Vec<String> = words_in(self.text, lo, hi)
            .iter()
            .take(4)
            .map(|&(s, e)| bare_lower(&self.text[s..e]))
            .collect();
        words.windows(2).take(2).any(|pair| {
            let be = matches!(
                pair[0].as_str(),
                "is" | "was" | "were" | "are" | "been" | "being" | "be"
            );
            be && (pair[1].ends_with("ed") || pair[1].ends_with("en"))
        })
    }

    /// The attribution in the quote's paragraph, outside its sentence.
    fn in_paragraph(&self, i: usize) -> Option<Found> {
        let (lo, hi) = self.before_range(i);
        self.attribution_before(lo, hi)
            .or_else(|| {
                let (lo, hi) = self.after_range(i);
                self.attribution_after(lo, hi, MAX_SUBJECT_WORDS)
            })
            .or_else(|| self.introduced(i))
    }

    /// The attribution of a paragraph that ends with a colon and introduces the quote opening
    /// the next one ("The New York Times reports:").
    fn introduced(&self, i: usize) -> Option<Found> {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let previous = span.paragraph.checked_sub(1)?;
        let (prev_start, prev_end) = self.paragraphs[previous];
        let intro = self.text[prev_start..prev_end].trim_end();
        if !intro.ends_with(':') || !self.text[para_start..span.open].trim().is_empty() {
            return None;
        }
        let hi = prev_start + intro.len();
        let lo = self.ceil_boundary(prev_start.max(hi.saturating_sub(MAX_CONTEXT)));
        self.attribution_before(lo, hi)
    }

    /// The paragraph's text between the previous quote's closing mark and quote `i`.
    fn before_range(&self, i: usize) -> (usize, usize) {
        let span = &self.quotes[i];
        let (para_start, _) = self.paragraphs[span.paragraph];
        let prev_end = i
            .checked_sub(1)
            .map(|p| &self.quotes[p])
            .filter(|p| p.paragraph == span.paragraph)
            .map_or(para_start, |p| p.close_end);
        let lo = prev_end.max(span.open.saturating_sub(MAX_CONTEXT));
        (self.ceil_boundary(lo.min(span.open)), span.open)
    }

    /// The paragraph's text between quote `i`'s closing mark and the next quote.
    fn after_range(&self, i: usize) -> (usize, usize) {
        let span = &self.quotes[i];
        let (_, para_end) = self.paragraphs[span.paragraph];
        let next_open = self
            .quotes
            .get(i + 1)
            .filter(|n| n.paragraph == span.paragraph)
            .map_or(para_end, |n| n.open);
        let hi = next_open
            .min(span.close_end + MAX_CONTEXT)
            .max(span.close_end);
        (span.close_end, self.floor_boundary(hi))
    }

    /// The nearest char boundary at or after `i`.
    fn ceil_boundary(&self, mut i: usize) -> usize {
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The nearest char boundary at or before `i`.
    fn floor_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Where the sentence holding `hi` starts, searching no further back than `lo`.
    fn sentence_start(&self, lo: usize, hi: usize) -> usize {
        let bytes = self.text.as_bytes();
        (lo..hi)
            .rev()
            .find(|&i| {
                self.ends_sentence_at(lo, i)
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
            })
            .map_or(lo, |i| i + 1)
    }

    /// Where the sentence running from `lo` ends, searching no further than `hi`.
    fn sentence_end(&self, lo: usize, hi: usize) -> usize {
        let bytes = self.text.as_bytes();
        (lo..hi)
            .find(|&i| {
                self.ends_sentence_at(lo, i)
                    && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            })
            .map_or(hi, |i| i + 1)
    }

    /// Whether the byte at `i` is a full stop, question or exclamation mark ending a sentence
    /// (not the dot of "Mr." or "U.S.").
    fn ends_sentence_at(&self, lo: usize, i: usize) -> bool {
        match self.text.as_bytes()[i] {
            b'!' | b'?' => true,
            b'.' => {
                let word_start = self.text.as_bytes()[lo..i]
                    .iter()
                    .rposition(|b| b.is_ascii_whitespace() || *b == b'(')
                    .map_or(lo, |p| lo + p + 1);
                let word = &self.text[word_start..i];
                let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
                !(initial || word.contains('.') || ABBREVIATIONS.contains(&word))
            }
            _ => false,
        }
    }

    /// An attribution in `lo..hi`, text that follows a quote: `, Ross said`, `said Ross`,
    /// `according to Ross`. A subject longer than `limit` words is some other clause's.
    fn attribution_after(&self, lo: usize, hi: usize, limit: usize) -> Option<Found> {
        let Some(verb) = speech_verbs(&self.text[lo..hi]).next() else {
            return self.dash_credit(lo, hi);
        };
        let (verb_start, verb_end) = (lo + verb.start(), lo + verb.end());
        if is_according(verb.as_str()) {
            return self.named_after_verb(verb_end, hi);
        }
        let subject = self.text[lo..verb_start]
            .trim_start_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
        let subject_start = verb_start - subject.len();
        if subject.trim().is_empty() {
            return self.named_after_verb(verb_end, hi);
        }
        if subject.split_whitespace().count() > limit {
            return None;
        }
        self.subject_of(subject_start, verb_start)
    }

    /// A credit line after a quote: `”― Pamela Padilla`, the name right after a dash.
    fn dash_credit(&self, lo: usize, hi: usize) -> Option<Found> {
        let rest = self.text[lo..hi].trim_start();
        let name = rest.strip_prefix(['―', '—', '–', '-'])?.trim_start();
        let name_start = hi - name.len();
        let mut entities = self.speaker_entities(name_start, hi);
        entities
            .next()
            .filter(|e| e.start == name_start)
            .map(entity_found)
    }

    /// An attribution in `lo..hi`, text that precedes a quote: the last speech verb there.
    fn attribution_before(&self, lo: usize, hi: usize) -> Option<Found> {
        let verb = speech_verbs(&self.text[lo..hi]).last()?;
        let (verb_start, verb_end) = (lo + verb.start(), lo + verb.end());
        if is_according(verb.as_str()) {
            return self.named_after_verb(verb_end, hi);
        }
        let subject_start = self.sentence_start(lo, verb_start);
        self.subject_of(subject_start, verb_start)
            .or_else(|| self.named_after_verb(verb_end, hi))
    }

    /// The speaker named by the words `lo..hi` right before a speech verb.
    fn subject_of(&self, lo: usize, hi: usize) -> Option<Found> {
        let hi = self.strip_auxiliaries(lo, hi);
        let words = words_in(self.text, lo, hi);
        let &(last_start, last_end) = words.last()?;
        if let Some(found) = self.pronoun(last_start, last_end) {
            return Some(found);
        }
        if let Some(found) = self.description_before(&words) {
            return Some(found);
        }
        // "Trump met Xi and said", "Trump attacked Clinton, saying": the clause's subject
        // is its first name, not the nearest.
        let verb = bare_lower(
            self.text[hi..]
                .split_whitespace()
                .next()
                .unwrap_or_default(),
        );
        let clause_subject =
            bare_lower(&self.text[last_start..last_end]) == "and" || verb.ends_with("ing");
        self.subject_entity(lo, hi, clause_subject)
            .map(entity_found)
            .or_else(|| self.unknown_name(&words, true))
    }

    /// `hi` moved back over words like "has" and "also" that sit before a verb.
    fn strip_auxiliaries(&self, lo: usize, mut hi: usize) -> usize {
        loop {
            let trimmed = self.text[lo..hi].trim_end();
            // A no-break space is two bytes: the word starts after the whole space.
            let word_start = trimmed.trim_end_matches(|c: char| !c.is_whitespace()).len();
            let word = &trimmed[word_start..];
            if word.is_empty() || !AUXILIARIES.contains(&word.to_lowercase().as_str()) {
                return lo + trimmed.len();
            }
            hi = lo + word_start;
        }
    }

    /// The entity that is the subject of a verb, among person and organisation mentions in
    /// `lo..hi`: the one nearest the verb, but the first when `first` (a verb after "and" or a
    /// participle), and the one before an aside between commas ("Ross, who met Xi, said").
    fn subject_entity(&self, lo: usize, hi: usize, first: bool) -> Option<&Entity> {
        let zone = self.text[lo..hi].trim_end();
        let mut hi = lo + zone.len();
        if let Some(inner) = zone.strip_suffix(',') {
            if let Some(comma) = inner.rfind(',') {
                hi = lo + comma;
            }
        }
        let candidates = self.speaker_entities(lo, hi);
        if first {
            return candidates.clone().next();
        }
        let mut fallback = None;
        for entity in candidates.rev() {
            let possessive = self
                .text
                .get(entity.end..)
                .is_some_and(|rest| rest.starts_with(['\'', '’']));
            if possessive && entity.kind == EntityKind::Person {
                fallback = fallback.or(Some(entity));
                continue;
            }
            return Some(entity);
        }
        fallback.filter(|e| e.kind == EntityKind::Org)
    }

    /// Person and organisation mentions inside `lo..hi` that are not inside a quote.
    fn speaker_entities(
        &self,
        lo: usize,
        hi: usize,
    ) -> impl DoubleEndedIterator<Item = &Entity> + Clone {
        let first = self.entities.partition_point(|e| e.start < lo);
        let last = self.entities.partition_point(|e| e.start < hi);
        self.entities[first..last.max(first)]
            .iter()
            .filter(move |e| {
                e.end <= hi && self.located(e) && is_speaker_kind(e.kind) && !self.in_quote(e.start)
            })
    }

    /// Whether a mention's offsets can be sliced. Offsets come from another extractor: a bad
    /// one is skipped, not sliced.
    fn located(&self, e: &Entity) -> bool {
        e.start <= e.end
            && e.end <= self.text.len()
            && self.text.is_char_boundary(e.start)
            && self.text.is_char_boundary(e.end)
    }

    /// A description ending at the verb, read backwards from it: "a Microsoft spokesperson",
    /// "a spokeswoman for Microsoft", "the Chinese company".
    fn description_before(&self, words: &[(usize, usize)]) -> Option<Found> {
        let mut determiner = None;
        let tail = &words[words.len().saturating_sub(MAX_DESCRIPTION_WORDS)..];
        for (n, &(start, end)) in tail.iter().enumerate().rev() {
            let word = &self.text[start..end];
            let is_last = n + 1 == tail.len();
            if !is_last && word.ends_with([',', ';', ':', ')', '(', '"', '”', '“']) {
                break;
            }
            let lower = bare_lower(word);
            if DESCRIPTION_STOPS.contains(&lower.as_str()) {
                break;
            }
            if is_determiner(&lower) {
                determiner = Some(n);
            }
        }
        let np = &tail[determiner?..];
        self.description(np)
    }

    /// The speaker named by a description `np` (words starting with a determiner).
    fn description(&self, np: &[(usize, usize)]) -> Option<Found> {
        let (&(start, _), &(_, end)) = (np.first()?, np.last()?);
        let end = start
            + self.text[start..end]
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .len();
        // Only a description with a common noun: "The New York Times" is a name.
        let has_noun = np[1..].iter().any(|&(s, e)| {
            is_lowercase_word(&self.text[s..e]) && !is_function_word(&self.text[s..e])
        });
        if !has_noun {
            return None;
        }
        let inside: Vec<&Entity> = self.speaker_entities(start, end).collect();
        if let Some(last) = inside.last() {
            // "the commerce secretary Wilbur Ross": a title before a name is the name.
            let before = self
                .text
                .get(start..last.start)
                .unwrap_or_default()
                .split_whitespace()
                .next_back();
            let linked =
                before.is_some_and(|w| LINKING_PREPOSITIONS.contains(&bare_lower(w).as_str()));
            if last.end == end && !linked {
                return Some(entity_found(last));
            }
        }
        let speaker = match inside.iter().rev().find(|e| e.kind == EntityKind::Org) {
            Some(org) => Some(org.name.clone()),
            None if inside.is_empty() => self.definite_org(np).or_else(|| self.definite_person(np)),
            // "a Clinton aide" names a person who is not the speaker.
            None => None,
        };
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// For "the company" and the like, the most recent organisation before it.
    fn definite_org(&self, np: &[(usize, usize)]) -> Option<String> {
        let &(det_start, det_end) = np.first()?;
        let &(head_start, head_end) = np.last()?;
        let definite = bare_lower(&self.text[det_start..det_end]) == "the";
        let head = bare_lower(&self.text[head_start..head_end]);
        if definite && ORG_NOUNS.contains(&head.as_str()) {
            self.most_recent(det_start, &[EntityKind::Org])
        } else {
            None
        }
    }

    /// The person a definite description names, where the text named them before:
    /// - "the defender", "the England coach": the last person the text gave that role, right
    ///   before the name ("coach Andy Robinson") or in an aside after it ("Noel Dempsey, the
    ///   communications minister"); the last subject would often be someone else ("Mr
    ///   Finegold replies" before "the mayor");
    /// - "the 36-year-old", "the 25-year-old striker": the person last named as the subject of
    ///   a sentence (its first person, a few words from its start: "Minar, ranked 158th, …",
    ///   "Former Chelsea captain Desailly says …"), else the person named most often before it.
    ///   The person named last is as often someone the subject met or beat.
    ///
    /// A unique office ("the prime minister") is left alone: it names whoever holds it.
    fn definite_person(&self, np: &[(usize, usize)]) -> Option<String> {
        let &(det_start, det_end) = np.first()?;
        let &(head_start, head_end) = np.last()?;
        if bare_lower(&self.text[det_start..det_end]) != "the" {
            return None;
        }
        let words: Vec<String> = np[1..]
            .iter()
            .map(|&(s, e)| bare_lower(&self.text[s..e]))
            .collect();
        let aged = np[1..].iter().any(|&(s, e)| is_age(&self.text[s..e]));
        let head = bare_lower(&self.text[head_start..head_end]);
        let role = PERSON_ROLES.contains(&head.as_str())
            && !words.iter().any(|w| OFFICE_WORDS.contains(&w.as_str()));
        if !aged && !role {
            return None;
        }
        if role {
            if let Some(named) = self.last_given_role(&head, det_start) {
                return Some(named);
            }
            if !aged {
                return None;
            }
        }
        if let Some(subject) = self
            .people_before(det_start)
            .find(|person| self.is_subject(person))
        {
            return Some(subject.name.clone());
        }
        // Nearest first, so the last of equals that `max_by_key` keeps is the first named.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for person in self.people_before(det_start) {
            match counts.iter_mut().find(|(name, _)| *name == person.name) {
                Some((_, count)) => *count += 1,
                None => counts.push((&person.name, 1)),
            }
        }
        counts
            .iter()
            .max_by_key(|(_, count)| *count)
            .map(|(name, _)| name.to_string())
    }

    /// Whether a person's mention is the subject of its sentence: its first person, a few words
    /// from its start ("Minar, ranked 158th, …", "Former Chelsea captain Desailly says …"),
    /// with no pronoun or object cue before it ("She will now meet Venus Williams", "lost to
    /// Hewitt").
    fn is_subject(&self, person: &Entity) -> bool {
        let lo = self.floor_boundary(person.start.saturating_sub(MAX_CONTEXT));
        let start = self.sentence_start(lo, person.start);
        let first = self.entities[..self.entities.partition_point(|e| e.start < person.start)]
            .iter()
            .rev()
            .take_while(|e| e.start >= start)
            .all(|e| e.kind != EntityKind::Person);
        let lead: Vec<String> = self.text[start..person.start]
            .split_whitespace()
            .map(bare_lower)
            .collect();
        let object = lead
            .iter()
            .any(|w| PRONOUNS.contains(&w.as_str()) || OBJECT_CUES.contains(&w.as_str()));
        first && lead.len() <= MAX_SUBJECT_LEAD_WORDS && !object
    }

    /// The last person before `pos` given the role `head` next to their name: "coach Andy
    /// Robinson", "Noel Dempsey, the communications minister".
    fn last_given_role(&self, head: &str, pos: usize) -> Option<String> {
        let is_head = |w: &&str| bare_lower(w) == head;
        self.people_before(pos)
            .find(|e| {
                // "Noel Dempsey, the communications minister, said": the name just before.
                if self.text[e.end..pos].trim() == "," {
                    return true;
                }
                let lo = self.floor_boundary(e.start.saturating_sub(40));
                let mut title = self.text[lo..e.start].split_whitespace().rev();
                // "deputy mayor Nicky Gavron" is not "the mayor".
                let titled = title.next().is_some_and(|w| is_head(&w))
                    && !title
                        .next()
                        .is_some_and(|w| RANK_WORDS.contains(&bare_lower(w).as_str()));
                let hi = self.floor_boundary((e.end + 80).min(pos));
                let aside = self.text[e.end..hi]
                    .strip_prefix(',')
                    .and_then(|rest| rest.split([',', '.', ';', '"']).next())
                    .is_some_and(|aside| {
                        let words: Vec<&str> = aside.split_whitespace().collect();
                        words.len() <= MAX_DESCRIPTION_WORDS
                            && words.first().is_some_and(|w| is_determiner(&bare_lower(w)))
                            && words.iter().any(is_head)
                    });
                titled || aside
            })
            .map(|e| e.name.clone())
    }

    /// The speaker named right after a speech verb or "according to", up to the clause's end:
    /// "said Ross, the commerce secretary", "said a Microsoft spokesperson", "said he".
    fn named_after_verb(&self, lo: usize, hi: usize) -> Option<Found> {
        let clause_end = self.text[lo..hi]
            .find([',', ';', ':', '(', ')', '"', '“', '”', '—'])
            .map_or(hi, |p| lo + p);
        let clause_end = self.sentence_end(lo, clause_end);
        let mut words = words_in(self.text, lo, clause_end);
        words.truncate(MAX_DESCRIPTION_WORDS);
        // "said the company in a statement": the description ends where an adverbial begins.
        if let Some(stop) = words
            .iter()
            .skip(1)
            .position(|&(s, e)| DESCRIPTION_STOPS.contains(&bare_lower(&self.text[s..e]).as_str()))
        {
            words.truncate(stop + 1);
        }
        let &(first_start, first_end) = words.first()?;
        if let Some(found) = self.pronoun(first_start, first_end) {
            return Some(found);
        }
        let first = bare_lower(&self.text[first_start..first_end]);
        if is_determiner(&first) {
            if let Some(found) = self.description(&words) {
                return Some(found);
            }
        }
        let &(_, last_end) = words.last()?;
        let mut entities = self.speaker_entities(first_start, last_end);
        entities
            .next()
            .map(entity_found)
            .or_else(|| self.unknown_name(&words, false))
    }

    /// A name the entity extractor missed, right next to a speech verb ("Vitter demanded",
    /// "said Mr. Hester"): the run of capitalised words at the end of `words` when `at_end`,
    /// else at its start. Its speaker is a known person with the same last name, else
    /// the words themselves.
    fn unknown_name(&self, words: &[(usize, usize)], at_end: bool) -> Option<Found> {
        let is_name_word = |&(s, e): &(usize, usize)| {
            let word = self.text[s..e].trim_end_matches([',', '.']);
            let lower = bare_lower(word);
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && !is_determiner(&lower)
                && !NOT_NAMES.contains(&lower.as_str())
        };
        let run: Vec<(usize, usize)> = if at_end {
            let n = words.iter().rev().take_while(|w| is_name_word(w)).count();
            words[words.len() - n..].to_vec()
        } else {
            words
                .iter()
                .take_while(|w| is_name_word(w))
                .copied()
                .collect()
        };
        let run = &run[..run.len().min(MAX_NAME_WORDS)];
        let (&(start, _), &(_, end)) = (run.first()?, run.last()?);
        let end = start
            + self.text[start..end]
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .len();
        let surface = &self.text[start..end];
        let last = surface.split_whitespace().next_back().unwrap_or_default();
        // Entities are in text order: those before the name are a prefix.
        let before = self.entities.partition_point(|e| e.start < start);
        let known = self.entities[..before]
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .rev()
            .take(MAX_ANTECEDENT_LOOKBACK)
            .find(|e| e.name.split_whitespace().next_back() == Some(last))
            .map(|e| e.name.clone());
        let bare: Vec<&str> = surface
            .split_whitespace()
            .filter(|w| !HONORIFIC_WORDS.contains(&bare_lower(w).as_str()))
            .collect();
        let speaker = known.or_else(|| (!bare.is_empty()).then(|| bare.join(" ")));
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// A pronoun standing for a speaker, resolved to the most recent fitting entity.
    fn pronoun(&self, start: usize, end: usize) -> Option<Found> {
        let kinds: &[EntityKind] = match bare_lower(&self.text[start..end]).as_str() {
            "he" => return Some(self.gendered(start, end, Gender::Male)),
            "she" => return Some(self.gendered(start, end, Gender::Female)),
            "they" => &[EntityKind::Org, EntityKind::Person],
            "it" => &[EntityKind::Org],
            _ => return None,
        };
        let speaker = kinds
            .iter()
            .find_map(|&kind| self.most_recent(start, &[kind]));
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// "he" or "she" at `start..end`: the most recent person not known to be of the other
    /// gender.
    fn gendered(&self, start: usize, end: usize, gender: Gender) -> Found {
        let speaker = self
            .antecedents(start)
            .filter(|e| e.kind == EntityKind::Person)
            .find(|e| {
                let known = self.genders.get(e.name.as_str()).copied().flatten();
                known.is_none_or(|known| known == gender)
            })
            .map(|e| e.name.clone());
        Found {
            speaker,
            start,
            end,
        }
    }

    /// The mentions that may be an antecedent of words at `pos`: those ending before it and
    /// outside quotes, nearest first, as far back as [`MAX_ANTECEDENT_LOOKBACK`] mentions.
    fn antecedents(&self, pos: usize) -> impl Iterator<Item = &Entity> + '_ {
        let before = self.entities.partition_point(|e| e.start < pos);
        self.entities[..before]
            .iter()
            .rev()
            .take(MAX_ANTECEDENT_LOOKBACK)
            .filter(move |e| e.end <= pos && !self.in_quote(e.start))
    }

    /// The people among [`Resolver::antecedents`] whose offsets can be sliced, for the rules
    /// that read the words around them.
    fn people_before(&self, pos: usize) -> impl Iterator<Item = &Entity> + '_ {
        self.antecedents(pos)
            .filter(|e| e.kind == EntityKind::Person && self.located(e))
    }

    /// The canonical name of the last entity of one of `kinds` before `pos`, outside quotes.
    fn most_recent(&self, pos: usize, kinds: &[EntityKind]) -> Option<String> {
        self.antecedents(pos)
            .find(|e| kinds.contains(&e.kind))
            .map(|e| e.name.clone())
    }

    /// Whether byte `pos` lies inside one of the quotes.
    fn in_quote(&self, pos: usize) -> bool {
        let after = self.quotes.partition_point(|q| q.start <= pos);
        after
            .checked_sub(1)
            .is_some_and(|i| pos < self.quotes[i].end)
    }

    /// Gives every part of a multi-paragraph quote the attribution found for any part.
    /// The part before comes first: in a transcript each part keeps the last speaker named.
    fn share_within_chains(&self, found: &mut [Option<Found>]) {
        let quotes = self.quotes;
        // Parts of one chain sit in consecutive paragraphs, so the search stops one back.
        let near = |i: usize, j: usize| quotes[i].paragraph.abs_diff(quotes[j].paragraph) <= 1;
        for i in 0..quotes.len() {
            let Some(chain) = quotes[i].chain.filter(|_| found[i].is_none()) else {
                continue;
            };
            let previous = (0..i)
                .rev()
                .take_while(|&j| near(i, j))
                .find(|&j| quotes[j].chain == Some(chain));
            if let Some(j) = previous {
                found[i] = found[j].clone();
            }
        }
        for i in (0..quotes.len()).rev() {
            let Some(chain) = quotes[i].chain.filter(|_| found[i].is_none()) else {
                continue;
            };
            let next = (i + 1..quotes.len())
                .take_while(|&j| near(i, j))
                .find(|&j| quotes[j].chain == Some(chain));
            if let Some(j) = next {
                found[i] = found[j].clone();
            }
        }
    }

    /// Gives a quote with no attribution that of the nearest quote of its paragraph, the
    /// previous one first ("…," he said. "…"). Quotes are in text order, so one pass each way
    /// finds every quote's nearest attributed neighbours in its paragraph.
    fn share_within_paragraphs(&self, found: &mut [Option<Found>]) {
        let quotes = &self.quotes;
        let own: Vec<bool> = found.iter().map(Option::is_some).collect();
        let same_paragraph = |i: usize, j: usize| quotes[i].paragraph == quotes[j].paragraph;
        let mut previous = vec![None; quotes.len()];
        let mut last = None;
        for i in 0..quotes.len() {
            last = last.filter(|&j| same_paragraph(i, j));
            previous[i] = last;
            if own[i] {
                last = Some(i);
            }
        }
        let mut next = None;
        for i in (0..quotes.len()).rev() {
            next = next.filter(|&j| same_paragraph(i, j));
            if !own[i] {
                if let Some(j) = previous[i].or(next) {
                    found[i] = found[j].clone();
                }
            } else {
                next = Some(i);
            }
        }
    }

    /// Gives the quotes of a quote-only paragraph the speaker of the quote just before it,
    /// when that speaker is known: a statement continued over paragraphs.
    fn continue_statements(&self, found: &mut [Option<Found>]) {
        // Whether the paragraph last asked about is quote-only: each is asked about once.
        let mut quote_only: Option<(usize, bool)> = None;
        for i in 1..self.quotes.len() {
            let paragraph = self.quotes[i].paragraph;
            let previous = &self.quotes[i - 1];
            if found[i].is_some() || paragraph == 0 || previous.paragraph + 1 < paragraph {
                continue;
            }
            let known = found[i - 1]
                .as_ref()
                .filter(|f| f.speaker.is_some())
                .cloned();
            if known.is_none() {
                continue;
            }
            let only = match quote_only {
                Some((p, only)) if p == paragraph => only,
                _ => self.is_quote_only(paragraph),
            };
            quote_only = Some((paragraph, only));
            if only {
                found[i] = known;
            }
        }
    }

    /// Whether a paragraph holds nothing but quotes and punctuation.
    fn is_quote_only(&self, paragraph: usize) -> bool {
        let (start, end) = self.paragraphs[paragraph];
        let first = self.quotes.partition_point(|q| q.paragraph < paragraph);
        let mut pos = start;
        for span in self.quotes[first..]
            .iter()
            .take_while(|q| q.paragraph == paragraph)
        {
            if has_word(&self.text[pos..span.open]) {
                return false;
            }
            pos = span.close_end;
        }
        !has_word(&self.text[pos.min(end)..end])
    }
}

/// "WALLACE" as "Wallace".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// A person's gender, as far as pronouns go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender of each person named in `entities`, from the first name or a title before a
/// mention ("Mrs.", "congresswoman"); `None` where the clues disagree.
fn genders<'a>(text: &str, entities: &'a [Entity]) -> HashMap<&'a str, Option<Gender>> {
    let mut out: HashMap<&str, Option<Gender>> = HashMap::new();
    for entity in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        // The first given name in the canonical name ("Republican Donald Trump").
        let words: Vec<&str> = entity.name.split_whitespace().collect();
        let given = &words[..words.len().saturating_sub(1).max(1)];
        let by_name = given.iter().find_map(|w| {
            if FEMALE_NAMES.contains(w) {
                Some(Gender::Female)
            } else if MALE_NAMES.contains(w) {
                Some(Gender::Male)
            } else {
                None
            }
        });
        let before = floor_str(text, entity.start.saturating_sub(24), entity.start)
            .unwrap_or_default()
            .split_whitespace()
            .next_back()
            .map(bare_lower)
            .unwrap_or_default();
        let by_title = if FEMALE_CUES.contains(&before.as_str()) {
            Some(Gender::Female)
        } else if MALE_CUES.contains(&before.as_str()) {
            Some(Gender::Male)
        } else {
            None
        };
        for clue in [by_name, by_title].into_iter().flatten() {
            let slot = out.entry(entity.name.as_str()).or_insert(Some(clue));
            if *slot != Some(clue) {
                *slot = None;
            }
        }
    }
    out
}

/// Whether `s` has a letter or digit.
fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Whether a verb match is "according to", which names its speaker after it.
fn is_according(verb: &str) -> bool {
    verb.eq_ignore_ascii_case("according to")
}

/// Whether a lower-cased word opens a description ("a", "the", "one", "another").
fn is_determiner(lower: &str) -> bool {
    DETERMINERS.contains(&lower)
}

/// Whether an entity of this kind can speak.
fn is_speaker_kind(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Org)
}

/// Determiners and prepositions, which do not make a phrase a description.
fn is_function_word(word: &str) -> bool {
    let lower = bare_lower(word);
    matches!(lower.as_str(), "a" | "an" | "the") || LINKING_PREPOSITIONS.contains(&lower.as_str())
}

/// The attribution of an entity mention: its canonical name, located at the mention.
fn entity_found(entity: &Entity) -> Found {
    Found {
        speaker: Some(entity.name.clone()),
        start: entity.start,
        end: entity.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// (quoted text, speaker, speaker mention) for every quote found.
    fn run(
        text: &str,
        list: &[(&str, &str, EntityKind)],
    ) -> Vec<(String, Option<String>, Option<String>)> {
        let entities = entities(text, list);
        find_quotes(text, TextField::Body, &entities)
            .into_iter()
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
}
