//! The word lists that more than one extractor reads: speech verbs, abbreviations, determiners,
//! courtesy titles, months and weekdays. One fact, one place: two copies of a list drift apart, and the
//! extractors then disagree about what a word is.
//!
//! Decides: which words belong to each list. Leaves to the extractors: how they match a word
//! against it (case, punctuation) and what a match means to them. Lists that one extractor
//! alone reads stay with it (`lexicon` for entities, `quotes::cues`, `dates::context`).
//!
//! Lists are lowercase unless their comment says otherwise.

/// Verbs of speech, in every form news uses to attribute a quote ("said", "tells", "adding",
/// "according to" aside). Present forms that are commonly nouns ("states", "notes", "claims")
/// are left out because "the United States" is not an attribution. As written: "Said" and
/// "Says" open sentences.
#[rustfmt::skip]
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "explained",
    "explains", "warned", "warns", "stated", "wrote", "writes", "argued", "argues", "noted",
    "insisted", "insists", "replied", "responded", "continued", "declared", "announced", "claimed",
    "tweeted", "recalled", "acknowledged", "admitted", "conceded", "suggested", "stressed",
    "emphasized", "emphasised", "cautioned", "complained", "predicted", "vowed", "promised",
    "boasted", "urged", "concluded", "observed", "remarked", "joked", "quipped", "countered",
    "shouted", "yelled", "testified", "saying", "tweeting", "telling", "writing", "adding",
    "asking", "reads", "called", "described", "branded", "accused", "labeled", "labelled",
    "scolded", "condemned", "lauded", "mocked", "blasted", "slammed", "criticized", "praised",
    "touted", "chanted", "sang", "demanded", "exclaimed", "asserted", "contended", "maintained",
    "alleged", "lamented", "mused", "retorted", "reiterated", "recounted", "yells", "shouts",
    "screamed", "pleaded", "begged", "confirmed", "commented", "posted", "texted", "emailed",
    "opined", "reported", "reports", "agreed", "wondered", "likened", "exhorted", "reasoned",
    "interjected", "fumed", "scoffed", "snapped", "thundered", "assured", "proclaimed", "whispered",
    "muttered", "repeated", "calls", "calling", "noting", "arguing", "explaining", "declaring",
    "insisting", "warning", "claiming", "asserting", "suggesting", "acknowledging", "describing",
    "Said", "Says",
];

/// The speech verbs whose subject or object is a person when it is a short unknown name
/// ("Ross said", "said Ross"): all are [`SPEECH_VERBS`].
#[rustfmt::skip]
pub(crate) const SAY_VERBS: &[&str] = &[
    "said", "says", "told", "added", "explained", "argued", "insisted", "warned", "claimed",
    "admitted", "wrote", "asked", "stressed", "noted",
];

/// The speech verbs of reporting: they date the telling, not the event, unless the date sits
/// right by them ("said Tuesday"). All are [`SPEECH_VERBS`].
pub(crate) const REPORTING_VERBS: &[&str] = &["said", "told", "added", "announced", "stated"];

/// Abbreviations whose trailing period belongs to the word and ends no sentence.
#[rustfmt::skip]
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "rev", "sen", "rep", "gov", "gen", "col",
    "capt", "lt", "sgt", "adm", "pres", "supt", "inc", "corp", "ltd", "co", "bros", "no", "vs",
    "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "approx", "dept", "est", "fig", "cllr",
];

/// US state abbreviations in news style ("Springfield, Ill."), whose period ends no sentence
/// either. Several are also words ("ill", "miss", "wash"), so they count only capitalised.
#[rustfmt::skip]
pub(crate) const STATE_ABBREVIATIONS: &[&str] = &[
    "calif", "mass", "fla", "ariz", "wis", "mich", "ill", "tenn", "conn", "minn", "penn", "va",
    "pa", "ga", "ky", "md", "mo", "nev", "ind", "okla", "colo", "wash", "ore", "ala", "miss", "la",
    "del", "neb", "kan",
];

/// Courtesy titles: the capitalised run after one is a person, and a speaker's name is given
/// without them. Without a dot.
#[rustfmt::skip]
pub(crate) const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "cllr",
];

/// The articles.
pub(crate) const ARTICLES: &[&str] = &["a", "an", "the"];

/// The possessive determiners.
pub(crate) const POSSESSIVE_DETERMINERS: &[&str] = &["his", "her", "its", "their"];

/// Determiners of number and choice ("one", "another", "several").
#[rustfmt::skip]
pub(crate) const QUANTIFIERS: &[&str] = &[
    "one", "another", "some", "several", "many", "two", "three", "other",
];

/// The months, capitalised as in running text, in calendar order.
#[rustfmt::skip]
pub(crate) const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// Month abbreviations as news style writes them, capitalised: "Sept" before "Sep", so that a
/// pattern made of the list takes the longer; May has none.
#[rustfmt::skip]
pub(crate) const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// The weekdays, capitalised, Monday first.
#[rustfmt::skip]
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

/// The position in [`WEEKDAYS`] (Monday 0) of the weekday whose first three letters begin
/// `word`, in any case ("Thu", "Thurs", "THURSDAY"): the caller's pattern has already decided
/// that `word` names a day.
pub(crate) fn weekday_index(word: &str) -> Option<usize> {
    let key = word.get(..3)?;
    WEEKDAYS
        .iter()
        .position(|day| day[..3].eq_ignore_ascii_case(key))
}

/// Whether `word` is a weekday's full name, in any case.
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|day| day.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The narrower verb lists are selections of the one list of speech verbs, not lists of
    /// their own that drift away from it.
    #[test]
    fn narrower_verb_lists_are_speech_verbs() {
        for verb in SAY_VERBS.iter().chain(REPORTING_VERBS) {
            assert!(SPEECH_VERBS.contains(verb), "{verb} is not a speech verb");
        }
    }

    #[test]
    fn lists_are_lowercase_and_without_duplicates() {
        let lists = [
            ABBREVIATIONS,
            STATE_ABBREVIATIONS,
            HONORIFICS,
            ARTICLES,
            POSSESSIVE_DETERMINERS,
            QUANTIFIERS,
            SAY_VERBS,
            REPORTING_VERBS,
        ];
        for list in lists {
            for (i, word) in list.iter().enumerate() {
                assert_eq!(*word, word.to_lowercase(), "{word} is not lowercase");
                assert!(!list[..i].contains(word), "{word} is listed twice");
            }
        }
        for abbreviation in MONTH_ABBREVIATIONS {
            let lower = abbreviation.to_lowercase();
            assert!(
                ABBREVIATIONS.contains(&lower.as_str()),
                "{abbreviation} ends sentences"
            );
        }
        for word in STATE_ABBREVIATIONS {
            assert!(!ABBREVIATIONS.contains(word), "{word} is listed as both");
        }
    }
}
