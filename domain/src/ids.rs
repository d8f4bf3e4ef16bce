//! Typed identifiers, so an organization id can never be passed where an event id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// The primary key of an organization (the tenant).
    OrganizationId
);
id_type!(
    /// The primary key of an event.
    EventId
);
id_type!(
    /// The primary key of a user account.
    UserId
);
id_type!(
    /// The primary key of a track (a theme that groups sessions).
    TrackId
);
id_type!(
    /// The primary key of a room of an event.
    RoomId
);
id_type!(
    /// The primary key of a speaker profile (organization-level).
    SpeakerId
);
id_type!(
    /// The primary key of an agenda item ("session" on the public pages).
    AgendaItemId
);
id_type!(
    /// The primary key of a post (or announcement) in an event's feed.
    PostId
);
id_type!(
    /// The primary key of a comment under a post.
    CommentId
);
id_type!(
    /// The primary key of a contact in an organization's audience.
    ContactId
);
id_type!(
    /// The primary key of a saved segment of contacts.
    SegmentId
);
id_type!(
    /// The primary key of an email template.
    TemplateId
);
id_type!(
    /// The primary key of an email campaign.
    CampaignId
);
id_type!(
    /// The primary key of a ticket type of an event.
    TicketTypeId
);
id_type!(
    /// The primary key of an order (one or more tickets bought together).
    OrderId
);
id_type!(
    /// The primary key of someone's place in a ticket type's waitlist.
    WaitlistEntryId
);
id_type!(
    /// The primary key of a registration question of an event.
    QuestionId
);
