//! The links inside a campaign's messages: the open pixel, tracked clicks and the
//! unsubscribe page. Each carries the campaign, the contact (and the link's position) in the
//! clear with an HMAC-SHA256 signature, so a changed digit is refused and a click can only
//! lead to an address the campaign itself contains: nothing here is an open redirect.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use anyhow::Context as _;

use domain::{CampaignId, ContactId, OrganizationId};

use crate::db::{Db, campaigns};

/// Hex digits of the signature kept in a link: 96 bits.
const SIGNATURE_HEX: usize = 24;

/// What a link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// The 1×1 image that counts an open.
    Open,
    /// A link of the message, by position.
    Click(i64),
    /// The unsubscribe page and its one-click POST.
    Unsubscribe,
}

impl LinkKind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Open => "o",
            Self::Click(_) => "c",
            Self::Unsubscribe => "u",
        }
    }
}

/// Signs and checks links with the key every instance shares (`signing_keys`).
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
    base_url: String,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(…)")
    }
}

impl LinkSigner {
    /// A signer for links under `base_url`.
    pub fn new(key: &str, base_url: &str) -> Self {
        Self {
            key: key.as_bytes().to_vec(),
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }

    fn signature(&self, kind: LinkKind, campaign: CampaignId, contact: ContactId) -> String {
        let link = match kind {
            LinkKind::Click(n) => n,
            _ => -1,
        };
        self.sign(&format!("{}:{campaign}:{contact}:{link}", kind.prefix()))
    }

    fn sign(&self, message: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return String::new();
        };
        mac.update(message.as_bytes());
        let mut hex = hex::encode(mac.finalize().into_bytes());
        hex.truncate(SIGNATURE_HEX);
        hex
    }

    /// The unsubscribe link of a test message (or a preview) of `organization`, rendered for
    /// `contact` (none: a sample person). Its page says it is a test and changes nothing.
    pub fn test_unsubscribe_url(
        &self,
        organization: OrganizationId,
        contact: Option<ContactId>,
    ) -> String {
        let contact = contact.map_or(0, |c| c.0);
        let signature = self.sign(&format!("t:{organization}:{contact}"));
        format!(
            "{}/m/u/t.{organization}.{contact}.{signature}",
            self.base_url
        )
    }

    /// Reads the token of a test message's unsubscribe link: the organization and the
    /// contact it was rendered for; `None` for anything else.
    pub fn verify_test(&self, token: &str) -> Option<(OrganizationId, Option<ContactId>)> {
        let ["t", organization, contact, signature] = token.split('.').collect::<Vec<_>>()[..]
        else {
            return None;
        };
        let organization = organization.parse::<i64>().ok().filter(|n| *n > 0)?;
        let contact = contact.parse::<i64>().ok().filter(|n| *n >= 0)?;
        let expected = self.sign(&format!("t:{organization}:{contact}"));
        same(&expected, signature).then(|| {
            (
                OrganizationId(organization),
                (contact > 0).then_some(ContactId(contact)),
            )
        })
    }

    /// The full address of a link.
    pub fn url(&self, kind: LinkKind, campaign: CampaignId, contact: ContactId) -> String {
        let signature = self.signature(kind, campaign, contact);
        match kind {
            LinkKind::Click(n) => {
                format!("{}/m/c/{campaign}.{contact}.{n}.{signature}", self.base_url)
            }
            _ => format!(
                "{}/m/{}/{campaign}.{contact}.{signature}",
                self.base_url,
                kind.prefix()
            ),
        }
    }

    /// Reads the token of a link of kind `prefix` (`o`, `c`, `u`); `None` for anything
    /// malformed or wrongly signed.
    pub fn verify(&self, prefix: &str, token: &str) -> Option<(LinkKind, CampaignId, ContactId)> {
        let parts: Vec<&str> = token.split('.').collect();
        let number = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0);
        let (kind, campaign, contact, signature) = match (prefix, parts.as_slice()) {
            ("o", [c, p, s]) => (LinkKind::Open, number(c)?, number(p)?, *s),
            ("u", [c, p, s]) => (LinkKind::Unsubscribe, number(c)?, number(p)?, *s),
            ("c", [c, p, n, s]) => (LinkKind::Click(number(n)?), number(c)?, number(p)?, *s),
            _ => return None,
        };
        let (campaign, contact) = (CampaignId(campaign), ContactId(contact));
        let expected = self.signature(kind, campaign, contact);
        same(&expected, signature).then_some((kind, campaign, contact))
    }
}

/// Compared in constant time: a signature is a secret until it is right.
fn same(expected: &str, given: &str) -> bool {
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// The signer with the key all instances share, created by whichever starts first.
pub async fn load(db: &Db, base_url: &str) -> anyhow::Result<LinkSigner> {
    let fresh: [u8; 32] = rand::random();
    let key = campaigns::signing_key(db, "mail links", &hex::encode(fresh))
        .await
        .context("cannot read the key of mail links")?;
    Ok(LinkSigner::new(&key, base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_verifies_and_any_change_is_refused() {
        let signer = LinkSigner::new("secret", "https://convene.example/");
        let url = signer.url(LinkKind::Click(2), CampaignId(7), ContactId(42));
        let token = url
            .strip_prefix("https://convene.example/m/c/")
            .expect("a click link");
        assert_eq!(
            signer.verify("c", token),
            Some((LinkKind::Click(2), CampaignId(7), ContactId(42)))
        );
        // Another contact, another link, another kind, another key: all refused.
        assert_eq!(signer.verify("c", &token.replacen("42", "43", 1)), None);
        assert_eq!(signer.verify("c", &token.replacen(".2.", ".3.", 1)), None);
        assert_eq!(signer.verify("u", token), None);
        assert_eq!(LinkSigner::new("other", "x").verify("c", token), None);
        assert_eq!(signer.verify("c", "7.42.2"), None);
        assert_eq!(signer.verify("c", "7.-1.2.abc"), None);
        let unsubscribe = signer.url(LinkKind::Unsubscribe, CampaignId(7), ContactId(42));
        let token = unsubscribe.rsplit('/').next().expect("a token");
        assert!(signer.verify("u", token).is_some());
        assert_eq!(signer.verify("o", token), None);
        assert_eq!(signer.verify_test(token), None);
    }

    #[test]
    fn a_test_link_names_its_organization_and_contact_and_nothing_else() {
        let signer = LinkSigner::new("secret", "https://convene.example");
        let url = signer.test_unsubscribe_url(OrganizationId(3), Some(ContactId(42)));
        let token = url.rsplit('/').next().expect("a token");
        assert!(token.starts_with("t.3.42."), "{token}");
        assert_eq!(
            signer.verify_test(token),
            Some((OrganizationId(3), Some(ContactId(42))))
        );
        assert_eq!(signer.verify("u", token), None, "not a campaign's link");
        assert_eq!(signer.verify_test(&token.replacen(".3.", ".4.", 1)), None);
        let sample = signer.test_unsubscribe_url(OrganizationId(3), None);
        let token = sample.rsplit('/').next().expect("a token");
        assert_eq!(signer.verify_test(token), Some((OrganizationId(3), None)));
    }
}
