//! The campaign sender: durable background work stored in the database.
//!
//! Any instance may claim a campaign that is due, with a lease it renews every second. When
//! a scheduled campaign starts, its segment is evaluated once, inside the database, into
//! one `campaign_recipients` row per contact: the row is the idempotency key (campaign ×
//! contact). Recipients are then read in keyset batches and sent over a few SMTP
//! connections at once; outcomes go to a recorder task that writes everything finished so
//! far in one transaction (group commit), so memory stays flat whatever the audience size
//! and a crash loses at most the messages in flight, which are sent again on resume.
//!
//! The one window left: a message the SMTP server accepted in the last few tens of
//! milliseconds before its row was written (the recorder gathers outcomes for up to
//! [`GATHER`]) is sent again after a crash. Its `Message-ID` is the same, so mail stores that
//! deduplicate drop the copy.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use domain::ContactId;
use domain::error::AppError;

use super::lanes::{Job, throttle};
use super::message;
use super::mime::Mime;
use super::smtp::Transport;
use crate::Services;
use crate::db::campaigns::{self, CampaignRecord, Outcome};
use crate::db::{self, segments};

/// Recipients read at a time.
pub(super) const BATCH: i64 = 500;
/// How long the recorder gathers outcomes before writing them (unless a batch is full).
/// Writing each as it came cost a transaction per message at moderate rates: at 2,300
/// messages a second the database thread took 44 % of the sender's time
/// (docs/PERFORMANCE.md). A crash can lose this much of the record, sent again on resume.
const GATHER: Duration = Duration::from_millis(20);

/// Looks for due campaigns every `config.campaign_check` until `stop` turns true.
pub async fn run(state: Services, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(state.config.campaign_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
        while send_once(&state, &stop).await {}
    }
}

/// Claims one due campaign and sends what it can; whether there was one.
pub async fn send_once(state: &Services, stop: &watch::Receiver<bool>) -> bool {
    let token = hex::encode(rand::random::<[u8; 16]>());
    let now = db::now();
    let lease = state.config.campaign_lease.as_secs() as i64;
    let campaign = match campaigns::claim(&state.db, now, &token, now + lease).await {
        Ok(Some(campaign)) => campaign,
        Ok(None) => return false,
        Err(error) => {
            tracing::warn!(%error, "cannot look for campaigns to send; retrying later");
            return false;
        }
    };
    tracing::info!(campaign.id = %campaign.id, "sending a campaign");
    match send(state, &campaign, &token, stop).await {
        Ok(()) => !*stop.borrow(),
        Err(error) => {
            tracing::warn!(%error, campaign.id = %campaign.id, "sending stopped; it will resume");
            false
        }
    }
}

async fn send(
    state: &Services,
    campaign: &CampaignRecord,
    token: &str,
    stop: &watch::Receiver<bool>,
) -> Result<(), AppError> {
    let values = super::campaign_values(state, campaign).await?;
    let body = if campaign.status == "scheduled" {
        match start(state, campaign, token, &values).await? {
            Some(body) => body,
            None => {
                campaigns::release(&state.db, campaign.id, token)
                    .await
                    .map_err(AppError::db("cannot release a campaign"))?;
                return Ok(());
            }
        }
    } else {
        campaign.body.clone()
    };
    let compiled = message::compile(&body, &values);
    let halt = Arc::new(AtomicBool::new(false));
    let renewer = tokio::spawn(keep_lease(
        state.clone(),
        campaign.id,
        token.to_owned(),
        halt.clone(),
        stop.clone(),
    ));
    let (results, received) = mpsc::channel(4 * BATCH as usize);
    let recorder = tokio::spawn(record(state.db.clone(), campaign.id, received));
    let job = Job {
        state,
        campaign,
        compiled: &compiled,
        mime: Mime::new(
            campaign.id,
            &state.mailer.campaign_sender(&campaign.from_name),
            &campaign.subject,
        ),
        limiter: throttle(campaign.throttle),
        halt: &halt,
        unreachable: AtomicBool::new(false),
        transport: Transport::new(
            state.config.smtp_url.as_ref().map(|u| u.0.as_str()),
            &state.mailer,
        ),
    };
    let outcome = job.send_all(&results).await;
    drop(results);
    let recorded = recorder.await.unwrap_or(false);
    renewer.abort();
    outcome?;
    if !recorded {
        return Err(AppError::Unavailable);
    }
    if halt.load(Ordering::Relaxed) {
        // Paused, cancelled, shutting down or taken over: let go so it can resume at once.
        campaigns::release(&state.db, campaign.id, token)
            .await
            .map_err(AppError::db("cannot release a campaign"))?;
        return Ok(());
    }
    let now = db::now();
    // Recipients a lane could not send for want of a connection are still pending, with no
    // attempt counted: the relay is tried again after the retry wait, not at the next look.
    let resume_at = if job.unreachable.load(Ordering::Relaxed) {
        now + state.config.campaign_retry.as_secs() as i64
    } else {
        now
    };
    let finished = campaigns::finish_turn(&state.db, campaign.id, token, now, resume_at)
        .await
        .map_err(AppError::db("cannot finish a campaign's turn"))?;
    if finished {
        tracing::info!(campaign.id = %campaign.id, "campaign sent");
    }
    Ok(())
}

