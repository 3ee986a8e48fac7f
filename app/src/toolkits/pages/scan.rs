//! `?tool=scan`: the SEIPS work-system scan. Findings (barriers and
//! facilitators) under the six elements, each with its evidence; a
//! diagram of the elements with their counts and the interactions the
//! findings show, and the same as tables (the diagram only shows); the
//! form to add a finding; and a finding's own pages.

use leptos::prelude::*;

use super::item::{change_page, delete_page, find, losing_link, ItemPage};
use super::render::{counted, page, scrolling_table, tool_header, version_field};
use super::timeline::Viewing;
use super::Tool;
use crate::forms::{
    CheckboxGroup, FormState, PostForm, RadioGroup, SelectField, SubmitButton, TextArea, TextField,
};
use crate::toolkits::analysis::{element_counts, interactions, Finding, FindingInput, FindingKind};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::timeline::entry_label;
use crate::toolkits::types::{SeipsElement, Workspace};
use crate::vocabulary::options;

/// The finding form's fields; `entries` are the timeline's, to cite.
fn finding_fields(values: FindingInput, workspace: &Workspace) -> impl IntoView {
    let entries: Vec<(String, String)> = workspace
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| (entry.id.to_string(), entry_label(index, entry)))
        .collect();
    let evidence = if entries.is_empty() {
        view! { <p id="evidence">"There are no timeline entries to cite yet: say where the evidence comes from below."</p> }.into_any()
    } else {
        view! {
            <CheckboxGroup name="evidence" error_name="evidence" legend="Evidence from the timeline"
                hint="The entries this finding rests on."
                options=entries checked=values.evidence />
        }
        .into_any()
    };
    view! {
        <SelectField name="element" label="Work-system element" options={options::<SeipsElement>()} value=values.element blank="Select one" />
        <RadioGroup name="kind" legend="Barrier or facilitator?" options={options::<FindingKind>()} value=values.kind />
        <TextArea name="text" label="Finding" hint="What about this element made the work harder (a barrier) or helped it go well (a facilitator). Describe the system, not a person. Up to 1,000 characters." value=values.text rows=3 />
        {evidence}
        <TextField name="other_evidence" label="Other evidence (optional)" hint="Where else it comes from, such as “practice referral policy” or “interview with the duty doctor”. Up to 300 characters." value=values.other_evidence />
        <CheckboxGroup name="interacts_with" error_name="interacts_with" legend="Interacts with (optional)"
            hint="Other elements this finding shows working together with its own."
            options={options::<SeipsElement>()} checked=values.interacts_with />
    }
}

