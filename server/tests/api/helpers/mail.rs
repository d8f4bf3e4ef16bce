//! The development mail folder: the messages a test caused, decoded, and the tokens of the
//! links in them.

use super::TestApp;

impl TestApp {
    /// The newest message in the development mail folder addressed to `to`, decoded.
    pub fn last_mail_to(&self, to: &str) -> Option<String> {
        let dir = self.database.dir.path().join("mail");
        let mut messages: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let modified = entry.metadata().ok()?.modified().ok()?;
                let text = std::fs::read_to_string(entry.path()).ok()?;
                Some((modified, decode_quoted_printable(&text)))
            })
            .filter(|(_, text)| text.contains(&format!("To: {to}")))
            .collect();
        messages.sort_by_key(|(modified, _)| *modified);
        messages.pop().map(|(_, text)| text)
    }

    /// How many messages are in the development mail folder.
    pub fn mail_count(&self) -> usize {
        std::fs::read_dir(self.database.dir.path().join("mail"))
            .map(|dir| dir.count())
            .unwrap_or(0)
    }
}

/// Undoes the soft line breaks and `=XX` escapes of a quoted-printable body.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let mut out = String::with_capacity(joined.len());
    let mut rest = joined.as_str();
    while let Some(i) = rest.find('=') {
        out.push_str(&rest[..i]);
        let code = rest
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match code {
            Some(byte) => {
                out.push(byte as char);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('=');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The token of the first link to `path` in a message.
pub fn link_token(message: &str, path: &str) -> String {
    let start = message
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in {message}"))
        + path.len()
        + "?token=".len();
    message[start..start + 64].to_owned()
}
