//! Which working tool a toolkit in the catalogue describes, so its page
//! can open it: only the timeline so far.

use crate::vocabulary::{ResourceKind, Topic};

/// A working tool of the hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Timeline,
}

/// The working tool a resource of `kind` about `topics` describes: a
/// toolkit about timeline mapping describes the timeline.
pub fn working_tool(kind: ResourceKind, topics: &[Topic]) -> Option<Tool> {
    (kind == ResourceKind::Toolkit && topics.contains(&Topic::TimelineMapping))
        .then_some(Tool::Timeline)
}

/// The section at the top of such a toolkit's page that opens the tool
/// (HTML made on the server; the text is fixed).
#[cfg(feature = "ssr")]
pub fn open_the_tool_html(tool: Tool) -> String {
    match tool {
        Tool::Timeline => concat!(
            "<div class=\"nhsuk-inset-text\" id=\"open-the-tool\">",
            "<p><strong>Use it here:</strong> keep a working timeline of an investigation in the hub: ",
            "entries in time order however you add them, gaps and disagreeing sources flagged, ",
            "and a chart in lanes per person or place.</p>",
            "<p><a class=\"nhsuk-button\" href=\"/workspaces\" draggable=\"false\">Open the timeline tool</a></p>",
            "</div>"
        )
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_toolkit_about_timelines_opens_the_timeline() {
        let timeline = [Topic::TimelineMapping, Topic::SystemsThinking];
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &timeline),
            Some(Tool::Timeline)
        );
        assert_eq!(working_tool(ResourceKind::Guide, &timeline), None);
        assert_eq!(working_tool(ResourceKind::Toolkit, &[Topic::Seips]), None);
    }
}
