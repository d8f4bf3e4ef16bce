//! The door list as a check-in device works with it offline: tickets found by code at once,
//! by name in a scan of the list, judged with the same rules as the server's.

use std::collections::HashMap;

use data_encoding::BASE32_NOPAD;

use super::door::{self, Direction, DoorList, Entry, Reading, ScanAnswer};
use super::door_desk::{DoorFound, DoorLookup};

/// Names found by a search at most.
const MATCHES: usize = 20;

/// A door list with its index.
#[derive(Clone, Debug)]
pub struct DoorBook {
    list: DoorList,
    key: Vec<u8>,
    by_code: HashMap<String, usize>,
}

impl DoorBook {
    /// Indexes `list`.
    pub fn new(list: DoorList) -> Self {
        let key = BASE32_NOPAD.decode(list.key.as_bytes()).unwrap_or_default();
        let by_code = list
            .tickets
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.clone(), i))
            .collect();
        Self { list, key, by_code }
    }

    /// The list, as kept on the device.
    pub fn list(&self) -> &DoorList {
        &self.list
    }

    /// Tickets on the list.
    pub fn len(&self) -> usize {
        self.list.tickets.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.tickets.is_empty()
    }

    /// Tickets that let their holder in.
    pub fn valid(&self) -> usize {
        self.list
            .tickets
            .iter()
            .filter(|t| t.state == super::TicketState::Valid)
            .count()
    }

    /// Tickets inside now.
    pub fn inside(&self) -> usize {
        self.list
            .tickets
            .iter()
            .filter(|t| t.inside.is_some())
            .count()
    }

    /// Looks up a scanned or typed `text`: a code's ticket, or the names that contain it.
    pub fn lookup(&self, text: &str) -> DoorLookup {
        let refused = |answer| DoorLookup {
            refusal: Some(answer),
            found: Vec::new(),
        };
        let reading = door::read(text, self.list.event, &self.key);
        let typed = matches!(reading, Reading::Typed(_));
        let found = match reading {
            Reading::WrongEvent(_) => return refused(ScanAnswer::WrongEvent),
            Reading::Forged => return refused(ScanAnswer::Forged),
            Reading::Code(code) | Reading::Typed(code) => match self.by_code.get(&code) {
                Some(&i) => vec![self.found(i)],
                // Sixteen typed letters may be a name ("Margaret Hamilton").
                None if typed => self.by_name(text),
                None => Vec::new(),
            },
            Reading::Text => {
                return DoorLookup {
                    refusal: None,
                    found: self.by_name(text),
                };
            }
        };
        if found.is_empty() {
            return refused(ScanAnswer::Unknown);
        }
        DoorLookup {
            refusal: None,
            found,
        }
    }

    /// The tickets whose attendee's name contains `text` (two characters at least).
    fn by_name(&self, text: &str) -> Vec<DoorFound> {
        let needle = text.trim().to_lowercase();
        if needle.chars().count() < 2 {
            return Vec::new();
        }
        self.list
            .tickets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.name.to_lowercase().contains(&needle))
            .take(MATCHES)
            .map(|(i, _)| self.found(i))
            .collect()
    }

    /// Whether `text` is a code (a pass, or a typed code of a ticket on the list) rather
    /// than a name: a code is checked in at once, a name only by its button.
    pub fn reads_as_code(&self, text: &str) -> bool {
        match door::read(text, self.list.event, &self.key) {
            Reading::Text => false,
            Reading::Typed(code) => self.by_code.contains_key(&code),
            Reading::Code(_) | Reading::WrongEvent(_) | Reading::Forged => true,
        }
    }

    /// What scanning ticket `code` going `direction` answers now.
    pub fn judge(&self, code: &str, direction: Direction) -> ScanAnswer {
        match self.by_code.get(code) {
            Some(&i) => {
                let ticket = &self.list.tickets[i];
                door::judge(ticket, self.type_name(ticket.ticket_type), direction)
            }
            None => ScanAnswer::Unknown,
        }
    }

    /// The entry in force of ticket `code`.
    pub fn entry(&self, code: &str) -> Option<&Entry> {
        let &i = self.by_code.get(code)?;
        self.list.tickets[i].inside.as_ref()
    }

    /// Sets ticket `code` inside with `entry`, or outside.
    pub fn set_inside(&mut self, code: &str, entry: Option<Entry>) {
        if let Some(&i) = self.by_code.get(code) {
            self.list.tickets[i].inside = entry;
        }
    }

    fn type_name(&self, index: usize) -> &str {
        self.list
            .ticket_types
            .get(index)
            .map(String::as_str)
            .unwrap_or_default()
    }

    fn found(&self, i: usize) -> DoorFound {
        let ticket = &self.list.tickets[i];
        DoorFound {
            code: ticket.code.clone(),
            answer: door::judge(ticket, self.type_name(ticket.ticket_type), Direction::In),
            inside: ticket.inside.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::TicketState;
    use super::super::door::DoorTicket;
    use super::super::pass;
    use super::*;
    use crate::EventId;

    fn book() -> (DoorBook, Vec<u8>) {
        let key = pass::event_key(b"k", EventId(5));
        let ticket = |code: &str, name: &str, state| DoorTicket {
            code: code.into(),
            name: name.into(),
            ticket_type: 1,
            state,
            inside: None,
            note: String::new(),
        };
        let list = DoorList {
            event: EventId(5),
            key: BASE32_NOPAD.encode(&key),
            ticket_types: vec!["Free".into(), "Day pass".into()],
            tickets: vec![
                ticket("AAAAAAAAAAAAAAAA", "Ada Lovelace", TicketState::Valid),
                ticket("BBBBBBBBBBBBBBBB", "Alan Turing", TicketState::Unpaid),
                ticket("CCCCCCCCCCCCCCCC", "Grace Hopper", TicketState::Void),
                ticket("EEEEEEEEEEEEEEEE", "Margaret Hamilton", TicketState::Valid),
            ],
        };
        (DoorBook::new(list), key)
    }

    #[test]
    fn a_pass_finds_its_ticket_and_a_second_scan_finds_it_inside() {
        let (mut book, key) = book();
        let scanned = pass::payload(&key, EventId(5), "AAAAAAAAAAAAAAAA");
        let found = book.lookup(&scanned).found;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].answer.headline(), "Valid: let in");
        assert_eq!(found[0].answer.holder(), Some(("Ada Lovelace", "Day pass")));
        let entry = Entry {
            at: 100,
            by: "Door 1".into(),
        };
        book.set_inside("AAAAAAAAAAAAAAAA", Some(entry.clone()));
        assert_eq!(book.inside(), 1);
        assert_eq!(
            book.judge("AAAAAAAAAAAAAAAA", Direction::In).headline(),
            "Already checked in"
        );
        assert_eq!(book.entry("AAAAAAAAAAAAAAAA"), Some(&entry));
        assert_eq!(
            book.judge("AAAAAAAAAAAAAAAA", Direction::Out).headline(),
            "Checked out"
        );
    }

    #[test]
    fn refusals_and_names_are_told_apart() {
        let (book, key) = book();
        let forged = pass::payload(
            &pass::event_key(b"x", EventId(5)),
            EventId(5),
            "AAAAAAAAAAAAAAAA",
        );
        assert_eq!(book.lookup(&forged).refusal, Some(ScanAnswer::Forged));
        let other = pass::payload(&key, EventId(6), "AAAAAAAAAAAAAAAA");
        assert_eq!(book.lookup(&other).refusal, Some(ScanAnswer::WrongEvent));
        assert_eq!(
            book.lookup("DDDDDDDDDDDDDDDD").refusal,
            Some(ScanAnswer::Unknown)
        );
        let names: Vec<_> = book.lookup("a").found;
        assert!(names.is_empty(), "one letter searches nothing");
        let found = book.lookup("al");
        assert_eq!(found.found.len(), 1);
        assert_eq!(found.found[0].answer.headline(), "Not paid");
        assert_eq!(
            book.lookup("hopper").found[0].answer.headline(),
            "Cancelled"
        );
    }

    #[test]
    fn a_name_of_sixteen_letters_is_searched_as_a_name_not_let_in_as_a_code() {
        let (book, _) = book();
        // "MARGARETHAMILTON" has the shape of a typed ticket code, and no ticket has it.
        assert!(!book.reads_as_code("Margaret Hamilton"));
        let found = book.lookup("Margaret Hamilton");
        assert_eq!(found.refusal, None);
        assert_eq!(found.found.len(), 1);
        assert_eq!(found.found[0].code, "EEEEEEEEEEEEEEEE");
        // A typed code is still a code, in any case and with spaces.
        assert!(book.reads_as_code("eeee eeee eeee eeee"));
        assert_eq!(book.lookup("eeee eeee eeee eeee").found.len(), 1);
    }
}
