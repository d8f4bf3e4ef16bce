//! How many live feed streams are open, per reader and in all: each holds a connection and a
//! little memory for as long as the reader likes, so nobody may hold too many.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use domain::UserId;

/// Streams one signed-in person may keep open (a few tabs and devices).
pub const PER_PERSON: usize = 5;
/// Streams anonymous readers behind one client address may keep open: a venue's attendees
/// share an address.
pub const PER_ADDRESS: usize = 500;
/// Streams one instance serves at most.
pub const PER_PROCESS: usize = 20_000;

/// Who holds a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reader {
    /// A signed-in person.
    Person(UserId),
    /// An anonymous reader, by client address.
    Address(IpAddr),
}

impl Reader {
    fn limit(self) -> usize {
        match self {
            Self::Person(_) => PER_PERSON,
            Self::Address(_) => PER_ADDRESS,
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    by_reader: HashMap<Reader, usize>,
    total: usize,
}

/// The open streams of this instance.
#[derive(Debug, Default, Clone)]
pub struct StreamSlots(Arc<Mutex<Counts>>);

/// One open stream's place; given back when dropped (the stream ended).
#[derive(Debug)]
pub struct Slot {
    slots: StreamSlots,
    reader: Reader,
}

impl StreamSlots {
    /// A place for one more stream of `reader`, or `None` when it has its share already or
    /// the instance is full.
    pub fn take(&self, reader: Reader) -> Option<Slot> {
        let mut counts = self.lock();
        let mine = counts.by_reader.get(&reader).copied().unwrap_or(0);
        if mine >= reader.limit() || counts.total >= PER_PROCESS {
            return None;
        }
        counts.by_reader.insert(reader, mine + 1);
        counts.total += 1;
        Some(Slot {
            slots: self.clone(),
            reader,
        })
    }

    /// Streams open now.
    pub fn open(&self) -> usize {
        self.lock().total
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        // Counting cannot leave the map half-changed: a poisoned lock is still usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.slots.lock();
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.by_reader.get_mut(&self.reader) {
            *n -= 1;
            if *n == 0 {
                counts.by_reader.remove(&self.reader);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_holds_a_few_streams_and_gets_them_back_as_they_close() {
        let slots = StreamSlots::default();
        let ann = Reader::Person(UserId(1));
        let held: Vec<Slot> = (0..PER_PERSON).filter_map(|_| slots.take(ann)).collect();
        assert_eq!(held.len(), PER_PERSON);
        assert!(slots.take(ann).is_none());
        assert!(
            slots.take(Reader::Person(UserId(2))).is_some(),
            "others go on"
        );
        drop(held);
        assert_eq!(slots.open(), 0);
        assert!(slots.take(ann).is_some());
    }
}
