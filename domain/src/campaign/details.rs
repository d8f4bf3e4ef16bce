//! One campaign's page as the server writes it: its times in the zone the page names, what
//! went out once sending started, and its statistics. Times are written out on the server,
//! which holds the zone database; the browser only shows them.

use serde::{Deserialize, Serialize};

use super::{CampaignForm, CampaignStatus, Choice};
use crate::CampaignId;

/// Whose time zone a campaign's times are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZoneOf {
    /// The campaign's event's.
    Event,
    /// The organization's: the campaign has no event.
    Organization,
}

/// A campaign's times, in the zone its page names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignTimes {
    /// The zone's name, "Europe/Berlin".
    pub zone: String,
    /// Whose zone it is.
    pub zone_of: ZoneOf,
    /// When it is scheduled to send, "3 Mar 2026, 10:00 CET"; blank when it is not.
    pub send_at: String,
    /// The same as the "Send at" field shows it, `2026-03-03T10:00`; blank when not scheduled.
    pub send_at_input: String,
    /// When sending started; blank before.
    pub started: String,
    /// When sending ended; blank before.
    pub finished: String,
}

impl CampaignTimes {
    /// "Times are in Europe/Berlin, the time zone of the campaign's event."
    pub fn sentence(&self) -> String {
        let whose = match self.zone_of {
            ZoneOf::Event => "the time zone of the campaign's event",
            ZoneOf::Organization => "the organization's time zone (the campaign has no event)",
        };
        format!("Times are in {}, {whose}.", self.zone)
    }
}

/// What went out, frozen when sending started: later edits of the template or the segment
/// change nothing here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMessage {
    /// The subject line.
    pub subject: String,
    /// The sender's name.
    pub from_name: String,
    /// The segment's name then; blank when it went to every subscribed contact.
    pub segment: String,
    /// Whom the segment picked, in words.
    pub audience: String,
    /// The message as a contact without a name received it: plain text.
    pub text: String,
    /// The same, as HTML (shown in a sandboxed frame).
    pub html: String,
}

/// Opens and clicks in one hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourActivity {
    /// The hour's start, Unix seconds.
    pub at: i64,
    /// "3 Mar, 10:00", in the campaign's zone.
    pub label: String,
    /// Recipients who opened it that hour (first opens).
    pub opens: i64,
    /// Recipients who clicked a link that hour (first clicks).
    pub clicks: i64,
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
    /// Opens and clicks per hour since sending started.
    pub timeline: Vec<HourActivity>,
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

    /// Recipients not handled yet.
    pub fn remaining(&self) -> i64 {
        (self.recipients - self.sent - self.failed - self.skipped).max(0)
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
    /// Its times, written out in its zone.
    pub times: CampaignTimes,
    /// Whom "Send now" would reach, counted from the segment as it stands (before sending
    /// starts; `None` once the recipients are written).
    pub audience: Option<i64>,
    /// The segment it goes to, for the confirmation: "segment “VIP”" or "every subscribed
    /// contact".
    pub audience_label: String,
    /// What went out, once sending has started.
    pub sent_message: Option<SentMessage>,
    /// Why a sending campaign is standing still, and when it goes on (after a crash the
    /// dead sender's lease must run out first).
    pub resume_note: Option<String>,
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
    fn rates_and_progress_round_sensibly() {
        let stats = CampaignStats {
            recipients: 200,
            sent: 150,
            failed: 10,
            skipped: 30,
            opens: 50,
            ..CampaignStats::default()
        };
        assert_eq!(stats.rate(stats.opens), 33);
        assert_eq!(stats.progress(), 95);
        assert_eq!(stats.remaining(), 10);
        assert_eq!(CampaignStats::default().rate(0), 0);
    }
}
