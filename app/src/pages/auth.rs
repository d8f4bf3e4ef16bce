//! Signing up, in and out, and the pages that mailed links open: `/signup`, `/login`,
//! `/logout`, `/forgot-password`, `/reset-password`, `/verify-email` (which also finishes a
//! sign-up), `/confirm-email`.
//!
//! A link in a mail only opens a page; the change itself happens when its button is
//! pressed (a POST), so a mail scanner that follows links changes nothing.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{
    ConfirmEmailChange, LogIn, LogOut, RequestPasswordReset, ResetPassword, SignUp, VerifyEmail,
};
use crate::components::form::{
    Field, FormCard, FormError, Notice, Submit, action_error, action_succeeded,
};
use crate::components::page_title::PageTitle;
use crate::domain::NewPassword;

const PASSWORD_HINT: &str = "At least 10 characters. A few unrelated words work well.";

/// `/signup`: after the form, "check your inbox" (the same words whatever the address).
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);
    let query = use_query_map();
    // Without JavaScript a successful post comes back here with `?sent=1`.
    let sent = Signal::derive(move || {
        action_succeeded(action).get() || query.read().get("sent").is_some()
    });
    view! {
        <PageTitle text="Create your account" />
        <FormCard title="Create your account">
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate="">
                        <FormError error />
                        <Field label="Email" name="email" kind="email" autocomplete="email" error />
                        <Field label="Your name" name="display_name" autocomplete="name" error
                            hint="Shown next to your posts and in member lists." />
                        <Field label="Password" name="password" kind="password" autocomplete="new-password"
                            error hint=PASSWORD_HINT />
                        <Submit label="Create account" pending=action.pending() />
                    </ActionForm>
                }
            >
                <Notice>
                    "Check your inbox: we sent a link to the address you typed. Open it within 24 hours to finish creating your account."
                </Notice>
                <p class="mt-4 text-sm text-muted">
                    "Nothing arrived after a few minutes? Look in your spam folder, or "
                    <a href="/signup" rel="external" class="text-accent underline">"sign up again"</a>"."
                </p>
            </Show>
            <p class="mt-6 text-sm text-muted">
                "Already have an account? " <A href="/login" attr:class="text-accent underline">"Log in"</A>
            </p>
        </FormCard>
    }
}

/// `/login`, with `?next=/path` to come back to after signing in.
#[component]
pub fn LogInPage() -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <PageTitle text="Log in" />
        <FormCard title="Log in">
            <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate="">
                <FormError error />
                <Field label="Email" name="email" kind="email" autocomplete="email" error />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" error />
                <input type="hidden" name="next" value=next />
                <Submit label="Log in" pending=action.pending() />
            </ActionForm>
            <p class="mt-6 flex flex-wrap justify-between gap-2 text-sm text-muted">
                <A href="/forgot-password" attr:class="text-accent underline">"Forgot your password?"</A>
                <A href="/signup" attr:class="text-accent underline">"Create an account"</A>
            </p>
        </FormCard>
    }
}

/// `/logout`: a button, since signing out changes state and a GET must not.
#[component]
pub fn LogOutPage() -> impl IntoView {
    let action = ServerAction::<LogOut>::new();
    view! {
        <PageTitle text="Log out" />
        <FormCard title="Log out">
            <ActionForm action=action attr:class="flex flex-col gap-4">
                <p class="text-muted">"Log out of Convene on this device?"</p>
                <Submit label="Log out" pending=action.pending() />
            </ActionForm>
        </FormCard>
    }
}

/// `/forgot-password`: asks for a reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let query = use_query_map();
    // Without JavaScript a successful post comes back here with no error in the URL.
    let sent = Signal::derive(move || {
        action_succeeded(action).get() || query.read().get("sent").is_some()
    });
    view! {
        <PageTitle text="Reset your password" />
        <FormCard title="Reset your password">
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate="">
                        <p class="text-muted">"We will mail you a link to choose a new password."</p>
                        <FormError error />
                        <Field label="Email" name="email" kind="email" autocomplete="email" error />
                        <Submit label="Send the link" pending=action.pending() />
                    </ActionForm>
                }
            >
                <Notice>
                    "If an account uses that address, a link is on its way. It works for one hour."
                </Notice>
            </Show>
        </FormCard>
    }
}

/// Whether the action succeeded, here or before the redirect that brought us back
/// (`?done=1`, the only sign of success a page rendered without JavaScript gets).
fn done_in_query<I>(action: ServerAction<I>) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let query = use_query_map();
    let succeeded = action_succeeded(action);
    Signal::derive(move || succeeded.get() || query.read().get("done").is_some())
}

/// The `token` of the link that opened the page.
fn token_from_query() -> String {
    use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

/// `/reset-password?token=…`: choose a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let token = token_from_query();
    view! {
        <PageTitle text="Choose a new password" />
        <FormCard title="Choose a new password">
            <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="token" value=token />
                <Field label="New password" name="password" kind="password"
                    autocomplete="new-password" error hint=PASSWORD_HINT />
                <Submit label="Save and log in" pending=action.pending() />
            </ActionForm>
            <p class="mt-4 text-xs text-muted">
                {format!("Every device signed in to your account will be signed out. Minimum {} characters.", NewPassword::MIN_LEN)}
            </p>
        </FormCard>
    }
}

/// `/verify-email?token=…`: confirms an address; for a sign-up, that creates the account.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    let token = token_from_query();
    let done = done_in_query(action);
    view! {
        <PageTitle text="Confirm your address" />
        <FormCard title="Confirm your address">
            <Show
                when=move || done.get()
                fallback=move || {
                    let token = token.clone();
                    view! {
                    <ActionForm action=action attr:class="flex flex-col gap-4">
                        <FormError error />
                        <input type="hidden" name="token" value=token />
                        <p class="text-muted">"Press the button to confirm this is your address."</p>
                        <Submit label="Confirm my address" pending=action.pending() />
                    </ActionForm>
                    }
                }
            >
                <Notice>"Thank you, your address is confirmed."</Notice>
                <p class="mt-4"><a href="/account" rel="external" class="text-accent underline">"Go to your account"</a></p>
            </Show>
        </FormCard>
    }
}

/// `/confirm-email?token=…`: moves the account to a new address.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = action_error(action);
    let token = token_from_query();
    let done = done_in_query(action);
    view! {
        <PageTitle text="Confirm your new address" />
        <FormCard title="Confirm your new address">
            <Show
                when=move || done.get()
                fallback=move || {
                    let token = token.clone();
                    view! {
                    <ActionForm action=action attr:class="flex flex-col gap-4">
                        <FormError error />
                        <input type="hidden" name="token" value=token />
                        <p class="text-muted">"Press the button to use this address for your account from now on."</p>
                        <Submit label="Use this address" pending=action.pending() />
                    </ActionForm>
                    }
                }
            >
                <Notice>"Done: your account now uses the new address."</Notice>
            </Show>
        </FormCard>
    }
}
