//! Segments: the rules that pick a campaign's contacts, and the builder form they are written
//! with. Rules are stored as written and evaluated only when a campaign sends.

use serde::{Deserialize, Serialize};

use crate::EventId;
use crate::contact::Tag;
use crate::error::FieldError;

/// How a segment's rules combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Combine {
    /// Contacts matching every rule.
    #[default]
    All,
    /// Contacts matching at least one rule.
    Any,
}

/// Which registrations a rule about an event counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationFilter {
    /// Holding a place.
    Joined,
    /// On the waiting list.
    Waitlisted,
    /// Cancelled their place.
    Cancelled,
    /// Registered at all, whatever happened next.
    Any,
}

impl RegistrationFilter {
    /// Every filter, in the order forms list them.
    pub const ALL: [Self; 4] = [Self::Joined, Self::Waitlisted, Self::Cancelled, Self::Any];

    /// As posted.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
            Self::Any => "any",
        }
    }

    /// For people.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Waitlisted => "is on the waiting list of",
            Self::Cancelled => "cancelled their place at",
            Self::Any => "registered for",
        }
    }
}

/// One condition on contacts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// Registered for an event, in a given state.
    Registered {
        /// The event.
        event: EventId,
        /// Which registrations count.
        status: RegistrationFilter,
    },
    /// Carries a tag.
    Tagged(Tag),
    /// Opened a campaign of the organization in the last `days` days.
    Opened {
        /// How far back.
        days: u16,
    },
    /// Clicked a link of a campaign in the last `days` days.
    Clicked {
        /// How far back.
        days: u16,
    },
    /// Became a contact between two days (inclusive, `YYYY-MM-DD`, UTC).
    AddedBetween {
        /// The first day.
        from: String,
        /// The last day.
        to: String,
    },
}

/// A segment's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRules {
    /// All or any.
    pub combine: Combine,
    /// At most [`SegmentRules::MAX`]; none matches every mailable contact.
    pub rules: Vec<Rule>,
}

/// One row of the rule builder, as posted (`rules[0][kind]=tag&rules[0][tag]=vip…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    /// `event`, `tag`, `opened`, `clicked`, `added`, or blank for an unused row.
    pub kind: String,
    /// The event's id, for `event`.
    pub event: String,
    /// A [`RegistrationFilter`], for `event`.
    pub status: String,
    /// For `tag`.
    pub tag: String,
    /// For `opened` and `clicked`.
    pub days: String,
    /// For `added`.
    pub from: String,
    /// For `added`.
    pub to: String,
}

impl SegmentRules {
    /// The most rules a segment holds (the rows of the builder).
    pub const MAX: usize = 5;

    /// Reads the builder's rows; blank rows are skipped. Each problem names its field
    /// (`rules[2][days]`).
    pub fn from_form(combine: &str, rows: &[RuleForm]) -> Result<Self, Vec<FieldError>> {
        let combine = if combine == "any" {
            Combine::Any
        } else {
            Combine::All
        };
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (i, row) in rows.iter().enumerate().take(Self::MAX) {
            let mut refuse = |field: &str, message: &str| {
                errors.push(FieldError {
                    field: format!("rules[{i}][{field}]"),
                    message: message.into(),
                })
            };
            match row.kind.as_str() {
                "" => {}
                "event" => {
                    let status = RegistrationFilter::ALL
                        .into_iter()
                        .find(|s| s.as_str() == row.status)
                        .unwrap_or(RegistrationFilter::Joined);
                    match row.event.trim().parse::<i64>() {
                        Ok(id) if id > 0 => rules.push(Rule::Registered {
                            event: EventId(id),
                            status,
                        }),
                        _ => refuse("event", "choose an event"),
                    }
                }
                "tag" => match Tag::parse(&row.tag) {
                    Ok(tag) => rules.push(Rule::Tagged(tag)),
                    Err(message) => refuse("tag", &message),
                },
                "opened" | "clicked" => match row.days.trim().parse::<u16>() {
                    Ok(days @ 1..=3650) if row.kind == "opened" => {
                        rules.push(Rule::Opened { days })
                    }
                    Ok(days @ 1..=3650) => rules.push(Rule::Clicked { days }),
                    _ => refuse("days", "enter a number of days from 1 to 3650"),
                },
                "added" => match (day(&row.from), day(&row.to)) {
                    (Some(from), Some(to)) if from <= to => {
                        rules.push(Rule::AddedBetween { from, to })
                    }
                    (Some(_), Some(_)) => refuse("to", "the last day comes after the first"),
                    (None, _) => refuse("from", "enter a day as YYYY-MM-DD"),
                    (_, None) => refuse("to", "enter a day as YYYY-MM-DD"),
                },
                _ => refuse("kind", "choose a kind of rule"),
            }
        }
        if errors.is_empty() {
            Ok(Self { combine, rules })
        } else {
            Err(errors)
        }
    }

