//! Form building blocks shared by every page that takes input: a labelled field with its
//! error next to it, the banner for errors that concern the whole form, and buttons.
//!
//! Forms are `ActionForm`s: with JavaScript they call their server function in place; without
//! it they post and the server redirects back with the error, which the page's
//! `ServerAction` reads on the next render (the error travels in a cookie, never in the
//! address: `server/src/form_errors.rs` hands it to the page's request as `__err`). Either
//! way the error, and what was typed (kept in the error), is shown again.

use leptos::prelude::*;

use leptos::server_fn::error::ServerFnUrlError;

use domain::error::AppError;

/// The error a [`PostForm`]'s server function sent back: after a refused post the server
/// redirects to the form's page with `__path` (the function) in the URL, and the page's
/// request carries `__err` (the error, from its cookie), which is all a page needs to show
/// the error and what was typed.
pub fn posted_error(endpoint: &'static str) -> Signal<Option<AppError>> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || {
        let query = query.read();
        let path = query.get("__path")?;
        (path.strip_prefix("/api/") == Some(endpoint))
            .then(|| query.get("__err"))
            .flatten()
            .map(|error| ServerFnUrlError::<AppError>::decode_err(&error))
    })
}

/// The same, for one of several forms of a page posting to `endpoint`: only the error of the
/// form whose hidden `id` was `id` (the server function keeps it in the error).
pub fn posted_error_for(endpoint: &'static str, id: String) -> Signal<Option<AppError>> {
    let refused = posted_error(endpoint);
    Signal::derive(move || refused.get().filter(|e| e.kept("id") == Some(id.as_str())))
}

/// An error of one of the `endpoints` that no row's form can show: only a refusal of its
/// fields keeps the row's `id`, so anything else ("not found": another organizer deleted the
/// row meanwhile; a fault on our side) is shown once, at the top of the page.
pub fn unclaimed(endpoints: &[&'static str]) -> Signal<Option<AppError>> {
    let errors: Vec<_> = endpoints.iter().map(|e| posted_error(e)).collect();
    Signal::derive(move || {
        errors
            .iter()
            .find_map(|e| e.get())
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
    })
}

/// A form posted to the server function `endpoint` by the browser itself, with or without
/// JavaScript; the server answers with a redirect to the next page, or back here with the
/// error (see [`posted_error`]). Used by the workspace and the admin console, whose every
/// action reloads the page anyway: it keeps their code out of the browser bundle.
#[component]
pub fn PostForm(
    endpoint: &'static str,
    #[prop(default = "")] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=format!("/api/{endpoint}") class=class novalidate>
            {children()}
        </form>
    }
}

/// The last error of a server action, as a signal.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// Whether the last call of a server action succeeded.
pub fn action_succeeded<I, O>(action: ServerAction<I>) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().is_some_and(|r| r.is_ok()))
}

/// A labelled input. `error` is the form's last error: the message for `name`, if any, is
/// shown under the input and linked to it for screen readers; the value typed last time is
/// put back (except for passwords).
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
    /// Tells apart fields of the same name in different forms of one page.
    #[prop(optional, into)]
    form: Option<String>,
    /// The name its message and kept value go by, when not `name`: `tickets.0.email` for
    /// the input `order[tickets][0][email]` of a list.
    #[prop(optional, into)]
    field: Option<String>,
) -> impl IntoView {
    let field = field.unwrap_or_else(|| name.clone());
    let id = format!("{}-{field}", form.as_deref().unwrap_or("field"));
    let error_id = format!("{id}-error");
    let message = Signal::derive({
        let field = field.clone();
        move || {
            error
                .get()
                .and_then(|e| e.field_message(&field).map(str::to_owned))
        }
    });
    let initial = value.unwrap_or_default();
    let shown_value = move || {
        if kind == "password" {
            return String::new();
        }
        error
            .get()
            .and_then(|e| e.kept(&field).map(str::to_owned))
            .unwrap_or_else(|| initial.clone())
    };
    let described_by = {
        let error_id = error_id.clone();
        move || message.get().map(|_| error_id.clone())
    };
    view! {
        <div class="flex min-w-0 flex-col gap-1">
            <label for=id.clone() class="text-sm font-semibold">{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=shown_value
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=described_by
                class="rounded-lg border border-line bg-surface px-3 py-2 text-ink"
                class:border-danger=move || message.get().is_some()
            />
            {hint.map(|hint| view! { <p class="text-xs text-muted">{hint}</p> })}
            <Show when=move || message.get().is_some()>
                <p id=error_id.clone() class="text-sm text-danger">{message}</p>
            </Show>
        </div>
    }
}

/// The message for `name` in `error`, and the value to show: what was typed when the form
/// was refused, otherwise `initial`.
fn field_state(
    error: Signal<Option<AppError>>,
    name: String,
    initial: String,
) -> (
    impl Fn() -> Option<String> + Clone,
    impl Fn() -> String + Clone,
) {
    let message = {
        let name = name.clone();
        move || {
            error
                .get()
                .and_then(|e| e.field_message(&name).map(str::to_owned))
        }
    };
    let value = move || {
        error
            .get()
            .and_then(|e| e.kept(&name).map(str::to_owned))
            .unwrap_or_else(|| initial.clone())
    };
    (message, value)
}

/// A labelled multi-line field, with its error and kept value like [`Field`].
#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional, into)] form: Option<String>,
    /// The name its message and kept value go by, when not `name` (see [`Field`]).
    #[prop(optional, into)]
    field: Option<String>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let field = field.unwrap_or_else(|| name.clone());
    let id = format!("{}-{field}", form.as_deref().unwrap_or("field"));
    let error_id = format!("{id}-error");
    let (message, shown) = field_state(error, field, value.unwrap_or_default());
    let invalid = message.clone();
    let has_error = message.clone();
    let described = {
        let (message, error_id) = (message.clone(), error_id.clone());
        move || message().map(|_| error_id.clone())
    };
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="text-sm font-semibold">{label}</label>
            <textarea id=id name=name rows=rows required=required
                aria-invalid=move || invalid().map(|_| "true")
                aria-describedby=described
                class="rounded-lg border border-line bg-surface px-3 py-2 font-mono text-sm text-ink"
                class:border-danger=move || has_error().is_some()
            >{move || textarea_text(shown())}</textarea>
            {hint.map(|hint| view! { <p class="text-xs text-muted">{hint}</p> })}
            {move || message().map(|m| view! { <p id=error_id.clone() class="text-sm text-danger">{m}</p> })}
        </div>
    }
}

