//! Accounts created from the command line: the first platform admin, and the demo and
//! load-test accounts of `convene seed`.

use anyhow::Context as _;

use domain::{DisplayName, Email, NewPassword, OrgRole, OrganizationId, PlatformRole};

use crate::db::{self, Db, audit, memberships, sessions, users};

use super::{password, tokens};

/// An account created with a generated password, to be printed once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// What the account is for ("admin", "organizer", "attendee").
    pub role: &'static str,
    /// Its address.
    pub email: String,
    /// Its password, shown once and stored only as a hash.
    pub password: String,
}

/// A password of 80 random bits, in groups a person can type: `3f9a-07c2-…`.
pub fn generate_password() -> String {
    let secret = tokens::new_secret();
    secret.as_bytes()[..20]
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// What `create-admin` did.
#[derive(Debug, PartialEq, Eq)]
pub enum AdminCreated {
    /// A new account, with the password to give its owner.
    New(Credentials),
    /// An existing account with a confirmed address was made a platform admin.
    Promoted,
    /// An existing account whose address nobody had confirmed (anyone may have signed up
    /// with it) was taken back: new password, every session ended, address confirmed by the
    /// operator, then made a platform admin.
    Reclaimed(Credentials),
    /// The account already was one.
    AlreadyAdmin,
}

/// `convene create-admin --email …`: creates a verified admin account with a generated
/// password, or makes an existing account an admin.
pub async fn create_admin(db: &Db, email: &str, name: &str) -> anyhow::Result<AdminCreated> {
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
    let name = DisplayName::parse(name).map_err(|m| anyhow::anyhow!("--name: {m}"))?;
    let now = db::now();
    if let Some(user) = users::by_email(db, email.as_str()).await? {
        if user.platform_role() == PlatformRole::Admin && user.email_verified_at.is_some() {
            return Ok(AdminCreated::AlreadyAdmin);
        }
        if user.email_verified_at.is_none() {
            let credentials = reclaim(db, &user, now).await?;
            users::set_platform_role(db.pool(), user.id, PlatformRole::Admin, now).await?;
            let entry = audit::Entry {
                action: "admin.granted",
                subject: Some(user.id),
                ip: "command line",
                detail: "unconfirmed account reclaimed",
                ..Default::default()
            };
            audit::record(db.pool(), &entry, now).await?;
            return Ok(AdminCreated::Reclaimed(credentials));
        }
        users::set_platform_role(db.pool(), user.id, PlatformRole::Admin, now).await?;
        let entry = audit::Entry {
            action: "admin.granted",
            subject: Some(user.id),
            ip: "command line",
            ..Default::default()
        };
        audit::record(db.pool(), &entry, now).await?;
        return Ok(AdminCreated::Promoted);
    }
    let credentials = create_account(
        db,
        "admin",
        email.as_str(),
        name.as_str(),
        PlatformRole::Admin,
    )
    .await?;
    Ok(AdminCreated::New(credentials))
}

/// Gives the unconfirmed account `user` a new generated password, ends its sessions and
/// marks its address confirmed (the operator vouches for it), in one transaction.
async fn reclaim(db: &Db, user: &users::UserRow, now: i64) -> anyhow::Result<Credentials> {
    let secret = generate_password();
    let parsed = NewPassword::parse(&secret).map_err(anyhow::Error::msg)?;
    let hash = password::hash(&parsed)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut tx = db.pool().begin().await?;
    users::set_password(&mut *tx, user.id, &hash, now).await?;
    sessions::delete_all_for_user(&mut *tx, user.id, None).await?;
    tx.commit().await?;
    users::set_email_verified(db.pool(), user.id, now).await?;
    Ok(Credentials {
        role: "admin",
        email: user.email.clone(),
        password: secret,
    })
}

async fn create_account(
    db: &Db,
    role: &'static str,
    email: &str,
    name: &str,
    platform_role: PlatformRole,
) -> anyhow::Result<Credentials> {
    let secret = generate_password();
    let parsed = NewPassword::parse(&secret).map_err(anyhow::Error::msg)?;
    let hash = password::hash(&parsed)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = db::now();
    let new = users::NewUser {
        email,
        display_name: name,
        password_hash: &hash,
        platform_role,
        email_verified_at: Some(now),
    };
    let id = users::insert(db.pool(), &new, now)
        .await
        .with_context(|| format!("cannot create the {role} account"))?;
    let entry = audit::Entry {
        action: "account.created",
        subject: Some(id),
        ip: "command line",
        detail: role,
        ..Default::default()
    };
    audit::record(db.pool(), &entry, now).await?;
    Ok(Credentials {
        role,
        email: email.to_owned(),
        password: secret,
    })
}

/// The demo's three people: a platform admin, the owner of the demo organization and an
/// attendee. Their passwords are generated and returned to be printed once.
pub async fn demo_accounts(
    db: &Db,
    organization: OrganizationId,
) -> anyhow::Result<Vec<Credentials>> {
    let admin = create_account(
        db,
        "admin",
        "admin@demo.convene.test",
        "Ada Admin",
        PlatformRole::Admin,
    )
    .await?;
    let organizer = create_account(
        db,
        "organizer",
        "organizer@demo.convene.test",
        "Olu Organizer",
        PlatformRole::None,
    )
    .await?;
    let attendee = create_account(
        db,
        "attendee",
        "attendee@demo.convene.test",
        "Ari Attendee",
        PlatformRole::None,
    )
    .await?;
    let owner = users::by_email(db, &organizer.email)
        .await?
        .context("the organizer account just created is missing")?;
    memberships::upsert(db.pool(), organization, owner.id, OrgRole::Owner, db::now()).await?;
    Ok(vec![admin, organizer, attendee])
}

const FIRST_NAMES: &[&str] = &[
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim",
    "Margaret", "Linus", "Sophie", "Guido", "Anita", "Dennis",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman",
    "Lee", "Hamilton", "Torvalds", "Wilson", "Rossum", "Borg", "Ritchie",
];

/// How many load-test accounts `seed --scale large` creates.
pub const LARGE_ACCOUNTS: usize = 100_000;
const BATCH: usize = 1_000;

/// `count` accounts for load tests (100,000 for the brief), in batches; accounts already
/// there are skipped, so an interrupted run is completed by the next. None can sign in: they share the hash of a
/// random password nobody knows.
pub async fn large_accounts(db: &Db, count: usize) -> anyhow::Result<usize> {
    let unusable = NewPassword::parse(&tokens::new_secret()).map_err(anyhow::Error::msg)?;
    let hash = password::hash(&unusable)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = db::now();
    let mut created = 0;
    for start in (0..count).step_by(BATCH) {
        let rows: Vec<(String, String, i64)> = (start..(start + BATCH).min(count))
            .map(|n| {
                let name = format!(
                    "{} {} {n}",
                    FIRST_NAMES[n % FIRST_NAMES.len()],
                    LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()]
                );
                (
                    format!("load-user-{n}@load.convene.test"),
                    name,
                    now - n as i64,
                )
            })
            .collect();
        // Written out with `$n` placeholders: sqlx's QueryBuilder writes `?` for `Any`,
        // which PostgreSQL does not understand.
        let placeholders: Vec<String> = (0..rows.len())
            .map(|i| {
                // $1 is the shared hash; each row has six values after it.
                let p = |k: usize| format!("${}", 1 + i * 6 + k);
                format!(
                    "({}, {}, {}, $1, {}, {}, {}, {})",
                    p(1),
                    p(2),
                    p(3),
                    p(4),
                    p(5),
                    p(6),
                    p(6)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO users (email, display_name, name_key, password_hash, status, \
             email_verified_at, created_at, updated_at) VALUES {} ON CONFLICT (email) DO NOTHING",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(hash.clone());
        for (email, name, created_at) in &rows {
            // About one account in fifty is deactivated, for the console's filters.
            let status = if created_at % 50 == 0 {
                "deactivated"
            } else {
                "active"
            };
            query = query
                .bind(email.clone())
                .bind(name.clone())
                .bind(name.to_lowercase())
                .bind(status)
                .bind(*created_at)
                .bind(*created_at);
        }
        created += query.execute(db.pool()).await?.rows_affected() as usize;
    }
    Ok(created)
}
