//! Registration questions: the organizer's questions read back and refused field by field,
//! other tenants kept out; an order's answers are stored per ticket and shown on its page;
//! a missing or forged answer is named next to its field with what was typed kept; a question
//! for one type is asked of that type only; a deleted question takes its answers along.

use std::collections::BTreeMap;

use app::api::questions::{DeleteQuestion, ListQuestions, SaveQuestion};
use app::api::tickets::{GetOrder, OfferedTickets, PlaceOrder};
use domain::error::AppError;
use domain::tickets::QuestionKind;
use domain::{PlatformRole, QuestionId, TicketTypeId};

use super::{BoxOffice, box_office, order, ticket_type};
use crate::fixtures::{given_user, session_for};

pub(super) fn question(label: &str, kind: &str, options: &str, required: bool) -> SaveQuestion {
    SaveQuestion {
        org: "acme".into(),
        event: "acme-conf".into(),
        id: String::new(),
        label: label.into(),
        kind: kind.into(),
        options: options.into(),
        required: if required { "yes" } else { "" }.into(),
        ticket_type: String::new(),
        position: String::new(),
    }
}

fn list() -> ListQuestions {
    ListQuestions {
        org: "acme".into(),
        event: "acme-conf".into(),
    }
}

/// A free type with three questions: a required choice of diet, an optional company for
/// every ticket, and the exhibitor consent.
pub(super) async fn asking(office: &BoxOffice) -> (TicketTypeId, [QuestionId; 3]) {
    let id = office.given_type(ticket_type("Community", "", "10")).await;
    let diet = question("Diet", "single_choice", "None\nVegetarian\nVegan", true);
    let company = question("Company", "text", "", false);
    let consent = question(
        "Share my details with exhibitors",
        "exhibitor_consent",
        "",
        false,
    );
    let mut ids = [QuestionId(0); 3];
    for (i, form) in [diet, company, consent].into_iter().enumerate() {
        ids[i] = office.organizer.run(form).await.expect("a question saved");
    }
    (id, ids)
}

/// An order of one ticket of `id` for acme-conf whose attendee answers the diet question
/// `diet` "Vegan" (see [`asking`]).
pub(super) fn vegan_order(id: TicketTypeId, diet: QuestionId) -> PlaceOrder {
    let mut placing = order(id, 1);
    placing.order.tickets[0].answers = answers(&[(format!("q{diet}"), "Vegan")]);
    placing
}

