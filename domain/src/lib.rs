//! The shared domain: values that are valid by construction, compiled for the server and the
//! browser alike so a form can reject bad input before it is sent and the server rejects it
//! again when it arrives; the ids; and [`error::AppError`], the one error type of every
//! boundary. No I/O here, and no Leptos: the `server` feature adds only the server-side
//! conversions of errors (HTTP answers, database failures).

pub mod account;
pub mod admin;
pub mod agenda;
pub mod campaign;
pub mod contact;
pub mod discovery;
pub mod error;
pub mod event;
pub mod feed;
pub mod html;
pub mod ids;
pub mod image;
pub mod import;
pub mod organizer;
pub mod program;
pub mod progress;
pub mod registration;
pub mod search;
pub mod slug;
pub mod speaker;
pub mod text;
pub mod tickets;
pub mod time;

pub use account::{
    AccountOverview, AccountStatus, CurrentUser, DisplayName, Email, MembershipSummary,
    NewPassword, OrgRole, PlatformRole, SessionInfo,
};
pub use admin::{
    AccountDetails, AccountListing, AccountPage, AccountQuery, AccountSort, AuditEntry,
    InvitationDetails, Member, OrganizationSummary, PendingInvitation, RoleFilter, StatusFilter,
    Workspace,
};
pub use event::{
    EventDetails, EventSchedule, EventStatus, EventSummary, EventTitle, InvalidEventTitle,
    Visibility,
};
pub use ids::{
    AgendaItemId, CampaignId, CommentId, ContactId, EventId, OrderId, OrganizationId, PostId,
    QuestionId, RoomId, SegmentId, SpeakerId, TemplateId, TicketTypeId, TrackId, UserId,
    WaitlistEntryId,
};
pub use search::SearchQuery;
pub use slug::{InvalidSlug, Slug};
