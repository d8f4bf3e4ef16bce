//! "Pass the ticket on" on a ticket's page: whoever holds it names the new holder, confirms
//! the address the page asks about, and the ticket goes to them by mail under a new code.
//! Not printed: the printout is the ticket.

use leptos::prelude::*;

use crate::components::form::{Field, FormError, PostForm, posted_error};

/// The form passing the ticket `code` on.
#[component]
pub fn TicketTransfer(code: String) -> impl IntoView {
    let error = posted_error("transfer_ticket");
    let asked = move || {
        error
            .get()
            .and_then(|e| e.field_message("confirm").map(str::to_owned))
    };
    // The address asked about: sent back with the answer, so an address changed after the
    // question is asked about again.
    let asked_about = move || {
        error
            .get()
            .filter(|e| e.field_message("confirm").is_some())
            .and_then(|e| e.kept("email").map(str::to_owned))
    };
    view! {
        <section class="mx-auto mt-6 max-w-md rounded-xl border border-line bg-surface p-6 print:hidden" aria-labelledby="ticket-transfer">
            <h2 id="ticket-transfer" class="mb-2 text-lg font-semibold">"Pass the ticket on"</h2>
            <p class="mb-4 text-sm text-muted">
                "Cannot come? Give the ticket to someone else: they get it by mail under a new code, with the organizer's questions to answer, and this page, its link and its QR code stop working. Whoever bought the order still sees the ticket on the order's page."
            </p>
            <FormError error />
            {move || asked().map(|m| view! { <p role="alert" class="mb-3 text-sm font-semibold">{m}</p> })}
            <PostForm endpoint="transfer_ticket" class="flex flex-col gap-4">
                <input type="hidden" name="code" value=code />
                {move || asked_about().map(|email| view! { <input type="hidden" name="confirm" value=email /> })}
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="New holder's name" name="name" error form="transfer" autocomplete="off" />
                    <Field label="New holder's email" name="email" error form="transfer" kind="email" autocomplete="off" />
                </div>
                <div>
                    <button type="submit" class="rounded-lg border border-danger px-3 py-2 text-sm font-semibold text-danger">
                        {move || if asked().is_some() { "Yes, pass it on" } else { "Pass the ticket on" }}
                    </button>
                </div>
            </PostForm>
        </section>
    }
}
