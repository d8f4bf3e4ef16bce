//! What a seed tells while it runs, and the lines `convene seed` prints of it: the large seed
//! takes minutes, and the time each thousand events took shows whether it keeps its pace as
//! the database fills.

use std::time::{Duration, Instant};

/// A seed's news.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeedProgress {
    /// An organization's events and program are written: `done` of the `of` events that
    /// this run writes.
    Events { done: usize, of: usize },
    /// A step after the events has begun.
    Step(SeedStep),
}

/// The steps of a seed after its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeedStep {
    Accounts,
    FeedPosts,
    SearchDocuments,
    Statistics,
}

impl SeedStep {
    fn describe(self) -> &'static str {
        match self {
            Self::Accounts => "Writing the load-test accounts…",
            Self::FeedPosts => "Writing the feed posts and their likes…",
            Self::SearchDocuments => "Building the search documents…",
            Self::Statistics => "Updating the database's statistics…",
        }
    }
}

/// How many events a progress line stands for.
const EVENTS_PER_LINE: usize = 1_000;

/// Turns a seed's news into lines for a person, each headed by the time since the start: one
/// per thousand events with the time that thousand took, the last count, and one per step.
#[derive(Debug)]
pub struct ProgressLines {
    started: Instant,
    last_line: Instant,
    thousands_told: usize,
}

impl ProgressLines {
    pub fn new(started: Instant) -> Self {
        Self {
            started,
            last_line: started,
            thousands_told: 0,
        }
    }

    /// The line to print for `news` heard at `now`, if any.
    pub fn line(&mut self, news: SeedProgress, now: Instant) -> Option<String> {
        let text = match news {
            SeedProgress::Events { done, of } => {
                let thousands = done / EVENTS_PER_LINE;
                if thousands == self.thousands_told && done != of {
                    return None;
                }
                let batch = done - self.thousands_told * EVENTS_PER_LINE;
                self.thousands_told = thousands;
                format!(
                    "Events: {done} of {of} written (the last {batch} in {}).",
                    seconds(now.saturating_duration_since(self.last_line))
                )
            }
            SeedProgress::Step(step) => step.describe().to_owned(),
        };
        self.last_line = now;
        Some(format!(
            "[{:>8}] {text}",
            seconds(now.saturating_duration_since(self.started))
        ))
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(done: usize, of: usize) -> SeedProgress {
        SeedProgress::Events { done, of }
    }

    #[test]
    fn a_line_per_thousand_events_with_the_time_that_thousand_took() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut lines = ProgressLines::new(start);
        assert_eq!(lines.line(events(990, 2_500), at(9)), None);
        assert_eq!(
            lines.line(events(1_000, 2_500), at(10)).as_deref(),
            Some("[  10.0 s] Events: 1000 of 2500 written (the last 1000 in 10.0 s).")
        );
        assert_eq!(lines.line(events(1_990, 2_500), at(19)), None);
        assert_eq!(
            lines.line(events(2_010, 2_500), at(22)).as_deref(),
            Some("[  22.0 s] Events: 2010 of 2500 written (the last 1010 in 12.0 s).")
        );
        assert_eq!(
            lines.line(events(2_500, 2_500), at(27)).as_deref(),
            Some("[  27.0 s] Events: 2500 of 2500 written (the last 500 in 5.0 s).")
        );
        assert_eq!(
            lines
                .line(SeedProgress::Step(SeedStep::Accounts), at(30))
                .as_deref(),
            Some("[  30.0 s] Writing the load-test accounts…")
        );
    }
}
