//! How often a person, an account or an address may try something that costs a mail, a
//! password hash or other people's attention. Counted in the database (`rate_counters`), so
//! every instance sees the same count and a limit protecting a person holds however many
//! instances serve them. What protects only the process itself (open streams, image and
//! hashing work) is bounded in memory instead: see `crate::heavy_work`.
//!
//! Each limit counts attempts in fixed windows and judges them over a sliding one: the
//! previous window's count weighs in proportion to how much of it the sliding window still
//! covers. A burst just before a window boundary therefore still counts just after it.

use sha2::{Digest, Sha256};

use domain::error::AppError;

use crate::db::{self, Db, rate_counters};

/// At most `max` attempts per `window_secs`, for one purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// What is counted; the first part of every bucket's name.
    pub purpose: &'static str,
    /// Attempts allowed in any window of `window_secs`.
    pub max: u32,
    /// The window's length in seconds.
    pub window_secs: i64,
}

/// Sign-ups from one address: a venue's attendees share one, so this is generous; it caps
/// the hashing and mail one client can cause.
pub const SIGN_UPS_PER_IP: Limit = Limit::new("sign-up-ip", 60, 600);
/// Sign-up mails to one address (a new account's verification, or "you already have an
/// account"): nobody's inbox fills up with them.
pub const SIGN_UP_MAILS_PER_ADDRESS: Limit = Limit::new("sign-up-address", 3, 3600);
/// Verification mails sent again for one account.
pub const VERIFICATION_MAILS_PER_ACCOUNT: Limit = Limit::new("verification", 3, 3600);
/// Address changes asked for by one account (each mails the new address).
pub const EMAIL_CHANGES_PER_ACCOUNT: Limit = Limit::new("email-change", 5, 3600);
/// Password reset mails to one address.
pub const RESETS_PER_ADDRESS: Limit = Limit::new("reset-address", 3, 3600);
/// Password reset requests from one client address.
pub const RESETS_PER_IP: Limit = Limit::new("reset-ip", 30, 3600);
/// Invitations sent by one organization.
pub const INVITATIONS_PER_ORGANIZATION: Limit = Limit::new("invitation", 50, 3600);
/// Feed reports filed by one person.
pub const REPORTS_PER_PERSON: Limit = Limit::new("report", 20, 3600);

/// Failed logins from one client address, in 15 minutes: successes are never counted, so a
/// venue full of attendees behind one address signs in freely while guessing is bounded.
pub const fn login_failures_per_ip(max: u32) -> Limit {
    Limit::new("login-failure-ip", max, 900)
}

/// Posts and comments one person writes in a minute (all feeds together), tried or kept.
pub const fn feed_writes_per_person(max: u32) -> Limit {
    Limit::new("feed-write", max, 60)
}

/// Posts and comments from one client address in a minute: many people may share it.
pub const fn feed_writes_per_ip(per_person: u32) -> Limit {
    Limit::new("feed-write-ip", per_person.saturating_mul(20), 60)
}

/// No limit looks further back than this; older windows are deleted.
const LONGEST_WINDOW_SECS: i64 = 2 * 3600;

impl Limit {
    /// A limit of `max` attempts per `window_secs` (both at least 1).
    pub const fn new(purpose: &'static str, max: u32, window_secs: i64) -> Self {
        Self {
            purpose,
            max: if max == 0 { 1 } else { max },
            window_secs: if window_secs < 1 { 1 } else { window_secs },
        }
    }

    /// Counts one attempt for `key` and refuses it when it is one too many, with the time
    /// to wait. Refused attempts count too: hammering does not shorten the wait.
    pub async fn take(&self, db: &Db, key: &str) -> Result<(), AppError> {
        self.take_or_wait(db, key).await?.map_or(Ok(()), |wait| {
            Err(AppError::Throttled(wait.unsigned_abs().div_ceil(60).max(1)))
        })
    }

