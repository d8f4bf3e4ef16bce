//! Order and ticket codes, and the key that signs passes and order links.
//!
//! A ticket's code is random (80 bits): knowing it opens the ticket's page, so it cannot be
//! guessed. Its QR code holds a signed pass (`domain::tickets::pass`), which the event's
//! check-in devices check offline with the event's key.

use anyhow::Context as _;
use data_encoding::BASE32_NOPAD;

use domain::EventId;
use domain::tickets::pass::{self, Pass};

use crate::db::{Db, campaigns};

/// Random bytes in a ticket code: 80 bits, 16 base32 characters.
const TICKET_CODE_BYTES: usize = 10;

/// A new ticket code: 16 base32 characters.
pub fn new_ticket_code() -> String {
    BASE32_NOPAD.encode(&rand::random::<[u8; TICKET_CODE_BYTES]>())
}

/// Whether `code` has the shape [`new_ticket_code`] gives: anything else is not looked up.
pub fn is_ticket_code(code: &str) -> bool {
    code.len() == BASE32_NOPAD.encode_len(TICKET_CODE_BYTES)
        && BASE32_NOPAD.decode(code.as_bytes()).is_ok()
}

/// A new order reference: 10 base32 characters (48 bits), short enough to type on a bank
/// transfer.
pub fn new_order_code() -> String {
    BASE32_NOPAD.encode(&rand::random::<[u8; 6]>())
}

/// Signs and checks ticket codes with the key every instance shares (`signing_keys`).
#[derive(Clone)]
pub struct TicketSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for TicketSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TicketSigner(…)")
    }
}

impl TicketSigner {
    /// A signer with `key`.
    pub fn new(key: &str) -> Self {
        Self {
            key: key.as_bytes().to_vec(),
        }
    }

    /// The key of one event's passes, the one its check-in devices receive.
    pub fn event_key(&self, event: EventId) -> Vec<u8> {
        pass::event_key(&self.key, event)
    }

    /// What the QR code of ticket `code` of `event` holds.
    pub fn qr_payload(&self, event: EventId, code: &str) -> String {
        pass::payload(&self.event_key(event), event, code)
    }

    /// The path segment of an order's page: its code with a signature, so the page opens
    /// from the confirmation and the mails but an order's code alone (on a bank transfer)
    /// does not show who bought what.
    pub fn order_link(&self, code: &str) -> String {
        format!("{code}-{}", pass::signature(&self.orders_key(), code))
    }

    /// The order code in `link` when its signature is right.
    pub fn verify_order_link<'l>(&self, link: &'l str) -> Option<&'l str> {
        let (code, given) = link.trim().rsplit_once('-')?;
        pass::same(&pass::signature(&self.orders_key(), code), given).then_some(code)
    }

    /// The ticket code in `payload` when it is a pass of `event` with a right signature.
    pub fn verify<'p>(&self, event: EventId, payload: &'p str) -> Option<&'p str> {
        let read = Pass::read(payload)?;
        (read.event == event && read.signed_with(&self.event_key(event))).then_some(read.code)
    }

    fn orders_key(&self) -> Vec<u8> {
        pass::mac(&self.key, b"orders")
    }
}

/// The signer with the key all instances share, created by whichever starts first.
pub async fn load(db: &Db) -> anyhow::Result<TicketSigner> {
    let fresh: [u8; 32] = rand::random();
    let key = campaigns::signing_key(db, "ticket codes", &hex::encode(fresh))
        .await
        .context("cannot read the key of ticket codes")?;
    Ok(TicketSigner::new(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_qr_alphanumeric() {
        let (a, b) = (new_ticket_code(), new_ticket_code());
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert_eq!(new_order_code().len(), 10);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert!(is_ticket_code(&a));
        for not_one in [
            "abcdefghijklmnop",
            "ABCDEFGHIJKLMNO1",
            "ABCDEFGHIJKLMNO",
            "ABCDEFGHIJKLMNO2%27",
        ] {
            assert!(!is_ticket_code(not_one), "{not_one}");
        }
    }

    #[test]
    fn a_signed_code_verifies_and_an_altered_one_does_not() {
        let signer = TicketSigner::new("secret");
        let payload = signer.qr_payload(EventId(7), "ABCDEFGHIJKLMNOP");
        assert_eq!(
            signer.verify(EventId(7), &payload),
            Some("ABCDEFGHIJKLMNOP")
        );
        // Another event, another key, a changed code or signature, a foreign key: refused.
        assert_eq!(signer.verify(EventId(8), &payload), None);
        let changed = payload.replacen('A', "B", 1);
        assert_eq!(signer.verify(EventId(7), &changed), None);
        let moved = payload.replace("-7", "-8");
        assert_eq!(signer.verify(EventId(8), &moved), None);
        assert_eq!(
            TicketSigner::new("other").verify(EventId(7), &payload),
            None
        );
        assert_eq!(signer.verify(EventId(7), "ABCDEFGHIJKLMNOP"), None);
    }

    #[test]
    fn an_order_link_opens_only_its_order() {
        let signer = TicketSigner::new("secret");
        let link = signer.order_link("ORDER12345");
        assert_eq!(signer.verify_order_link(&link), Some("ORDER12345"));
        assert_eq!(signer.verify_order_link("ORDER12345"), None);
        let other = link.replacen("ORDER12345", "ORDER12346", 1);
        assert_eq!(signer.verify_order_link(&other), None);
        // A ticket's QR signature is not an order link, nor the reverse.
        let qr = signer.qr_payload(EventId(1), "ORDER12345");
        assert_eq!(signer.verify_order_link(&qr), None);
    }
}
