//! Integration tests: the real application on a free port, over a fresh database per test.
//! SQLite by default; `CONVENE_TEST_DATABASE=postgres` runs the same tests on the PostgreSQL
//! named by `CONVENE_TEST_POSTGRES_URL` (each test in a database of its own).

mod accounts;
mod admin;
mod agenda;
mod authorization;
mod bad_input;
mod bulk_agenda;
mod campaign_sending;
mod campaigns;
mod change_history;
mod config;
mod confirmed_addresses;
mod consent;
mod content_policy;
mod discovery;
mod event_editor_sessions;
mod events;
mod feed;
mod feed_limits;
mod feed_streams;
mod fixtures;
mod health;
mod heavy_work;
mod helpers;
mod identifiers;
mod imports;
mod invitations;
mod login_limits;
mod mail;
mod media;
mod members_pages;
mod migrations;
mod organizations;
mod page_cache;
mod page_scripts;
mod query_count;
mod refused_forms;
mod reverse_proxy;
mod security_headers;
mod seed;
mod session_ended;
mod shutdown;
mod sign_up;
mod smtp;
mod uploads;
