//! Who may do what: the one authorization policy. Every server function that reads or
//! changes organizer or admin data asks [`authorize`] first.
//!
//! Another organization's records answer "not found", exactly like records that do not
//! exist, so nobody can probe what other tenants have.

use domain::error::AppError;
use domain::feed::FeedAccess;
use domain::{EventId, OrgRole, OrganizationId, PlatformRole, UserId};

use super::accounts::session::Actor;
use super::db::{Db, door, memberships};

/// What someone wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open an organization's workspace and read its data.
    ViewWorkspace,
    /// Create and edit the organization's events and their content.
    ManageEvents,
    /// Invite, remove and change the role of members; rename the organization.
    ManageMembers,
    /// Contacts, segments, templates and campaigns: the organization's audience and mail.
    ManageCampaigns,
    /// Anything in the `/admin` console.
    AdministerPlatform,
    /// Run an event's check-in: its door list, scans, check-outs.
    CheckIn,
}

/// What it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// One organization and everything in it.
    Organization(OrganizationId),
    /// One event of an organization: its members, and for [`Action::CheckIn`] the event's
    /// door staff too.
    Event(OrganizationId, EventId),
    /// The platform as a whole (accounts, organizations, audit log).
    Platform,
}

/// Proof that the check passed, with what the caller may need next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    /// Who was allowed.
    pub user: UserId,
    /// Their role in the organization, for organization resources.
    pub role: Option<OrgRole>,
}

/// Decides, with the facts already loaded: `role` is the actor's role in the organization
/// concerned (none for platform resources or non-members).
pub fn decide(
    platform_role: PlatformRole,
    role: Option<OrgRole>,
    action: Action,
    resource: Resource,
) -> Result<(), AppError> {
    match (resource, action) {
        (Resource::Platform, Action::AdministerPlatform) => match platform_role {
            PlatformRole::Admin => Ok(()),
            PlatformRole::None => Err(AppError::Forbidden),
        },
        // Platform admins manage accounts, not other people's events: inside an
        // organization only its members count, and to anyone else it does not exist.
        (Resource::Organization(_), _) => match (role, action) {
            (None, _) => Err(AppError::NotFound("organization".into())),
            (
                Some(_),
                Action::ViewWorkspace
                | Action::ManageEvents
                | Action::ManageCampaigns
                | Action::CheckIn,
            ) => Ok(()),
            (Some(OrgRole::Owner), Action::ManageMembers) => Ok(()),
            (Some(OrgRole::Organizer), Action::ManageMembers) => Err(AppError::Forbidden),
            (Some(_), Action::AdministerPlatform) => Err(AppError::Forbidden),
        },
        (Resource::Event(organization, _), _) => decide(
            platform_role,
            role,
            action,
            Resource::Organization(organization),
        ),
        (Resource::Platform, _) => Err(AppError::Forbidden),
    }
}

/// Decides at an event's door: its organization's members as [`decide`] says; door staff,
/// who are not members, check in and do nothing else (to them the rest does not exist).
pub fn decide_at_event(
    platform_role: PlatformRole,
    role: Option<OrgRole>,
    door_staff: bool,
    action: Action,
    resource: Resource,
) -> Result<(), AppError> {
    match (role, door_staff, action) {
        (None, true, Action::CheckIn) => Ok(()),
        (None, _, _) => Err(AppError::NotFound("event".into())),
        (Some(_), _, _) => decide(platform_role, role, action, resource),
    }
}

/// Whether `actor` may do `action` on `resource`: `Unauthenticated` for anonymous callers,
/// `NotFound` for another tenant's organization, `Forbidden` for a member without the role.
pub async fn authorize(
    db: &Db,
    actor: &Actor,
    action: Action,
    resource: Resource,
) -> Result<Grant, AppError> {
    let user = actor.signed_in()?;
    let role = match resource {
        Resource::Organization(id) | Resource::Event(id, _) => {
            memberships::role_of(db.pool(), id, user.user_id)
                .await
                .map_err(|e| AppError::database("cannot read a membership", e))?
        }
        Resource::Platform => None,
    };
    match resource {
        Resource::Event(_, event) if role.is_none() => {
            let door_staff = door::is_door_staff(db.pool(), event, user.user_id)
                .await
                .map_err(|e| AppError::database("cannot read an event's door staff", e))?;
            decide_at_event(user.platform_role, role, door_staff, action, resource)?;
        }
        _ => decide(user.platform_role, role, action, resource)?,
    }
    Ok(Grant {
        user: user.user_id,
        role,
    })
}

/// What someone wants to do in an event's feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedAction {
    /// Read the posts and comments.
    Read,
    /// Post, comment and like.
    Participate,
    /// Report a post or comment to the moderators.
    Report,
    /// Announce, pin, hide, delete others' content, mute people, change the feed's settings.
    Moderate,
}

/// Who the reader is to an event's feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedStanding {
    /// Signed in with an active account.
    pub signed_in: bool,
    /// Joined the event (a waitlisted place does not count).
    pub joined: bool,
    /// A member of the event's organization.
    pub member: bool,
    /// Muted in this feed by a moderator.
    pub muted: bool,
    /// Who may read the feed.
    pub access: FeedAccess,
}

