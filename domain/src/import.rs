//! CSV imports of speakers and sessions, as the organizer sees them: a preview with every
//! row's problems, a progress bar while the background job runs, and the outcome of each row.

use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    /// The organization's speaker profiles.
    Speakers,
    /// One event's sessions.
    Sessions,
    /// The organization's contacts, with columns the organizer maps.
    Contacts,
}

impl ImportKind {
    /// As stored and in addresses.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Speakers => "speakers",
            Self::Sessions => "sessions",
            Self::Contacts => "contacts",
        }
    }

    /// From its stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "speakers" => Some(Self::Speakers),
            "sessions" => Some(Self::Sessions),
            "contacts" => Some(Self::Contacts),
            _ => None,
        }
    }

    /// The columns a file may have, in the order exports write them; the first is required.
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Speakers => &["name", "headline", "company", "bio", "links"],
            Self::Sessions => &[
                "title", "kind", "starts", "ends", "room", "track", "speakers", "abstract",
            ],
            Self::Contacts => &["email", "name", "tags"],
        }
    }

    /// The most rows a file may have.
    pub const fn max_rows(self) -> usize {
        match self {
            Self::Contacts => 50_000,
            _ => 5_000,
        }
    }
}

/// Which columns of a contacts file hold what: column names as in the file's header, blank
/// for none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactMapping {
    /// The address (required).
    pub email: String,
    /// The name.
    pub name: String,
    /// Tags, separated by commas or semicolons.
    pub tags: String,
    /// Tags given to every imported contact, separated by commas.
    pub tag_all: String,
}

impl ContactMapping {
    /// A first guess from the header: the columns whose names say what they hold.
    pub fn guess(columns: &[String]) -> Self {
        let find = |words: &[&str]| {
            columns
                .iter()
                .find(|c| {
                    let c = c.to_lowercase();
                    words.iter().any(|w| c.contains(w))
                })
                .cloned()
                .unwrap_or_default()
        };
        Self {
            email: find(&["mail", "address"]),
            name: find(&["name"]),
            tags: find(&["tag", "label", "group"]),
            tag_all: String::new(),
        }
    }
}

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStatus {
    /// Read and checked; nothing created until the organizer confirms.
    Preview,
    /// Confirmed; waiting for the background worker.
    Queued,
    /// Being imported.
    Running,
    /// Finished.
    Done,
}

impl ImportStatus {
    /// From its stored name; unknown is treated as finished.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "preview" => Self::Preview,
            "queued" => Self::Queued,
            "running" => Self::Running,
            _ => Self::Done,
        }
    }

    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Preview => "preview",
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
        }
    }
}

/// What happened to one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowStatus {
    /// Passed the checks; will be imported.
    Valid,
    /// Failed the checks; will not be imported.
    Invalid,
    /// Created.
    Imported,
    /// Passed the preview but could not be created (something changed meanwhile).
    Failed,
}

impl RowStatus {
    /// From its stored name.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "valid" => Self::Valid,
            "imported" => Self::Imported,
            "failed" => Self::Failed,
            _ => Self::Invalid,
        }
    }

    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Imported => "imported",
            Self::Failed => "failed",
        }
    }
}

/// One row as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// Its line in the file (the header is line 1).
    pub line: i64,
    /// Its name or title, as typed.
    pub label: String,
    /// What happened to it.
    pub status: RowStatus,
    /// Why it was not imported.
    pub message: String,
}

/// The import page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPage {
    /// Its id.
    pub id: i64,
    /// The organization's URL name.
    pub organization_slug: String,
    /// Speakers or sessions.
    pub kind: ImportKind,
    /// For sessions: the event's URL name and title.
    pub event: Option<(String, String)>,
    /// The uploaded file's name.
    pub file_name: String,
    /// Where it stands.
    pub status: ImportStatus,
    /// Rows that passed the checks.
    pub valid: i64,
    /// Rows that did not.
    pub invalid: i64,
    /// Valid rows handled so far by the worker.
    pub processed: i64,
    /// Rows created.
    pub imported: i64,
    /// Contacts: the file's column names, and which hold what.
    pub columns: Vec<String>,
    /// Contacts: the mapping the rows were checked with.
    pub mapping: ContactMapping,
    /// The rows not imported (or not importable) first, then the others; at most
    /// [`ImportPage::LISTED`].
    pub rows: Vec<ImportRow>,
}

impl ImportPage {
    /// The most rows listed on the page.
    pub const LISTED: usize = 500;

    /// Progress in percent, for the bar.
    pub fn percent(&self) -> i64 {
        if self.valid == 0 {
            100
        } else {
            (self.processed * 100 / self.valid).clamp(0, 100)
        }
    }
}

/// Why a file was refused before any row was read; shown next to the file field from a short
/// code in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// Nothing was chosen.
    #[error("Choose a CSV file to upload.")]
    Empty,
    /// Not text, or not CSV.
    #[error(
        "This file is not a CSV file (comma-separated, UTF-8). Export it from your spreadsheet as CSV."
    )]
    NotCsv,
    /// The header lacks the first column.
    #[error(
        "The first line must name the columns, including “name” for speakers or “title” for sessions."
    )]
    MissingColumns,
    /// No data rows.
    #[error("The file has a header but no rows.")]
    NoRows,
    /// Over the row limit.
    #[error("This file has more than 5,000 rows; split it into smaller files.")]
    TooManyRows,
    /// Over the row limit of contacts.
    #[error("This file has more than 50,000 rows; split it into smaller files.")]
    TooManyContacts,
    /// Over the size limit.
    #[error("This file is over 10 MB; split it into smaller files.")]
    TooLarge,
}

impl ImportProblem {
    const ALL: [Self; 7] = [
        Self::Empty,
        Self::NotCsv,
        Self::MissingColumns,
        Self::NoRows,
        Self::TooManyRows,
        Self::TooManyContacts,
        Self::TooLarge,
    ];

    /// The code carried in the address.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotCsv => "not-csv",
            Self::MissingColumns => "missing-columns",
            Self::NoRows => "no-rows",
            Self::TooManyRows => "too-many-rows",
            Self::TooManyContacts => "too-many-contacts",
            Self::TooLarge => "too-large",
        }
    }

    /// The problem a code names.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_progress_is_bounded() {
        for problem in ImportProblem::ALL {
            assert_eq!(ImportProblem::from_code(problem.code()), Some(problem));
        }
        let mut page = ImportPage {
            id: 1,
            organization_slug: "acme".into(),
            kind: ImportKind::Speakers,
            event: None,
            file_name: "a.csv".into(),
            status: ImportStatus::Running,
            valid: 200,
            invalid: 3,
            processed: 50,
            imported: 49,
            columns: Vec::new(),
            mapping: ContactMapping::default(),
            rows: Vec::new(),
        };
        assert_eq!(page.percent(), 25);
        page.valid = 0;
        assert_eq!(page.percent(), 100);
    }

    #[test]
    fn a_contacts_header_is_mapped_by_what_its_names_say() {
        let columns: Vec<String> = ["Full Name", "E-mail", "Labels", "City"]
            .map(String::from)
            .into();
        let mapping = ContactMapping::guess(&columns);
        assert_eq!(
            (
                mapping.email.as_str(),
                mapping.name.as_str(),
                mapping.tags.as_str()
            ),
            ("E-mail", "Full Name", "Labels")
        );
        assert_eq!(
            ContactMapping::guess(&["x".into()]),
            ContactMapping::default()
        );
    }
}
