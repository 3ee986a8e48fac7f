//! The resource page's "Capability domains" section: which domains of the
//! framework the resource helps with, each a link to the search for more,
//! and the way to the self-assessment. Rendered here on the server into the
//! page's panels, so the client's main module carries none of it.

use crate::vocabulary::{Capability, Level};

/// The section as HTML (empty for a resource tagged with no domain), for a
/// reader signed in or not. Every word and address in it is the hub's own
/// (a test keeps the labels free of markup).
pub fn render(domains: &[Capability], level: Level, signed_in: bool) -> String {
    if domains.is_empty() {
        return String::new();
    }
    let items: String = domains
        .iter()
        .map(|domain| {
            format!(
                "<li><a href=\"/resources?capability={}\">{}</a></li>",
                domain.slug(),
                domain.label()
            )
        })
        .collect();
    format!(
        "<section class=\"hub-capability-panel\" aria-labelledby=\"capability-domains\">\
         <h2 class=\"nhsuk-heading-m\" id=\"capability-domains\">Capability domains</h2>\
         <p>At {level} level, this resource helps with:</p>\
         <ul class=\"nhsuk-list nhsuk-list--bullet\">{items}</ul>\
         <p>{invitation} to see where you most need to grow.</p>\
         </section>",
        level = level.label().to_lowercase(),
        invitation = if signed_in {
            "<a href=\"/account/capability\">Take the capability self-assessment</a>"
        } else {
            "<a href=\"/sign-in?next=%2Faccount%2Fcapability\">Sign in</a> and take the capability self-assessment"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_domain_with_a_link_to_more() {
        let html = render(
            &[Capability::Analysis, Capability::InvolvingPeople],
            Level::Practitioner,
            true,
        );
        assert!(html.contains("At practitioner level, this resource helps with:"));
        assert!(html.contains("<li><a href=\"/resources?capability=analysis\">Analysis</a></li>"));
        assert!(html.contains(
            "<a href=\"/resources?capability=involving-and-supporting-people\">Involving and supporting people</a>"
        ));
        assert!(html.contains("href=\"/account/capability\""));
        assert_eq!(render(&[], Level::Expert, true), "");
        let signed_out = render(&[Capability::Analysis], Level::Foundation, false);
        assert!(signed_out
            .contains("<a href=\"/sign-in?next=%2Faccount%2Fcapability\">Sign in</a> and take"));
    }

    #[test]
    fn labels_and_slugs_need_no_escaping() {
        for domain in Capability::ALL {
            for text in [domain.label(), domain.slug()] {
                assert!(!text.contains(['<', '>', '&', '"', '\'']), "{text}");
            }
        }
    }
}
