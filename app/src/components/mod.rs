//! Pieces of UI used by more than one page.

pub mod account_links;
pub mod bundle_loader;
pub mod confirm_delete;
pub mod error_notice;
pub mod event_card;
pub mod event_nav;
pub mod figure;
pub mod form;
pub mod image_upload;
pub mod latest_answer;
pub mod layout;
pub mod live_progress;
pub mod mail_message;
pub mod page_title;
#[cfg(feature = "hydrate")]
pub mod pause;
pub mod reader_time;
pub mod star_toggle;
pub mod status;
pub mod theme_toggle;
