//! One module per route.

// Pages are server components, compiled for both sides so that the compiler refuses one
// that reaches for server-only code (in the browser only their islands ever run).
pub mod account;
pub mod admin;
pub mod agenda_board;
pub mod agenda_grid;
pub mod answer_fields;
pub mod auth;
pub mod campaign_page;
pub mod campaign_stats;
pub mod check_in;
pub mod description_editor;
pub mod discover;
pub mod home;
pub mod mailed_links;
pub mod manage;
pub mod manage_agenda;
pub mod manage_attendees;
pub mod manage_campaigns;
pub mod manage_contacts;
pub mod manage_events;
pub mod manage_imports;
pub mod manage_mail_content;
pub mod manage_orders;
pub mod manage_questions;
pub mod manage_speakers;
pub mod manage_tickets;
pub mod not_found;
pub mod order_page;
pub mod program;
pub mod register;
pub mod sales_chart;
pub mod sales_dashboard;
pub mod segment_builder;
pub mod ticket_answers;
pub mod ticket_page;
pub mod ticket_transfer;
pub mod waitlist;
