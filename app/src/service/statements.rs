//! The service's statements: accessibility, privacy, cookies, contact and
//! the community rules. Their text is Markdown kept with the server
//! (`content/`), so it never travels in the client's code: a page asks for
//! its statement by address, and the cookies and retention tables are made
//! from the lists the hub itself works from.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

use crate::components::{found_or_not_found, Breadcrumbs, Crumb};

/// A statement as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub title: String,
    /// Sanitised HTML, from the statement's Markdown.
    pub html: String,
}

/// The statement at `path` (`/privacy`…), or `None` for any other path.
#[server(input = GetUrl)]
pub async fn load_statement(path: String) -> Result<Option<Statement>, ServerFnError> {
    let site = crate::web::site::Site::from_context()
        .ok_or_else(|| ServerFnError::new("the site's settings are not available"))?;
    Ok(content::statement(&path, &site))
}

/// `/accessibility`, `/privacy`, `/cookies`, `/contact`, `/community-rules`.
#[component]
pub fn StatementPage() -> impl IntoView {
    let location = use_location();
    let statement = Resource::new(move || location.pathname.get(), load_statement);
    view! {
        {found_or_not_found(statement, |statement| view! {
            <Title text=statement.title.clone() />
            <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-xl">{statement.title}</h1>
                    <div class="hub-prose" inner_html=statement.html></div>
                </div>
            </div>
        })}
    }
}

#[cfg(feature = "ssr")]
pub mod content {
    use super::Statement;
    use crate::service::retention;
    use crate::web::cookies::COOKIES;
    use crate::web::site::Site;

    /// Every statement: (address, title, Markdown).
    pub const STATEMENTS: [(&str, &str, &str); 5] = [
        (
            "/accessibility",
            "Accessibility statement",
            include_str!("content/accessibility.md"),
        ),
        (
            "/privacy",
            "Privacy notice",
            include_str!("content/privacy.md"),
        ),
        ("/cookies", "Cookies", include_str!("content/cookies.md")),
        ("/contact", "Contact us", include_str!("content/contact.md")),
        (
            "/community-rules",
            "Community rules for the network",
            include_str!("content/community-rules.md"),
        ),
    ];

    pub fn statement(path: &str, site: &Site) -> Option<Statement> {
        let (_, title, markdown) = STATEMENTS.iter().find(|(at, _, _)| *at == path)?;
        let email = markdown_text(&site.contact_email);
        let markdown = markdown
            .replace(
                "{{contact_email}}",
                &format!("[{email}](mailto:{})", site.contact_email),
            )
            .replace("{{retention}}", &retention::schedule_table())
            .replace("{{cookies}}", &cookies_table());
        Some(Statement {
            title: title.to_string(),
            html: crate::markdown::render(&markdown),
        })
    }

    /// Every cookie the hub may set, as a Markdown table.
    pub fn cookies_table() -> String {
        let mut table =
            String::from("| Name | What it is for | When it expires |\n|---|---|---|\n");
        for cookie in COOKIES {
            table.push_str(&format!(
                "| `{}` | {} | {} |\n",
                cookie.name, cookie.purpose, cookie.lifetime
            ));
        }
        table
    }

    /// `text` with Markdown's emphasis and link characters escaped.
    fn markdown_text(text: &str) -> String {
        let mut escaped = String::with_capacity(text.len());
        for character in text.chars() {
            if matches!(character, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`') {
                escaped.push('\\');
            }
            escaped.push(character);
        }
        escaped
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn site() -> Site {
            Site {
                public_url: "https://hub.example".into(),
                contact_email: "help_desk@hub.example".into(),
            }
        }

        #[test]
        fn every_statement_renders_with_its_tables_and_contact() {
            for (path, title, _) in STATEMENTS {
                let statement = statement(path, &site()).unwrap();
                assert_eq!(statement.title, title);
                assert!(
                    !statement.html.contains("{{"),
                    "{path}: a placeholder is left"
                );
            }
            let privacy = statement("/privacy", &site()).unwrap().html;
            assert!(privacy.contains("<table>"), "{privacy}");
            assert!(privacy.contains("2 years, then deleted"));
            assert!(privacy.contains("href=\"mailto:help_desk@hub.example\""));
            assert!(
                privacy.contains(">help_desk@hub.example</a>"),
                "not emphasised"
            );
            let cookies = statement("/cookies", &site()).unwrap().html;
            for cookie in COOKIES {
                assert!(cookies.contains(&format!("<code>{}</code>", cookie.name)));
            }
        }

        #[test]
        fn other_paths_have_no_statement() {
            assert!(statement("/about", &site()).is_none());
            assert!(statement("/privacy/", &site()).is_none());
        }
    }
}
