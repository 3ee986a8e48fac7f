//! What the hub knows about its own deployment and gives every page: the
//! address people reach it at (for canonical links, link previews, the
//! sitemap and links in emails) and where to write to the team that runs
//! it. Set at start-up from configuration; provided to every render.

/// The deployment's public address and contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The hub's address as users reach it, without a trailing slash.
    pub public_url: String,
    /// The email address the contact, privacy and accessibility pages give.
    pub contact_email: String,
}

impl Site {
    /// The full address of `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }

    /// The site of the request being rendered, if the server provided one.
    pub fn from_context() -> Option<Site> {
        leptos::prelude::use_context::<Site>()
    }
}

#[cfg(test)]
mod tests {
    use super::Site;

    #[test]
    fn links_join_without_a_double_slash() {
        let site = Site {
            public_url: "https://hub.example/".into(),
            contact_email: "team@hub.example".into(),
        };
        assert_eq!(site.link("/privacy"), "https://hub.example/privacy");
    }
}
