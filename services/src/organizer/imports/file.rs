//! Reading an uploaded CSV file into rows, numbered as a text editor numbers lines.

use std::collections::BTreeMap;

use domain::import::{ImportKind, ImportProblem};

/// The most rows a file of speakers or sessions may have.
pub const MAX_ROWS: usize = 5_000;

/// A row's fields: column → value, for the columns its kind knows (every column, as named
/// in the file, for contacts).
pub(super) type Fields = BTreeMap<String, String>;

/// A file's header (as written) and its rows as `(line, fields)`.
pub(super) type Table = (Vec<String>, Vec<(i64, Fields)>);

/// Reads a file of `kind`.
pub(super) fn read_csv(kind: ImportKind, file: &[u8]) -> Result<Table, ImportProblem> {
    if file.is_empty() {
        return Err(ImportProblem::Empty);
    }
    let text = std::str::from_utf8(file).map_err(|_| ImportProblem::NotCsv)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(ImportProblem::NotCsv);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let written: Vec<String> = reader
        .headers()
        .map_err(|_| ImportProblem::NotCsv)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    // Contacts keep the file's own names (the organizer maps them); the other kinds read
    // their known columns, whatever their case.
    let contacts = kind == ImportKind::Contacts;
    let headers: Vec<String> = if contacts {
        written.clone()
    } else {
        written.iter().map(|h| h.to_lowercase()).collect()
    };
    let known = kind.columns();
    let missing = if contacts {
        headers.iter().all(String::is_empty)
    } else {
        !headers.iter().any(|h| h == known[0])
    };
    if missing {
        return Err(ImportProblem::MissingColumns);
    }
    let mut rows = Vec::new();
    // The line a record starts on, as a text editor numbers it (the reader's own count skips
    // blank lines): newlines before its first byte, counted as the reading goes.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|_| ImportProblem::NotCsv)?;
        // (The position may be that of blank lines the reader skipped before the record.)
        let start = record.position().map_or(counted_to, |p| p.byte() as usize);
        let start = text.get(start..).map_or(start, |rest| {
            start + rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        line += text
            .get(counted_to..start)
            .map_or(0, |skipped| skipped.matches('\n').count() as i64);
        counted_to = start.max(counted_to);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == kind.max_rows() {
            return Err(if contacts {
                ImportProblem::TooManyContacts
            } else {
                ImportProblem::TooManyRows
            });
        }
        let fields = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| contacts || known.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        rows.push((line, fields));
    }
    if rows.is_empty() {
        return Err(ImportProblem::NoRows);
    }
    Ok((written, rows))
}

/// The file's name as shown: its last path component, printable, at most 100 characters.
pub(super) fn clean_file_name(raw: &str) -> String {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let name: String = name.chars().filter(|c| !c.is_control()).take(100).collect();
    if name.trim().is_empty() {
        "upload.csv".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_line_numbers_and_known_columns_only() {
        let file =
            "\u{feff}Name,Headline,Secret\nAda,Engineer,x\n\n\"Grace, RADM\",\"Admiral\",y\n";
        let (header, rows) = read_csv(ImportKind::Speakers, file.as_bytes()).expect("rows");
        assert_eq!(header, ["Name", "Headline", "Secret"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[1].0, 4, "blank lines are skipped but counted");
        assert_eq!(
            rows[1].1.get("name").map(String::as_str),
            Some("Grace, RADM")
        );
        assert!(!rows[0].1.contains_key("secret"));
        let multi = "name,bio\nAda,\"First line\nsecond line\"\nGrace,x\n";
        let (_, rows) = read_csv(ImportKind::Speakers, multi.as_bytes()).expect("rows");
        let lines: Vec<i64> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(
            lines,
            [2, 4],
            "a bio over two lines moves the next row down"
        );
    }

    #[test]
    fn files_that_are_not_imports_are_refused_with_a_reason() {
        let read = |bytes: &[u8]| read_csv(ImportKind::Sessions, bytes).err();
        assert_eq!(read(b""), Some(ImportProblem::Empty));
        assert_eq!(read(b"\xff\xfe\x00t"), Some(ImportProblem::NotCsv));
        assert_eq!(
            read(b"name,kind\nx,talk\n"),
            Some(ImportProblem::MissingColumns)
        );
        assert_eq!(read(b"title,kind\n"), Some(ImportProblem::NoRows));
        let many = format!("title\n{}", "Talk\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(many.as_bytes()), Some(ImportProblem::TooManyRows));
        assert_eq!(
            clean_file_name("C:\\Users\\ada\\speakers.csv"),
            "speakers.csv"
        );
        assert_eq!(clean_file_name(""), "upload.csv");
    }

    #[test]
    fn a_contacts_file_keeps_every_column_as_named() {
        let file = "E-mail,Full Name,City\nada@example.org,Ada,London\n";
        let (header, rows) = read_csv(ImportKind::Contacts, file.as_bytes()).expect("rows");
        assert_eq!(header, ["E-mail", "Full Name", "City"]);
        assert_eq!(rows[0].1.get("City").map(String::as_str), Some("London"));
        let many = format!("email\n{}", "a@example.org\n".repeat(MAX_ROWS + 1));
        assert!(read_csv(ImportKind::Contacts, many.as_bytes()).is_ok());
    }
}
