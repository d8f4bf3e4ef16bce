//! Check-in at the door, and the door staff. Thin shells over `services::door`, which asks
//! the policy first (the event's members and door staff check in; members manage staff).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use domain::UserId;
use domain::error::AppError;
use domain::tickets::door::{Direction, DoorAction, DoorCounts, DoorList, Synced};
use domain::tickets::door_desk::{DoorDesk, DoorLookup, DoorRecorded, DoorStaffMember};

#[cfg(feature = "ssr")]
use services::door::{self, scans, staff};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// The check-in page of an event.
#[server(prefix = "/api", endpoint = "get_door_desk")]
pub async fn get_door_desk(org: String, event: String) -> Result<DoorDesk, AppError> {
    door::desk(&app_state()?, &current_actor()?, &org, &event).await
}

/// The door's counters, asked again while doors are open.
#[server(prefix = "/api", endpoint = "get_door_counts")]
pub async fn get_door_counts(org: String, event: String) -> Result<DoorCounts, AppError> {
    door::counts(&app_state()?, &current_actor()?, &org, &event).await
}

/// Every ticket of the event with the key of its passes: what a device keeps to check in
/// offline. One request, compressed by the server.
#[server(prefix = "/api", endpoint = "get_door_list")]
pub async fn get_door_list(org: String, event: String) -> Result<DoorList, AppError> {
    door::list(&app_state()?, &current_actor()?, &org, &event).await
}

/// Looks up a scanned or typed code, or a name, changing nothing.
#[server(prefix = "/api", endpoint = "look_up_at_door")]
pub async fn look_up_at_door(
    org: String,
    event: String,
    q: String,
) -> Result<DoorLookup, AppError> {
    scans::lookup(&app_state()?, &current_actor()?, &org, &event, &q).await
}

/// The scan `scan` made from the page, for the line that confirms it.
#[server(prefix = "/api", endpoint = "get_door_scan")]
pub async fn get_door_scan(
    org: String,
    event: String,
    scan: String,
) -> Result<Option<DoorRecorded>, AppError> {
    scans::recorded(&app_state()?, &current_actor()?, &org, &event, &scan).await
}

/// Lets a ticket in (`direction=in`) or out from the page without JavaScript, then shows it.
#[server(prefix = "/api", endpoint = "door_scan")]
pub async fn door_scan(
    org: String,
    event: String,
    device: String,
    code: String,
    direction: Direction,
) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    let recorded = scans::record(&state, &actor, &org, &event, &device, &code, direction)
        .await
        .map_err(|e| e.keeping(&[("device", &device)]))?;
    let code: String = form_urlencoded::byte_serialize(code.as_bytes()).collect();
    let mut target = format!("/manage/{org}/events/{event}/check-in?q={code}");
    if let Some(scan) = recorded {
        target.push_str(&format!("&scan={scan}"));
    }
    leptos_axum::redirect(&target);
    Ok(())
}

/// Takes back a scan made from the page.
#[server(prefix = "/api", endpoint = "door_undo")]
pub async fn door_undo(
    org: String,
    event: String,
    device: String,
    scan: String,
    code: String,
) -> Result<(), AppError> {
    let undo = [DoorAction::Undo {
        scan_id: scan.clone(),
    }];
    scans::sync(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        &device,
        &undo,
    )
    .await?;
    let code: String = form_urlencoded::byte_serialize(code.as_bytes()).collect();
    let scan: String = form_urlencoded::byte_serialize(scan.as_bytes()).collect();
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/check-in?q={code}&scan={scan}"
    ));
    Ok(())
}

/// Records a device's queue of scans and undos (sent as JSON by the check-in app): the
/// server's answer to each scan, which tells the device of double entries.
#[server(prefix = "/api", endpoint = "door_sync", input = Json)]
pub async fn door_sync(
    org: String,
    event: String,
    device: String,
    actions: Vec<DoorAction>,
) -> Result<Vec<Synced>, AppError> {
    scans::sync(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        &device,
        &actions,
    )
    .await
}

/// The event's door staff.
#[server(prefix = "/api", endpoint = "list_door_staff")]
pub async fn list_door_staff(org: String, event: String) -> Result<Vec<DoorStaffMember>, AppError> {
    staff::list(&app_state()?, &current_actor()?, &org, &event).await
}

/// Adds an account to the event's door staff by its address.
#[server(prefix = "/api", endpoint = "add_door_staff")]
pub async fn add_door_staff(org: String, event: String, email: String) -> Result<(), AppError> {
    staff::add(&app_state()?, &current_actor()?, &org, &event, &email).await?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/check-in/staff?done=added"
    ));
    Ok(())
}

/// Takes someone off the event's door staff.
#[server(prefix = "/api", endpoint = "remove_door_staff")]
pub async fn remove_door_staff(org: String, event: String, user: UserId) -> Result<(), AppError> {
    staff::remove(&app_state()?, &current_actor()?, &org, &event, user).await?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/check-in/staff?done=removed"
    ));
    Ok(())
}
