//! No seat is sold twice: 500 buyers at once for 100 seats end with exactly 100 tickets, on
//! SQLite and on PostgreSQL alike.

use futures_util::future::join_all;

use domain::error::AppError;

use super::{box_office, order, ticket_type};

#[tokio::test]
async fn five_hundred_concurrent_orders_for_a_hundred_seats_sell_exactly_a_hundred() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Popular", "", "100")).await;
    let buyers: Vec<_> = (0..500).map(|_| office.app.browser()).collect();
    let answers = join_all(buyers.iter().map(|b| b.run(order(id, 1)))).await;
    let sold = answers.iter().filter(|a| a.is_ok()).count();
    let refused = answers
        .iter()
        .filter(|a| {
            matches!(a, Err(e @ AppError::Invalid { .. })
                if e.field_message("tickets").is_some_and(|m| m.contains("sold out")))
        })
        .count();
    assert_eq!(sold, 100, "{:?}", answers.iter().find(|a| a.is_err()));
    assert_eq!(refused, 400, "every other buyer is told it is sold out");
    assert_eq!(office.sold(id).await, 100);
    assert_eq!(office.tickets_of(id).await, 100);
    let seats: i64 = sqlx::query_scalar("SELECT taken FROM event_seats")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the event's seats");
    assert_eq!(seats, 100);
}
