//! People: their address, name and password, their platform role and organization roles,
//! and what the account pages show about them.

use serde::{Deserialize, Serialize};

use super::text::{self, TextProblem};
use super::{OrganizationId, UserId};

/// An email address, lower-cased so that `Ann@Example.org` and `ann@example.org` are one
/// account. Checked for shape only; a confirmation link proves it is real.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The longest address SMTP carries.
    pub const MAX_LEN: usize = 254;

    /// Trims, lower-cases and checks an address.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("enter your email address".into());
        }
        if email.len() > Self::MAX_LEN {
            return Err(format!(
                "an email address has at most {} characters",
                Self::MAX_LEN
            ));
        }
        let shaped = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
        if !shaped || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("enter an address like name@example.org".into());
        }
        Ok(Self(email))
    }

    /// The address, lower-cased.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

/// The name shown next to a person's posts and in member lists: 1 to 80 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    /// The longest name accepted, in graphemes.
    pub const MAX_LEN: usize = 80;

    /// Trims and checks a name.
    pub fn parse(raw: &str) -> Result<Self, String> {
        text::clean(raw, Self::MAX_LEN, false)
            .map(Self)
            .map_err(|problem| match problem {
                TextProblem::Empty => "enter your name".into(),
                TextProblem::TooLong { max } => format!("keep your name to {max} characters"),
                TextProblem::ControlCharacter => "use letters, digits and punctuation only".into(),
            })
    }

    /// The name as typed, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

/// A password someone chose, checked for length here (in the browser and on the server);
/// the server also refuses common and easily guessed ones. Never serialized back.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    /// The shortest password accepted, in characters.
    pub const MIN_LEN: usize = 10;
    /// The longest, so hashing cannot be used to exhaust the server.
    pub const MAX_LEN: usize = 256;

    /// Checks a password's length. It is kept exactly as typed: spaces count.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let length = raw.chars().count();
        if length < Self::MIN_LEN {
            return Err(format!(
                "use at least {} characters; a short sentence is easy to remember",
                Self::MIN_LEN
            ));
        }
        if length > Self::MAX_LEN {
            return Err(format!("use at most {} characters", Self::MAX_LEN));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A person's role on the platform as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformRole {
    /// Everyone: attendees, organizers and owners.
    None,
    /// Manages every account and organization in the `/admin` console.
    Admin,
}

impl PlatformRole {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Admin => "admin",
        }
    }

    /// Reads a stored value; anything unknown grants nothing.
    pub fn from_db(value: &str) -> Self {
        match value {
            "admin" => Self::Admin,
            _ => Self::None,
        }
    }
}

/// Whether an account may sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// In use.
    Active,
    /// Switched off by an admin; can be switched on again.
    Deactivated,
    /// Deleted by its owner: anonymized, never signs in again.
    Deleted,
}

impl AccountStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deactivated => "deactivated",
            Self::Deleted => "deleted",
        }
    }

    /// Reads a stored value.
    pub fn from_db(value: &str) -> Self {
        match value {
            "active" => Self::Active,
            "deactivated" => Self::Deactivated,
            _ => Self::Deleted,
        }
    }

    /// How the admin console names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Deactivated => "Deactivated",
            Self::Deleted => "Deleted",
        }
    }
}

/// A member's role in one organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Everything an organizer does, plus members, roles and settings.
    Owner,
    /// Creates and runs the organization's events.
    Organizer,
}

impl OrgRole {
    /// The value stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Organizer => "organizer",
        }
    }

    /// Parses a form or database value.
    pub fn parse(value: &str) -> Result<Self, String> {
        match value {
            "owner" => Ok(Self::Owner),
            "organizer" => Ok(Self::Organizer),
            _ => Err("choose owner or organizer".into()),
        }
    }

    /// How pages name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Organizer => "Organizer",
        }
    }
}

/// The signed-in person, as the header and account pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Their id.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Whether the address was confirmed.
    pub email_verified: bool,
    /// Whether they may open `/admin`.
    pub is_admin: bool,
}

/// One signed-in browser or device, on the account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Its id, to end it.
    pub id: i64,
    /// A readable summary of the browser, e.g. "Firefox on Linux".
    pub device: String,
    /// The address it signed in from.
    pub ip: String,
    /// When it was last used, as a readable label.
    pub last_seen: String,
    /// Whether it is the one making this request.
    pub current: bool,
}

/// An organization someone belongs to, with their role in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipSummary {
    /// The organization.
    pub organization_id: OrganizationId,
    /// Its URL slug, for `/manage/{slug}`.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Their role in it.
    pub role: OrgRole,
}

/// Everything the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    /// Who they are.
    pub user: CurrentUser,
    /// Their signed-in devices, the current one first.
    pub sessions: Vec<SessionInfo>,
    /// Their organizations.
    pub memberships: Vec<MembershipSummary>,
}

/// `a••••@example.org`: enough for people to recognize their address, not to read it.
pub fn masked_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}••••@{domain}")
        }
        None => "your address".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ann@Example.ORG ").map(|e| e.0),
            Ok("ann@example.org".to_owned())
        );
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_hint() {
        for bad in [
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "ann@@example.org",
            "an n@example.org",
            "ann@.org",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err("enter an address like name@example.org".to_owned()),
                "{bad}"
            );
        }
        assert_eq!(
            Email::parse(" "),
            Err("enter your email address".to_owned())
        );
    }

    #[test]
    fn passwords_need_ten_characters_counted_as_characters() {
        assert!(NewPassword::parse("short pw1").is_err());
        assert!(NewPassword::parse("ten chars!").is_ok());
        // Ten characters, more than ten bytes.
        assert!(NewPassword::parse("éééééééééé").is_ok());
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
    }

    #[test]
    fn a_password_never_shows_up_in_debug_output() {
        let password = NewPassword::parse("correct horse battery").expect("valid");
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }

    #[test]
    fn display_names_refuse_blank_and_overlong_text() {
        assert!(DisplayName::parse("  ").is_err());
        assert!(DisplayName::parse(&"a".repeat(81)).is_err());
        assert_eq!(
            DisplayName::parse(" Ada ").map(|n| n.0),
            Ok("Ada".to_owned())
        );
    }

    #[test]
    fn unknown_stored_roles_grant_nothing() {
        assert_eq!(PlatformRole::from_db("root"), PlatformRole::None);
        assert_eq!(PlatformRole::from_db("admin"), PlatformRole::Admin);
        assert!(OrgRole::parse("admin").is_err());
    }
}
