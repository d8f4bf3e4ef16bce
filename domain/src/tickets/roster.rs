//! The organizer's list of an event's attendees: one line per ticket, searched by name,
//! address, order reference or ticket code, and filtered by ticket type, state, entry and an
//! answer. The CSV download takes the same filter, so it holds what the page shows.

use serde::{Deserialize, Serialize};

use super::TicketState;
use super::answers::TICKED;
use super::questions::Question;
use crate::error::AppError;
use crate::{QuestionId, TicketTypeId};

/// The filter as the page's form sends it: every field a query parameter, blank for "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterFilter {
    /// Part of a name, an address, an order reference or a ticket code.
    #[serde(default)]
    pub q: String,
    /// A ticket type's id.
    #[serde(default, rename = "type")]
    pub ticket_type: String,
    /// `valid`, `unpaid` or `void`.
    #[serde(default)]
    pub state: String,
    /// `yes` (inside or once entered) or `no`.
    #[serde(default)]
    pub entered: String,
    /// An answer given, as [`AnswerFilter::param`] writes it.
    #[serde(default)]
    pub answer: String,
}

/// An answer attendees gave: an option chosen, or a box ticked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerFilter {
    /// The question.
    pub question: QuestionId,
    /// The stored value: the option's text, or [`TICKED`].
    pub value: String,
}

impl AnswerFilter {
    /// The filters a question offers: one per option of a choice, one for a ticked box; none
    /// for free text. Each with the label the select shows.
    pub fn offered(question: &Question) -> Vec<(Self, String)> {
        let values: Vec<(String, String)> = if question.kind.is_tick() {
            vec![(TICKED.to_owned(), "Yes".to_owned())]
        } else {
            let options = question.options.iter();
            options.map(|o| (o.clone(), o.clone())).collect()
        };
        values
            .into_iter()
            .map(|(value, shown)| {
                let label = format!("{}: {shown}", question.label);
                let filter = Self {
                    question: question.id,
                    value,
                };
                (filter, label)
            })
            .collect()
    }

    /// The query parameter: the question's id, a colon and the value.
    pub fn param(&self) -> String {
        format!("{}:{}", self.question.0, self.value)
    }

    /// Reads [`Self::param`]'s form.
    fn parse(raw: &str) -> Option<Self> {
        let (id, value) = raw.split_once(':')?;
        Some(Self {
            question: QuestionId(id.parse().ok()?),
            value: value.to_owned(),
        })
    }
}

/// [`RosterFilter`] read: what the query looks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterQuery {
    /// Trimmed; empty for everyone.
    pub search: String,
    /// One type's tickets.
    pub ticket_type: Option<TicketTypeId>,
    /// Tickets in this state.
    pub state: Option<TicketState>,
    /// Tickets used at the entrance (true) or never (false).
    pub entered: Option<bool>,
    /// Tickets whose attendee gave this answer.
    pub answer: Option<AnswerFilter>,
}

impl RosterFilter {
    /// The query, or the fields that do not read, each with its message.
    pub fn read(&self) -> Result<RosterQuery, AppError> {
        let refused = |field: &str, message: &str| Err(AppError::invalid(field, message));
        let ticket_type = match self.ticket_type.trim() {
            "" => None,
            raw => match raw.parse() {
                Ok(id) => Some(TicketTypeId(id)),
                Err(_) => return refused("type", "choose a ticket type from the list"),
            },
        };
        let state = match self.state.trim() {
            "" => None,
            "valid" => Some(TicketState::Valid),
            "unpaid" => Some(TicketState::Unpaid),
            "void" => Some(TicketState::Void),
            _ => return refused("state", "choose a state from the list"),
        };
        let entered = match self.entered.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => return refused("entered", "choose an entry from the list"),
        };
        let answer = match self.answer.as_str() {
            "" => None,
            raw => match AnswerFilter::parse(raw) {
                Some(answer) => Some(answer),
                None => return refused("answer", "choose an answer from the list"),
            },
        };
        Ok(RosterQuery {
            search: self.q.trim().to_owned(),
            ticket_type,
            state,
            entered,
            answer,
        })
    }

    /// The filter as a query string (without `?`), with the keyset position `before` when
    /// given: for the next page's link and the CSV download.
    pub fn query_string(&self, before: Option<i64>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        let pairs = [
            ("q", &self.q),
            ("type", &self.ticket_type),
            ("state", &self.state),
            ("entered", &self.entered),
            ("answer", &self.answer),
        ];
        for (key, value) in pairs {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        if let Some(before) = before {
            query.append_pair("before", &before.to_string());
        }
        query.finish()
    }
}

