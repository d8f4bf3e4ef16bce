//! Accounts: passwords, sessions, single-use links, login throttling and the account
//! operations behind the server functions in `app::api::accounts`.

pub mod bootstrap;
pub mod exchange;
pub mod flash;
pub mod letters;
pub mod login;
pub mod password;
pub mod service;
pub mod session;
pub mod sign_up;
pub mod tokens;
