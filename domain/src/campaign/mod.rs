//! Email campaigns as organizers build them: segments (rules over contacts, evaluated when a
//! campaign sends), templates with placeholders, campaigns and their statistics.

mod details;
mod segment;

pub use details::{
    CampaignDetails, CampaignStats, CampaignTimes, HourActivity, SentMessage, ZoneOf,
};
pub use segment::{Combine, RegistrationFilter, Rule, RuleForm, SegmentRules};

use serde::{Deserialize, Serialize};

use crate::{CampaignId, SegmentId, TemplateId};

/// The placeholders a template may use, with what they become.
pub const PLACEHOLDERS: [(&str, &str); 6] = [
    ("name", "the contact's name (“there” when unknown)"),
    ("first_name", "the first word of the name"),
    ("event_title", "the campaign's event"),
    ("event_date", "the event's first day"),
    ("event_url", "the event's page"),
    ("unsubscribe_url", "the contact's unsubscribe page"),
];

/// The `{{name}}` placeholders in `body` that do not exist, for the template form.
pub fn unknown_placeholders(body: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) && !unknown.iter().any(|u| u == name) {
            unknown.push(name.to_owned());
        }
        rest = &after[end + 2..];
    }
    unknown
}

/// Where a campaign stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignStatus {
    /// Being written; nothing is sent.
    Draft,
    /// Will start sending at its time.
    Scheduled,
    /// Messages are going out.
    Sending,
    /// Sending stopped by an organizer; it can resume.
    Paused,
    /// Every recipient was handled.
    Sent,
    /// Stopped for good; recipients not reached yet get nothing.
    Cancelled,
}

impl CampaignStatus {
    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Sending => "sending",
            Self::Paused => "paused",
            Self::Sent => "sent",
            Self::Cancelled => "cancelled",
        }
    }

    /// From its stored name; unknown reads as cancelled, which sends nothing.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "draft" => Self::Draft,
            "scheduled" => Self::Scheduled,
            "sending" => Self::Sending,
            "paused" => Self::Paused,
            "sent" => Self::Sent,
            _ => Self::Cancelled,
        }
    }

    /// For people.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Scheduled => "Scheduled",
            Self::Sending => "Sending",
            Self::Paused => "Paused",
            Self::Sent => "Sent",
            Self::Cancelled => "Cancelled",
        }
    }

    /// Whether its content may still change.
    pub const fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::Scheduled)
    }
}

/// A campaign's fields, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    /// For the organizers.
    pub name: String,
    /// The subject line.
    pub subject: String,
    /// The sender's name; the address is the platform's.
    pub from_name: String,
    /// A template id.
    pub template: String,
    /// A segment id; blank for every mailable contact.
    pub segment: String,
    /// An event id for the placeholders; may be blank.
    pub event: String,
    /// Messages per second; blank or 0 for no limit.
    pub throttle: String,
}

/// A choice in a form: id and label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The id, as posted.
    pub id: i64,
    /// What people see.
    pub label: String,
}

/// One line of the campaign list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    /// Its id.
    pub id: CampaignId,
    /// Its name.
    pub name: String,
    /// Its state.
    pub status: CampaignStatus,
    /// When it sends or sent, in its time zone ("3 Mar 2026, 10:00 CET"); blank if unknown.
    pub when: String,
    /// Recipients and messages sent so far.
    pub recipients: i64,
    /// Messages accepted by the SMTP server.
    pub sent: i64,
}

/// A saved segment with its current size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentSummary {
    /// Its id.
    pub id: SegmentId,
    /// Its name.
    pub name: String,
    /// Its rules.
    pub rules: SegmentRules,
    /// Mailable contacts matching now.
    pub count: i64,
}

/// A template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDetails {
    /// Its id.
    pub id: TemplateId,
    /// Its name.
    pub name: String,
    /// Markdown with placeholders.
    pub body: String,
}

/// The audience page: campaigns, segments and templates, with the choices their forms need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignsOverview {
    /// Newest first.
    pub campaigns: Vec<CampaignSummary>,
    /// By name.
    pub segments: Vec<SegmentSummary>,
    /// By name.
    pub templates: Vec<TemplateDetails>,
    /// The organization's events, newest first.
    pub events: Vec<Choice>,
    /// Every tag in use.
    pub tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_placeholders_are_found_once_each() {
        assert_eq!(
            unknown_placeholders("Hi {{ name }}, {{nmae}} {{nmae}} {{unsubscribe_url}} {{x"),
            ["nmae"]
        );
    }
}
