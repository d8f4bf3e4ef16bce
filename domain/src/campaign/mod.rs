//! Email campaigns as organizers build them: segments (rules over contacts, evaluated when a
//! campaign sends), templates with placeholders, campaigns and their statistics.

mod segment;

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
    /// When it sends or sent (Unix seconds), if known.
    pub when: Option<i64>,
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

/// What happened to a campaign's messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignStats {
    /// People the campaign goes to.
    pub recipients: i64,
    /// Accepted by the SMTP server.
    pub sent: i64,
    /// Refused for good, or given up after retries.
    pub failed: i64,
    /// Not sent because they unsubscribed or were suppressed meanwhile.
    pub skipped: i64,
    /// Recipients who opened it (as far as images tell).
    pub opens: i64,
    /// Recipients who clicked a link.
    pub clicks: i64,
    /// Recipients who unsubscribed through it.
    pub unsubscribes: i64,
    /// Opens and clicks per hour since sending started: (hour as Unix seconds, opens, clicks).
    pub timeline: Vec<(i64, i64, i64)>,
    /// Each link with its unique clicks.
    pub links: Vec<(String, i64)>,
}

impl CampaignStats {
    /// `part` of the messages sent, as a whole percentage.
    pub fn rate(&self, part: i64) -> i64 {
        if self.sent == 0 {
            0
        } else {
            (part * 100 + self.sent / 2) / self.sent
        }
    }

    /// Recipients handled so far, as a whole percentage.
    pub fn progress(&self) -> i64 {
        if self.recipients == 0 {
            0
        } else {
            (self.sent + self.failed + self.skipped) * 100 / self.recipients
        }
    }
}

/// One campaign's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDetails {
    /// Its id.
    pub id: CampaignId,
    /// Its state.
    pub status: CampaignStatus,
    /// Its fields, as the form shows them.
    pub form: CampaignForm,
    /// When it is scheduled to send (Unix seconds).
    pub send_at: Option<i64>,
    /// Scheduled, and its time has come (the sender takes it up within seconds).
    pub due: bool,
    /// When sending started and ended.
    pub started_at: Option<i64>,
    /// When it finished.
    pub finished_at: Option<i64>,
    /// Its numbers.
    pub stats: CampaignStats,
    /// The choices of the form.
    pub templates: Vec<Choice>,
    /// The choices of the form.
    pub segments: Vec<Choice>,
    /// The choices of the form.
    pub events: Vec<Choice>,
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

    #[test]
    fn rates_and_progress_round_sensibly() {
        let stats = CampaignStats {
            recipients: 200,
            sent: 150,
            failed: 10,
            skipped: 40,
            opens: 50,
            ..CampaignStats::default()
        };
        assert_eq!(stats.rate(stats.opens), 33);
        assert_eq!(stats.progress(), 100);
        assert_eq!(CampaignStats::default().rate(0), 0);
    }
}
