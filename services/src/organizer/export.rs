//! CSV exports of the organization's speakers and of an event's sessions, for spreadsheets
//! and other tools. Cells that a spreadsheet would run as a formula are defused.

use domain::error::AppError;

use crate::accounts::session::Actor;
use crate::db::speakers;
use crate::policy::Action;
use crate::{Services, agenda, workspace};

use super::scope;

/// A cell as written: text starting with `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'`, so opening the file never evaluates it (CSV injection).
fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// CSV lines, each cell defused: a whole file, or one batch of a streamed one.
pub(crate) fn lines<S: AsRef<str>>(
    rows: impl IntoIterator<Item = Vec<S>>,
) -> Result<Vec<u8>, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for cells in rows {
        out.write_record(cells.iter().map(|c| cell(c.as_ref())))
            .map_err(|e| AppError::internal("cannot write a CSV export", e))?;
    }
    out.into_inner()
        .map_err(|e| AppError::internal("cannot write a CSV export", anyhow::anyhow!("{e}")))
}

fn write(header: &[&str], rows: Vec<Vec<String>>) -> Result<String, AppError> {
    let header = header.iter().map(|h| (*h).to_owned()).collect();
    let bytes = lines(std::iter::once(header).chain(rows))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal("a CSV export is not UTF-8", e))
}

/// Every speaker of the organization.
pub async fn speakers_csv(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
) -> Result<String, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    let rows = speakers::search(&state.db, organization.id, &[], 100_000)
        .await
        .map_err(AppError::db("cannot list speakers"))?
        .into_iter()
        .map(|s| vec![s.name, s.headline, s.company, s.bio, s.links])
        .collect();
    write(&["name", "headline", "company", "bio", "links"], rows)
}

/// Every session of the event, times in the event's zone.
pub async fn sessions_csv(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<String, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let items = agenda::items(&state.db, scope.event.id, &scope.tz).await?;
    let rows = items
        .into_iter()
        .map(|i| {
            let speakers: Vec<&str> = i.speakers.iter().map(|s| s.name.as_str()).collect();
            vec![
                i.title.clone(),
                i.kind.as_str().to_owned(),
                i.starts_local.replace('T', " "),
                i.ends_local.replace('T', " "),
                i.room.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
                i.track.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                speakers.join("; "),
                i.abstract_text.clone(),
            ]
        })
        .collect();
    write(
        &[
            "title", "kind", "starts", "ends", "room", "track", "speakers", "abstract",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused_and_other_text_is_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(cell(""), "");
    }
}
