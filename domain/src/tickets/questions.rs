//! Registration questions: what an event asks each attendee when they get a ticket (for all
//! tickets or one type's), and the consents it asks for.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Validation};
use crate::{QuestionId, TicketTypeId, text};

use super::types::whole_number;

/// The most options a choice question offers.
pub const MAX_OPTIONS: usize = 30;

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One line of text.
    Text,
    /// A few paragraphs.
    LongText,
    /// One of the options.
    SingleChoice,
    /// Any of the options.
    MultipleChoice,
    /// Ticked or not ("I accept the code of conduct").
    Checkbox,
    /// A consent, never required: it must be freely given.
    Consent,
    /// The consent to share the attendee's contact details with the exhibitors they let scan
    /// their badge: lead retrieval reads it.
    ExhibitorConsent,
}

impl QuestionKind {
    /// Every kind, in the order the organizer's form offers them.
    pub const ALL: [Self; 7] = [
        Self::Text,
        Self::LongText,
        Self::SingleChoice,
        Self::MultipleChoice,
        Self::Checkbox,
        Self::Consent,
        Self::ExhibitorConsent,
    ];

    /// The value stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::LongText => "long_text",
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::Checkbox => "checkbox",
            Self::Consent => "consent",
            Self::ExhibitorConsent => "exhibitor_consent",
        }
    }

    /// Reads a stored or submitted value.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What the organizer's form calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "Text (one line)",
            Self::LongText => "Long text",
            Self::SingleChoice => "One of several options",
            Self::MultipleChoice => "Any of several options",
            Self::Checkbox => "A box to tick",
            Self::Consent => "A consent (never required)",
            Self::ExhibitorConsent => "Consent to share contact details with exhibitors",
        }
    }

    /// Whether it is answered by choosing among options.
    pub fn has_options(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultipleChoice)
    }

    /// Whether it is a box ticked or not.
    pub fn is_tick(self) -> bool {
        matches!(
            self,
            Self::Checkbox | Self::Consent | Self::ExhibitorConsent
        )
    }

    /// Whether it is a consent, which no form may require.
    pub fn is_consent(self) -> bool {
        matches!(self, Self::Consent | Self::ExhibitorConsent)
    }
}

/// A question as the order form asks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Its key.
    pub id: QuestionId,
    /// What is asked ("Dietary needs"), or the consent's statement.
    pub label: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The options of a choice, in order; empty otherwise.
    pub options: Vec<String>,
    /// Whether a ticket needs an answer.
    pub required: bool,
    /// Asked only for tickets of this type; none: for every ticket.
    pub ticket_type: Option<TicketTypeId>,
}

impl Question {
    /// Whether it is asked for a ticket of `ticket_type`.
    pub fn asked_for(&self, ticket_type: TicketTypeId) -> bool {
        self.ticket_type.is_none_or(|t| t == ticket_type)
    }
}

/// The question form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionForm {
    /// What is asked.
    #[serde(default)]
    pub label: String,
    /// A [`QuestionKind`] value.
    #[serde(default)]
    pub kind: String,
    /// The options, one per line.
    #[serde(default)]
    pub options: String,
    /// `yes` when an answer is required.
    #[serde(default)]
    pub required: String,
    /// A ticket type's id; blank for every ticket.
    #[serde(default)]
    pub ticket_type: String,
    /// Where it is asked, smallest first; blank for 0.
    #[serde(default)]
    pub position: String,
}

/// A question form's values, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionValues {
    /// What is asked.
    pub label: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The options of a choice, distinct, in order.
    pub options: Vec<String>,
    /// Whether an answer is required (never for a consent).
    pub required: bool,
    /// The ticket type it is asked for; whether it is the event's is the services' to check.
    pub ticket_type: Option<TicketTypeId>,
    /// Listing order.
    pub position: i64,
}

