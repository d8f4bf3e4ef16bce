//! The demo's tickets: the data engineering forum sells a free community ticket, a paid
//! standard one, a hidden speaker ticket (access code `SPEAKERS`) and a workshop sold out
//! with two people on its waitlist, with orders in every state, two attendees already checked
//! in and a speaker whose order has a note for the door; it asks every attendee their diet,
//! company and consent to share their details with exhibitors, and speakers their talk's
//! title. So the registration pages, the organizer's orders and the check-in app have
//! something to show.

use anyhow::Context as _;

use domain::TicketTypeId;
use domain::tickets::answers::{Answer, TICKED};
use domain::tickets::questions::{QuestionKind, QuestionValues};
use domain::tickets::types::TicketTypeValues as Checked;
use domain::tickets::{OrderStatus, PaymentMethod};

use super::db::door::{self, NewScan};
use super::db::questions;
use super::db::tickets::{self, NewOrder, NewTicket, TicketTypeValues};
use super::db::waitlist::{self, NewEntry};
use super::db::{Db, events, now};
use super::tickets::codes::{new_order_code, new_ticket_code};

/// The event that sells tickets in the demo.
pub const TICKETED_EVENT: &str = "data-engineering-forum";

fn ticket_type(name: &str, description: &str, price_cents: i64, capacity: i64) -> Checked {
    Checked {
        name: name.to_owned(),
        description: description.to_owned(),
        price_cents,
        capacity: Some(capacity),
        max_per_order: 10,
        access_code: None,
        position: 0,
    }
}

/// Adds the ticket types and orders; how many orders.
pub async fn demo_tickets(db: &Db) -> anyhow::Result<usize> {
    let event = events::find_public_by_slug(db, TICKETED_EVENT)
        .await?
        .context("the demo's ticketed event is missing")?;
    let now = now();
    let mut types = Vec::new();
    for (position, mut values) in [
        ticket_type("Community", "For students and community members.", 0, 50),
        ticket_type("Standard", "All three days, lunch included.", 12_000, 200),
        ticket_type("Speaker", "For the forum's speakers.", 0, 30),
        ticket_type("Workshop", "The hands-on day before the forum.", 0, 2),
    ]
    .into_iter()
    .enumerate()
    {
        values.position = position as i64;
        if values.name == "Speaker" {
            values.access_code = Some("SPEAKERS".to_owned());
        }
        let row = TicketTypeValues {
            checked: &values,
            sale_starts_at: None,
            sale_ends_at: None,
        };
        types.push((
            tickets::insert_type(db.pool(), event.id, &row, now).await?,
            values,
        ));
    }
    let asked = demo_questions(db, event.id, types[2].0, now).await?;
    let orders = [
        ("Grace Hopper", 0, 2, OrderStatus::Paid, PaymentMethod::Free),
        (
            "Alan Turing",
            1,
            1,
            OrderStatus::Paid,
            PaymentMethod::BankTransfer,
        ),
        (
            "Ada Lovelace",
            1,
            2,
            OrderStatus::Pending,
            PaymentMethod::BankTransfer,
        ),
        (
            "Edsger Dijkstra",
            1,
            1,
            OrderStatus::Pending,
            PaymentMethod::AtDoor,
        ),
        (
            "Barbara Liskov",
            1,
            1,
            OrderStatus::Cancelled,
            PaymentMethod::BankTransfer,
        ),
        (
            "Frances Allen",
            3,
            2,
            OrderStatus::Paid,
            PaymentMethod::Free,
        ),
        (
            "Margaret Hamilton",
            2,
            1,
            OrderStatus::Paid,
            PaymentMethod::Free,
        ),
    ];
    for (buyer, kind, seats, status, payment) in orders {
        // Grace and her guest are in already: the door list has someone inside.
        let checked_in = buyer == "Grace Hopper";
        let (type_id, values) = &types[kind];
        let first = buyer.split(' ').next().unwrap_or(buyer).to_lowercase();
        let email = format!("{first}@example.org");
        let code = new_order_code();
        let mut tx = db.pool().begin().await?;
        let order = tickets::insert_order(
            &mut *tx,
            &NewOrder {
                event: event.id,
                code: &code,
                user: None,
                buyer_name: buyer,
                buyer_email: &email,
                status: status.as_str(),
                payment_method: payment.as_str(),
                total_cents: values.price_cents * seats,
                currency: &event.currency,
                expires_at: (status == OrderStatus::Pending).then_some(event.starts_at),
                remind_at: None,
            },
            now,
        )
        .await?;
        for seat in 0..seats {
            let name = match seat {
                0 => buyer.to_owned(),
                n => format!("{buyer}'s guest {n}"),
            };
            let ticket = NewTicket {
                ticket_type: *type_id,
                code: &new_ticket_code(),
                name: &name,
                email: &email,
                price_cents: values.price_cents,
            };
            let id = tickets::insert_ticket(&mut *tx, order, event.id, &ticket, now).await?;
            for answer in asked.answers(seat, kind == 2) {
                questions::insert_answer(&mut *tx, id, &answer).await?;
            }
            if checked_in {
                let scan_id = format!("demo-{}", ticket.code);
                let scan = NewScan {
                    event: event.id,
                    ticket: id,
                    scan_id: &scan_id,
                    device: "Front door",
                    user: None,
                    outcome: "entered",
                    scanned_at: now - 600,
                };
                door::insert_scan(&mut *tx, &scan, now).await?;
                door::enter(&mut *tx, id, scan.scanned_at, scan.device).await?;
            }
        }
        if buyer == "Margaret Hamilton" {
            tickets::set_door_note(
                &mut *tx,
                order,
                "Keynote speaker: badge and lanyard at the desk",
            )
            .await?;
        }
        if status == OrderStatus::Cancelled {
            tickets::cancel_tickets(&mut *tx, order).await?;
        } else {
            tickets::take_type_seats(&mut *tx, *type_id, seats).await?;
            tickets::take_event_seats(&mut tx, event.id, seats, event.capacity).await?;
        }
        tx.commit().await?;
    }
    // The workshop is sold out, and two people wait for a seat.
    let (workshop, _) = &types[3];
    for (name, email) in [
        ("Hedy Lamarr", "hedy@example.org"),
        ("Radia Perlman", "radia@example.org"),
    ] {
        let entry = NewEntry {
            event: event.id,
            ticket_type: *workshop,
            user: None,
            name,
            email,
        };
        waitlist::join(db.pool(), &entry, now).await?;
    }
    Ok(orders.len())
}

