//! Signing up, in and out, and asking for a password reset: `/signup`, `/login`, `/logout`,
//! `/forgot-password`. The pages mailed links open are in `mailed_links`.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{LogIn, LogOut, RequestPasswordReset, SignUp};
use crate::components::form::{
    Field, FormCard, FormError, Notice, Submit, action_error, action_succeeded,
};
use crate::components::page_title::PageTitle;

/// What the password fields say about a good password.
pub const PASSWORD_HINT: &str = "At least 10 characters. A few unrelated words work well.";

/// `/signup`.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);
    view! {
        <PageTitle text="Create your account" />
        <FormCard title="Create your account">
            <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate="">
                <FormError error />
                <Field label="Email" name="email" kind="email" autocomplete="email" error />
                <Field label="Your name" name="display_name" autocomplete="name" error
                    hint="Shown next to your posts and in member lists." />
                <Field label="Password" name="password" kind="password" autocomplete="new-password"
                    error hint=PASSWORD_HINT />
                <Submit label="Create account" pending=action.pending() />
            </ActionForm>
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