    /// The rules as builder rows, padded with blank rows to [`SegmentRules::MAX`].
    pub fn to_form(&self) -> Vec<RuleForm> {
        let mut rows: Vec<RuleForm> = self
            .rules
            .iter()
            .map(|rule| match rule {
                Rule::Registered { event, status } => RuleForm {
                    kind: "event".into(),
                    event: event.0.to_string(),
                    status: status.as_str().into(),
                    ..RuleForm::default()
                },
                Rule::Tagged(tag) => RuleForm {
                    kind: "tag".into(),
                    tag: tag.as_str().into(),
                    ..RuleForm::default()
                },
                Rule::Opened { days } | Rule::Clicked { days } => RuleForm {
                    kind: if matches!(rule, Rule::Opened { .. }) {
                        "opened"
                    } else {
                        "clicked"
                    }
                    .into(),
                    days: days.to_string(),
                    ..RuleForm::default()
                },
                Rule::AddedBetween { from, to } => RuleForm {
                    kind: "added".into(),
                    from: from.clone(),
                    to: to.clone(),
                    ..RuleForm::default()
                },
            })
            .collect();
        rows.resize(Self::MAX, RuleForm::default());
        rows
    }

    /// The rules in words, as a campaign's page shows whom it went to: "subscribed contacts
    /// who are tagged vip and joined Acme Conf". `event` names an event by its id.
    pub fn describe(&self, event: impl Fn(EventId) -> String) -> String {
        if self.rules.is_empty() {
            return "every subscribed contact".to_owned();
        }
        let parts: Vec<String> = self
            .rules
            .iter()
            .map(|rule| match rule {
                Rule::Registered { event: id, status } => {
                    let verb = match status {
                        RegistrationFilter::Waitlisted => "are on the waiting list of",
                        other => other.label(),
                    };
                    format!("{verb} “{}”", event(*id))
                }
                Rule::Tagged(tag) => format!("are tagged {}", tag.as_str()),
                Rule::Opened { days } => format!("opened a campaign in the last {days} days"),
                Rule::Clicked { days } => {
                    format!("clicked a campaign's link in the last {days} days")
                }
                Rule::AddedBetween { from, to } => format!("were added from {from} to {to}"),
            })
            .collect();
        let joint = match self.combine {
            Combine::All => " and ",
            Combine::Any => " or ",
        };
        format!("subscribed contacts who {}", parts.join(joint))
    }
}

/// `YYYY-MM-DD` with a plausible month and day, or `None`.
fn day(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut parts = raw.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let (year, month, day) = (
        y.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?,
        d.parse::<u32>().ok()?,
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str) -> RuleForm {
        RuleForm {
            kind: kind.into(),
            ..RuleForm::default()
        }
    }

    #[test]
    fn the_builder_reads_rules_and_names_the_field_of_each_problem() {
        let rows = vec![
            RuleForm {
                event: "7".into(),
                status: "waitlisted".into(),
                ..row("event")
            },
            row(""),
            RuleForm {
                tag: "VIP".into(),
                ..row("tag")
            },
            RuleForm {
                days: "30".into(),
                ..row("clicked")
            },
            RuleForm {
                from: "2026-01-01".into(),
                to: "2026-12-31".into(),
                ..row("added")
            },
        ];
        let rules = SegmentRules::from_form("any", &rows).expect("valid rules");
        assert_eq!(rules.combine, Combine::Any);
        assert_eq!(rules.rules.len(), 4);
        assert_eq!(
            rules.rules[0],
            Rule::Registered {
                event: EventId(7),
                status: RegistrationFilter::Waitlisted
            }
        );
        assert_eq!(
            rules.describe(|id| format!("Event {id}")),
            "subscribed contacts who are on the waiting list of “Event 7” or are tagged vip or \
             clicked a campaign's link in the last 30 days or were added from 2026-01-01 to 2026-12-31"
        );
        assert_eq!(
            SegmentRules::default().describe(|_| String::new()),
            "every subscribed contact"
        );
        assert_eq!(SegmentRules::from_form("any", &rules.to_form()), Ok(rules));

        let bad = vec![
            RuleForm {
                days: "0".into(),
                ..row("opened")
            },
            RuleForm {
                from: "2026-02-01".into(),
                to: "2026-01-01".into(),
                ..row("added")
            },
            row("event"),
        ];
        let feb = vec![RuleForm {
            from: "2025-02-29".into(),
            to: "2025-03-01".into(),
            ..row("added")
        }];
        assert!(
            SegmentRules::from_form("all", &feb).is_err(),
            "no 29 February in 2025"
        );
        let errors = SegmentRules::from_form("all", &bad).expect_err("refused");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["rules[0][days]", "rules[1][to]", "rules[2][event]"]
        );
    }
}
