//! Password hashing with argon2id (19 MiB, 2 passes, the OWASP minimum), on the blocking
//! pool so a login never stalls the threads serving other requests, and never more at once
//! than the machine has cores, so a burst of sign-ups waits instead of growing memory.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::domain::NewPassword;
use crate::error::AppError;
use crate::server::heavy_work::PASSWORDS;

/// A hash of a random password, verified against when the account does not exist, so an
/// unknown address takes as long to refuse as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let secret = super::tokens::new_secret();
    hash_now(&secret).unwrap_or_default()
});

fn argon2() -> Argon2<'static> {
    // 19 MiB, 2 iterations, 1 lane: OWASP's recommended floor for argon2id.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Hashes a new password into a PHC string (algorithm, parameters and salt included).
pub async fn hash(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    PASSWORDS
        .run(move || hash_now(&password))
        .await?
        .map_err(|e| AppError::internal("cannot hash a password", anyhow::anyhow!("{e}")))
}

/// Whether `password` matches `stored`. With no stored hash (unknown account) a dummy hash
/// is checked instead and the answer is always no: both cases cost one verification.
///
/// `counter` counts verifications (one per application), so tests and benchmarks can check
/// that a login costs exactly one.
pub async fn verify(
    counter: &AtomicU64,
    password: &str,
    stored: Option<String>,
) -> Result<bool, AppError> {
    counter.fetch_add(1, Ordering::Relaxed);
    let password = password.to_owned();
    PASSWORDS
        .run(move || {
            let known = stored.is_some();
            let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            let matches = PasswordHash::new(&phc).is_ok_and(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            });
            known && matches
        })
        .await
}

/// Computes the dummy hash now, at start-up, so the first login for an unknown address is
/// not slower than the others.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

/// Refuses passwords found in lists of common passwords or guessable in under a million
/// tries (zxcvbn), including ones built from the person's own address or name.
pub fn check_strength(password: &NewPassword, email: &str, name: &str) -> Result<(), String> {
    let estimate = zxcvbn::zxcvbn(password.expose(), &[email, name]);
    if estimate.score() < zxcvbn::Score::Two {
        Err("this password is too common or too easy to guess; try a few unrelated words".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(raw: &str) -> NewPassword {
        NewPassword::parse(raw).expect("long enough")
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in ["password123", "qwertyuiop", "1234567890", "iloveyou12"] {
            assert!(
                check_strength(&password(common), "a@b.org", "Ann").is_err(),
                "{common}"
            );
        }
        assert!(check_strength(&password("ann@example.org!"), "ann@example.org", "Ann").is_err());
        assert!(check_strength(&password("violet kettle drums"), "a@b.org", "Ann").is_ok());
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hashed = hash(&password("violet kettle drums"))
            .await
            .expect("hashed");
        assert!(
            hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hashed}"
        );
        let counter = AtomicU64::new(0);
        assert!(
            verify(&counter, "violet kettle drums", Some(hashed.clone()))
                .await
                .expect("ran")
        );
        assert!(
            !verify(&counter, "violet kettle drum", Some(hashed))
                .await
                .expect("ran")
        );
        assert!(
            !verify(&counter, "violet kettle drums", None)
                .await
                .expect("ran")
        );
        assert_eq!(counter.load(Ordering::Relaxed), 3);
    }
}