/// The states the filter offers, with their labels.
pub const STATES: [(&str, &str); 3] = [
    ("valid", "Valid"),
    ("unpaid", "Waiting for payment"),
    ("void", "Cancelled or expired"),
];

impl TicketState {
    /// The state in words, for the organizer.
    pub fn label(self) -> &'static str {
        match self {
            Self::Valid => "Valid",
            Self::Unpaid => "Waiting for payment",
            Self::Void => "Cancelled or expired",
        }
    }
}

/// One attendee (a ticket) in the organizer's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeLine {
    /// The attendee's name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// The ticket type's name.
    pub ticket_type: String,
    /// The order's reference.
    pub order_code: String,
    /// Whether the ticket lets them in.
    pub state: TicketState,
    /// When they last came in, in the event's zone; none while never used.
    pub entered: Option<String>,
}

/// A page of an event's attendees, newest first, with what the filter's lists offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// The event's title.
    pub event_title: String,
    /// The event's ticket types: id and name.
    pub ticket_types: Vec<(TicketTypeId, String)>,
    /// The answers one can filter by: the parameter and its label.
    pub answers: Vec<(String, String)>,
    /// The attendees of this page.
    pub attendees: Vec<AttendeeLine>,
    /// The `before` of the next page, when there is one.
    pub next: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::QuestionKind;

    fn filter(pairs: &[(&str, &str)]) -> RosterFilter {
        let mut f = RosterFilter::default();
        for (key, value) in pairs {
            let slot = match *key {
                "q" => &mut f.q,
                "type" => &mut f.ticket_type,
                "state" => &mut f.state,
                "entered" => &mut f.entered,
                _ => &mut f.answer,
            };
            *slot = (*value).to_owned();
        }
        f
    }

    #[test]
    fn a_blank_filter_asks_for_everyone() {
        assert_eq!(RosterFilter::default().read(), Ok(RosterQuery::default()));
        assert_eq!(RosterFilter::default().query_string(None), "");
    }

    #[test]
    fn every_field_reads_and_round_trips_through_the_query_string() {
        let f = filter(&[
            ("q", " ada "),
            ("type", "7"),
            ("state", "unpaid"),
            ("entered", "no"),
            ("answer", "3:Vegan: no nuts"),
        ]);
        let query = f.read().expect("a good filter");
        assert_eq!(query.search, "ada");
        assert_eq!(query.ticket_type, Some(TicketTypeId(7)));
        assert_eq!(query.state, Some(TicketState::Unpaid));
        assert_eq!(query.entered, Some(false));
        let answer = query.answer.expect("an answer");
        assert_eq!(
            (answer.question, answer.value.as_str()),
            (QuestionId(3), "Vegan: no nuts")
        );
        assert_eq!(
            f.query_string(Some(40)),
            "q=+ada+&type=7&state=unpaid&entered=no&answer=3%3AVegan%3A+no+nuts&before=40"
        );
    }

    #[test]
    fn a_value_not_offered_is_refused_on_its_field() {
        for (key, value) in [
            ("type", "x"),
            ("state", "paid"),
            ("entered", "maybe"),
            ("answer", "Vegan"),
            ("answer", "x:Vegan"),
        ] {
            let refused = filter(&[(key, value)]).read().expect_err(value);
            let AppError::Invalid { errors, .. } = refused else {
                panic!("{key}={value} must be refused as bad input");
            };
            assert_eq!(errors[0].field, key);
        }
    }

    #[test]
    fn choices_offer_their_options_and_boxes_their_tick() {
        let mut question = Question {
            id: QuestionId(4),
            label: "Diet".into(),
            kind: QuestionKind::SingleChoice,
            options: vec!["Vegan".into(), "None".into()],
            required: true,
            ticket_type: None,
        };
        let labels: Vec<(String, String)> = AnswerFilter::offered(&question)
            .into_iter()
            .map(|(f, label)| (f.param(), label))
            .collect();
        assert_eq!(
            labels,
            [
                ("4:Vegan".to_owned(), "Diet: Vegan".to_owned()),
                ("4:None".to_owned(), "Diet: None".to_owned())
            ]
        );
        question.kind = QuestionKind::Consent;
        question.options.clear();
        let offered = AnswerFilter::offered(&question);
        assert_eq!(offered[0].0.value, TICKED);
        question.kind = QuestionKind::Text;
        assert!(AnswerFilter::offered(&question).is_empty());
    }
}
