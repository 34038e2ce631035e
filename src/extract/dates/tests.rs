//! Table tests of the date extractor: every rule, resolver and tense cue, through
//! `find_dates` and the rooms' own functions.

use super::value::{Season, Value};
use super::*;
use time::macros::date;

#[test]
fn values_start_on_their_first_day() {
    let (year, month, week, quarter) = (2019, 11, 47, 3);
    let cases = [
        ("2019", Value::Year(year), Some(date!(2019 - 01 - 01))),
        (
            "2019-11",
            Value::Month { year, month },
            Some(date!(2019 - 11 - 01)),
        ),
        (
            "2019-11-20",
            Value::Day(date!(2019 - 11 - 20)),
            Some(date!(2019 - 11 - 20)),
        ),
        (
            "2019-Q3",
            Value::Quarter { year, quarter },
            Some(date!(2019 - 07 - 01)),
        ),
        (
            "2019-W47",
            Value::Week { year, week },
            Some(date!(2019 - 11 - 18)),
        ),
        (
            "2019-W47-WE",
            Value::Weekend { year, week },
            Some(date!(2019 - 11 - 18)),
        ),
        (
            "2019-SP",
            Value::Season {
                year,
                season: Season::Spring,
            },
            Some(date!(2019 - 03 - 01)),
        ),
        (
            "2019-WI",
            Value::Season {
                year,
                season: Season::Winter,
            },
            Some(date!(2019 - 12 - 01)),
        ),
        ("2019-Q5", Value::Quarter { year, quarter: 5 }, None),
        (
            "XXXX-11-20",
            Value::DayOfUnknownYear { month, day: 20 },
            None,
        ),
        ("199", Value::Decade(199), None),
        ("PAST_REF", Value::PastRef, None),
    ];
    for (text, value, expected) in cases {
        assert_eq!(value.to_string(), text);
        assert_eq!(value.first_day(), expected, "{text}");
    }
}

#[test]
fn the_latest_past_date_counts_only_what_is_told_as_past() {
    let text = "She moved to Oslo in 2015. The deal was signed in May 2019. \
                It will close in 2027. Her 2023 album is out.";
    assert_eq!(latest_past_date(text), Some(date!(2019 - 05 - 01)));
    assert_eq!(latest_past_date("It will close in 2027."), None);
}

/// The seed article's published date, a Thursday.
const SEED: Date = date!(2019 - 11 - 21);

/// Runs the extractor on a body text and returns (text, value) pairs.
fn extract(text: &str, published: Option<Date>) -> Vec<(String, String)> {
    find_dates(text, TextField::Body, published)
        .into_iter()
        .map(|m| (m.text, m.value))
        .collect()
}

/// A sentence, its published date and the (text, value) pairs expected from it.
type Case = (
    &'static str,
    Option<Date>,
    &'static [(&'static str, &'static str)],
);

