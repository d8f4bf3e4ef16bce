//! Convene's web application: the routes, pages and components rendered on the server and
//! hydrated in the browser, and the server functions they call. The types both sides share
//! are in the `domain` crate; the server logic is in the `services` crate, a dependency only
//! with the `ssr` feature, so a page that reaches for it does not compile for the browser.
//! [`context`] hands the services what the Leptos context holds.

#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod components;
#[cfg(feature = "ssr")]
pub mod context;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::bundle_loader::BundleLoader;
use crate::components::layout::Layout;
use crate::pages::auth::{ForgotPasswordPage, LogInPage, LogOutPage, SignUpPage};
use crate::pages::schedule::ProgramRoute;
use crate::pages::{home::HomePage, not_found::NotFound};

/// Whether `path` is served by the server-rendered workspace and console ([`ConsoleApp`]).
pub fn is_console_path(path: &str) -> bool {
    [
        "/account",
        "/admin",
        "/manage",
        "/invitations",
        "/events",
        "/signup/sent",
        "/verify-email",
        "/reset-password",
        "/confirm-email",
    ]
    .iter()
    .any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Where the generated stylesheet is served; the hash changes whenever its content does.
pub const STYLESHEET_HREF: &str = concat!("/assets/convene-", env!("CONVENE_CSS_HASH"), ".css");

/// Applies the theme the visitor chose before the first paint, so a dark-mode reader never
/// sees a white flash. Kept free of `<`, `>` and `&` because it is inlined as text.
const THEME_SCRIPT: &str = "try{var t=localStorage.getItem('convene-theme');\
if(t==='dark'||t==='light'){document.documentElement.setAttribute('data-theme',t)}}catch(e){}";

/// What every document's `<head>` holds, hydrated or not.
#[component]
fn CommonHead() -> impl IntoView {
    view! {
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#4f46e5" />
        <link rel="stylesheet" href=STYLESHEET_HREF />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
        <link rel="manifest" href="/site.webmanifest" />
        <script nonce=use_nonce()>{THEME_SCRIPT}</script>
    }
}

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <CommonHead />
                <AutoReload options=options.clone() />
                <BundleLoader options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-canvas text-ink">
                <App />
            </body>
        </html>
    }
}

/// The document of the account page, the organizer workspace and the admin console: the same
/// frame, but no WebAssembly. Their pages are forms and links that work as plain HTML (every
/// action is a post answered by a redirect), so their code stays out of the attendees' bundle.
#[cfg(feature = "ssr")]
pub fn console_shell(_options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <CommonHead />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-canvas text-ink">
                <ConsoleApp />
            </body>
        </html>
    }
}

/// The server-rendered routes: `/account`, `/manage…`, `/invitations`, `/admin…` and the
/// pages mailed links open.
#[cfg(feature = "ssr")]
#[component]
pub fn ConsoleApp() -> impl IntoView {
    use crate::pages::account::AccountPage;
    use crate::pages::admin::{
        AdminAccountPage, AdminAccountsPage, AdminAuditPage, AdminOrganizationPage,
        AdminOrganizationsPage,
    };
    use crate::pages::discover::DiscoverPage;
    use crate::pages::mailed_links::{
        ConfirmEmailPage, ResetPasswordPage, SignUpSentPage, VerifyEmailPage,
    };
    use crate::pages::manage::{InvitationPage, ManageIndexPage, WorkspacePage};
    use crate::pages::manage_campaigns::{CampaignPage, CampaignsPage};
    use crate::pages::manage_contacts::{ContactPage, ContactsPage};
    use crate::pages::manage_events::{EventEditorPage, NewEventPage};
    use crate::pages::manage_imports::ImportStatusPage;
    use crate::pages::manage_mail_content::{SegmentPage, TemplatePage};
    use crate::pages::manage_speakers::{SpeakerDirectoryPage, SpeakerEditPage};
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/events") view=DiscoverPage ssr=SsrMode::Async />
                    <Route path=path!("/signup/sent") view=SignUpSentPage ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/manage") view=ManageIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug") view=WorkspacePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/new-event") view=NewEventPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event") view=EventEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/speakers") view=SpeakerDirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/speakers/:id") view=SpeakerEditPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/imports/:id") view=ImportStatusPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/contacts") view=ContactsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/contacts/:id") view=ContactPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/campaigns") view=CampaignsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/campaigns/:id") view=CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/segments/:id") view=SegmentPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/templates/:id") view=TemplatePage ssr=SsrMode::Async />
                    <Route path=path!("/invitations") view=InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminAccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/accounts/:id") view=AdminAccountPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/organizations") view=AdminOrganizationsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/organizations/:id") view=AdminOrganizationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The application: layout and routes. Pages whose HTTP status depends on their data (an
/// unknown event answers 404) render in `Async` mode, so the status is known before the
/// first byte is sent.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug") view=|| view! { <ProgramRoute page="event" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/schedule") view=|| view! { <ProgramRoute page="schedule" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/sessions/:id") view=|| view! { <ProgramRoute page="session" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/speakers") view=|| view! { <ProgramRoute page="speakers" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/speakers/:id") view=|| view! { <ProgramRoute page="speakers" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed") view=|| view! { <ProgramRoute page="feed" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed/posts/:id") view=|| view! { <ProgramRoute page="feed-post" /> } ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed/reports") view=|| view! { <ProgramRoute page="feed-reports" /> } ssr=SsrMode::Async />
                    <Route path=path!("/signup") view=SignUpPage />
                    <Route path=path!("/login") view=LogInPage />
                    <Route path=path!("/logout") view=LogOutPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                </Routes>
            </Layout>
        </Router>
    }
}
