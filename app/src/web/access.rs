//! Authorisation, in one place. Every page path, HTTP endpoint and server
//! function declares an [`Access`]; [`decide`] is the only rule that says
//! yes or no. Object-level checks ("only your own") sit with the handler
//! that loads the object, after this coarse check.

use super::identity::Role;

/// Who may use an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Signed in with this role or a higher one.
    AtLeast(Role),
}

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Not signed in (401, or a redirect to sign in for a page).
    SignInFirst,
    /// A curator or admin who must set up two-step verification first.
    SetUpMfaFirst,
    /// Signed in, but the role is not enough (403).
    Forbidden,
}

impl Denied {
    pub fn status(self) -> u16 {
        match self {
            Denied::SignInFirst => 401,
            Denied::SetUpMfaFirst | Denied::Forbidden => 403,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Denied::SignInFirst => "You need to sign in to do that",
            Denied::SetUpMfaFirst => {
                "Set up two-step verification before you continue: your role requires it"
            }
            Denied::Forbidden => "You do not have permission to do that",
        }
    }
}

/// The signed-in account as far as authorisation cares.
#[derive(Clone, Copy, Debug)]
pub struct Principal {
    pub role: Role,
    pub mfa_enabled: bool,
}

/// The rule. `mfa_setup_allowed` marks the few places a curator or admin
/// without two-step verification may still go (setting it up, signing out).
pub fn decide(
    access: Access,
    who: Option<Principal>,
    mfa_setup_allowed: bool,
) -> Result<(), Denied> {
    if access == Access::Public {
        return Ok(());
    }
    let Some(who) = who else {
        return Err(Denied::SignInFirst);
    };
    if who.role.requires_mfa() && !who.mfa_enabled && !mfa_setup_allowed {
        return Err(Denied::SetUpMfaFirst);
    }
    match access {
        Access::AtLeast(needed) if who.role < needed => Err(Denied::Forbidden),
        _ => Ok(()),
    }
}

/// The access a page path needs. Pages are listed by prefix.
pub fn page_access(path: &str) -> Access {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if under("/admin") {
        Access::AtLeast(Role::Admin)
    } else if under("/curation") {
        Access::AtLeast(Role::Curator)
    } else if under("/contribute") {
        Access::AtLeast(Role::Contributor)
    } else if under("/account")
        || under("/network/connections")
        || under("/network/messages")
        || under("/report")
        || (path.starts_with("/workspaces/")
            && !under("/workspaces/example")
            && path != "/workspaces/local")
    {
        Access::SignedIn
    } else {
        Access::Public
    }
}

/// Pages a curator or admin may reach before setting up two-step verification.
pub fn allows_mfa_setup(path: &str) -> bool {
    path == "/account/mfa" || path == "/account/recovery-codes" || path == "/sign-out"
}