/// Leptos writes a `<textarea>`'s text into the server's HTML as it is, unlike other text, so
/// `</textarea><b>` typed into a field would end the element and inject markup. Escaped on
/// the server only: the browser decodes it back to what was typed, and in the browser the
/// text is set as text.
fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = domain::html::escape_html(&text);
    text
}

/// A labelled `<select>` of `(value, label)` options, with its error and kept choice.
#[component]
pub fn Choice(
    label: &'static str,
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] form: Option<String>,
) -> impl IntoView {
    let id = format!("{}-{name}", form.as_deref().unwrap_or("field"));
    let error_id = format!("{id}-error");
    let (message, chosen) = field_state(error, name.to_owned(), value.unwrap_or_default());
    let described = {
        let (message, error_id) = (message.clone(), error_id.clone());
        move || message().map(|_| error_id.clone())
    };
    view! {
        // `min-w-0`: a long option must not widen a grid column past a phone's screen.
        <div class="flex min-w-0 flex-col gap-1">
            <label for=id.clone() class="text-sm font-semibold">{label}</label>
            <select id=id name=name aria-describedby=described class="w-full min-w-0 rounded-lg border border-line bg-surface px-3 py-2">
                {options.into_iter().map(|(value, text)| {
                    let chosen = chosen.clone();
                    let selected = { let value = value.clone(); move || chosen() == value };
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {move || message().map(|m| view! { <p id=error_id.clone() class="text-sm text-danger">{m}</p> })}
        </div>
    }
}

/// The error of a whole form: anything that is not about one field (too many attempts, an
/// expired link, a fault on our side). Field errors are shown next to their fields instead.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let general = move || {
        error.get().and_then(|e| match &e {
            AppError::Invalid { errors, .. } => errors
                .iter()
                .find(|f| f.field == "request")
                .map(|f| f.message.clone()),
            other => Some(other.to_string()),
        })
    };
    view! {
        <Show when=move || general().is_some()>
            <p role="alert" class="rounded-lg border border-danger px-3 py-2 text-sm text-danger">
                {general}
            </p>
        </Show>
    }
}

/// A confirmation shown after a form did its work.
#[component]
pub fn Notice(children: Children) -> impl IntoView {
    view! {
        <p role="status" class="rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">
            {children()}
        </p>
    }
}

/// The primary button of a form; disabled while the form is being sent.
#[component]
pub fn Submit(label: &'static str, #[prop(optional, into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button
            type="submit"
            disabled=move || pending.get()
            class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60"
        >
            {label}
        </button>
    }
}

/// A centred card for the short forms of the account pages.
#[component]
pub fn FormCard(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="mx-auto max-w-md rounded-xl border border-line bg-surface p-6 sm:p-8">
            <h1 class="mb-6 text-2xl font-bold tracking-tight">{title}</h1>
            {children()}
        </section>
    }
}
