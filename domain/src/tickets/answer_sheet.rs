//! A ticket's answers as its attendee sees them on the ticket's page, and changes them until
//! the event's deadline.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answers::{Answer, AnsweredQuestion, key, option_key};
use super::questions::{Question, QuestionKind};

/// The questions asked of a ticket, with its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSheet {
    /// The questions asked of its type, in order.
    pub questions: Vec<Question>,
    /// The answers as the form holds them (see [`super::answers`]), to fill it in.
    pub given: BTreeMap<String, String>,
    /// The answers as they read.
    pub shown: Vec<AnsweredQuestion>,
    /// Until when its attendee may change them, in the event's zone; none once they may not.
    pub open_until: Option<String>,
}

/// The form values that give the stored `answers` to `questions` again: the inverse of
/// [`super::answers::check`].
pub fn form_values(questions: &[Question], answers: &[Answer]) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for q in questions {
        let mut given = answers.iter().filter(|a| a.question == q.id);
        if q.kind == QuestionKind::MultipleChoice {
            for a in given {
                if let Some(n) = q.options.iter().position(|o| *o == a.value) {
                    values.insert(option_key(q.id, n), a.value.clone());
                }
            }
        } else if let Some(a) = given.next_back() {
            values.insert(key(q.id), a.value.clone());
        }
    }
    values
}

/// Whether answers may still change at `now`: until the organizer's deadline, or the event's
/// start when none is set.
pub fn open(deadline: Option<i64>, starts_at: i64, now: i64) -> bool {
    now < deadline.unwrap_or(starts_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Validation;
    use crate::{QuestionId, TicketTypeId};

    fn question(id: i64, kind: QuestionKind) -> Question {
        Question {
            id: QuestionId(id),
            label: format!("Question {id}"),
            kind,
            options: vec!["Vegan".into(), "Vegetarian".into(), "None".into()],
            required: false,
            ticket_type: None,
        }
    }

    #[test]
    fn stored_answers_fill_the_form_they_were_read_from() {
        let questions = [
            question(1, QuestionKind::Text),
            question(2, QuestionKind::MultipleChoice),
            question(3, QuestionKind::Consent),
        ];
        let answer = |q: i64, value: &str| Answer {
            question: QuestionId(q),
            value: value.into(),
        };
        let stored = vec![
            answer(1, "ACME"),
            answer(2, "Vegan"),
            answer(2, "None"),
            answer(3, "yes"),
        ];
        let form = form_values(&questions, &stored);
        assert_eq!(form.get("q2o2").map(String::as_str), Some("None"));
        let mut v = Validation::default();
        let read = super::super::answers::check(&questions, TicketTypeId(1), 0, &form, &mut v);
        assert!(v.is_empty());
        assert_eq!(read, stored);
    }

    #[test]
    fn answers_change_until_the_deadline_or_the_start() {
        assert!(open(None, 100, 99));
        assert!(!open(None, 100, 100));
        assert!(!open(Some(50), 100, 60));
        assert!(open(Some(50), 100, 49));
    }
}
