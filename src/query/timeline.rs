//! Timelines: how many matching articles were published per day, week, month or year, read
//! from the `published` fast column by a collector of our own. Empty buckets between the
//! first and the last are kept, so the series can be drawn as it is.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentReader};
use time::{Date, Duration, Month, OffsetDateTime};

use super::collapse::{self, Only};
use super::SearchRequest;
use crate::index::{NewsIndex, PUBLISHED};

/// The width of a timeline's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
        }
    }

    /// The bucket for `days` from the first article to the last: the narrowest of day, week
    /// and month that keeps the chart to about a screenful (32 bars at most for days, 54 for
    /// weeks, 62 for months), else years.
    fn fitting(days: i64) -> Granularity {
        match days {
            ..=31 => Granularity::Day,
            32..=366 => Granularity::Week,
            367..=1826 => Granularity::Month,
            _ => Granularity::Year,
        }
    }

    /// The first day of the bucket holding `day`.
    fn start_of(self, day: Date) -> Date {
        match self {
            Granularity::Day => day,
            Granularity::Week => {
                day - Duration::days(i64::from(day.weekday().number_days_from_monday()))
            }
            Granularity::Month => day.replace_day(1).unwrap_or(day),
            Granularity::Year => {
                Date::from_calendar_date(day.year(), Month::January, 1).unwrap_or(day)
            }
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    fn next(self, start: Date) -> Option<Date> {
        match self {
            Granularity::Day => start.next_day(),
            Granularity::Week => start.checked_add(Duration::days(7)),
            Granularity::Month => {
                let (year, month) = match start.month() {
                    Month::December => (start.year() + 1, Month::January),
                    month => (start.year(), month.next()),
                };
                Date::from_calendar_date(year, month, 1).ok()
            }
            Granularity::Year => Date::from_calendar_date(start.year() + 1, Month::January, 1).ok(),
        }
    }

    /// The bucket's label: `2019-11-21`, `2019-W47`, `2019-11`, `2019`.
    fn label(self, start: Date) -> String {
        match self {
            Granularity::Day => start.to_string(),
            Granularity::Week => {
                let (year, week, _) = start.to_iso_week_date();
                format!("{year:04}-W{week:02}")
            }
            Granularity::Month => format!("{:04}-{:02}", start.year(), start.month() as u8),
            Granularity::Year => format!("{:04}", start.year()),
        }
    }
}

/// One bar of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub start: Date,
    pub count: u64,
}

/// Matching articles over time.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub granularity: Granularity,
    pub buckets: Vec<Bucket>,
    /// Matching articles with a publication date.
    pub dated: u64,
    /// Matching articles without one.
    pub undated: u64,
    pub took_ms: f64,
}

/// Counts the articles a request matches per bucket of publication date (with `collapse`, one
/// per near-duplicate cluster); `by` fixes the bucket width, else it is chosen from the span
/// of the dates.
pub fn timeline(
    index: &NewsIndex,
    request: &SearchRequest,
    by: Option<Granularity>,
) -> anyhow::Result<Timeline> {
    let started = std::time::Instant::now();
    let query = super::build_query(index, request)?;
    let searcher = index.searcher()?;
    let (days, undated) = if request.collapse {
        let collapsed = collapse::collapse(&searcher, &index.fields, &*query, request.sort)?;
        let docs = collapsed.representatives(searcher.segment_readers().len());
        searcher.search(
            &query,
            &Only {
                inner: PublishedDays,
                docs,
            },
        )?
    } else {
        searcher.search(&query, &PublishedDays)?
    };
    let (Some(first), Some(last)) = (days.keys().next(), days.keys().next_back()) else {
        return Ok(Timeline {
            granularity: by.unwrap_or(Granularity::Day),
            buckets: Vec::new(),
            dated: 0,
            undated,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        });
    };
    let granularity = by.unwrap_or_else(|| Granularity::fitting((*last - *first).whole_days()));
    let mut buckets = Vec::new();
    let mut start = granularity.start_of(*first);
    while start <= *last {
        let next = granularity.next(start);
        let count = match next {
            Some(next) => days.range(start..next).map(|(_, n)| n).sum(),
            None => days.range(start..).map(|(_, n)| n).sum(),
        };
        buckets.push(Bucket {
            label: granularity.label(start),
            start,
            count,
        });
        let Some(next) = next else { break };
        start = next;
    }
    Ok(Timeline {
        granularity,
        buckets,
        dated: days.values().sum(),
        undated,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Collects matching articles per publication day (UTC), and how many have no date.
struct PublishedDays;

/// Per segment: the date column and the counts so far.
struct SegmentDays {
    column: Column<DateTime>,
    days: BTreeMap<Date, u64>,
    undated: u64,
}

impl Collector for PublishedDays {
    type Fruit = (BTreeMap<Date, u64>, u64);
    type Child = SegmentDays;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays {
            column: reader.fast_fields().date(PUBLISHED)?,
            days: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(BTreeMap<Date, u64>, u64)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut days = BTreeMap::new();
        let mut undated = 0;
        for (segment_days, segment_undated) in fruits {
            for (day, count) in segment_days {
                *days.entry(day).or_insert(0) += count;
            }
            undated += segment_undated;
        }
        Ok((days, undated))
    }
}

impl SegmentCollector for SegmentDays {
    type Fruit = (BTreeMap<Date, u64>, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        let day = self
            .column
            .first(doc)
            .and_then(|when| OffsetDateTime::from_unix_timestamp(when.into_timestamp_secs()).ok())
            .map(|when| when.date());
        match day {
            Some(day) => *self.days.entry(day).or_insert(0) += 1,
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn buckets_start_and_label_by_granularity() {
        let day = date!(2019 - 11 - 21);
        let cases = [
            (Granularity::Day, "2019-11-21", "2019-11-21", "2019-11-22"),
            (Granularity::Week, "2019-11-18", "2019-W47", "2019-11-25"),
            (Granularity::Month, "2019-11-01", "2019-11", "2019-12-01"),
            (Granularity::Year, "2019-01-01", "2019", "2020-01-01"),
        ];
        for (granularity, start, label, next) in cases {
            let first = granularity.start_of(day);
            assert_eq!(first.to_string(), start);
            assert_eq!(granularity.label(first), label);
            assert_eq!(granularity.next(first).unwrap().to_string(), next);
        }
        assert_eq!(
            Granularity::next(Granularity::Month, date!(2019 - 12 - 01))
                .unwrap()
                .to_string(),
            "2020-01-01"
        );
        // The widest span of each width, and one day more.
        let cases = [
            (31, Granularity::Day),
            (32, Granularity::Week),
            (366, Granularity::Week),
            (367, Granularity::Month),
            (1826, Granularity::Month),
            (1827, Granularity::Year),
        ];
        for (days, granularity) in cases {
            assert_eq!(Granularity::fitting(days), granularity, "{days} days");
        }
    }
}