/// "Entries 3, 5" (linked to the timeline) and any other evidence.
fn evidence_text(finding: &Finding, workspace: &Workspace) -> String {
    let numbers: Vec<String> =
        crate::toolkits::report::numbers(&finding.evidence, &workspace.entries, |entry| entry.id)
            .iter()
            .map(usize::to_string)
            .collect();
    let entries = match numbers.len() {
        0 => None,
        1 => Some(format!("Entry {}", numbers[0])),
        _ => Some(format!("Entries {}", numbers.join(", "))),
    };
    entries
        .into_iter()
        .chain((!finding.other_evidence.is_empty()).then(|| finding.other_evidence.clone()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The six elements around a circle, with their counts, and a line for
/// each interaction: drawn from the same counts as the tables below it.
fn scan_diagram(findings: &[Finding]) -> impl IntoView {
    const CENTRE: (f64, f64) = (380.0, 230.0);
    const RADIUS: (f64, f64) = (270.0, 165.0);
    let counts = element_counts(findings);
    let index = |element: SeipsElement| {
        SeipsElement::ALL
            .iter()
            .position(|e| *e == element)
            .unwrap_or(0)
    };
    let position = |element: SeipsElement| {
        let angle =
            -std::f64::consts::FRAC_PI_2 + index(element) as f64 * std::f64::consts::TAU / 6.0;
        (
            CENTRE.0 + RADIUS.0 * angle.cos(),
            CENTRE.1 + RADIUS.1 * angle.sin(),
        )
    };
    let drawn: Vec<_> = interactions(findings)
        .into_iter()
        .map(|interaction| {
            let (from, to) = interaction.between;
            let (a, b) = (position(from), position(to));
            // Neighbours' counts sit halfway; the lines across the circle
            // all cross its centre, so theirs sit a third of the way along.
            let along = match (index(to) + 6 - index(from)) % 6 {
                1 | 5 => 0.5,
                _ => 0.3,
            };
            let at = (a.0 + (b.0 - a.0) * along, a.1 + (b.1 - a.1) * along);
            let width = (2 + interaction.findings.len() * 2).min(10);
            (a, b, at, width, interaction.findings.len())
        })
        .collect();
    // Every line before every count, so no line crosses a count.
    let lines = drawn
        .iter()
        .map(|(a, b, _, width, _)| view! {
            <line class="hub-scan-link" x1=format!("{:.0}", a.0) y1=format!("{:.0}", a.1) x2=format!("{:.0}", b.0) y2=format!("{:.0}", b.1) stroke-width=width.to_string() />
        })
        .collect_view();
    let link_counts = drawn
        .iter()
        .map(|(_, _, at, _, count)| view! {
            <circle class="hub-scan-link-count" cx=format!("{:.0}", at.0) cy=format!("{:.0}", at.1) r="11" />
            <text class="hub-chart-number" x=format!("{:.0}", at.0) y=format!("{:.0}", at.1 + 4.0)>{count.to_string()}</text>
        })
        .collect_view();
    let nodes = counts
        .iter()
        .map(|count| {
            let (x, y) = position(count.element);
            let class = if count.barriers > 0 { "hub-scan-node hub-scan-node--barrier" } else { "hub-scan-node" };
            view! {
                <rect class=class x=format!("{:.0}", x - 95.0) y=format!("{:.0}", y - 30.0) width="190" height="60" rx="8" />
                <text class="hub-scan-name" x=format!("{:.0}", x) y=format!("{:.0}", y - 6.0)>{count.element.label()}</text>
                <text class="hub-scan-count" x=format!("{:.0}", x) y=format!("{:.0}", y + 16.0)>
                    {format!("{} · {}", counted(count.barriers, "barrier", "barriers"), counted(count.facilitators, "facilitator", "facilitators"))}
                </text>
            }
        })
        .collect_view();
    let total: usize = counts
        .iter()
        .map(|count| count.barriers + count.facilitators)
        .sum();
    let description = format!(
        "Diagram of the six work-system elements with {} and the interactions between elements, as the tables below list them.",
        counted(total, "finding", "findings")
    );
    view! {
        <figure class="hub-chart">
            <svg viewBox="0 0 760 460" role="img" aria-label=description focusable="false">
                {lines}
                {nodes}
                {link_counts}
            </svg>
            <figcaption class="nhsuk-body-s">"A line joins two elements that findings show interacting; its number is how many findings. A red outline marks an element with barriers."</figcaption>
        </figure>
    }
}

/// The counts and the interactions, as tables.
fn scan_tables(findings: &[Finding]) -> impl IntoView {
    let number_of = |id: i64| {
        findings
            .iter()
            .position(|finding| finding.id == id)
            .map(|index| index + 1)
    };
    let counts = element_counts(findings)
        .into_iter()
        .map(|count| {
            view! {
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="row">{count.element.label()}</th>
                    <td class="nhsuk-table__cell">{count.barriers.to_string()}</td>
                    <td class="nhsuk-table__cell">{count.facilitators.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let links = interactions(findings);
    let links = if links.is_empty() {
        view! { <p>"No finding shows two elements interacting yet."</p> }.into_any()
    } else {
        let rows = links
            .into_iter()
            .map(|link| {
                let numbers: Vec<String> = link.findings.iter().filter_map(|id| number_of(*id)).map(|n| n.to_string()).collect();
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{format!("{} and {}", link.between.0.label(), link.between.1.label())}</td>
                        <td class="nhsuk-table__cell">{numbers.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">"Interactions between elements"</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">"Between"</th>
                    <th class="nhsuk-table__header" scope="col">"Findings"</th>
                </tr></thead>
                <tbody class="nhsuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption">"Findings by work-system element"</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">"Element"</th>
                <th class="nhsuk-table__header" scope="col">"Barriers"</th>
                <th class="nhsuk-table__header" scope="col">"Facilitators"</th>
            </tr></thead>
            <tbody class="nhsuk-table__body">{counts}</tbody>
        </table>
        {links}
    }
}

/// The findings, numbered as every page numbers them (by element, then
/// in the order added), under their elements.
fn findings_list(workspace: &Workspace, own: bool) -> impl IntoView {
    if workspace.findings.is_empty() {
        return view! { <p>"No findings yet."</p> }.into_any();
    }
    let id = workspace.id;
    let rows = workspace
        .findings
        .iter()
        .enumerate()
        .map(|(index, finding)| {
            let number = index + 1;
            let interacts: Vec<&str> = finding.interacts_with.iter().map(|element| element.label()).collect();
            view! {
                <tr class="nhsuk-table__row" id=format!("finding-{}", finding.id)>
                    <td class="nhsuk-table__cell">{number.to_string()}</td>
                    <td class="nhsuk-table__cell">{finding.element.label()}</td>
                    <td class="nhsuk-table__cell">{finding.kind.label()}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{finding.text.clone()}</td>
                    <td class="nhsuk-table__cell">{match evidence_text(finding, workspace) { text if text.is_empty() => "None left: cite some".to_string(), text => text }}</td>
                    <td class="nhsuk-table__cell">{if interacts.is_empty() { "None".to_string() } else { interacts.join(", ") }}</td>
                    {own.then(|| view! {
                        <td class="nhsuk-table__cell">
                            <a href=format!("/workspaces/{id}?finding={}", finding.id)>"Change"<span class="nhsuk-u-visually-hidden">{format!(" finding {number}")}</span></a>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    scrolling_table(
        "findings",
        "nhsuk-table hub-findings",
        "Findings by element",
        &[
            "No.",
            "Element",
            "Kind",
            "Finding",
            "Evidence",
            "Interacts with",
        ],
        own,
        rows,
    )
}

/// `/workspaces/{id}?tool=scan` or the example's.
pub fn scan_page(workspace: Workspace, viewing: Viewing, state: &FormState) -> RenderedPage {
    let title = format!("SEIPS scan: {}", workspace.details.title);
    page(title, state, move || {
        let own = viewing.changes();
        let add = own.then(|| {
            let fields = finding_fields(FindingInput::default(), &workspace).into_any();
            let version = workspace.version;
            view! {
                <h2 class="nhsuk-heading-m" id="add">"Add a finding"</h2>
                <PostForm action=format!("/workspaces/{}", workspace.id)>
                    <input type="hidden" name="action" value="add-finding" />
                    {version_field(version)}
                    {fields}
                    <SubmitButton label="Add finding" />
                </PostForm>
            }
        });
        view! {
            {tool_header(&workspace, &viewing, Tool::Scan, "SEIPS work-system scan")}
            <p>"Look at each part of the work system in turn: the people, their tasks, the tools and technology, the organisation, and the internal and external environment. For each, record what made the work harder (barriers) and what helped (facilitators), with the evidence for it. Outcomes come from how these parts work together, not from one person."</p>
            {scan_diagram(&workspace.findings)}
            {scan_tables(&workspace.findings)}
            <h2 class="nhsuk-heading-m" id="finding-list" tabindex="-1">"Findings"</h2>
            {findings_list(&workspace, own)}
            {add}
        }
    })
}

fn item_page(workspace: Workspace, finding: i64, number: usize) -> ItemPage {
    ItemPage {
        back: format!("/workspaces/{}?tool=scan#finding-list", workspace.id),
        workspace,
        name: format!("Finding {number}"),
        query: "finding",
        field: "item",
        id: finding,
        change: "change-finding",
        remove: "remove-finding",
        back_label: "Back to the scan",
    }
}

fn saved(finding: &Finding) -> impl IntoView {
    view! {
        <p>{format!("{}, {}", finding.element.label(), finding.kind.label().to_lowercase())}</p>
        <p class="hub-preserve-lines">{finding.text.clone()}</p>
    }
}

/// `/workspaces/{id}?finding={n}` (None: no such finding).
pub fn finding_page(workspace: Workspace, finding: i64, state: &FormState) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.findings, finding, |finding| finding.id)?;
    let fields_from = workspace.clone();
    Some(change_page(
        item_page(workspace, finding, index + 1),
        state,
        {
            let shown = shown.clone();
            move || saved(&shown)
        },
        move || finding_fields(FindingInput::of(&shown), &fields_from),
    ))
}

/// `/workspaces/{id}?finding={n}&delete=yes` (None: no such finding).
pub fn delete_finding_page(
    workspace: Workspace,
    finding: i64,
    state: &FormState,
) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.findings, finding, |finding| finding.id)?;
    let drawing: Vec<usize> = workspace
        .factors
        .iter()
        .enumerate()
        .filter(|(_, factor)| factor.findings.contains(&finding))
        .map(|(index, _)| index + 1)
        .collect();
    let losing = losing_link(
        ("Factor", "Factors"),
        ("is", "are"),
        &drawing,
        "drawn from it and will lose that link.",
    )
    .into_iter()
    .collect();
    Some(delete_page(
        item_page(workspace, finding, index + 1),
        state,
        || saved(&shown),
        losing,
    ))
}