/// Decides a feed action: members of the organization moderate; people who joined take part
/// unless muted; the feed's access setting says who reads.
pub fn decide_feed(who: FeedStanding, action: FeedAction) -> Result<(), AppError> {
    let refused = || {
        if who.signed_in {
            AppError::Forbidden
        } else {
            AppError::Unauthenticated
        }
    };
    let reads = who.member || who.joined || who.access == FeedAccess::Public;
    let allowed = match action {
        FeedAction::Read => reads,
        FeedAction::Report => reads && who.signed_in,
        FeedAction::Participate => who.member || (who.joined && !who.muted),
        FeedAction::Moderate => who.member,
    };
    if allowed { Ok(()) } else { Err(refused()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(signed_in: bool, joined: bool, member: bool, muted: bool) -> FeedStanding {
        FeedStanding {
            signed_in,
            joined,
            member,
            muted,
            access: FeedAccess::Public,
        }
    }

    #[test]
    fn in_a_feed_attendees_take_part_members_moderate_and_the_muted_only_read() {
        use FeedAction::*;
        let anonymous = standing(false, false, false, false);
        let visitor = standing(true, false, false, false);
        let attendee = standing(true, true, false, false);
        let muted = standing(true, true, false, true);
        let member = standing(true, false, true, false);
        assert_eq!(decide_feed(anonymous, Read), Ok(()));
        assert_eq!(
            decide_feed(anonymous, Report),
            Err(AppError::Unauthenticated)
        );
        assert_eq!(
            decide_feed(anonymous, Participate),
            Err(AppError::Unauthenticated)
        );
        assert_eq!(decide_feed(visitor, Report), Ok(()));
        assert_eq!(decide_feed(visitor, Participate), Err(AppError::Forbidden));
        assert_eq!(decide_feed(attendee, Participate), Ok(()));
        assert_eq!(decide_feed(attendee, Moderate), Err(AppError::Forbidden));
        assert_eq!(decide_feed(muted, Read), Ok(()));
        assert_eq!(decide_feed(muted, Participate), Err(AppError::Forbidden));
        assert_eq!(decide_feed(member, Participate), Ok(()));
        assert_eq!(decide_feed(member, Moderate), Ok(()));
    }

    #[test]
    fn an_attendees_only_feed_is_closed_to_everyone_else() {
        let closed = |s: FeedStanding| FeedStanding {
            access: FeedAccess::Attendees,
            ..s
        };
        let read = |s| decide_feed(closed(s), FeedAction::Read);
        assert_eq!(
            read(standing(false, false, false, false)),
            Err(AppError::Unauthenticated)
        );
        assert_eq!(
            read(standing(true, false, false, false)),
            Err(AppError::Forbidden)
        );
        assert_eq!(read(standing(true, true, false, false)), Ok(()));
        assert_eq!(read(standing(true, false, true, false)), Ok(()));
    }

    const ORG: Resource = Resource::Organization(OrganizationId(1));

    #[test]
    fn members_work_in_their_organization_and_only_owners_manage_members() {
        for role in [OrgRole::Owner, OrgRole::Organizer] {
            assert_eq!(
                decide(PlatformRole::None, Some(role), Action::ManageEvents, ORG),
                Ok(())
            );
        }
        assert_eq!(
            decide(
                PlatformRole::None,
                Some(OrgRole::Owner),
                Action::ManageMembers,
                ORG
            ),
            Ok(())
        );
        assert_eq!(
            decide(
                PlatformRole::None,
                Some(OrgRole::Organizer),
                Action::ManageMembers,
                ORG
            ),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn another_organization_does_not_exist_even_for_an_admin() {
        for platform_role in [PlatformRole::None, PlatformRole::Admin] {
            assert_eq!(
                decide(platform_role, None, Action::ViewWorkspace, ORG),
                Err(AppError::NotFound("organization".into()))
            );
        }
    }

    #[test]
    fn door_staff_check_in_at_their_event_and_see_nothing_else() {
        let event = Resource::Event(OrganizationId(1), EventId(2));
        let none = PlatformRole::None;
        assert_eq!(
            decide_at_event(none, None, true, Action::CheckIn, event),
            Ok(())
        );
        for action in [Action::ViewWorkspace, Action::ManageEvents] {
            assert_eq!(
                decide_at_event(none, None, true, action, event),
                Err(AppError::NotFound("event".into()))
            );
        }
        assert_eq!(
            decide_at_event(none, None, false, Action::CheckIn, event),
            Err(AppError::NotFound("event".into()))
        );
        for role in [OrgRole::Owner, OrgRole::Organizer] {
            assert_eq!(
                decide_at_event(none, Some(role), false, Action::CheckIn, event),
                Ok(())
            );
        }
        // Organization resources know nothing of door staff.
        assert_eq!(
            decide(none, None, Action::CheckIn, ORG),
            Err(AppError::NotFound("organization".into()))
        );
    }

    #[test]
    fn only_admins_administer_the_platform() {
        assert_eq!(
            decide(
                PlatformRole::Admin,
                None,
                Action::AdministerPlatform,
                Resource::Platform
            ),
            Ok(())
        );
        assert_eq!(
            decide(
                PlatformRole::None,
                Some(OrgRole::Owner),
                Action::AdministerPlatform,
                Resource::Platform
            ),
            Err(AppError::Forbidden)
        );
    }
}