/// A path to return to after signing in: only a path on this site.
pub fn safe_return_path(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control)
        && raw.len() <= 500;
    ok.then(|| raw.to_string())
}

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use axum::extract::Request;
    use axum::handler::Handler;
    use axum::http::{Method, StatusCode};
    use axum::middleware::{self, Next};
    use axum::response::{IntoResponse, Redirect, Response};
    use axum::routing::{get, post, MethodRouter};
    use axum::Router;
    use leptos::prelude::ServerFnError;

    use super::*;
    use crate::web::session::{request_viewer, Viewer};

    fn principal(viewer: Option<&Viewer>) -> Option<Principal> {
        viewer
            .and_then(|viewer| viewer.user.as_ref())
            .map(|user| Principal {
                role: user.role,
                mfa_enabled: user.mfa_enabled(),
            })
    }

    /// The answer to a refused request: pages send people where they can
    /// fix it; other requests get the status and a short page.
    pub fn refusal(denied: Denied, method: &Method, path_and_query: &str) -> Response {
        if *method == Method::GET {
            match denied {
                Denied::SignInFirst => {
                    let next: String =
                        form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect();
                    return Redirect::to(&format!("/sign-in?next={next}")).into_response();
                }
                Denied::SetUpMfaFirst => return Redirect::to("/account/mfa").into_response(),
                Denied::Forbidden => {}
            }
        }
        let status = StatusCode::from_u16(denied.status()).unwrap_or(StatusCode::FORBIDDEN);
        crate::web::plain::plain_response(
            status,
            denied.message(),
            "<p>If you think you should be able to do this, contact an admin of the hub.</p>",
        )
    }

    /// Middleware for page routes: applies [`page_access`] to the path.
    pub async fn guard_pages(request: Request, next: Next) -> Response {
        let path = request.uri().path().to_string();
        guard_with(page_access(&path), request, next).await
    }

    async fn guard_with(access: Access, request: Request, next: Next) -> Response {
        let path = request.uri().path().to_string();
        let who = principal(request.extensions().get::<Viewer>());
        match decide(access, who, allows_mfa_setup(&path)) {
            Ok(()) => next.run(request).await,
            Err(denied) => {
                let target = request
                    .uri()
                    .path_and_query()
                    .map(|pq| pq.as_str().to_string())
                    .unwrap_or(path);
                refusal(denied, request.method(), &target)
            }
        }
    }

    /// For server functions: the viewer if `access` allows them, otherwise
    /// an error with the right HTTP status set.
    pub fn require(access: Access) -> Result<Viewer, ServerFnError> {
        require_inner(access, false)
    }

    /// As [`require`], for the functions behind setting up two-step
    /// verification, which an admin without it must still reach.
    pub fn require_allowing_mfa_setup(access: Access) -> Result<Viewer, ServerFnError> {
        require_inner(access, true)
    }

    fn require_inner(access: Access, mfa_setup_allowed: bool) -> Result<Viewer, ServerFnError> {
        let viewer =
            request_viewer().ok_or_else(|| ServerFnError::new("No request to authorise"))?;
        match decide(access, principal(Some(&viewer)), mfa_setup_allowed) {
            Ok(()) => Ok(viewer),
            Err(denied) => {
                crate::response::set_status(denied.status());
                Err(ServerFnError::new(denied.message()))
            }
        }
    }

    /// One HTTP endpoint outside the Leptos router, with its access.
    #[derive(Clone, Debug)]
    pub struct Endpoint {
        pub method: Method,
        pub path: &'static str,
        pub access: Access,
    }

    /// Builds a router in which every route carries its [`Access`], both
    /// enforced (a guard on the route) and listed (for the authorisation
    /// matrix test).
    pub struct Endpoints<S> {
        router: Router<S>,
        list: Vec<Endpoint>,
    }

    impl<S: Clone + Send + Sync + 'static> Default for Endpoints<S> {
        fn default() -> Self {
            Endpoints {
                router: Router::new(),
                list: Vec::new(),
            }
        }
    }

    impl<S: Clone + Send + Sync + 'static> Endpoints<S> {
        pub fn new() -> Self {
            Self::default()
        }

        pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
        where
            H: Handler<T, S>,
            T: 'static,
        {
            self.add(Method::GET, path, access, get(handler))
        }

        pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
        where
            H: Handler<T, S>,
            T: 'static,
        {
            self.add(Method::POST, path, access, post(handler))
        }

        fn add(
            mut self,
            method: Method,
            path: &'static str,
            access: Access,
            route: MethodRouter<S>,
        ) -> Self {
            let guarded =
                route.route_layer(middleware::from_fn(move |request: Request, next: Next| {
                    guard_with(access, request, next)
                }));
            self.router = self.router.route(path, guarded);
            self.list.push(Endpoint {
                method,
                path,
                access,
            });
            self
        }

        pub fn merge(mut self, other: Endpoints<S>) -> Self {
            self.router = self.router.merge(other.router);
            self.list.extend(other.list);
            self
        }

        /// Wraps every route added so far in `layer` (CORS, say).
        pub fn map_router(mut self, wrap: impl FnOnce(Router<S>) -> Router<S>) -> Self {
            self.router = wrap(self.router);
            self
        }

        pub fn list(&self) -> &[Endpoint] {
            &self.list
        }

        pub fn into_router(self) -> Router<S> {
            self.router
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBER: Principal = Principal {
        role: Role::Member,
        mfa_enabled: false,
    };
    const CURATOR_WITHOUT_MFA: Principal = Principal {
        role: Role::Curator,
        mfa_enabled: false,
    };
    const ADMIN: Principal = Principal {
        role: Role::Admin,
        mfa_enabled: true,
    };

    #[test]
    fn the_rule() {
        assert_eq!(decide(Access::Public, None, false), Ok(()));
        assert_eq!(
            decide(Access::SignedIn, None, false),
            Err(Denied::SignInFirst)
        );
        assert_eq!(decide(Access::SignedIn, Some(MEMBER), false), Ok(()));
        assert_eq!(
            decide(Access::AtLeast(Role::Curator), Some(MEMBER), false),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(Access::SignedIn, Some(CURATOR_WITHOUT_MFA), false),
            Err(Denied::SetUpMfaFirst)
        );
        assert_eq!(
            decide(Access::SignedIn, Some(CURATOR_WITHOUT_MFA), true),
            Ok(())
        );
        assert_eq!(
            decide(Access::AtLeast(Role::Admin), Some(ADMIN), false),
            Ok(())
        );
    }

    #[test]
    fn pages_by_prefix() {
        assert_eq!(page_access("/admin/users"), Access::AtLeast(Role::Admin));
        assert_eq!(page_access("/account"), Access::SignedIn);
        assert_eq!(page_access("/accountancy"), Access::Public);
        assert_eq!(page_access("/resources"), Access::Public);
        assert_eq!(page_access("/network"), Access::Public);
        assert_eq!(
            page_access("/curation/links"),
            Access::AtLeast(Role::Curator)
        );
        assert_eq!(page_access("/network/messages/sam-x"), Access::SignedIn);
        assert_eq!(page_access("/report/message/12"), Access::SignedIn);
        assert_eq!(page_access("/workspaces/4"), Access::SignedIn);
        assert_eq!(page_access("/workspaces/example"), Access::Public);
        // The timeline kept in the browser is anyone's.
        assert_eq!(page_access("/workspaces/local"), Access::Public);
        assert_eq!(page_access("/workspaces/local/x"), Access::SignedIn);
        assert_eq!(
            page_access("/contribute/new"),
            Access::AtLeast(Role::Contributor)
        );
    }

    #[test]
    fn only_local_return_paths() {
        assert_eq!(safe_return_path("/account"), Some("/account".into()));
        assert_eq!(safe_return_path("//evil.example"), None);
        assert_eq!(safe_return_path("https://evil.example"), None);
        assert_eq!(safe_return_path("/\\evil"), None);
    }
}
