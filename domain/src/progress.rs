//! How far a background job has come (an import, a campaign's sending), as the page's bar
//! shows it: the page renders it, and while the job works the bar asks for it again.

use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignDetails, CampaignStatus};
use crate::import::{ImportPage, ImportStatus};
use crate::text::counted;

/// A job's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// How far, 0 to 100.
    pub percent: i64,
    /// The sentence under the bar.
    pub label: String,
    /// Whether the job is (about to be) at work, so the bar is worth asking again.
    pub working: bool,
    /// The job's stage (`running`, `sending`, …): when it changes, what the page offers
    /// changes too (buttons, the rows imported), so the page is loaded again.
    pub stage: String,
}

impl From<&ImportPage> for Progress {
    fn from(page: &ImportPage) -> Self {
        let rows = |n| counted(n, "row");
        let label = match page.status {
            ImportStatus::Preview => format!(
                "{} can be imported; {} cannot (listed below, with the reason). Nothing has been imported yet.",
                rows(page.valid),
                rows(page.invalid)
            ),
            ImportStatus::Queued => "Waiting to start…".to_owned(),
            ImportStatus::Running => format!("{} of {} done.", page.processed, rows(page.valid)),
            ImportStatus::Done => format!(
                "Done: {} imported; {} not imported.",
                rows(page.imported),
                rows(page.invalid + page.processed - page.imported)
            ),
        };
        Self {
            percent: page.percent(),
            label,
            working: matches!(page.status, ImportStatus::Queued | ImportStatus::Running),
            stage: page.status.as_str().to_owned(),
        }
    }
}

impl From<&CampaignDetails> for Progress {
    fn from(campaign: &CampaignDetails) -> Self {
        let stats = &campaign.stats;
        let percent = stats.progress();
        let times = &campaign.times;
        let label = match campaign.status {
            CampaignStatus::Draft => {
                "A draft: nothing is sent until you send or schedule it.".to_owned()
            }
            CampaignStatus::Scheduled if campaign.due => {
                "Starting: the sender takes it up within seconds.".to_owned()
            }
            CampaignStatus::Scheduled => format!("Sends at {}.", times.send_at),
            CampaignStatus::Sending => {
                let handled = format!("{percent}% of {} recipients handled.", stats.recipients);
                match &campaign.resume_note {
                    Some(note) => format!("{handled} {note}"),
                    None => handled,
                }
            }
            CampaignStatus::Paused => format!("Paused at {percent}%."),
            CampaignStatus::Sent => format!(
                "Sent to {} recipients, finished {}.",
                stats.sent, times.finished
            ),
            CampaignStatus::Cancelled => {
                "Cancelled: recipients not reached yet get nothing.".to_owned()
            }
        };
        let working = campaign.status == CampaignStatus::Sending
            || (campaign.status == CampaignStatus::Scheduled && campaign.due);
        Self {
            percent,
            label,
            working,
            stage: campaign.status.as_str().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ContactMapping, ImportKind};

    fn import(status: ImportStatus, processed: i64) -> ImportPage {
        ImportPage {
            id: 1,
            organization_slug: "acme".into(),
            kind: ImportKind::Speakers,
            event: None,
            file_name: "a.csv".into(),
            status,
            valid: 4,
            invalid: 1,
            processed,
            imported: processed,
            columns: Vec::new(),
            mapping: ContactMapping::default(),
            rows: Vec::new(),
        }
    }

    #[test]
    fn an_import_is_worth_asking_again_only_while_it_runs() {
        let running = Progress::from(&import(ImportStatus::Running, 1));
        assert_eq!(
            (running.percent, running.label.as_str(), running.working),
            (25, "1 of 4 rows done.", true)
        );
        let preview = Progress::from(&import(ImportStatus::Preview, 0));
        assert!(!preview.working);
        assert!(
            preview
                .label
                .starts_with("4 rows can be imported; 1 row cannot")
        );
        let done = Progress::from(&import(ImportStatus::Done, 4));
        assert_eq!(done.label, "Done: 4 rows imported; 1 row not imported.");
        assert_ne!(done.stage, running.stage);
    }
}
