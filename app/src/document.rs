//! The document and its routes, rendered by the server only: in islands mode nothing of it
//! runs in the browser but the islands it contains.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::STYLESHEET_HREF;
use crate::components::bundle_loader::BundleLoader;
use crate::components::layout::Layout;
use crate::pages::auth::{ForgotPasswordPage, LogInPage, LogOutPage, SignUpPage};
use crate::pages::program::{
    EventRoute, FeedPostRoute, FeedReportsRoute, FeedRoute, ScheduleRoute, SessionRoute,
    SpeakerRoute, SpeakersRoute,
};
use crate::pages::{home::HomePage, not_found::NotFound};

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
    }
}

/// The theme the visitor picked, from the request's cookie.
fn theme_of_request() -> Option<&'static str> {
    let request = use_context::<axum::http::request::Parts>()?;
    let cookies = request
        .headers
        .get(axum::http::header::COOKIE)?
        .to_str()
        .ok()?;
    crate::chosen_theme(cookies)
}

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme_of_request()>
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

/// The application: layout and routes, rendered by the server; the browser runs only the
/// islands inside. Every page renders in `Async` mode: its status (404 for an unknown event,
/// 403 for a missing right) is known before the first byte is sent, and no script has to
/// stream the parts that were waited for into place.
#[component]
pub fn App() -> impl IntoView {
    use crate::pages::account::AccountPage;
    use crate::pages::admin::{
        AdminAccountPage, AdminAccountsPage, AdminAuditPage, AdminOrganizationPage,
        AdminOrganizationsPage,
    };
    use crate::pages::campaign_page::CampaignPage;
    use crate::pages::check_in::CheckInPage;
    use crate::pages::check_in::staff::DoorStaffPage;
    use crate::pages::discover::DiscoverPage;
    use crate::pages::mailed_links::{
        ConfirmEmailPage, ResetPasswordPage, SignUpSentPage, VerifyEmailPage,
    };
    use crate::pages::manage::{InvitationPage, ManageIndexPage, WorkspacePage};
    use crate::pages::manage_attendees::AttendeesPage;
    use crate::pages::manage_campaigns::CampaignsPage;
    use crate::pages::manage_contacts::{ContactPage, ContactsPage};
    use crate::pages::manage_events::{EventEditorPage, NewEventPage};
    use crate::pages::manage_imports::ImportStatusPage;
    use crate::pages::manage_mail_content::{SegmentPage, TemplatePage};
    use crate::pages::manage_orders::OrdersPage;
    use crate::pages::manage_questions::QuestionsPage;
    use crate::pages::manage_speakers::{SpeakerDirectoryPage, SpeakerEditPage};
    use crate::pages::manage_tickets::TicketTypesPage;
    use crate::pages::order_page::OrderPage;
    use crate::pages::register::RegisterPage;
    use crate::pages::sales_dashboard::DashboardPage;
    use crate::pages::ticket_page::TicketPage;
    use crate::pages::waitlist::WaitlistOfferPage;
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug") view=EventRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/schedule") view=ScheduleRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/sessions/:id") view=SessionRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/speakers") view=SpeakersRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:link") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/tickets/:code") view=TicketPage ssr=SsrMode::Async />
                    <Route path=path!("/waitlist/:code") view=WaitlistOfferPage ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/speakers/:id") view=SpeakerRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed") view=FeedRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed/posts/:id") view=FeedPostRoute ssr=SsrMode::Async />
                    <Route path=path!("/e/:slug/feed/reports") view=FeedReportsRoute ssr=SsrMode::Async />
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LogInPage ssr=SsrMode::Async />
                    <Route path=path!("/logout") view=LogOutPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
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
                    <Route path=path!("/manage/:slug/events/:event/tickets") view=TicketTypesPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/orders") view=OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/attendees") view=AttendeesPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/dashboard") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/questions") view=QuestionsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/check-in") view=CheckInPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/:slug/events/:event/check-in/staff") view=DoorStaffPage ssr=SsrMode::Async />
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
