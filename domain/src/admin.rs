//! What the organizer workspace and the platform admin console exchange with the server.

use serde::{Deserialize, Serialize};

use super::{AccountStatus, OrgRole, OrganizationId, SessionInfo, UserId};

/// An organization as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationSummary {
    /// Its id.
    pub id: OrganizationId,
    /// Its URL slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// How many members it has.
    pub members: i64,
}

/// A member of an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their account.
    pub user_id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Their role.
    pub role: OrgRole,
}

/// An invitation not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    /// Its id, to revoke it.
    pub id: i64,
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: OrgRole,
    /// When the link stops working, as a label.
    pub expires: String,
}

/// An organization's workspace home: who is in it and who is invited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// The organization.
    pub organization: OrganizationSummary,
    /// The caller's role in it.
    pub my_role: OrgRole,
    /// Its members, owners first.
    pub members: Vec<Member>,
    /// Open invitations (shown to owners only; empty for organizers).
    pub invitations: Vec<PendingInvitation>,
    /// The zone of its campaigns without an event, "Europe/Berlin".
    pub time_zone: String,
}

/// What an invitation link offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDetails {
    /// The organization's name.
    pub organization: String,
    /// The organization's slug.
    pub slug: String,
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: OrgRole,
    /// Whether an account already uses the invited address (then it must log in).
    pub account_exists: bool,
}

/// How the console orders accounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountSort {
    /// Newest first.
    #[default]
    Newest,
    /// By address, A to Z.
    Email,
    /// By name, A to Z.
    Name,
}

/// A role filter in the console.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleFilter {
    /// Everyone.
    #[default]
    Any,
    /// Platform admins only.
    Admin,
    /// Everyone but platform admins.
    Member,
}

/// A status filter in the console.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Every status.
    #[default]
    Any,
    /// Only active accounts.
    Active,
    /// Only deactivated accounts.
    Deactivated,
    /// Only deleted accounts.
    Deleted,
}

/// One page of the console's account list: search, filters, order, and where the previous
/// page ended (keyset pagination: a cursor, not an offset).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountQuery {
    /// A prefix of the address or of the name; empty for all.
    #[serde(default)]
    pub q: String,
    /// Role filter.
    #[serde(default)]
    pub role: RoleFilter,
    /// Status filter.
    #[serde(default)]
    pub status: StatusFilter,
    /// Order.
    #[serde(default)]
    pub sort: AccountSort,
    /// The cursor of the previous page's last row.
    #[serde(default)]
    pub after: Option<String>,
}

/// An account in the console's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountListing {
    /// Its id.
    pub id: UserId,
    /// Address.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Status.
    pub status: AccountStatus,
    /// Whether it is a platform admin.
    pub is_admin: bool,
    /// When it was created, as a label.
    pub created: String,
}

/// A page of accounts and the cursor of the next one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    /// The accounts.
    pub accounts: Vec<AccountListing>,
    /// Pass as `after` for the next page; none on the last page.
    pub next: Option<String>,
    /// The search matched more accounts than one search reads: only the first matches in
    /// alphabetical order are listed, and more letters narrow it down.
    pub broad: bool,
}

/// An audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its id.
    pub id: i64,
    /// When, as a label.
    pub at: String,
    /// What happened, e.g. `login.failed`.
    pub action: String,
    /// Who acted, by name.
    pub actor: Option<String>,
    /// Whom it concerned, by name.
    pub subject: Option<String>,
    /// The subject's id, to link to their page.
    pub subject_id: Option<UserId>,
    /// From where.
    pub ip: String,
    /// Extra facts.
    pub detail: String,
}

/// One account in the console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetails {
    /// The profile.
    pub account: AccountListing,
    /// Whether the address is confirmed.
    pub email_verified: bool,
    /// Its organizations and roles.
    pub memberships: Vec<super::MembershipSummary>,
    /// Its signed-in devices.
    pub sessions: Vec<SessionInfo>,
    /// Its recent security events, newest first.
    pub events: Vec<AuditEntry>,
    /// Whether this is the admin looking at it (some actions are refused on oneself).
    pub is_me: bool,
}
