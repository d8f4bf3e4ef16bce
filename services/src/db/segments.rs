//! `segments` and `mail_templates`, and the translation of a segment's rules into SQL: the
//! one place that decides who a campaign reaches.

use sqlx::FromRow;

use domain::campaign::{Combine, RegistrationFilter, Rule, SegmentRules};
use domain::{OrganizationId, SegmentId, TemplateId};

use super::Db;

/// A value bound to a compiled rule's parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bind {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
}

/// The contacts a campaign may reach: a condition on `contacts c` with its parameters,
/// numbered from the `first` given to [`audience`].
#[derive(Clone, Debug)]
pub struct Audience {
    /// SQL for a `WHERE` clause.
    pub condition: String,
    /// The parameters, in order.
    pub binds: Vec<Bind>,
}

/// Mailable contacts of `organization` matching `rules`, evaluated `now`: subscribed, not on
/// the suppression list, and matching all or any of the rules. The organization is `$first`.
pub fn audience(
    organization: OrganizationId,
    rules: &SegmentRules,
    now: i64,
    first: usize,
) -> Audience {
    let mut binds = vec![Bind::Int(organization.0)];
    let mut param = |bind: Bind| {
        binds.push(bind);
        format!("${}", first + binds.len() - 1)
    };
    let org = format!("${first}");
    let conditions: Vec<String> = rules
        .rules
        .iter()
        .map(|rule| match rule {
            Rule::Registered { event, status } => {
                let event = param(Bind::Int(event.0));
                let status = match status {
                    RegistrationFilter::Any => String::new(),
                    other => format!(
                        " AND r.status = {}",
                        param(Bind::Text(other.as_str().into()))
                    ),
                };
                // The event must be the organization's: an id from elsewhere matches nobody.
                format!(
                    "EXISTS (SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id \
                     WHERE r.user_id = c.user_id AND r.event_id = {event} \
                     AND e.organization_id = {org}{status})"
                )
            }
            Rule::Tagged(tag) => format!(
                "EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = {})",
                param(Bind::Text(tag.as_str().into()))
            ),
            Rule::Opened { days } | Rule::Clicked { days } => {
                let kind = if matches!(rule, Rule::Opened { .. }) {
                    "open"
                } else {
                    "click"
                };
                format!(
                    "EXISTS (SELECT 1 FROM campaign_activity a WHERE a.contact_id = c.id \
                     AND a.kind = '{kind}' AND a.at >= {})",
                    param(Bind::Int(now - i64::from(*days) * 86_400))
                )
            }
            Rule::AddedBetween { from, to } => {
                let day = |d: &str| {
                    d.parse::<jiff::civil::Date>()
                        .ok()
                        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
                        .map_or(0, |z| z.timestamp().as_second())
                };
                format!(
                    "(c.created_at >= {} AND c.created_at < {})",
                    param(Bind::Int(day(from))),
                    param(Bind::Int(day(to) + 86_400))
                )
            }
        })
        .collect();
    let joined = match (conditions.is_empty(), rules.combine) {
        (true, _) => "1 = 1".to_owned(),
        (false, Combine::All) => conditions.join(" AND "),
        (false, Combine::Any) => conditions.join(" OR "),
    };
    Audience {
        condition: format!(
            "c.organization_id = {org} AND c.status = 'subscribed' AND NOT EXISTS \
             (SELECT 1 FROM suppressions s WHERE s.organization_id = c.organization_id \
             AND s.email_key = c.email_key) AND ({joined})"
        ),
        binds,
    }
}

/// Binds an audience's parameters to `query`.
pub fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for bind in binds {
        query = match bind {
            Bind::Int(value) => query.bind(*value),
            Bind::Text(value) => query.bind(value.as_str()),
        };
    }
    query
}

/// How many contacts `rules` reaches now.
pub async fn count(
    db: &Db,
    organization: OrganizationId,
    rules: &SegmentRules,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let audience = audience(organization, rules, now, 1);
    let sql = format!(
        "SELECT COUNT(*) FROM contacts c WHERE {}",
        audience.condition
    );
    use sqlx::Row as _;
    bind_all(sqlx::query(&sql), &audience.binds)
        .fetch_one(db.pool())
        .await?
        .try_get(0)
}

/// A saved segment.
#[derive(Debug, Clone, FromRow)]
pub struct SegmentRecord {
    /// Primary key.
    pub id: SegmentId,
    /// Its name.
    pub name: String,
    /// Its rules, as JSON.
    pub rules: String,
}

/// The organization's segments, by name.
pub async fn list(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<SegmentRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, rules FROM segments WHERE organization_id = $1 ORDER BY name, id",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// The organization's segment `id`.
pub async fn find(
    db: &Db,
    organization: OrganizationId,
    id: SegmentId,
) -> Result<Option<SegmentRecord>, sqlx::Error> {
    sqlx::query_as("SELECT id, name, rules FROM segments WHERE organization_id = $1 AND id = $2")
        .bind(organization)
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Creates (`id` none) or saves a segment; its id, or `None` when `id` is not the
/// organization's.
pub async fn save(
    db: &Db,
    organization: OrganizationId,
    id: Option<SegmentId>,
    name: &str,
    rules: &str,
    now: i64,
) -> Result<Option<SegmentId>, sqlx::Error> {
    match id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO segments (organization_id, name, rules, updated_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(organization)
            .bind(name)
            .bind(rules)
            .bind(now)
            .fetch_optional(db.pool())
            .await
        }
        Some(id) => {
            sqlx::query_scalar(
                "UPDATE segments SET name = $1, rules = $2, updated_at = $3 \
             WHERE organization_id = $4 AND id = $5 RETURNING id",
            )
            .bind(name)
            .bind(rules)
            .bind(now)
            .bind(organization)
            .bind(id)
            .fetch_optional(db.pool())
            .await
        }
    }
}

/// A template.
#[derive(Debug, Clone, FromRow)]
pub struct TemplateRecord {
    /// Primary key.
    pub id: TemplateId,
    /// Its name.
    pub name: String,
    /// Markdown with placeholders.
    pub body: String,
}

/// The organization's templates, by name.
pub async fn templates(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<TemplateRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, body FROM mail_templates WHERE organization_id = $1 ORDER BY name, id",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// The organization's template `id`.
pub async fn template(
    db: &Db,
    organization: OrganizationId,
    id: TemplateId,
) -> Result<Option<TemplateRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, body FROM mail_templates WHERE organization_id = $1 AND id = $2",
    )
    .bind(organization)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// Creates (`id` none) or saves a template; its id, or `None` when `id` is not the
/// organization's.
pub async fn save_template(
    db: &Db,
    organization: OrganizationId,
    id: Option<TemplateId>,
    name: &str,
    body: &str,
    now: i64,
) -> Result<Option<TemplateId>, sqlx::Error> {
    match id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO mail_templates (organization_id, name, body, updated_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(organization)
            .bind(name)
            .bind(body)
            .bind(now)
            .fetch_optional(db.pool())
            .await
        }
        Some(id) => {
            sqlx::query_scalar(
                "UPDATE mail_templates SET name = $1, body = $2, updated_at = $3 \
             WHERE organization_id = $4 AND id = $5 RETURNING id",
            )
            .bind(name)
            .bind(body)
            .bind(now)
            .bind(organization)
            .bind(id)
            .fetch_optional(db.pool())
            .await
        }
    }
}