#[test]
fn table() {
    let p = Some(SEED);
    let none: Option<Date> = None;
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Absolute dates.
        ("It happened on November 20, 2019.", p, &[("November 20, 2019", "2019-11-20")]),
        ("It happened on Nov. 20, 2019.", p, &[("Nov. 20, 2019", "2019-11-20")]),
        ("It happened on 20 November 2019.", none, &[("20 November 2019", "2019-11-20")]),
        ("It happened on the 20th of November.", p, &[("the 20th of November", "2019-11-20")]),
        ("Wednesday, Nov. 20, 2019 was busy.", p, &[("Wednesday, Nov. 20, 2019", "2019-11-20")]),
        ("The vote is on Nov. 21.", p, &[("Nov. 21", "2019-11-21")]),
        ("The deal closed January 5.", p, &[("January 5", "2019-01-05")]),
        ("He arrived December 28.", Some(date!(2020 - 01 - 03)), &[("December 28", "2019-12-28")]),
        ("The vote is on Nov. 21.", none, &[("Nov. 21", "XXXX-11-21")]),
        ("Filed 20/11/2019 and 11/20/2019.", none, &[("20/11/2019", "2019-11-20"), ("11/20/2019", "2019-11-20")]),
        ("Filed 05/06/2019.", none, &[("05/06/2019", "2019-06-05")]),
        ("Filed 2019-11-20.", none, &[("2019-11-20", "2019-11-20")]),
        ("Sales in November 2019 rose.", none, &[("November 2019", "2019-11")]),
        ("Sales rose in 2019.", none, &[("2019", "2019")]),
        ("2019's best seller.", none, &[("2019's", "2019")]),
        ("It has grown since 1998 and will by 2030.", none, &[("1998", "1998"), ("2030", "2030")]),
        ("Growth in mid-2019 slowed.", none, &[("mid-2019", "2019")]),
        ("Prices fell in early 2020.", none, &[("early 2020", "2020")]),
        ("Music of the 1990s and the 2000s.", none, &[("the 1990s", "199"), ("the 2000s", "200")]),
        ("Back in the '80s it was different.", none, &[("the '80s", "198")]),
        ("In the 20th century, wars.", none, &[("the 20th century", "19")]),
        ("In 1996, 1997 and 1998 it grew.", none, &[("1996", "1996"), ("1997", "1997"), ("1998", "1998")]),
        ("The 1996 election was close.", none, &[("1996", "1996")]),
        // Hyphenated "-ed" adjectives are not past-tense cues.
        ("He said it would order methanol-powered ships before the end of December.", Some(date!(2019 - 03 - 20)), &[("December", "2019-12")]),
        // Relative days.
        ("It was announced today.", p, &[("today", "2019-11-21")]),
        ("It was announced yesterday.", p, &[("yesterday", "2019-11-20")]),
        ("It will be announced tomorrow.", p, &[("tomorrow", "2019-11-22")]),
        ("It was announced today.", none, &[]),
        ("Commerce Secretary Wilbur Ross said Tuesday the rule stands.", p, &[("Tuesday", "2019-11-19")]),
        ("as reported earlier Thursday by Reuters", p, &[("Thursday", "2019-11-21")]),
        ("The board will meet on Tuesday.", p, &[("Tuesday", "2019-11-26")]),
        ("The summit is expected to start Monday.", p, &[("Monday", "2019-11-25")]),
        ("He resigned last Thursday.", p, &[("last Thursday", "2019-11-14")]),
        ("They meet next Tuesday.", p, &[("next Tuesday", "2019-11-26")]),
        ("They meet this Friday.", p, &[("this Friday", "2019-11-22")]),
        ("Officials met Monday.", p, &[("Monday", "2019-11-18")]),
        ("They will look for ways around Wednesday's ruling.", p, &[("Wednesday", "2019-11-20")]),
        ("It was signed last October.", p, &[("last October", "2018-10")]),
        ("It was approved before the case is heard in December.", p, &[("December", "2019-12")]),
        ("It was halted and is to resume trading Tuesday.", p, &[("Tuesday", "2019-11-26")]),
        ("It was signed last September.", p, &[("last September", "2019-09")]),
        ("In January, a week after Roe vs. Wade turned 46, the clinic was bombed.", p, &[("January", "2019-01")]),
        ("People were killed in blasts next to the embassies on Friday.", p, &[("Friday", "2019-11-15")]),
        ("On Friday, when she cut short the hastily planned trip, the warning was lifted.", p, &[("Friday", "2019-11-15")]),
        ("Rallies were held ahead of Saturday's vote.", p, &[("Saturday", "2019-11-23")]),
        ("Markets on Friday", p, &[("Friday", "2019-11-15")]),
        // Weeks, months, years.
        ("Shares fell earlier this week.", p, &[("earlier this week", "2019-W47")]),
        ("It rained this week.", p, &[("this week", "2019-W47")]),
        ("It rained last week and will next week.", p, &[("last week", "2019-W46"), ("next week", "2019-W48")]),
        ("Later this week they vote.", p, &[("Later this week", "2019-W47")]),
        ("Shares fell earlier this month.", p, &[("earlier this month", "2019-11")]),
        ("Sales fell last month.", p, &[("last month", "2019-10")]),
        ("Sales rise next month.", p, &[("next month", "2019-12")]),
        ("Sales rose this year, unlike last year.", p, &[("this year", "2019"), ("last year", "2018")]),
        ("Elections come next year.", p, &[("next year", "2020")]),
        ("It opened two years ago.", p, &[("two years ago", "2017")]),
        ("It opened a year ago.", p, &[("a year ago", "2018")]),
        ("It opened three months ago.", p, &[("three months ago", "2019-08")]),
        ("It opened two weeks ago.", p, &[("two weeks ago", "2019-W45")]),
        ("It opened five days ago.", p, &[("five days ago", "2019-11-16")]),
        ("It opened years ago.", p, &[("years ago", "PAST_REF")]),
        ("It did not rain over the weekend.", p, &[("the weekend", "2019-W46-WE")]),
        ("We go skiing this weekend.", p, &[("this weekend", "2019-W47-WE")]),
        // Months and seasons by tense.
        ("Huawei was blacklisted in May.", p, &[("May", "2019-05")]),
        ("The rule took effect in May and August.", p, &[("May", "2019-05"), ("August", "2019-08")]),
        ("The plant will open in March.", p, &[("March", "2020-03")]),
        ("He was elected in December.", p, &[("December", "2018-12")]),
        ("He left last May.", p, &[("last May", "2019-05")]),
        ("It opens next May.", p, &[("next May", "2020-05")]),
        ("It opens this spring.", Some(date!(2019 - 03 - 02)), &[("this spring", "2019-SP")]),
        ("It was hot last summer.", p, &[("last summer", "2019-SU")]),
        ("It closed in the summer of 2018.", p, &[("the summer of 2018", "2018-SU")]),
        ("Growth slowed in the third quarter.", p, &[("the third quarter", "2019-Q3")]),
        ("Q3 sales rose; Q4 2018 fell.", p, &[("Q3", "2019-Q3"), ("Q4 2018", "2018-Q4")]),
        ("Fourth-quarter profit rose.", Some(date!(2020 - 01 - 20)), &[("Fourth-quarter", "2019-Q4")]),
        ("Revenue for fiscal 2019 rose.", none, &[("fiscal 2019", "2019")]),
        // Holidays.
        ("He was found on Thanksgiving Day.", Some(date!(2000 - 01 - 07)), &[("Thanksgiving Day", "1999-11-25")]),
        ("Shops close before Christmas.", p, &[("Christmas", "2019-12-25")]),
        ("Christmas shopping rose.", p, &[]),
        ("Easter 2019 fell in April.", none, &[("Easter 2019", "2019-04-21")]),
        ("They met on Labor Day.", p, &[("Labor Day", "2019-09-02")]),
        // References.
        ("Prices hurt more these days.", p, &[("these days", "PRESENT_REF")]),
        ("That 1978 resolution stands; bonds due 1993 fell.", none, &[("1978", "1978"), ("1993", "1993")]),
        ("He is now retired and currently lives abroad.", p, &[("now", "PRESENT_REF"), ("currently", "PRESENT_REF")]),
        ("At present, nobody knows.", p, &[("At present", "PRESENT_REF")]),
        ("He recently said so, as in the past.", p, &[("recently", "PAST_REF"), ("the past", "PAST_REF")]),
        ("It will happen soon, in the future.", p, &[("soon", "FUTURE_REF"), ("the future", "FUTURE_REF")]),
        // Anaphora: the running reference date.
        ("Third-quarter profit rose 5% from a year ago.", Some(date!(1989 - 10 - 26)), &[("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3")]),
        ("Net rose in the third quarter; a year earlier it fell.", Some(date!(1989 - 10 - 26)), &[("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]),
        ("Net in the quarter rose from the year-earlier quarter.", Some(date!(1989 - 10 - 26)), &[("the quarter", "1989-Q3"), ("the year-earlier quarter", "1988-Q3")]),
        ("Third-quarter sales beat the year-ago $4.5 million.", Some(date!(1989 - 10 - 26)), &[("Third-quarter", "1989-Q3"), ("year-ago", "1988-Q3")]),
        ("Sales in the latest quarter rose.", Some(date!(1989 - 10 - 26)), &[("the latest quarter", "1989-Q3")]),
        ("Profit for the year-earlier third quarter fell.", Some(date!(1989 - 10 - 26)), &[("the year-earlier third quarter", "1988-Q3")]),
        ("The 1988 third quarter and this year's third quarter.", Some(date!(1989 - 10 - 26)), &[("The 1988 third quarter", "1988-Q3"), ("this year's third quarter", "1989-Q3")]),
        ("The year ended Aug. 12, up from a year earlier.", Some(date!(1989 - 10 - 26)), &[("Aug. 12", "1989-08-12"), ("a year earlier", "1988-08-12")]),
        ("Sales rose a year earlier.", p, &[("a year earlier", "2018")]),
        ("He was arrested on Nov. 4; the day before, he fled.", p, &[("Nov. 4", "2019-11-04"), ("the day before", "2019-11-03")]),
        ("The vote was on Tuesday and the results came the next day.", p, &[("Tuesday", "2019-11-19"), ("the next day", "2019-11-20")]),
        ("He came the day before the vote.", p, &[]),
        ("He arrived in June 1998 and left later that year.", p, &[("June 1998", "1998-06"), ("later that year", "1998")]),
        ("It fell in March. The following month it rose.", Some(date!(1989 - 10 - 27)), &[("March", "1989-03"), ("The following month", "1989-04")]),
        ("That year, nothing happened.", p, &[]),
        // Spelled-out years, as broadcast transcripts write them.
        ("In nineteen ninety-one he was convicted.", none, &[("nineteen ninety-one", "1991")]),
        ("January nineteen ninety-seven. Atlanta again.", none, &[("January nineteen ninety-seven", "1997-01")]),
        ("Unemployment by the year two thousand, as in the nineties.", none, &[("the year two thousand", "2000"), ("the nineties", "199")]),
        ("Some two thousand people came.", none, &[]),
        // Year ends and whole years.
        ("The deal should close by year-end.", p, &[("year-end", "2019")]),
        ("The index is up since year-end.", p, &[("year-end", "2018")]),
        ("Sales for the full year rose; the current fiscal year looks weak.", p, &[("the full year", "2019"), ("the current fiscal year", "2019")]),
        ("Tech grew in recent years, unlike over recent years.", p, &[("recent years", "PAST_REF")]),
        ("They campaign until Election Day.", Some(date!(1998 - 10 - 26)), &[("Election Day", "1998-11-03")]),
        // Yearless dates of the published year, as AP style writes them.
        ("Directors declared a dividend, payable Dec. 15 to holders of record Nov. 17.", Some(date!(1989 - 10 - 26)), &[("Dec. 15", "1989-12-15"), ("Nov. 17", "1989-11-17")]),
        ("The committee subpoenaed him to testify on Feb. 10.", Some(date!(2000 - 01 - 07)), &[("Feb. 10", "2000-02-10")]),
        ("It has extended loans through January.", Some(date!(1989 - 10 - 30)), &[("January", "1990-01")]),
        ("It would be paid on a still unspecified date in January.", Some(date!(1989 - 10 - 26)), &[("January", "1990-01")]),
        // Lists of days of one month.
        ("The summit is on April 24 and 25.", Some(date!(1999 - 02 - 10)), &[("April 24", "1999-04-24"), ("25", "1999-04-25")]),
        ("Talks ran Nov. 18-19.", p, &[("Nov. 18", "2019-11-18"), ("19", "2019-11-19")]),
        ("On April 24 and 25 people came.", Some(date!(1999 - 02 - 10)), &[("April 24", "1999-04-24")]),
        // Regression: a rejected match ("and 20") hid the date starting inside it.
        ("Between 1 and 20 November 2019 it rained.", none, &[("20 November 2019", "2019-11-20")]),
        // Tense cues.
        ("Protesters planned a demonstration on Saturday.", p, &[("Saturday", "2019-11-23")]),
        ("The group could leave as soon as Tuesday.", p, &[("Tuesday", "2019-11-26")]),
        ("Buyers planned to bid as soon as trading opened Monday.", p, &[("Monday", "2019-11-25")]),
        ("Bush told a news conference on Tuesday that the blockade might be tightened.", p, &[("Tuesday", "2019-11-19")]),
        ("The union signed a pact effective Feb. 1.", p, &[("Feb. 1", "2020-02-01")]),
        ("The final is tonight.", p, &[("tonight", "2019-11-21")]),
        ("The fund drew commitments from pension plans, Alder said in a statement on Tuesday.", p, &[("Tuesday", "2019-11-19")]),
        ("Ministers clashed on Monday before new rules take effect in December.", p, &[("Monday", "2019-11-18"), ("December", "2019-12")]),
        ("We have material to cover our needs through the third quarter.", Some(date!(2025 - 05 - 23)), &[("the third quarter", "2025-Q3")]),
        ("Profits fell in the fourth quarter.", Some(date!(2025 - 01 - 23)), &[("the fourth quarter", "2024-Q4")]),
        ("The minister has promised an end to rolling blackouts by December.", Some(date!(2025 - 05 - 16)), &[("December", "2025-12")]),
        ("Sales changed little this year through August.", Some(date!(2025 - 10 - 27)), &[("this year", "2025"), ("August", "2025-08")]),
        ("The minister said prices had been cut by March.", Some(date!(2025 - 05 - 16)), &[("March", "2025-03")]),
        ("Its sales in the fourth quarter were the best on record.", Some(date!(2025 - 01 - 23)), &[("the fourth quarter", "2024-Q4")]),
        ("The hearing is off until Tuesday.", p, &[("Tuesday", "2019-11-26")]),
        ("Until Tuesday, they had not called him a suspect.", p, &[("Tuesday", "2019-11-19")]),
        ("Clinton will speak Thursday.", p, &[("Thursday", "2019-11-21")]),
        ("Now, he says, it is over.", p, &[]),
        // The seed article.
        ("On November 20, the US Department of Commerce began issuing licenses.", p, &[("November 20", "2019-11-20")]),
        // Negatives.
        ("May I ask a question?", p, &[]),
        ("Theresa May said no.", p, &[]),
        ("He joined the March of Dimes.", p, &[]),
        ("Mark Spring scored.", p, &[]),
        ("Prices fall in winter.", p, &[("winter", "2019-WI")]),
        ("2019 people attended.", p, &[]),
        ("It costs $2019 now.", none, &[]),
        ("They met at 5 p.m.", p, &[]),
        ("It took three years.", p, &[]),
        ("It grew over the past five years.", p, &[]),
        ("The future of the company is bright.", p, &[]),
        ("Now that it is over, as soon as possible.", p, &[]),
        ("April Ryan asked.", p, &[]),
        ("Stories from USA Today.", p, &[]),
        ("It won by 2000 votes.", none, &[]),
        ("A temperature in the 90s.", none, &[("the 90s", "199")]),
        ("February 30, 2019 is no date.", none, &[]),
        // Regression: a weekday in the date fixes its year ("Monday, Oct. 26" was 1997).
        ("The Times said on Monday, Oct. 26:", Some(date!(1998 - 10 - 25)), &[("Monday, Oct. 26", "1998-10-26")]),
        // Regression: "since" places a month in the past whatever the verb.
        ("It has been on patrol since March.", Some(date!(1990 - 08 - 13)), &[("March", "1990-03")]),
    ];
    for (text, published, expected) in cases {
        let got = extract(text, *published);
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn seed_article_phrases() {
    let text = "Microsoft said it had received a license, as reported earlier Thursday by \
                Reuters. Earlier this week, the company said so. On November 20, the US \
                Department of Commerce began issuing licenses. Huawei was blacklisted in May \
                and rules followed in May and August. Commerce Secretary Wilbur Ross said \
                Tuesday that more would follow.";
    let got = extract(text, Some(SEED));
    let values: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(
        values,
        [
            "2019-11-21",
            "2019-W47",
            "2019-11-20",
            "2019-05",
            "2019-05",
            "2019-08",
            "2019-11-19"
        ],
        "{got:?}"
    );
}

#[test]
fn spans_locate_the_text() {
    let text = "Le 20 novembre — on November 20, 2019 ünd in 2019's «May» since May.";
    for m in find_dates(text, TextField::Title, Some(SEED)) {
        assert_eq!(&text[m.start..m.end], m.text);
        assert_eq!(m.field, TextField::Title);
    }
}

#[test]
fn odd_input_never_panics() {
    let samples = [
        "",
        "\u{0}\u{FFFD}\u{10FFFF}",
        "May",
        "in",
        "in 9999 and 0000",
        "Nov. 31, 2019 and February 29, 2019 and 29/02/2020",
        "ﬁscal 2019 İn 2019 K\u{212A}\u{212A}",
        "last week ago ago the the 1990s' ’90s Q5",
        "9999 years ago and 999 centuries ago",
        "on Thursday. Thursday! Thursday? Thursday\n",
        "日本語のテキスト 2019年11月20日 in 2019 であった。",
        "🙂 November 20 🙂 yesterday 🙂",
    ];
    let extremes = [None, Some(Date::MIN), Some(Date::MAX), Some(SEED)];
    for text in samples {
        for published in extremes {
            for m in find_dates(text, TextField::Body, published) {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert_eq!(&text[m.start..m.end], m.text);
            }
        }
    }
    // A long input mixing everything, cut at every char boundary.
    let long = samples.join(" said ").repeat(3);
    let mut cut = 0;
    while cut < long.len() {
        let piece = &long[..cut];
        let found = find_dates(piece, TextField::Body, Some(SEED));
        let mut last_end = 0;
        for m in found {
            assert!(m.start >= last_end, "overlap in {piece:?}");
            last_end = m.end;
        }
        cut += long[cut..].chars().next().map_or(1, char::len_utf8);
    }
}
