//! Registration with tickets: ticket types, prices and orders, shared by the forms in the
//! browser and the services that take the seats.

pub mod answer_sheet;
pub mod answers;
pub mod cancellation;
pub mod console;
pub mod dashboard;
pub mod door;
pub mod door_book;
pub mod door_desk;
pub mod money;
pub mod order;
pub mod pass;
pub mod questions;
pub mod roster;
pub mod ticket;
pub mod transfer;
pub mod types;
pub mod waitlist;

pub use console::{DoorNote, OrderLine, OrderListing};
pub use money::{parse_price, price_input, price_label};
pub use order::{
    OrderForm, OrderPlaced, OrderStatus, OrderTicket, OrderView, PaymentMethod, TicketRequest,
};
pub use questions::{EventQuestions, Question, QuestionForm, QuestionKind, QuestionSummary};
pub use ticket::{QrDrawing, TicketState, TicketView};
pub use types::{
    Availability, EventTicketing, OfferedTicketType, TicketOffer, TicketTypeForm, TicketTypeSummary,
};
