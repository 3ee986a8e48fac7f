//! Which working tool of the hub's investigation workspaces (`toolkits`)
//! a toolkit in the catalogue describes, so its page can open it: the
//! timeline, the SEIPS scan, or the safety-action builder. The catalogue
//! knows the tools' addresses only, never the workspaces' code.

use crate::vocabulary::{ResourceKind, Topic};

/// A working tool of the hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Timeline,
    Scan,
    Actions,
}

/// The working tool a resource of `kind` about `topics` describes: a
/// toolkit about timeline mapping, SEIPS or safety actions (the first of
/// those, in that order, when it is about more than one).
pub fn working_tool(kind: ResourceKind, topics: &[Topic]) -> Option<Tool> {
    if kind != ResourceKind::Toolkit {
        return None;
    }
    [
        (Topic::TimelineMapping, Tool::Timeline),
        (Topic::Seips, Tool::Scan),
        (Topic::SafetyActions, Tool::Actions),
    ]
    .into_iter()
    .find(|(topic, _)| topics.contains(topic))
    .map(|(_, tool)| tool)
}

/// The section at the top of such a toolkit's page that opens the tool
/// (HTML made on the server; the text is fixed).
#[cfg(feature = "ssr")]
pub fn open_the_tool_html(tool: Tool) -> String {
    let (what, button, example) = match tool {
        Tool::Timeline => (
            "keep a working timeline of an investigation in the hub: entries in time order however you add them, gaps and disagreeing sources flagged, and a chart in lanes per person or place.",
            "Open the timeline tool",
            "/workspaces/example",
        ),
        Tool::Scan => (
            "scan an investigation's work system in the hub: barriers and facilitators under the six SEIPS elements, each with its evidence from the timeline, and a diagram of how the elements interact.",
            "Open the SEIPS scan",
            "/workspaces/example?tool=scan",
        ),
        Tool::Actions => (
            "build an investigation's safety actions in the hub: each addressing its contributory factors, with the strength the hierarchy of intervention effectiveness suggests for it, and warnings where a plan is weak.",
            "Open the safety-action builder",
            "/workspaces/example?tool=plan",
        ),
    };
    format!(
        "<div class=\"nhsuk-inset-text\" id=\"open-the-tool\">\
         <p><strong>Use it here:</strong> {what}</p>\
         <p><a class=\"nhsuk-button\" href=\"/workspaces\" draggable=\"false\">{button}</a></p>\
         <p><a href=\"{example}\">See it at work in a fictional example</a></p>\
         </div>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toolkit_opens_the_tool_it_describes() {
        let timeline = [Topic::TimelineMapping, Topic::SystemsThinking];
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &timeline),
            Some(Tool::Timeline)
        );
        assert_eq!(working_tool(ResourceKind::Guide, &timeline), None);
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &[Topic::Seips]),
            Some(Tool::Scan)
        );
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &[Topic::SafetyActions, Topic::Seips]),
            Some(Tool::Scan)
        );
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &[Topic::SafetyActions]),
            Some(Tool::Actions)
        );
        assert_eq!(
            working_tool(ResourceKind::Toolkit, &[Topic::SystemsThinking]),
            None
        );
        assert_eq!(working_tool(ResourceKind::Guide, &[Topic::Seips]), None);
    }
}