    /// [`Limit::take`], answering the seconds to wait instead of an error.
    pub async fn take_or_wait(&self, db: &Db, key: &str) -> Result<Option<i64>, AppError> {
        let bucket = self.bucket(key);
        let now = db::now();
        let (start, elapsed) = self.window_of(now);
        let current = rate_counters::hit(db, &bucket, start)
            .await
            .map_err(AppError::db("cannot count an attempt"))?;
        if current == 1 {
            // A new window opened: a good moment to drop the ones nobody looks at any more.
            rate_counters::forget_before(db, now - LONGEST_WINDOW_SECS)
                .await
                .map_err(AppError::db("cannot forget old attempts"))?;
        }
        let (previous, _) = rate_counters::hits(db, &bucket, start - self.window_secs, start)
            .await
            .map_err(AppError::db("cannot count attempts"))?;
        // `current` includes this attempt: it fits when it did with one attempt fewer.
        let fits = self.wait_secs(previous, current - 1, elapsed) == 0;
        Ok((!fits).then(|| self.wait_secs(previous, current, elapsed).max(1)))
    }

    /// Refuses when one more attempt for `key` would be one too many, without counting one:
    /// for limits that count only failures.
    pub async fn check(&self, db: &Db, key: &str) -> Result<(), AppError> {
        let now = db::now();
        let (start, elapsed) = self.window_of(now);
        let (previous, current) =
            rate_counters::hits(db, &self.bucket(key), start - self.window_secs, start)
                .await
                .map_err(AppError::db("cannot count attempts"))?;
        match self.wait_secs(previous, current, elapsed) {
            0 => Ok(()),
            wait => Err(AppError::Throttled(wait.unsigned_abs().div_ceil(60))),
        }
    }

    fn bucket(&self, key: &str) -> String {
        format!("{}:{key}", self.purpose)
    }

    /// The current window's start and how far into it `now` is.
    fn window_of(&self, now: i64) -> (i64, i64) {
        let start = now - now.rem_euclid(self.window_secs);
        (start, now - start)
    }

    /// Seconds until one more attempt fits, given `previous` and `current` attempts already
    /// counted and `elapsed` seconds into the current window; 0 when it fits now.
    fn wait_secs(&self, previous: i64, current: i64, elapsed: i64) -> i64 {
        let (w, max) = (self.window_secs as f64, i64::from(self.max));
        let room = max - current - 1;
        if room >= 0 {
            if previous == 0 {
                return 0;
            }
            // previous · (w − e) / w + current + 1 ≤ max, solved for e.
            let fits_at = (w * (1.0 - room as f64 / previous as f64)).max(0.0);
            return (fits_at.ceil() as i64 - elapsed).max(0);
        }
        // In the next window this one's count is the previous one.
        let fits_at = (w * (1.0 - (max - 1) as f64 / current as f64)).max(0.0);
        self.window_secs - elapsed + fits_at.ceil() as i64
    }
}

/// The key under which an e-mail address is counted: a digest, so the counters hold no
/// address.
pub fn address_key(email: &str) -> String {
    hex::encode(&Sha256::digest(email.trim().to_lowercase().as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE_A_MINUTE: Limit = Limit::new("test", 5, 60);

    #[test]
    fn attempts_fit_until_the_limit_then_wait_for_the_window_to_slide() {
        assert_eq!(FIVE_A_MINUTE.wait_secs(0, 0, 10), 0);
        assert_eq!(FIVE_A_MINUTE.wait_secs(0, 4, 10), 0);
        // Five counted: the sixth waits for the next window, where the five weigh less.
        let wait = FIVE_A_MINUTE.wait_secs(0, 5, 10);
        assert!((50..=62).contains(&wait), "{wait}");
    }

    #[test]
    fn a_burst_before_a_window_boundary_still_counts_after_it() {
        // Five at the very end of the previous window, one second into this one: the
        // previous five weigh 59/60, so there is no room yet.
        let wait = FIVE_A_MINUTE.wait_secs(5, 0, 1);
        assert!(wait > 0, "{wait}");
        // Later in the window they weigh less: room for more.
        assert_eq!(FIVE_A_MINUTE.wait_secs(5, 0, 48), 0);
    }

    #[test]
    fn addresses_are_counted_by_digest_whatever_their_case() {
        assert_eq!(
            address_key("Ann@Example.org "),
            address_key("ann@example.org")
        );
        assert!(!address_key("ann@example.org").contains("ann"));
    }
}
