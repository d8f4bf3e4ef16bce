//! Prices: whole amounts in a currency's minor unit (cents), never floating point.

/// The most a single ticket may cost, in minor units (one million).
pub const MAX_PRICE_CENTS: i64 = 100_000_000;

/// Reads a price typed as `25`, `25.5`, `25.50` or `25,50`; blank means free.
pub fn parse_price(raw: &str) -> Result<i64, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    let refuse =
        || "enter a price like 25 or 25.50, or leave it blank for a free ticket".to_owned();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match raw.split_once(['.', ',']) {
        Some((whole, fraction)) if digits(fraction) => (whole, fraction),
        Some(_) => return Err(refuse()),
        None => (raw, ""),
    };
    if !digits(whole) || fraction.len() > 2 {
        return Err(refuse());
    }
    let whole: i64 = whole.parse().map_err(|_| refuse())?;
    let fraction: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| refuse())? * 10,
        _ => fraction.parse().map_err(|_| refuse())?,
    };
    let cents = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction))
        .filter(|c| *c <= MAX_PRICE_CENTS)
        .ok_or_else(|| "a ticket costs at most 1,000,000".to_owned())?;
    Ok(cents)
}

/// `25.00 EUR`, or `Free`.
pub fn price_label(cents: i64, currency: &str) -> String {
    if cents == 0 {
        return "Free".to_owned();
    }
    format!("{} {currency}", amount(cents))
}

/// `25.00`: what a price field shows again for editing (blank for free).
pub fn price_input(cents: i64) -> String {
    if cents == 0 {
        return String::new();
    }
    amount(cents)
}

fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Whether `raw` is an ISO 4217 code as we store it (three capital letters).
pub fn is_currency(raw: &str) -> bool {
    raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_read_in_cents() {
        assert_eq!(parse_price(""), Ok(0));
        assert_eq!(parse_price("25"), Ok(2500));
        assert_eq!(parse_price(" 25.5 "), Ok(2550));
        assert_eq!(parse_price("25,05"), Ok(2505));
        assert_eq!(parse_price("0.99"), Ok(99));
        assert_eq!(parse_price("1000000"), Ok(MAX_PRICE_CENTS));
    }

    #[test]
    fn malformed_or_huge_prices_are_refused() {
        for bad in [
            "-5",
            "25.505",
            "abc",
            "1e3",
            "25.",
            ".5",
            "1000000.01",
            "99999999999999999",
        ] {
            assert!(parse_price(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn prices_are_labelled_with_their_currency() {
        assert_eq!(price_label(0, "EUR"), "Free");
        assert_eq!(price_label(2505, "EUR"), "25.05 EUR");
        assert_eq!(price_input(2500), "25.00");
        assert_eq!(price_input(0), "");
        assert!(is_currency("CHF"));
        assert!(!is_currency("eur"));
    }
}
