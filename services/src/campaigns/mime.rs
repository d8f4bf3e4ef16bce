//! Each recipient's copy as the bytes handed to SMTP. lettre encodes everything: what every
//! copy shares (the sender, the subject, a MIME boundary) once per campaign, and per
//! recipient only their `To`, the date, their two headers and the two parts' text. Building
//! a whole `lettre::Message` per recipient re-encoded the shared headers and drew a random
//! boundary for each of 100,000 copies.

use lettre::Address;
use lettre::message::header::{
    self, ContentTransferEncoding, HeaderName, HeaderValue, Headers, MIME_VERSION_1_0,
};
use lettre::message::{Body, Mailbox, Mailboxes, MultiPart, SinglePart};

use domain::{CampaignId, ContactId};

/// What the copies of one campaign share.
pub struct Mime {
    campaign: CampaignId,
    /// The envelope sender.
    from: Address,
    /// From, Subject, MIME-Version and List-Unsubscribe-Post, encoded.
    shared: String,
    /// The Message-ID's right-hand side: the sender's domain.
    domain: String,
    boundary: String,
}

/// One copy ready for the wire: envelope addresses and the message, lines ending in CRLF.
pub struct Outgoing {
    /// `MAIL FROM`.
    pub from: Address,
    /// `RCPT TO`.
    pub to: Address,
    /// The message (RFC 5322), not yet dot-stuffed.
    pub message: String,
}

impl Outgoing {
    /// The same addresses as lettre's envelope, for lettre's own transports.
    pub fn envelope(&self) -> lettre::address::Envelope {
        lettre::address::Envelope::new(Some(self.from.clone()), vec![self.to.clone()])
            .expect("an envelope with one recipient")
    }
}

/// What one copy says only to its recipient.
pub struct Personal<'a> {
    /// The recipient.
    pub to: Mailbox,
    /// Their contact id, in the Message-ID.
    pub contact: ContactId,
    /// Their unsubscribe link, for `List-Unsubscribe`.
    pub unsubscribe: &'a str,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

impl Mime {
    /// The shared part of a campaign's copies.
    pub fn new(campaign: CampaignId, sender: &Mailbox, subject: &str) -> Self {
        let mut shared = Headers::new();
        shared.set(header::From::from(Mailboxes::from(sender.clone())));
        shared.set(header::Subject::from(subject.to_owned()));
        shared.set(MIME_VERSION_1_0);
        // RFC 8058: the List-Unsubscribe link works by a POST without a confirmation page.
        shared.insert_raw(raw(
            "List-Unsubscribe-Post",
            "List-Unsubscribe=One-Click".into(),
        ));
        Self {
            campaign,
            from: sender.email.clone(),
            shared: shared.to_string(),
            domain: sender.email.domain().to_owned(),
            // The boundary cannot occur in quoted-printable text (`_` and `=` start no encoded
            // line), so one per campaign serves every copy.
            boundary: format!("=_convene-{}", hex::encode(rand::random::<[u8; 12]>())),
        }
    }

    /// One recipient's copy.
    pub fn copy(&self, who: Personal<'_>) -> Outgoing {
        let mut own = Headers::new();
        own.set(header::Date::now());
        own.set(header::To::from(Mailboxes::from(who.to.clone())));
        own.set(header::MessageId::from(format!(
            "<campaign-{}.{}@{}>",
            self.campaign, who.contact, self.domain
        )));
        own.insert_raw(raw("List-Unsubscribe", format!("<{}>", who.unsubscribe)));
        let parts = MultiPart::alternative()
            .boundary(&self.boundary)
            .singlepart(SinglePart::plain(quoted_printable(who.text)))
            .singlepart(SinglePart::html(quoted_printable(who.html)));
        let body = parts.formatted();
        let mut message = String::with_capacity(self.shared.len() + 256 + body.len());
        message.push_str(&own.to_string());
        message.push_str(&self.shared);
        // lettre writes UTF-8 only: headers are encoded words, the parts quoted-printable.
        message.push_str(&String::from_utf8_lossy(&body));
        Outgoing {
            from: self.from.clone(),
            to: who.to.email,
            message,
        }
    }
}

fn quoted_printable(text: String) -> Body {
    Body::new_with_encoding(text, ContentTransferEncoding::QuotedPrintable)
        .expect("any text can be quoted-printable")
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_carries_its_headers_and_both_parts_encoded() {
        let sender: Mailbox = "Rust Summit <events@convene.example>"
            .parse()
            .expect("a mailbox");
        let mime = Mime::new(CampaignId(7), &sender, "Café at the Summit");
        let copy = mime.copy(Personal {
            to: "Émile Zola <emile@example.org>".parse().expect("a mailbox"),
            contact: ContactId(42),
            unsubscribe: "https://convene.example/m/u/7.42.sig",
            text: format!("Bonjour Émile,\n.{}\n", "long line ".repeat(20)),
            html: "<p>Bonjour Émile</p>".into(),
        });
        let message = &copy.message;
        assert_eq!(copy.to.to_string(), "emile@example.org");
        assert_eq!(copy.from.to_string(), "events@convene.example");
        assert!(message.is_ascii(), "{message}");
        assert!(message.contains("Message-ID: <campaign-7.42@convene.example>\r\n"));
        assert!(message.contains("List-Unsubscribe: <https://convene.example/m/u/7.42.sig>\r\n"));
        assert!(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assert!(message.contains("MIME-Version: 1.0\r\n"));
        // Non-ASCII names and subjects become encoded words.
        assert!(message.contains("Subject: =?utf-8?"), "{message}");
        assert!(message.contains("To: =?utf-8?"), "{message}");
        assert!(message.contains("Content-Transfer-Encoding: quoted-printable"));
        assert!(message.contains("Bonjour =C3=89mile"), "{message}");
        // Long lines are folded with soft breaks; no line is longer than 78 characters.
        assert!(message.lines().all(|l| l.len() <= 78), "{message}");
        assert!(message.ends_with("--\r\n"));
        // The boundary is the campaign's: another copy uses the same one.
        let boundary = message
            .split("boundary=\"")
            .nth(1)
            .and_then(|b| b.split('"').next())
            .expect("a boundary")
            .to_owned();
        let other = mime.copy(Personal {
            to: "ann@example.org".parse().expect("a mailbox"),
            contact: ContactId(43),
            unsubscribe: "https://convene.example/m/u/7.43.sig",
            text: "Hi".into(),
            html: "<p>Hi</p>".into(),
        });
        assert!(other.message.contains(&boundary));
        assert!(
            other.message.contains("To: ann@example.org\r\n"),
            "{}",
            other.message
        );
    }
}
