//! Reading an uploaded CSV file into rows, numbered as a text editor numbers lines.

use std::collections::BTreeMap;

use crate::domain::import::{ImportKind, ImportProblem};

/// The most rows a file may have.
pub const MAX_ROWS: usize = 5_000;

/// A row's fields: column → value, for the columns its kind knows.
pub(super) type Fields = BTreeMap<String, String>;

/// The file's rows as `(line, fields)`.
pub(super) fn read_csv(kind: ImportKind, file: &[u8]) -> Result<Vec<(i64, Fields)>, ImportProblem> {
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
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| ImportProblem::NotCsv)?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let known = kind.columns();
    if !headers.iter().any(|h| h == known[0]) {
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
        if rows.len() == MAX_ROWS {
            return Err(ImportProblem::TooManyRows);
        }
        let fields = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| known.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        rows.push((line, fields));
    }
    if rows.is_empty() {
        return Err(ImportProblem::NoRows);
    }
    Ok(rows)
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
        let rows = read_csv(ImportKind::Speakers, file.as_bytes()).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[1].0, 4, "blank lines are skipped but counted");
        assert_eq!(
            rows[1].1.get("name").map(String::as_str),
            Some("Grace, RADM")
        );
        assert!(!rows[0].1.contains_key("secret"));
        let multi = "name,bio\nAda,\"First line\nsecond line\"\nGrace,x\n";
        let rows = read_csv(ImportKind::Speakers, multi.as_bytes()).expect("rows");
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
}
