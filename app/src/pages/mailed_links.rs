//! The pages a mailed link opens, and the one that says a link was sent: `/signup/sent`,
//! `/verify-email` (which also finishes a sign-up), `/reset-password`, `/confirm-email`.
//! Each is visited once per mail and needs no code in the browser: they are rendered by the
//! server alone (`console_shell`), like the account page, and their forms are plain posts
//! answered by a redirect. A link only opens a page; the change itself happens when its
//! button is pressed (a POST), so a mail scanner that follows links changes nothing.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use domain::NewPassword;

use crate::api::accounts::ResetPassword;
use crate::components::form::{
    Field, FormCard, FormError, Notice, PostForm, Submit, action_error, posted_error,
};
use crate::components::page_title::PageTitle;
use crate::pages::auth::PASSWORD_HINT;

/// `/signup/sent`: where every sign-up lands, the same words whatever the address.
#[component]
pub fn SignUpSentPage() -> impl IntoView {
    view! {
        <PageTitle text="Check your inbox" />
        <FormCard title="Check your inbox">
            <Notice>
                "We sent a link to the address you typed. Open it within 24 hours to finish creating your account."
            </Notice>
            <p class="mt-4 text-sm text-muted">
                "Nothing arrived after a few minutes? Look in your spam folder, or "
                <A href="/signup" attr:class="text-accent underline">"sign up again"</A>"."
            </p>
        </FormCard>
    }
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

/// A page a mailed link opens: what pressing its button does, the button, and what it says
/// once done (the server function's redirect adds `?done=1`). The link's token goes along
/// with the post to `endpoint`.
#[component]
fn LinkButtonPage(
    endpoint: &'static str,
    title: &'static str,
    explanation: &'static str,
    button: &'static str,
    done_text: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let error = posted_error(endpoint);
    let done = use_query_map().read_untracked().get("done").is_some();
    let body = if done {
        view! {
            <Notice>{done_text}</Notice>
            {children.map(|children| children())}
        }
        .into_any()
    } else {
        view! {
            <PostForm endpoint class="flex flex-col gap-4">
                <FormError error />
                <input type="hidden" name="token" value=token_from_query() />
                <p class="text-muted">{explanation}</p>
                <Submit label=button />
            </PostForm>
        }
        .into_any()
    };
    view! {
        <PageTitle text=title />
        <FormCard title=title>{body}</FormCard>
    }
}

/// `/verify-email?token=…`: confirms an address; for a sign-up, that creates the account.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! {
        <LinkButtonPage
            endpoint="verify_email"
            title="Confirm your address"
            explanation="Press the button to confirm this is your address."
            button="Confirm my address"
            done_text="Thank you, your address is confirmed."
        >
            <p class="mt-4"><a href="/account" rel="external" class="text-accent underline">"Go to your account"</a></p>
        </LinkButtonPage>
    }
}

/// `/confirm-email?token=…`: moves the account to a new address.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! {
        <LinkButtonPage
            endpoint="confirm_email_change"
            title="Confirm your new address"
            explanation="Press the button to use this address for your account from now on."
            button="Use this address"
            done_text="Done: your account now uses the new address."
        />
    }
}
