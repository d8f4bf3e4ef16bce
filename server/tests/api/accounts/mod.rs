//! Sign-up, verification, login, sessions, password and address changes, deletion.

mod credentials;
mod deletion;
mod forms;
mod sessions;
