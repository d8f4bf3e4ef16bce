//! Which address a request comes from. Served directly, it is the connection's peer. Behind
//! a reverse proxy (the only way to serve HTTPS) every connection comes from the proxy, so the
//! client's address is read from the `Forwarded` or `X-Forwarded-For` header, but only when
//! the connection comes from a proxy named in `CONVENE_TRUSTED_PROXIES`: anyone else could
//! write any address there. Each proxy appends the address it received the request from, so
//! the header is read from the right, past the trusted proxies, to the first address that is
//! not one: the nearest hop nobody trusted could forge.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The proxies whose forwarding headers are believed (addresses or CIDR ranges).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list such as `127.0.0.1, 10.0.0.0/8, ::1`; empty means none.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("'{item}' is not an IP address or a range like 10.0.0.0/8")
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address for a connection from `peer` carrying `headers`.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops = forwarded_for(headers);
        // From the nearest hop outwards: the first one that is not a trusted proxy.
        for hop in hops.iter().rev() {
            match hop {
                Some(address) if self.trusts(*address) => continue,
                Some(address) => return *address,
                // An address a proxy could not give ("unknown", a hidden name): the last
                // hop that can be named is the closest to the truth.
                None => break,
            }
        }
        hops.iter()
            .rev()
            .map_while(|hop| *hop)
            .last()
            .unwrap_or(peer)
    }
}

/// The hops listed by `Forwarded` (RFC 7239) or, without it, `X-Forwarded-For`, oldest
/// first; `None` for one that is not an address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(key, _)| key.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| parse_node(node))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|hop| parse_node(hop))
        .collect()
}

/// `192.0.2.1`, `"192.0.2.1:4711"`, `"[2001:db8::1]:4711"` or `2001:db8::1`.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"');
    if let Ok(address) = node.parse() {
        return Some(address);
    }
    if let Some(bracketed) = node.strip_prefix('[') {
        return bracketed.split(']').next()?.parse().ok();
    }
    node.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().expect("a header value"));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.1").expect("valid");
        let forged = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            proxies.client_of(ip("198.51.100.7"), &forged),
            ip("198.51.100.7")
        );
        let none = TrustedProxies::default();
        assert_eq!(none.client_of(ip("10.0.0.1"), &forged), ip("10.0.0.1"));
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").expect("valid");
        // The client claimed to be 1.2.3.4; the proxy appended who really connected.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.2")]);
        assert_eq!(proxies.client_of(ip("10.0.0.1"), &chain), ip("203.0.113.9"));
        let forwarded = headers(&[(
            "forwarded",
            "for=1.2.3.4, for=\"[2001:db8::7]:4711\";proto=https",
        )]);
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &forwarded),
            ip("2001:db8::7")
        );
        // Without a header, the proxy itself.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn a_hop_that_is_not_an_address_stops_the_walk() {
        let proxies = TrustedProxies::parse("10.0.0.1").expect("valid");
        let hidden = headers(&[("x-forwarded-for", "203.0.113.9, unknown")]);
        assert_eq!(proxies.client_of(ip("10.0.0.1"), &hidden), ip("10.0.0.1"));
    }

    #[test]
    fn a_list_is_addresses_and_ranges() {
        assert!(TrustedProxies::parse("").expect("valid").0.is_empty());
        assert_eq!(
            TrustedProxies::parse("::1, 10.0.0.0/8")
                .expect("valid")
                .0
                .len(),
            2
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
    }
}
