//! Every cookie the hub sets, in one list: the session layer takes its
//! cookie's name from here, the cookies page (`/cookies`) shows the list,
//! and a test fails if any response sets a cookie that is not in it.

/// The session cookie over plain HTTP (development, tests).
pub const SESSION_COOKIE: &str = "hub_session";
/// The session cookie over HTTPS: the `__Host-` prefix makes the browser
/// refuse it unless it is Secure, for this host only, and for every path.
pub const SECURE_SESSION_COOKIE: &str = "__Host-hub_session";

/// A cookie the hub sets, as the cookies page describes it.
#[derive(Clone, Copy, Debug)]
pub struct CookieUse {
    pub name: &'static str,
    pub purpose: &'static str,
    pub lifetime: &'static str,
}

/// Every cookie the hub may set. All are strictly necessary: there are no
/// analytics, advertising or tracking cookies, so there is nothing to
/// consent to.
pub const COOKIES: [CookieUse; 2] = [
    CookieUse {
        name: SECURE_SESSION_COOKIE,
        purpose: "Keeps you signed in, protects forms against cross-site request forgery and \
                  carries a one-off confirmation to the next page (the hub's address served over HTTPS)",
        lifetime: "Ends after 30 minutes without activity, or when you sign out",
    },
    CookieUse {
        name: SESSION_COOKIE,
        purpose: "The same session cookie where the hub is served without HTTPS (only on a \
                  developer's own computer)",
        lifetime: "Ends after 30 minutes without activity, or when you sign out",
    },
];

/// True when `name` is a cookie the hub lists.
pub fn is_listed(name: &str) -> bool {
    COOKIES.iter().any(|cookie| cookie.name == name)
}