/// The demo's questions, by id.
struct Asked {
    diet: domain::QuestionId,
    company: domain::QuestionId,
    consent: domain::QuestionId,
    talk: domain::QuestionId,
}

impl Asked {
    /// The answers of the `seat`th ticket of an order (a speaker's, when `speaker`): diets
    /// vary, the buyer works somewhere and lets exhibitors scan them, guests say less.
    fn answers(&self, seat: i64, speaker: bool) -> Vec<Answer> {
        let answer = |question, value: &str| Answer {
            question,
            value: value.to_owned(),
        };
        let diets = ["None", "Vegetarian", "Vegan"];
        let mut answers = vec![answer(self.diet, diets[seat as usize % diets.len()])];
        if seat == 0 {
            answers.push(answer(self.company, "Example Analytics"));
            answers.push(answer(self.consent, TICKED));
        }
        if speaker {
            answers.push(answer(self.talk, "Pipelines that never lose a row"));
        }
        answers
    }
}

/// Adds the questions every ticket is asked, and the speakers' own.
async fn demo_questions(
    db: &Db,
    event: domain::EventId,
    speaker: TicketTypeId,
    now: i64,
) -> anyhow::Result<Asked> {
    let question =
        |label: &str, kind, options: &[&str], required, ticket_type, position| QuestionValues {
            label: label.to_owned(),
            kind,
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            required,
            ticket_type,
            position,
        };
    let diet = ["None", "Vegetarian", "Vegan", "Gluten-free"];
    let all = [
        question("Diet", QuestionKind::SingleChoice, &diet, true, None, 0),
        question(
            "Company or organization",
            QuestionKind::Text,
            &[],
            false,
            None,
            1,
        ),
        question(
            "Share my name, company and address with the exhibitors I let scan my badge",
            QuestionKind::ExhibitorConsent,
            &[],
            false,
            None,
            2,
        ),
        question(
            "Title of your talk",
            QuestionKind::Text,
            &[],
            true,
            Some(speaker),
            3,
        ),
    ];
    let mut ids = Vec::new();
    for values in &all {
        ids.push(questions::insert(db.pool(), event, values, now).await?);
    }
    Ok(Asked {
        diet: ids[0],
        company: ids[1],
        consent: ids[2],
        talk: ids[3],
    })
}
