//! A ticket's pass: what its QR code holds, `CODE-SIGNATURE-EVENT`.
//!
//! The signature is an HMAC of the code under a key derived for the event: the server signs
//! with it, and the event's check-in devices, which receive that key, check passes with it
//! without the network. A device given one event's key learns nothing about another's. The
//! event's number after the signature lets a device tell another event's ticket from a
//! forged one. Every character is in the QR alphanumeric set, which keeps the code small.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use crate::EventId;

/// Characters of signature kept: 13 base32 digits, 65 bits.
const SIGNATURE_LEN: usize = 13;

/// HMAC-SHA256 of `message` under `key`.
pub fn mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// The key of one event's passes, derived from the key every instance shares.
pub fn event_key(master: &[u8], event: EventId) -> Vec<u8> {
    mac(master, format!("event:{event}").as_bytes())
}

/// The signature of `code` under `key`, as written in passes and signed links.
pub fn signature(key: &[u8], code: &str) -> String {
    let mut text = BASE32_NOPAD.encode(&mac(key, code.as_bytes()));
    text.truncate(SIGNATURE_LEN);
    text
}

/// Compared in constant time: a signature is a secret until it is right.
pub fn same(expected: &str, given: &str) -> bool {
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// What the QR code of ticket `code` of `event` holds.
pub fn payload(event_key: &[u8], event: EventId, code: &str) -> String {
    format!("{code}-{}-{event}", signature(event_key, code))
}

/// A pass as read from a QR code, not yet checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass<'p> {
    /// The ticket's code.
    pub code: &'p str,
    /// The event it says it is for.
    pub event: EventId,
    signature: &'p str,
}

impl<'p> Pass<'p> {
    /// Reads `CODE-SIGNATURE-EVENT`; anything else is not a pass.
    pub fn read(text: &'p str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let (code, signature, event) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || code.is_empty() {
            return None;
        }
        let event = EventId(event.parse().ok()?);
        Some(Self {
            code,
            event,
            signature,
        })
    }

    /// Whether its signature is right under `event_key`.
    pub fn signed_with(&self, event_key: &[u8]) -> bool {
        same(&signature(event_key, self.code), self.signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_reads_back_and_only_its_own_key_signed_it() {
        let key = event_key(b"secret", EventId(7));
        let text = payload(&key, EventId(7), "ABCDEFGHIJKLMNOP");
        let pass = Pass::read(&text).expect("a pass");
        assert_eq!((pass.code, pass.event), ("ABCDEFGHIJKLMNOP", EventId(7)));
        assert!(pass.signed_with(&key));
        // Another event's key, another master key, a changed code or signature: refused.
        assert!(!pass.signed_with(&event_key(b"secret", EventId(8))));
        assert!(!pass.signed_with(&event_key(b"other", EventId(7))));
        let changed = text.replacen('A', "B", 1);
        assert!(!Pass::read(&changed).expect("a pass").signed_with(&key));
        let mut forged = text.clone();
        forged.replace_range(17..18, if &text[17..18] == "A" { "B" } else { "A" });
        assert!(!Pass::read(&forged).expect("a pass").signed_with(&key));
    }

    #[test]
    fn only_three_parts_with_an_event_number_make_a_pass() {
        for not_one in [
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNOP-SIG",
            "ABCDEFGHIJKLMNOP-SIG-x",
            "ABCDEFGHIJKLMNOP-SIG-7-1",
            "-SIG-7",
        ] {
            assert_eq!(Pass::read(not_one), None, "{not_one}");
        }
        assert!(Pass::read("  ABCDEFGHIJKLMNOP-SIG-7\n").is_some());
    }
}
