//! A ticket's answers to its event's registration questions, as typed in the order form and
//! as they are shown back.
//!
//! The form names a ticket's answer to question 12 `q12`, and each option of a multiple
//! choice `q12o0`, `q12o1`… (its value is the option's text), so the form works as plain
//! HTML; a message for question 12 of the first ticket goes to the field `tickets.0.q12`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Validation;
use crate::{QuestionId, TicketTypeId, text};

use super::questions::{Question, QuestionKind};

/// The value of a ticked box.
pub const TICKED: &str = "yes";

/// The most answer fields a ticket's form may send back (more are dropped, not kept).
const MAX_FIELDS: usize = 400;

/// One stored answer: a multiple choice has one per option chosen, a box one when ticked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The question.
    pub question: QuestionId,
    /// The text, the option chosen, or [`TICKED`].
    pub value: String,
}

/// The key of question `question`'s answer in a ticket's answers.
pub fn key(question: QuestionId) -> String {
    format!("q{question}")
}

/// The key of option `n` of the multiple choice `question`.
pub fn option_key(question: QuestionId, n: usize) -> String {
    format!("q{question}o{n}")
}

/// Whether `raw` is a key this form could have sent.
fn is_key(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('q') else {
        return false;
    };
    let (id, option) = rest.split_once('o').unwrap_or((rest, "0"));
    [id, option]
        .iter()
        .all(|part| !part.is_empty() && part.len() < 10 && part.bytes().all(|b| b.is_ascii_digit()))
}

/// What a ticket's form sent, for an error to keep: `(tickets.{index}.{key}, value)`.
pub fn kept(index: usize, raw: &BTreeMap<String, String>) -> Vec<(String, String)> {
    raw.iter()
        .filter(|(k, _)| is_key(k))
        .take(MAX_FIELDS)
        .map(|(k, v)| {
            (
                format!("tickets.{index}.{k}"),
                v.chars().take(3_000).collect(),
            )
        })
        .collect()
}

/// Checks the answers `raw` of ticket `index`, of type `ticket_type`, to the `questions`
/// asked for it; messages go to `v`, under `tickets.{index}.q{id}`.
pub fn check(
    questions: &[Question],
    ticket_type: TicketTypeId,
    index: usize,
    raw: &BTreeMap<String, String>,
    v: &mut Validation,
) -> Vec<Answer> {
    let mut answers = Vec::new();
    for q in questions.iter().filter(|q| q.asked_for(ticket_type)) {
        let field = format!("tickets.{index}.{}", key(q.id));
        let given = raw.get(&key(q.id)).map(String::as_str).unwrap_or_default();
        let values = v.check(&field, values(q, given, raw)).unwrap_or_default();
        answers.extend(values.into_iter().map(|value| Answer {
            question: q.id,
            value,
        }));
    }
    answers
}

/// The values of one question's answer, checked.
fn values(
    q: &Question,
    given: &str,
    raw: &BTreeMap<String, String>,
) -> Result<Vec<String>, String> {
    let values: Vec<String> = match q.kind {
        QuestionKind::Text | QuestionKind::LongText => {
            let long = q.kind == QuestionKind::LongText;
            let max = if long { 3_000 } else { 300 };
            text::optional(given, max, long)?.into_iter().collect()
        }
        QuestionKind::SingleChoice => match given.trim() {
            "" => vec![],
            chosen => vec![offered(q, chosen)?],
        },
        QuestionKind::MultipleChoice => {
            let mut chosen = Vec::new();
            for n in 0..q.options.len() {
                if let Some(raw) = raw.get(&option_key(q.id, n)) {
                    let option = offered(q, raw.trim())?;
                    if !chosen.contains(&option) {
                        chosen.push(option);
                    }
                }
            }
            chosen
        }
        QuestionKind::Checkbox | QuestionKind::Consent | QuestionKind::ExhibitorConsent => {
            match given {
                "" => vec![],
                TICKED => vec![TICKED.to_owned()],
                _ => return Err("tick the box, or leave it".into()),
            }
        }
    };
    if q.required && values.is_empty() {
        return Err(match q.kind {
            QuestionKind::SingleChoice => "choose one".into(),
            QuestionKind::MultipleChoice => "choose at least one".into(),
            QuestionKind::Checkbox => "tick this box to go on".into(),
            _ => "answer this question".into(),
        });
    }
    Ok(values)
}

