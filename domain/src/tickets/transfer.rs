//! Passing a ticket on to another attendee: whoever holds its code names the new holder, who
//! gets the ticket under a new code by mail, so the old link and QR code stop working.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Validation};
use crate::{Email, text};

use super::TicketState;

/// The new holder as typed into the ticket page's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferForm {
    /// Their name, printed on the ticket.
    pub name: String,
    /// Where the ticket is mailed.
    pub email: String,
}

/// A checked new holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewHolder {
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: Email,
}

impl TransferForm {
    /// What was typed, to fill the form in again.
    pub fn kept(&self) -> [(&'static str, &str); 2] {
        [("name", self.name.as_str()), ("email", self.email.as_str())]
    }

    /// The new holder, or the refusal naming each field with what was typed kept. A ticket
    /// already in this name and address is refused: passing it on would only change its code.
    pub fn check(&self, current: (&str, &str)) -> Result<NewHolder, AppError> {
        let mut v = Validation::default();
        let name = v.check("name", text::required(&self.name, 120, false));
        let email = match self.email.trim() {
            "" => v.check("email", Err("enter the new holder's email address".into())),
            raw => v.check("email", Email::parse(raw)),
        };
        let kept = self.kept();
        match (name, email) {
            (Some(name), Some(email)) if name == current.0 && email.as_str() == current.1 => Err(
                AppError::invalid("email", "the ticket is already in this name and address")
                    .keeping(&kept),
            ),
            (Some(name), Some(email)) => Ok(NewHolder { name, email }),
            _ => Err(v.into_error().keeping(&kept)),
        }
    }
}

/// Whether the page asked about passing the ticket on to `holder` and got `confirm`, the
/// address it asked about: an address changed after the question is asked about again.
pub fn confirmed(holder: &NewHolder, confirm: &str) -> bool {
    Email::parse(confirm).is_ok_and(|asked| asked == holder.email)
}

/// The question the page asks before a ticket is passed on to `holder`.
pub fn question(holder: &NewHolder) -> String {
    format!(
        "Pass this ticket on to {} ({})? This page, its link and its QR code stop working at once.",
        holder.name,
        holder.email.as_str()
    )
}

/// What decides whether a ticket may be passed on.
#[derive(Clone, Copy, Debug)]
pub struct Standing {
    /// Whether it lets its holder in.
    pub state: TicketState,
    /// Entries at the door it was used for.
    pub entries: i64,
    /// When its event ends, Unix seconds.
    pub ends_at: i64,
    /// Whether the organizer asks questions of it that can no longer be answered: its answers
    /// go with the old holder, and a new one could not give theirs.
    pub answers_closed: bool,
}

/// Why a ticket can no longer be passed on at `now`; none while it can: while it is not
/// void, was never used to enter, its event has not ended and, when it is asked questions,
/// they can still be answered.
pub fn refusal(t: Standing, now: i64) -> Option<&'static str> {
    if t.state == TicketState::Void {
        Some("This ticket is no longer valid, so it cannot be passed on.")
    } else if t.entries > 0 {
        Some("This ticket was already used at the entrance, so it cannot be passed on.")
    } else if now >= t.ends_at {
        Some("The event is over: its tickets can no longer be passed on.")
    } else if t.answers_closed {
        Some(
            "The organizer's questions can no longer be answered, so this ticket can no longer be \
             passed on: its new holder could not give their answers.",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, email: &str) -> TransferForm {
        TransferForm {
            name: name.into(),
            email: email.into(),
        }
    }

    #[test]
    fn a_new_holder_is_checked_field_by_field_with_what_was_typed_kept() {
        let current = ("Ada Lovelace", "ada@example.org");
        let holder = form(" Grace Hopper ", "Grace@Example.org")
            .check(current)
            .expect("a new holder");
        assert_eq!(holder.name, "Grace Hopper");
        assert_eq!(holder.email.as_str(), "grace@example.org");

        let error = form("Grace Hopper", "grace@")
            .check(current)
            .expect_err("refused");
        assert!(error.field_message("email").is_some());
        assert_eq!(error.field_message("name"), None);
        assert_eq!(error.kept("name"), Some("Grace Hopper"));
        assert_eq!(error.kept("email"), Some("grace@"));

        let error = form("", "").check(current).expect_err("refused");
        assert_eq!(error.field_message("name"), Some("fill this in"));
        assert_eq!(
            error.field_message("email"),
            Some("enter the new holder's email address")
        );
    }

    #[test]
    fn the_same_holder_is_refused_but_a_corrected_name_is_not() {
        let current = ("Ada Lovelace", "ada@example.org");
        let error = form("Ada Lovelace", "ADA@example.org ")
            .check(current)
            .expect_err("refused");
        assert_eq!(
            error.field_message("email"),
            Some("the ticket is already in this name and address")
        );
        assert_eq!(error.kept("email"), Some("ADA@example.org "));
        assert!(form("Ada King", "ada@example.org").check(current).is_ok());
    }

    #[test]
    fn only_the_address_asked_about_confirms() {
        let holder = form("Grace Hopper", "grace@example.org")
            .check(("Ada", "ada@example.org"))
            .expect("a new holder");
        assert!(confirmed(&holder, "Grace@example.org"));
        assert!(!confirmed(&holder, ""));
        assert!(!confirmed(&holder, "yes"));
        assert!(!confirmed(&holder, "grace@example.com"));
        assert!(question(&holder).contains("Grace Hopper (grace@example.org)"));
    }

    #[test]
    fn a_ticket_is_passed_on_only_while_valid_unused_answerable_and_before_the_end() {
        let open = Standing {
            state: TicketState::Valid,
            entries: 0,
            ends_at: 1_000,
            answers_closed: false,
        };
        assert_eq!(refusal(open, 999), None);
        let unpaid = Standing {
            state: TicketState::Unpaid,
            ..open
        };
        assert_eq!(refusal(unpaid, 999), None);
        let void = Standing {
            state: TicketState::Void,
            ..open
        };
        assert!(refusal(void, 999).is_some());
        assert!(refusal(Standing { entries: 1, ..open }, 999).is_some());
        assert!(refusal(open, 1_000).is_some());
        let closed = Standing {
            answers_closed: true,
            ..open
        };
        assert!(refusal(closed, 999).is_some_and(|r| r.contains("questions")));
    }
}
