//! Who belongs to which organization, with which role, and pending invitations.

use domain::{OrgRole, OrganizationId, UserId};

use super::Db;

/// Adds a member, or changes the role of an existing one.
pub async fn upsert<'c, E>(
    executor: E,
    organization: OrganizationId,
    user: UserId,
    role: OrgRole,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO memberships (organization_id, user_id, role, created_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(organization)
    .bind(user)
    .bind(role.as_str())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// `user`'s role in `organization`, if a member.
pub async fn role_of<'c, E>(
    executor: E,
    organization: OrganizationId,
    user: UserId,
) -> Result<Option<OrgRole>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let role: Option<String> = sqlx::query_scalar(
        "SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2",
    )
    .bind(organization)
    .bind(user)
    .fetch_optional(executor)
    .await?;
    Ok(role.and_then(|r| OrgRole::parse(&r).ok()))
}

/// A membership with its organization's names.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MembershipRow {
    /// The organization.
    pub organization_id: OrganizationId,
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// The role.
    pub role: String,
}

/// `user`'s organizations, by name.
pub async fn for_user(db: &Db, user: UserId) -> Result<Vec<MembershipRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id AS organization_id, o.slug, o.name, m.role FROM memberships m \
         JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = $1 \
         ORDER BY o.name, o.id",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await
}

/// A member with their account's names.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    /// The member.
    pub user_id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Their role.
    pub role: String,
}

/// The members of `organization`, owners first, then by name.
pub async fn members(db: &Db, organization: OrganizationId) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email, m.role FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 \
         ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, u.name_key, u.id",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// Removes a member.
pub async fn remove<'c, E>(
    executor: E,
    organization: OrganizationId,
    user: UserId,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2")
        .bind(organization)
        .bind(user)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes `user` from every organization (their account is being deleted).
pub async fn remove_all_for_user<'c, E>(executor: E, user: UserId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(user)
        .execute(executor)
        .await?;
    Ok(())
}

/// The owners of `organization`.
pub async fn count_owners<'c, E>(
    executor: E,
    organization: OrganizationId,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE organization_id = $1 AND role = 'owner'",
    )
    .bind(organization)
    .fetch_one(executor)
    .await
}

/// Organizations where `user` is the only owner (they cannot leave them by deleting their
/// account).
pub async fn solely_owned_by(db: &Db, user: UserId) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id \
         WHERE m.user_id = $1 AND m.role = 'owner' AND NOT EXISTS (SELECT 1 FROM memberships \
         m2 WHERE m2.organization_id = m.organization_id AND m2.role = 'owner' \
         AND m2.user_id <> $1) ORDER BY o.name",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await
}

/// A new invitation's fields.
pub struct NewInvitation<'a> {
    /// The organization.
    pub organization: OrganizationId,
    /// The invited address, lower-cased.
    pub email: &'a str,
    /// The role offered.
    pub role: OrgRole,
    /// Digest of the link's secret.
    pub token_hash: &'a str,
    /// Who invited.
    pub invited_by: UserId,
    /// When it stops working.
    pub expires_at: i64,
}

/// Stores an invitation.
pub async fn invite(db: &Db, invitation: &NewInvitation<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let NewInvitation {
        organization,
        email,
        role,
        token_hash,
        invited_by,
        expires_at,
    } = *invitation;
    sqlx::query_scalar(
        "INSERT INTO invitations (organization_id, email, role, token_hash, invited_by, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(organization)
    .bind(email)
    .bind(role.as_str())
    .bind(token_hash)
    .bind(invited_by)
    .bind(now)
    .bind(expires_at)
    .fetch_one(db.pool())
    .await
}

/// An invitation that can still be accepted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    /// Its id.
    pub id: i64,
    /// The organization.
    pub organization_id: OrganizationId,
    /// Its name.
    pub organization_name: String,
    /// Its slug.
    pub organization_slug: String,
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: String,
}

/// The open invitation behind a link.
pub async fn open_invitation(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.organization_id, o.name AS organization_name, \
         o.slug AS organization_slug, i.email, i.role FROM invitations i \
         JOIN organizations o ON o.id = i.organization_id \
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

/// Marks an invitation accepted; false when someone else accepted it first.
pub async fn mark_accepted<'c, E>(executor: E, id: i64, now: i64) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A pending invitation, as the members page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingInvitation {
    /// Its id.
    pub id: i64,
    /// The invited address.
    pub email: String,
    /// The role offered.
    pub role: String,
    /// When it stops working.
    pub expires_at: i64,
}

/// Invitations of `organization` not yet accepted nor expired.
pub async fn pending(
    db: &Db,
    organization: OrganizationId,
    now: i64,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, role, expires_at FROM invitations WHERE organization_id = $1 \
         AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC",
    )
    .bind(organization)
    .bind(now)
    .fetch_all(db.pool())
    .await
}

/// Deletes a pending invitation of `organization`; false when there is none by that id.
pub async fn revoke_invitation(
    db: &Db,
    organization: OrganizationId,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM invitations WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL",
    )
    .bind(id)
    .bind(organization)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Voids the pending invitations of `organization` sent to `email` or by `member`: a removed
/// member neither comes back through an old link nor leaves links of theirs working.
pub async fn void_invitations_of<'c, E>(
    executor: E,
    organization: OrganizationId,
    member: UserId,
    email: &str,
) -> Result<u64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "DELETE FROM invitations WHERE organization_id = $1 AND accepted_at IS NULL \
         AND (email = $2 OR invited_by = $3)",
    )
    .bind(organization)
    .bind(email)
    .bind(member)
    .execute(executor)
    .await?;
    Ok(done.rows_affected())
}

/// Voids every pending invitation sent to `email` (its owner changed address).
pub async fn void_invitations_to(db: &Db, email: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invitations WHERE email = $1 AND accepted_at IS NULL")
        .bind(email)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
