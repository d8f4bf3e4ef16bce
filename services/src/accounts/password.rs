//! Password hashing with argon2id (19 MiB, 2 passes, the OWASP minimum), on threads of its
//! own so a login never stalls the threads serving other requests, and never more at once
//! than the machine has cores, so a burst of sign-ups waits instead of growing memory.
//!
//! Each hashing thread keeps one block of argon2 memory and reuses it: allocating 19 MiB per
//! hash made glibc keep the freed blocks resident (it raises its threshold for returning
//! them), so twenty logins in a row left 390 MB behind although only two ever ran at once.

use std::cell::RefCell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use domain::NewPassword;
use domain::error::AppError;

use crate::heavy_work::PASSWORDS;

/// A hash of a random password, verified against when the account does not exist, so an
/// unknown address takes as long to refuse as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let secret = super::tokens::new_secret();
    hash_now(&secret).unwrap_or_default()
});

thread_local! {
    /// This thread's argon2 memory, kept from one hash to the next.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

fn argon2() -> Argon2<'static> {
    // 19 MiB, 2 iterations, 1 lane: OWASP's recommended floor for argon2id.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Computes `password`'s hash with `argon` into `out`, in this thread's memory, which is
/// wiped afterwards so nothing derived from the password stays in it.
fn compute(argon: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    MEMORY.with_borrow_mut(|memory| {
        let blocks = argon.params().block_count();
        if memory.len() != blocks {
            *memory = vec![Block::default(); blocks];
        }
        let result = argon.hash_password_into_with_memory(password, salt, out, &mut memory[..]);
        memory.fill(Block::default());
        result
    })
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let mut raw_salt = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut raw_salt)?;
    let argon = argon2();
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        Ok(compute(&argon, password.as_bytes(), salt_bytes, out)?)
    })?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params())?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `password` hashes to `phc`, with the parameters `phc` names (older hashes keep
/// theirs). The comparison takes the same time wherever the outputs differ.
fn matches_now(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let algorithm = Algorithm::try_from(parsed.algorithm);
    let version = parsed.version.map_or(Ok(Version::V0x13), Version::try_from);
    let params = Params::try_from(&parsed);
    let (Ok(algorithm), Ok(version), Ok(params)) = (algorithm, version, params) else {
        return false;
    };
    let mut raw_salt = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut raw_salt) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    compute(&argon, password.as_bytes(), salt, &mut out).is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
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
            // Computed whether or not the account exists: the same cost either way.
            let matches = matches_now(&password, &phc);
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

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_phc_functions() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let ours = hash_now("violet kettle drums").expect("hashed");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(
            argon2()
                .verify_password(b"violet kettle drums", &parsed)
                .is_ok()
        );
        assert!(
            argon2()
                .verify_password(b"violet kettle drum", &parsed)
                .is_err()
        );
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        // A hash with other parameters (an older or stronger setting) still verifies.
        let stronger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(32 * 1024, 3, 1, None).expect("valid"),
        );
        let theirs = stronger
            .hash_password(b"violet kettle drums", &salt)
            .expect("hashed")
            .to_string();
        assert!(matches_now("violet kettle drums", &theirs));
        assert!(!matches_now("violet kettle drums!", &theirs));
        assert!(!matches_now("violet kettle drums", "not a hash"));
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
