//! Campaign data for the demo: contacts with tags and some consent history, a segment, a
//! template and one campaign sent three days ago with opens, clicks and unsubscriptions
//! spread over the hours after it, so a newcomer sees every screen filled in. Nothing is
//! mailed: the sent campaign is written as its sending would have left it.

use anyhow::Context as _;

use domain::campaign::{Rule, SegmentRules};
use domain::contact::Tag;
use domain::{EventId, OrganizationId, UserId};

use super::db::{self, Db, campaigns, contacts, segments};

const NAMES: &[&str] = &[
    "Amara Okafor",
    "Bruno Silva",
    "Chen Wei",
    "Dara Murphy",
    "Elif Yilmaz",
    "Farid Haddad",
    "Greta Lindqvist",
    "Hiro Tanaka",
    "Ines Moreau",
    "Jonas Becker",
    "Kavya Rao",
    "Liam O'Brien",
    "Maya Cohen",
    "Nils Berg",
    "Olga Petrova",
    "Pablo Ruiz",
    "Qi Zhang",
    "Rosa Costa",
    "Sven Larsen",
    "Tara Singh",
    "Uma Patel",
    "Victor Dubois",
    "Wen Li",
    "Xenia Novak",
    "Yusuf Demir",
    "Zoe Martin",
    "Aiko Sato",
    "Ben Carter",
    "Clara Rossi",
    "Diego Alvarez",
    "Emma Wilson",
    "Felix Wagner",
    "Gabi Horvath",
    "Hana Kim",
    "Ivan Ivanov",
    "Julia Nowak",
];

const TEMPLATE: &str = "Hello {{first_name}},\n\n\
**{{event_title}}** starts on {{event_date}}, and early-bird places go fast.\n\n\
- Two days of talks on reliable software\n\
- Hands-on workshops, [see the program](https://example.org/rust-summit/program)\n\
- The hallway track, with coffee\n\n\
[Book a workshop seat](https://example.org/rust-summit/workshops) while there is room.\n\n\
See you in Berlin!";

/// Adds the demo audience and campaign to `org`; the number of contacts it created.
pub async fn demo_campaigns(
    db: &Db,
    org: OrganizationId,
    summit: EventId,
    organizer: UserId,
) -> anyhow::Result<usize> {
    let now = db::now();
    let sent_at = now - 3 * 86_400;
    let mut tx = db.pool().begin().await?;
    let mut readers = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let email = format!(
            "{}@example.org",
            name.to_lowercase().replace([' ', '\''], ".")
        );
        // Joined over the last months, the oldest first.
        let joined = sent_at - (NAMES.len() - i) as i64 * 3 * 86_400;
        let id = contacts::create(&mut *tx, org, &email, name, "added by an organizer", joined)
            .await?
            .context("a demo contact exists already")?;
        let mut tags = vec!["newsletter"];
        if i % 5 == 0 {
            tags.push("vip");
        }
        if i % 7 == 3 {
            tags.push("speaker");
        }
        contacts::set_tags(&mut tx, id, &tags).await?;
        readers.push(id);
    }
    tx.commit().await?;
    contacts::suppress(
        db,
        org,
        "bounced.forever@example.org",
        "hard bounce",
        sent_at,
    )
    .await?;

    let rules = SegmentRules {
        rules: vec![Rule::Tagged(
            Tag::parse("newsletter").map_err(anyhow::Error::msg)?,
        )],
        ..SegmentRules::default()
    };
    let segment = segments::save(
        db,
        org,
        None,
        "Newsletter readers",
        &serde_json::to_string(&rules)?,
        sent_at,
    )
    .await?
    .context("the demo segment")?;
    let template =
        segments::save_template(db, org, None, "Early-bird announcement", TEMPLATE, sent_at)
            .await?
            .context("the demo template")?;
    let fields = campaigns::CampaignFields {
        name: "Rust Summit early-bird",
        subject: "Early-bird places for Rust Summit",
        from_name: "Convene Demo",
        template,
        segment: Some(segment),
        event: Some(summit),
        throttle: 0,
    };
    let campaign = campaigns::create(db, org, &fields, organizer, sent_at - 3600).await?;
    let links = [
        "https://example.org/rust-summit/program",
        "https://example.org/rust-summit/workshops",
    ];
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "UPDATE campaigns SET status = 'sent', body = $1, send_at = $2, started_at = $2, \
         finished_at = $3, recipients = $4, sent = $4, segment_name = $6, segment_rules = $7 \
         WHERE id = $5",
    )
    .bind(TEMPLATE)
    .bind(sent_at)
    .bind(sent_at + 95)
    .bind(readers.len() as i64)
    .bind(campaign)
    .bind("Newsletter readers")
    .bind(rules.describe(|_| String::new()))
    .execute(&mut *tx)
    .await?;
    for (position, url) in links.iter().enumerate() {
        sqlx::query("INSERT INTO campaign_links (campaign_id, position, url) VALUES ($1, $2, $3)")
            .bind(campaign)
            .bind(position as i64)
            .bind(*url)
            .execute(&mut *tx)
            .await?;
    }
    for (i, contact) in readers.iter().enumerate() {
        sqlx::query(
            "INSERT INTO campaign_recipients (campaign_id, contact_id, status, attempts, done_at) \
             VALUES ($1, $2, 'sent', 1, $3)",
        )
        .bind(campaign)
        .bind(*contact)
        .bind(sent_at + (i as i64 * 95) / readers.len() as i64)
        .execute(&mut *tx)
        .await?;
        // Two in three open it, most within the first hours; one in four clicks a link.
        let mut activity = Vec::new();
        if i % 3 != 2 {
            let hour = [0, 0, 0, 1, 1, 2, 3, 5, 8, 12, 20, 30][i % 12];
            activity.push(("open", -1, sent_at + hour * 3600 + (i as i64 * 137) % 3600));
        }
        if i % 4 == 1 {
            let hour = [0, 1, 2, 6][i % 4];
            activity.push(("click", (i % 3 == 0) as i64, sent_at + hour * 3600 + 900));
        }
        for (kind, link, at) in activity {
            sqlx::query(
                "INSERT INTO campaign_activity (campaign_id, contact_id, kind, link, at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(campaign)
            .bind(*contact)
            .bind(kind)
            .bind(link)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    // Two readers left through the message's unsubscribe link the next day.
    for contact in [readers[8], readers[23]] {
        let at = sent_at + 86_400;
        contacts::set_status(
            db.pool(),
            org,
            contact,
            "unsubscribed",
            "unsubscribe link of “Rust Summit early-bird”",
            at,
        )
        .await?;
        sqlx::query(
            "INSERT INTO campaign_activity (campaign_id, contact_id, kind, link, at) \
             VALUES ($1, $2, 'unsubscribe', -1, $3)",
        )
        .bind(campaign)
        .bind(contact)
        .bind(at)
        .execute(db.pool())
        .await?;
    }
    Ok(NAMES.len())
}