/// The option of `q` that `chosen` names.
fn offered(q: &Question, chosen: &str) -> Result<String, String> {
    q.options
        .iter()
        .find(|o| o.as_str() == chosen)
        .cloned()
        .ok_or_else(|| "choose one of the options offered".into())
}

/// A question and a ticket's answer to it, as pages, mails and exports show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredQuestion {
    /// What was asked.
    pub label: String,
    /// The answer: the text, the options chosen joined by commas, "Yes" or "No" for a box;
    /// blank when a question was left unanswered.
    pub answer: String,
}

/// A question with its stored `values`, a choice's options in the order they are offered.
pub fn answered<'a>(q: &Question, values: impl Iterator<Item = &'a str>) -> AnsweredQuestion {
    let mut values: Vec<&str> = values.collect();
    values.sort_by_key(|v| q.options.iter().position(|o| o == v));
    AnsweredQuestion {
        label: q.label.clone(),
        answer: shown(q, &values),
    }
}

/// How the stored `values` of `q`'s answer read.
fn shown(q: &Question, values: &[&str]) -> String {
    if q.kind.is_tick() {
        return if values.contains(&TICKED) {
            "Yes"
        } else {
            "No"
        }
        .to_owned();
    }
    values.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: i64, kind: QuestionKind, required: bool) -> Question {
        Question {
            id: QuestionId(id),
            label: format!("Question {id}"),
            kind,
            options: if kind.has_options() {
                vec!["Vegan".into(), "Vegetarian".into(), "None".into()]
            } else {
                vec![]
            },
            required,
            ticket_type: None,
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn answers_of_every_kind_are_read() {
        let questions = [
            question(1, QuestionKind::Text, true),
            question(2, QuestionKind::SingleChoice, true),
            question(3, QuestionKind::MultipleChoice, false),
            question(4, QuestionKind::ExhibitorConsent, false),
            question(5, QuestionKind::LongText, false),
        ];
        let sent = raw(&[
            ("q1", " ACME "),
            ("q2", "Vegan"),
            ("q3o0", "Vegan"),
            ("q3o2", "None"),
            ("q4", "yes"),
            ("q5", ""),
        ]);
        let mut v = Validation::default();
        let answers = check(&questions, TicketTypeId(1), 0, &sent, &mut v);
        assert!(v.is_empty());
        let values: Vec<(i64, &str)> = answers
            .iter()
            .map(|a| (a.question.0, a.value.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                (1, "ACME"),
                (2, "Vegan"),
                (3, "Vegan"),
                (3, "None"),
                (4, "yes")
            ]
        );
    }

    #[test]
    fn a_missing_required_answer_and_a_forged_option_are_named() {
        let questions = [
            question(1, QuestionKind::Text, true),
            question(2, QuestionKind::SingleChoice, false),
            question(3, QuestionKind::Checkbox, true),
        ];
        let sent = raw(&[("q1", "  "), ("q2", "Carnivore")]);
        let mut v = Validation::default();
        check(&questions, TicketTypeId(1), 1, &sent, &mut v);
        let error = v.into_error();
        assert_eq!(
            error.field_message("tickets.1.q1"),
            Some("answer this question")
        );
        assert_eq!(
            error.field_message("tickets.1.q2"),
            Some("choose one of the options offered")
        );
        assert_eq!(
            error.field_message("tickets.1.q3"),
            Some("tick this box to go on")
        );
    }

    #[test]
    fn a_question_for_another_type_is_not_asked() {
        let question = Question {
            ticket_type: Some(TicketTypeId(2)),
            ..question(1, QuestionKind::Text, true)
        };
        let mut v = Validation::default();
        let answers = check(&[question], TicketTypeId(1), 0, &raw(&[]), &mut v);
        assert!(v.is_empty() && answers.is_empty());
    }

    #[test]
    fn only_form_keys_are_kept_and_answers_read_back() {
        let kept = kept(
            2,
            &raw(&[("q7", "a"), ("q7o1", "b"), ("evil", "c"), ("q", "d")]),
        );
        let keys: Vec<&str> = kept.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["tickets.2.q7", "tickets.2.q7o1"]);
        let consent = question(1, QuestionKind::Consent, false);
        assert_eq!(shown(&consent, &[]), "No");
        let choice = question(2, QuestionKind::MultipleChoice, false);
        assert_eq!(shown(&choice, &["Vegan", "None"]), "Vegan, None");
    }
}