/// Freezes the template and writes the recipients; the body, or `None` when the campaign
/// was paused or cancelled meanwhile.
async fn start(
    state: &Services,
    campaign: &CampaignRecord,
    token: &str,
    values: &message::CampaignValues,
) -> Result<Option<String>, AppError> {
    let body = match campaign.template_id {
        Some(template) => segments::template(&state.db, campaign.organization_id, template)
            .await
            .map_err(AppError::db("cannot read a template"))?
            .map(|t| t.body),
        None => None,
    };
    let Some(body) = body else {
        // The template was deleted after scheduling: nothing can be sent.
        campaigns::change_status(
            &state.db,
            campaign.organization_id,
            campaign.id,
            &["scheduled"],
            "cancelled",
            None,
        )
        .await
        .map_err(AppError::db("cannot cancel a campaign"))?;
        tracing::warn!(campaign.id = %campaign.id, "campaign cancelled: its template is gone");
        return Ok(None);
    };
    let segment = super::segment(state, campaign).await?;
    let audience = segments::audience(campaign.organization_id, &segment.rules, db::now(), 2);
    let words = super::describe(state, campaign.organization_id, &segment.rules).await?;
    let links = message::compile(&body, values).links;
    let frozen = campaigns::Frozen {
        body: &body,
        segment_name: &segment.name,
        segment_rules: &words,
        links: &links,
    };
    let mut tx = state.db.begin().await?;
    let started = campaigns::start(&mut tx, campaign.id, token, &frozen, &audience, db::now())
        .await
        .map_err(AppError::db("cannot start a campaign"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot start a campaign"))?;
    Ok(started.then_some(body))
}

/// Renews the lease every second; raises `halt` when the campaign is no longer sending
/// (paused, cancelled), the lease was lost, the instance is shutting down, or no renewal has
/// gone through for half the lease (another instance may take over when it lapses).
async fn keep_lease(
    state: Services,
    id: domain::CampaignId,
    token: String,
    halt: Arc<AtomicBool>,
    mut stop: watch::Receiver<bool>,
) {
    let lease = state.config.campaign_lease.as_secs() as i64;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut renewed = tokio::time::Instant::now();
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            halt.store(true, Ordering::Relaxed);
            return;
        }
        match campaigns::renew(&state.db, id, &token, db::now() + lease).await {
            Ok(Some(status)) if status == "sending" => renewed = tokio::time::Instant::now(),
            Ok(_) => {
                halt.store(true, Ordering::Relaxed);
                return;
            }
            // A database hiccup: the lease has time left; try again next second.
            Err(error) => {
                tracing::warn!(%error, "cannot renew a campaign's lease");
                if renewed.elapsed() > state.config.campaign_lease / 2 {
                    halt.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    }
}

/// Writes outcomes as they arrive: those gathered within [`GATHER`] of the first (or a full
/// batch) in one transaction; whether all were written.
async fn record(
    database: crate::Db,
    id: domain::CampaignId,
    mut received: mpsc::Receiver<(ContactId, Outcome)>,
) -> bool {
    let mut all_written = true;
    while let Some(first) = received.recv().await {
        let mut outcomes = vec![first];
        let gathered = tokio::time::Instant::now() + GATHER;
        while outcomes.len() < BATCH as usize {
            match tokio::time::timeout_at(gathered, received.recv()).await {
                Ok(Some(more)) => outcomes.push(more),
                // Closed (the turn is over), or time to write.
                Ok(None) | Err(_) => break,
            }
        }
        let mut attempt = 0;
        loop {
            match campaigns::record(&database, id, &outcomes, db::now()).await {
                Ok(()) => break,
                Err(error) if attempt < 5 => {
                    attempt += 1;
                    tracing::warn!(%error, "cannot record sent messages; retrying");
                    tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
                }
                Err(error) => {
                    // These recipients stay pending and are sent again on resume.
                    tracing::error!(%error, "cannot record sent messages");
                    all_written = false;
                    break;
                }
            }
        }
    }
    all_written
}