impl QuestionForm {
    /// The form's fields with what was typed, for an error to keep.
    pub fn kept(&self) -> [(&'static str, &str); 6] {
        [
            ("label", &self.label),
            ("kind", &self.kind),
            ("options", &self.options),
            ("required", &self.required),
            ("ticket_type", &self.ticket_type),
            ("position", &self.position),
        ]
    }

    /// Checks every field; the values, or the messages in `v`.
    pub fn values(&self, v: &mut Validation) -> Option<QuestionValues> {
        let label = v.check("label", text::required(&self.label, 300, false));
        let kind = v.check(
            "kind",
            QuestionKind::parse(self.kind.trim()).ok_or_else(|| "choose how it is answered".into()),
        );
        let options = v.check("options", options(&self.options, kind));
        let required = self.required == "yes";
        if required && kind.is_some_and(QuestionKind::is_consent) {
            v.check::<()>(
                "required",
                Err("a consent must be freely given: it cannot be required".into()),
            );
        }
        let ticket_type = v.check(
            "ticket_type",
            match self.ticket_type.trim() {
                "" => Ok(None),
                raw => raw
                    .parse()
                    .map(|id| Some(TicketTypeId(id)))
                    .map_err(|_| "choose a ticket type of this event".into()),
            },
        );
        let position = v.check("position", whole_number(&self.position, 0, 10_000));
        if !v.is_empty() {
            return None;
        }
        Some(QuestionValues {
            label: label?,
            kind: kind?,
            options: options?,
            required,
            ticket_type: ticket_type?,
            position: position?.unwrap_or(0),
        })
    }

    /// Refuses the form with the messages of `v`, keeping what was typed.
    pub fn refused(&self, v: Validation) -> AppError {
        v.into_error().keeping(&self.kept())
    }
}

/// The options typed one per line: at least two for a choice, none otherwise.
fn options(raw: &str, kind: Option<QuestionKind>) -> Result<Vec<String>, String> {
    let mut options: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let option = text::required(line, 100, false)?;
        if options.iter().any(|o| o.eq_ignore_ascii_case(&option)) {
            return Err(format!("“{option}” is listed twice"));
        }
        options.push(option);
    }
    match kind {
        Some(kind) if kind.has_options() && options.len() < 2 => {
            Err("give at least two options, one per line".into())
        }
        Some(kind) if kind.has_options() && options.len() > MAX_OPTIONS => {
            Err(format!("give at most {MAX_OPTIONS} options"))
        }
        Some(kind) if !kind.has_options() && !options.is_empty() => {
            Err("only a choice has options: leave this blank".into())
        }
        _ => Ok(options),
    }
}

/// A question as the organizer's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    /// The question.
    pub question: Question,
    /// The ticket type it is asked for, by name; blank for all.
    pub ticket_type_name: String,
    /// How many tickets answered it.
    pub answered: i64,
    /// The form that gives it again.
    pub form: QuestionForm,
}

/// An event's questions for its organizer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventQuestions {
    /// The event's title.
    pub event_title: String,
    /// The questions, in the order they are asked.
    pub questions: Vec<QuestionSummary>,
    /// The event's ticket types, `(id, name)`, to ask a question for one of them.
    pub ticket_types: Vec<(TicketTypeId, String)>,
    /// Until when attendees may change their answers, as typed in the event's zone; blank:
    /// until the event starts.
    pub answers_until: String,
    /// The event's zone.
    pub time_zone: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, options: &str) -> QuestionForm {
        QuestionForm {
            label: "Dietary needs".into(),
            kind: kind.into(),
            options: options.into(),
            ..QuestionForm::default()
        }
    }

    #[test]
    fn a_choice_keeps_its_options_in_order() {
        let mut v = Validation::default();
        let values = form("single_choice", " Vegan\n\nVegetarian \nNone")
            .values(&mut v)
            .expect("valid");
        assert_eq!(values.options, ["Vegan", "Vegetarian", "None"]);
        assert_eq!(values.kind, QuestionKind::SingleChoice);
    }

    #[test]
    fn a_choice_needs_two_distinct_options_and_text_none() {
        for (kind, options) in [
            ("single_choice", "Vegan"),
            ("multiple_choice", "Vegan\nvegan"),
            ("text", "Vegan\nNone"),
        ] {
            let mut v = Validation::default();
            assert!(form(kind, options).values(&mut v).is_none(), "{kind}");
            assert!(v.into_error().field_message("options").is_some());
        }
    }

    #[test]
    fn a_consent_cannot_be_required_and_a_kind_must_be_known() {
        let mut v = Validation::default();
        let consent = QuestionForm {
            required: "yes".into(),
            ..form("exhibitor_consent", "")
        };
        assert!(consent.values(&mut v).is_none());
        assert!(v.into_error().field_message("required").is_some());
        let mut v = Validation::default();
        assert!(form("essay", "").values(&mut v).is_none());
        assert!(v.into_error().field_message("kind").is_some());
    }

    #[test]
    fn kinds_round_trip_and_a_question_for_one_type_is_asked_for_it_only() {
        for kind in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(kind.as_str()), Some(kind));
        }
        let question = Question {
            id: QuestionId(1),
            label: "T-shirt size".into(),
            kind: QuestionKind::Text,
            options: vec![],
            required: true,
            ticket_type: Some(TicketTypeId(7)),
        };
        assert!(question.asked_for(TicketTypeId(7)));
        assert!(!question.asked_for(TicketTypeId(8)));
    }
}