pub(super) fn answers(pairs: &[(String, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.clone(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn answers_are_stored_per_ticket_and_shown_on_the_order_page() {
    let office = box_office().await;
    let (id, [diet, company, consent]) = asking(&office).await;
    let mut placing = order(id, 2);
    placing.order.tickets[0].answers = answers(&[
        (format!("q{diet}"), "Vegan"),
        (format!("q{company}"), "Analytical Engines Ltd"),
        (format!("q{consent}"), "yes"),
    ]);
    placing.order.tickets[1].answers = answers(&[(format!("q{diet}"), "None")]);
    let visitor = office.app.browser();
    let placed = visitor.run(placing).await.expect("ordered");
    let view = visitor
        .run(GetOrder {
            link: placed.link.clone(),
        })
        .await
        .expect("the order");
    let shown = |i: usize| -> Vec<(String, String)> {
        view.tickets[i]
            .answers
            .iter()
            .map(|a| (a.label.clone(), a.answer.clone()))
            .collect()
    };
    let pair = |l: &str, a: &str| (l.to_owned(), a.to_owned());
    assert_eq!(
        shown(0),
        [
            pair("Diet", "Vegan"),
            pair("Company", "Analytical Engines Ltd"),
            pair("Share my details with exhibitors", "Yes")
        ]
    );
    assert_eq!(
        shown(1),
        [
            pair("Diet", "None"),
            pair("Company", ""),
            pair("Share my details with exhibitors", "No")
        ]
    );
    let page = office.organizer.run(list()).await.expect("the questions");
    let counts: Vec<i64> = page.questions.iter().map(|q| q.answered).collect();
    assert_eq!(counts, [2, 1, 1]);
}

#[tokio::test]
async fn a_missing_or_forged_answer_is_named_and_what_was_typed_is_kept() {
    let office = box_office().await;
    let (id, [diet, company, _]) = asking(&office).await;
    let mut placing = order(id, 2);
    placing.order.tickets[0].answers = answers(&[(format!("q{company}"), "Acme")]);
    placing.order.tickets[1].answers = answers(&[(format!("q{diet}"), "Carnivore")]);
    let Err(error) = office.app.browser().run(placing).await else {
        panic!("an order without its required answers was placed");
    };
    assert_eq!(
        error.field_message(&format!("tickets.0.q{diet}")),
        Some("choose one")
    );
    assert_eq!(
        error.field_message(&format!("tickets.1.q{diet}")),
        Some("choose one of the options offered")
    );
    assert_eq!(error.kept(&format!("tickets.0.q{company}")), Some("Acme"));
    assert_eq!(error.kept("tickets.0.name"), Some("Attendee 0"));
    assert_eq!(office.sold(id).await, 0, "no seat taken");
}

#[tokio::test]
async fn a_question_for_one_type_is_asked_of_that_type_only_and_hidden_with_it() {
    let office = box_office().await;
    let open = office.given_type(ticket_type("Community", "", "10")).await;
    let hidden = office
        .given_type(super::SaveTicketType {
            access_code: "SPEAKERS".into(),
            ..ticket_type("Speaker", "", "10")
        })
        .await;
    let talk = office
        .organizer
        .run(SaveQuestion {
            ticket_type: hidden.to_string(),
            ..question("Title of your talk", "text", "", true)
        })
        .await
        .expect("saved");
    let offered = |code: &str| OfferedTickets {
        event: "acme-conf".into(),
        code: code.into(),
    };
    let visitor = office.app.browser();
    let public = visitor.run(offered("")).await.expect("offered");
    assert!(public.questions.is_empty(), "{:?}", public.questions);
    let unlocked = visitor.run(offered("speakers")).await.expect("offered");
    assert_eq!(unlocked.questions.len(), 1);
    assert!(unlocked.questions[0].asked_for(hidden));
    // The community ticket needs no talk title.
    visitor.run(order(open, 1)).await.expect("ordered");
    let mut speaker = order(hidden, 1);
    speaker.order.access_code = "speakers".into();
    let Err(error) = visitor.run(speaker).await else {
        panic!("a speaker ticket without its required answer was placed");
    };
    assert!(error.field_message(&format!("tickets.0.q{talk}")).is_some());
}

#[tokio::test]
async fn bad_questions_are_refused_field_by_field_and_other_tenants_kept_out() {
    let office = box_office().await;
    let bad = SaveQuestion {
        ticket_type: "999999".into(),
        ..question(" ", "single_choice", "Only one", false)
    };
    let Err(error) = office.organizer.run(bad).await else {
        panic!("a bad question was saved");
    };
    for field in ["label", "options"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
    assert_eq!(error.kept("options"), Some("Only one"));
    let Err(error) = office
        .organizer
        .run(SaveQuestion {
            ticket_type: "999999".into(),
            ..question("Diet", "text", "", false)
        })
        .await
    else {
        panic!("a question for another event's type was saved");
    };
    assert!(error.field_message("ticket_type").is_some());
    let Err(error) = office
        .organizer
        .run(question("Photos", "consent", "", true))
        .await
    else {
        panic!("a required consent was saved");
    };
    assert!(error.field_message("required").is_some());

    let saved = office
        .organizer
        .run(question("Diet", "text", "", false))
        .await
        .expect("saved");
    let outsider = given_user(&office.app, "outsider@example.org", PlatformRole::None).await;
    let outsider = session_for(&office.app, outsider).await;
    assert!(matches!(
        outsider.run(list()).await,
        Err(AppError::NotFound(_))
    ));
    let change = SaveQuestion {
        id: saved.to_string(),
        ..question("Hijacked", "text", "", false)
    };
    assert!(matches!(
        outsider.run(change).await,
        Err(AppError::NotFound(_))
    ));
    let page = office.organizer.run(list()).await.expect("the questions");
    assert_eq!(page.questions[0].question.label, "Diet");
    assert_eq!(page.questions[0].question.kind, QuestionKind::Text);
}

#[tokio::test]
async fn a_deleted_question_takes_its_answers_and_is_in_the_history() {
    let office = box_office().await;
    let (id, [diet, _, _]) = asking(&office).await;
    let placing = vegan_order(id, diet);
    office.app.browser().run(placing).await.expect("ordered");
    let delete = |confirm: &str| DeleteQuestion {
        org: "acme".into(),
        event: "acme-conf".into(),
        id: diet.to_string(),
        confirm: confirm.into(),
    };
    let Err(asked) = office.organizer.run(delete("")).await else {
        panic!("deleted without asking");
    };
    assert!(asked.field_message("confirm").is_some());
    office.organizer.run(delete("yes")).await.expect("deleted");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_answers")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(left, 0);
    let history = office.history().await;
    assert!(
        history
            .iter()
            .any(|h| h == "Deleted the question “Diet” and its answers"),
        "{history:?}"
    );
    assert!(matches!(
        office.organizer.run(delete("yes")).await,
        Err(AppError::NotFound(_))
    ));
}
