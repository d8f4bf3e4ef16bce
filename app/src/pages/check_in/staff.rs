//! `/manage/{org}/events/{event}/check-in/staff`: who may run the event's check-in app
//! besides the organization's members, added by the address of their account.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::door_desk::DoorStaffMember;

use crate::api::door::list_door_staff;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The page.
#[component]
pub fn DoorStaffPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let staff = Resource::new(
        {
            let (org, event) = (org.clone(), event.clone());
            move || (org.clone(), event.clone())
        },
        |(org, event)| list_door_staff(org, event),
    );
    let notice = match use_query_map().read_untracked().get("done").as_deref() {
        Some("added") => Some("Added: they can open the check-in app of this event now."),
        Some("removed") => Some("Removed from the door staff."),
        _ => None,
    };
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event) = (org.clone(), event.clone()); Suspend::new(async move {
                match staff.await {
                    Ok(staff) => view! { <Staff staff org event notice /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Door staff" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Staff(
    staff: Vec<DoorStaffMember>,
    org: String,
    event: String,
    notice: Option<&'static str>,
) -> impl IntoView {
    let add_error = posted_error("add_door_staff");
    let remove_error = posted_error("remove_door_staff");
    let check_in = format!("/manage/{org}/events/{event}/check-in");
    view! {
        <PageTitle text="Door staff" />
        <p class="text-sm"><a href=check_in class="text-accent underline">"← Check-in"</a></p>
        <h1 class="mb-2 text-3xl font-bold tracking-tight">"Door staff"</h1>
        <p class="mb-6 text-muted">"Door staff open this event's check-in app and nothing else of the organization. Members of the organization can always check in."</p>
        {notice.map(|text| view! { <Notice>{text}</Notice> })}
        <section class=CARD aria-labelledby="staff-heading">
            <h2 id="staff-heading" class="mb-3 text-xl font-semibold">"On the door"</h2>
            <FormError error=remove_error />
            {if staff.is_empty() {
                view! { <p class="text-muted">"Nobody yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-2">
                        {staff.into_iter().map(|member| view! { <StaffRow member org=org.clone() event=event.clone() /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class=format!("{CARD} mt-6") aria-labelledby="add-heading">
            <h2 id="add-heading" class="mb-3 text-xl font-semibold">"Add someone"</h2>
            <PostForm endpoint="add_door_staff" class="flex flex-col gap-3">
                <input type="hidden" name="org" value=org.clone() />
                <input type="hidden" name="event" value=event.clone() />
                <Field label="Address of their Convene account" name="email" kind="email" autocomplete="off" error=add_error />
                <Submit label="Add to the door staff" />
            </PostForm>
        </section>
    }
}

#[component]
fn StaffRow(member: DoorStaffMember, org: String, event: String) -> impl IntoView {
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3">
            <span>{member.name.clone()}<span class="block text-sm text-muted">{member.email}</span></span>
            <PostForm endpoint="remove_door_staff">
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <input type="hidden" name="user" value=member.user_id.to_string() />
                <button type="submit" class="text-sm font-semibold text-danger underline">{format!("Remove {}", member.name)}</button>
            </PostForm>
        </li>
    }
}
