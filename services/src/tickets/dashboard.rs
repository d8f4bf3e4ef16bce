//! An event's registration dashboard for its organizers: counted afresh on each call (the
//! page asks again every few seconds), from the same counters that refuse an oversale.

use domain::error::AppError;
use domain::tickets::dashboard::{SalesDashboard, TypeSales};

use crate::accounts::session::Actor;
use crate::db::tickets::dashboard as counts;
use crate::db::{self, door};
use crate::organizer::scope;
use crate::policy::Action;
use crate::{Services, time};

/// The dashboard of the organization's event `event_slug`.
pub async fn dashboard(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<SalesDashboard, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let (pool, event) = (state.db.pool(), scope.event.id);
    let sales = AppError::db("cannot count the event's registrations");
    let types = counts::type_sales(pool, event).await.map_err(sales)?;
    let pending_orders = counts::pending_orders(pool, event).await;
    let pending_orders = pending_orders.map_err(AppError::db("cannot count pending orders"))?;
    let entries = AppError::db("cannot count check-ins");
    let (valid, inside, _) = door::counts(pool, event).await.map_err(entries)?;
    let checked_in = counts::arrived(pool, event).await;
    let checked_in = checked_in.map_err(AppError::db("cannot count arrivals"))?;
    let types = types
        .into_iter()
        .map(|row| TypeSales {
            // The counter also holds the seats offered to the waitlist, which no ticket has yet.
            offered: (row.sold - row.paid - row.pending).max(0),
            name: row.name,
            paid: row.paid,
            pending: row.pending,
            capacity: row.capacity,
            waiting: row.waiting,
        })
        .collect();
    Ok(SalesDashboard {
        event_title: scope.event.title,
        types,
        capacity: scope.event.capacity,
        pending_orders,
        valid,
        checked_in,
        inside,
        counted_at: time::clock_label(db::now(), &scope.tz),
    })
}
