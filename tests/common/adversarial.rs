//! Article bodies written to hit the extractors' worst cases: long capitalised runs, thousands
//! of quotes, abbreviations, date words everywhere, one huge token. Shared by the reliability
//! test (each body under a memory limit) and the `adversarial` benchmark (time and peak RSS).

/// A function that writes a body of about the bytes it is given.
pub type Body = fn(usize) -> String;

/// A name for each body, and the function that writes it.
pub const CASES: &[(&str, Body)] = &[
    ("word-run", |n| repeat("Word ", n)),
    ("in-may", |n| repeat("In May ", n)),
    ("short-quotes", |n| repeat("\"a\" ", n)),
    ("us-dots", |n| repeat("U.S. ", n)),
    ("numbered-names", numbered_names),
    ("distinct-title-case", distinct_title_case),
    ("honorifics", |n| {
        repeat("Mr Dr. Mrs. St. Jan. Inc. Gov. Sen. ", n)
    }),
    ("said-quotes", |n| {
        repeat(
            "\"We will win,\" said Mr Jones, the party's leader. He said: \"Yes.\" ",
            n,
        )
    }),
    ("unbalanced-marks", |n| {
        repeat("\"( \u{201c}[ '\u{ab} \" ) \u{201d}] ' (( \"\"\" ", n)
    }),
    ("open-quote-marks", |n| repeat("\u{201c}", n / 3)),
    ("brackets", |n| repeat("(", n)),
    ("one-token", |n| repeat("A", n)),
    ("line-breaks", |n| repeat("\n\n\n\nA", n)),
    ("date-words", |n| {
        repeat(
            "Monday May 2019 last week next Tuesday 12 June the 1990s yesterday Q3 2020 Nov. 21 ",
            n,
        )
    }),
    ("acronyms", |n| {
        repeat("International Atomic Energy Agency (IAEA) ", n)
    }),
    ("hyphenated-caps", |n| repeat("Anglo-French-US-UK ", n)),
];

/// `unit` repeated up to about `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len()).max(1))
}

/// "Name1 Person1, Name2 Person2, …": tens of thousands of distinct two-word names.
fn numbered_names(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 32);
    let mut i = 0u64;
    while text.len() < bytes {
        i += 1;
        text.push_str(&format!("Name{i} Person{i}, "));
    }
    text
}

/// One capitalised run of distinct letter-only words ("Bacd Bace …"): no word repeats, so no
/// cache of words helps.
fn distinct_title_case(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 32);
    let mut i = 0u64;
    while text.len() < bytes {
        i += 1;
        let mut word = String::from("B");
        let mut n = i;
        while n > 0 {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
        text.push_str(&word);
        text.push(' ');
    }
    text
}
