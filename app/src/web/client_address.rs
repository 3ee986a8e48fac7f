//! Who is asking, by network address, when the hub sits behind reverse
//! proxies or load balancers.
//!
//! The TCP peer of a proxied request is the proxy, so per-address rate
//! limits would count every visitor as one. The proxies say who they
//! forwarded for, but anyone can send those headers, so they are believed
//! only from the proxies the operator names (`HUB_TRUSTED_PROXIES`), and
//! only the one header those proxies write (`HUB_FORWARDED_HEADER`:
//! `X-Forwarded-For`, as most do, or `Forwarded`, RFC 7239): a proxy that
//! writes one passes the other on from the client untouched. Walking the
//! chain from the nearest hop outwards, the client is the first address
//! that is not a trusted proxy. With no trusted proxies the peer address is
//! the client.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use forwarded_header_value::ForwardedHeaderValue;
use ipnet::IpNet;

/// Which header the trusted proxies write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForwardedHeader {
    #[default]
    XForwardedFor,
    Forwarded,
}

impl ForwardedHeader {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "x-forwarded-for" => Ok(ForwardedHeader::XForwardedFor),
            "forwarded" => Ok(ForwardedHeader::Forwarded),
            other => Err(other.to_string()),
        }
    }
}

/// The proxies whose forwarding header is believed, and which header.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies {
    networks: Arc<Vec<IpNet>>,
    header: ForwardedHeader,
}

impl TrustedProxies {
    /// A comma-separated list of addresses (`10.0.0.5`) and networks
    /// (`10.0.0.0/8`, `fd00::/8`); an empty list trusts no proxy.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in list
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
        {
            let network = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| item.to_string())?;
            networks.push(network);
        }
        Ok(TrustedProxies {
            networks: Arc::new(networks),
            header: ForwardedHeader::default(),
        })
    }

    /// The same proxies, writing `header`.
    pub fn writing(mut self, header: ForwardedHeader) -> Self {
        self.header = header;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.networks
            .iter()
            .any(|network| network.contains(&address))
    }
}

/// The client's address, as worked out for this request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// One hop of `X-Forwarded-For`: an address, with a port or not (some
/// proxies add it: `203.0.113.9:1234`, `[2001:db8::1]:443`).
fn hop_address(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    let bare = hop
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(hop);
    bare.parse::<IpAddr>().ok().or_else(|| {
        hop.parse::<std::net::SocketAddr>()
            .ok()
            .map(|socket| socket.ip())
    })
}

/// The hops the trusted proxies' header reports, remotest first; `None`
/// where one of them is not an address (unknown, obfuscated, malformed).
fn reported_hops(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let name = match header {
        ForwardedHeader::XForwardedFor => "x-forwarded-for",
        ForwardedHeader::Forwarded => "forwarded",
    };
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    let joined = values.join(",");
    match header {
        ForwardedHeader::XForwardedFor => joined.split(',').map(hop_address).collect(),
        ForwardedHeader::Forwarded => match ForwardedHeaderValue::from_forwarded(&joined) {
            Ok(value) => value
                .iter()
                .map(|stanza| stanza.forwarded_for_ip())
                .collect(),
            Err(_) => vec![None],
        },
    }
}

/// The client of a request from `peer` carrying `headers`.
pub fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.trusts(client) {
        return client;
    }
    for hop in reported_hops(headers, trusted.header).into_iter().rev() {
        match hop {
            Some(address) => {
                client = address.to_canonical();
                if !trusted.trusts(client) {
                    break;
                }
            }
            // An unreadable hop: nothing beyond it can be believed, and the
            // trusted proxy that passed it on is the best answer.
            None => break,
        }
    }
    client
}

/// Middleware: puts the request's [`ClientAddress`] in its extensions.
pub async fn resolve(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    if let Some(peer) = peer {
        let client = client_of(peer, request.headers(), &trusted);
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        let sent = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            client_of(ip("198.51.100.1"), &sent, &none),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_trusted_proxy_is_believed_and_a_forged_hop_beyond_it_is_not() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7").unwrap();
        let sent = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.1.1.1")]);
        // 10.1.1.1 is an inner trusted proxy; 203.0.113.9 is the client;
        // 1.2.3.4 was written by the client itself and is ignored.
        assert_eq!(
            client_of(ip("192.0.2.7"), &sent, &trusted),
            ip("203.0.113.9")
        );
        // From an untrusted peer, the header counts for nothing.
        assert_eq!(
            client_of(ip("198.51.100.1"), &sent, &trusted),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn forwarded_is_read_when_the_proxies_write_it_and_garbage_stops_the_walk() {
        let trusted = TrustedProxies::parse("10.0.0.1")
            .unwrap()
            .writing(ForwardedHeader::Forwarded);
        let sent = headers(&[(
            "forwarded",
            r#"for=203.0.113.9;proto=https, for="[2001:db8::1]""#,
        )]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted),
            ip("2001:db8::1")
        );
        let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
        let garbage = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &garbage, &trusted),
            ip("10.0.0.1")
        );
        let mapped = headers(&[("x-forwarded-for", "::ffff:203.0.113.9")]);
        assert_eq!(
            client_of(ip("::ffff:10.0.0.1"), &mapped, &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn only_the_header_the_proxies_write_counts() {
        // A proxy writing X-Forwarded-For passes a client's own Forwarded
        // header on untouched: it must not be believed.
        let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
        let sent = headers(&[
            ("forwarded", "for=198.51.100.77"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted),
            ip("203.0.113.9")
        );
        let only_forged = headers(&[("forwarded", "for=198.51.100.77")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &only_forged, &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn hops_with_ports_are_read() {
        let trusted = TrustedProxies::parse("10.0.0.1").unwrap();
        let sent = headers(&[(
            "x-forwarded-for",
            "[2001:db8::7], [2001:db8::5]:443, 203.0.113.9:1234",
        )]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted),
            ip("203.0.113.9")
        );
        let chain = TrustedProxies::parse("10.0.0.1, 203.0.113.0/24, 2001:db8::5").unwrap();
        assert_eq!(client_of(ip("10.0.0.1"), &sent, &chain), ip("2001:db8::7"));
        assert_eq!(
            ForwardedHeader::parse("Forwarded"),
            Ok(ForwardedHeader::Forwarded)
        );
        assert!(ForwardedHeader::parse("x-real-ip").is_err());
    }

    #[test]
    fn bad_lists_name_the_bad_item() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, nonsense").unwrap_err(),
            "nonsense"
        );
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
