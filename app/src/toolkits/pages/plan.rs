//! `?tool=plan`: contributory factors (drawn from the scan's findings, or
//! typed) and the safety-action builder: each action addresses factors,
//! with its kind of change, the strength the hierarchy of intervention
//! effectiveness suggests for it (or the investigator's, with a reason),
//! an owner, a due date, a measure and a status; the plan's warnings in
//! plain words; each factor's and action's own pages are in `items`.

use leptos::prelude::*;

use super::render::{counted, page, scrolling_table, tool_header, version_field};
use super::timeline::Viewing;
use super::Tool;
use crate::forms::{
    CheckboxGroup, FormState, PostForm, RadioGroup, SelectField, SubmitButton, TextArea, TextField,
};
use crate::toolkits::actions::{
    describe, suggested_strength, warnings, ActionInput, ActionStatus, Intervention, SafetyAction,
    Strength,
};
use crate::toolkits::analysis::FactorInput;
use crate::toolkits::report::ACTION_COLUMNS;
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::{SeipsElement, Workspace};
use crate::vocabulary::options;

/// "2, 5" for the ids' numbers in `ids_in_order`, or `none`.
fn numbers(ids: &[i64], ids_in_order: &[i64], none: &str) -> String {
    let numbers: Vec<String> = crate::toolkits::report::numbers(ids, ids_in_order, |id| *id)
        .into_iter()
        .map(|number| number.to_string())
        .collect();
    if numbers.is_empty() {
        none.to_string()
    } else {
        numbers.join(", ")
    }
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    items.iter().map(id).collect()
}

fn labels(elements: &[SeipsElement]) -> String {
    elements
        .iter()
        .map(|element| element.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "3: The start of its text…" for a checkbox naming a factor or finding.
fn choice_label(number: usize, text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    let more = if text.chars().count() > 80 { "…" } else { "" };
    format!("{number}: {short}{more}")
}

fn factor_fields(values: FactorInput, workspace: &Workspace) -> impl IntoView {
    let findings: Vec<(String, String)> = workspace
        .findings
        .iter()
        .enumerate()
        .map(|(index, finding)| {
            let text = format!(
                "{} {}: {}",
                finding.element.label(),
                finding.kind.label().to_lowercase(),
                finding.text
            );
            (finding.id.to_string(), choice_label(index + 1, &text))
        })
        .collect();
    view! {
        <TextArea name="text" label="Contributory factor" hint="A condition in the work system that made the outcome more likely, such as “No one held a referral through to sending”. Up to 1,000 characters." value=values.text rows=3 />
        {if findings.is_empty() {
            // The id a refusal about findings links to.
            view! { <p id="findings">"There are no findings in the SEIPS scan to draw from yet: choose its elements below."</p> }.into_any()
        } else {
            view! {
                <CheckboxGroup name="findings" error_name="findings" legend="Drawn from these findings (optional)"
                    hint="Its elements are taken from the findings chosen; add others below."
                    options=findings checked=values.findings />
            }
            .into_any()
        }}
        <CheckboxGroup name="elements" error_name="elements" legend="Work-system elements"
            options={options::<SeipsElement>()} checked=values.elements />
    }
}

fn action_fields(values: ActionInput, workspace: &Workspace) -> impl IntoView {
    let factors: Vec<(String, String)> = workspace
        .factors
        .iter()
        .enumerate()
        .map(|(index, factor)| (factor.id.to_string(), choice_label(index + 1, &factor.text)))
        .collect();
    let kinds: Vec<(String, String)> = Intervention::ALL
        .iter()
        .map(|kind| {
            let strength = suggested_strength(*kind).label().to_lowercase();
            (
                kind.slug().to_string(),
                format!("{} ({strength})", kind.label()),
            )
        })
        .collect();
    let strengths: Vec<(String, String)> = std::iter::once((
        String::new(),
        "As suggested by the kind of change".to_string(),
    ))
    .chain(options::<Strength>())
    .collect();
    let factors = if factors.is_empty() {
        view! { <p id="factors">"Add a contributory factor first: every safety action addresses at least one."</p> }.into_any()
    } else {
        view! {
            <CheckboxGroup name="factors" error_name="factors" legend="Contributory factors it addresses" options=factors checked=values.factors />
        }
        .into_any()
    };
    view! {
        <TextArea name="description" label="Safety action" hint="The change to the work system, specific enough that someone else could carry it out. Up to 1,000 characters." value=values.description rows=3 />
        {factors}
        <SelectField name="intervention" label="Kind of change" options=kinds value=values.intervention blank="Select one"
            hint="Its usual strength is in brackets: see the table below the plan." />
        <RadioGroup name="strength" legend="Strength" options=strengths value=values.strength />
        <TextArea name="strength_reason" label="Why it differs from the suggestion (if it does)" hint="Needed only when you choose a strength other than the suggested one. Up to 500 characters." value=values.strength_reason rows=2 />
        <TextField name="owner" label="Owner" hint="A role, such as “practice manager”: never a name. Up to 100 characters." value=values.owner />
        <TextField name="due" label="Due date" input_type="date" hint="For example 2026-06-30" value=values.due width="nhsuk-input--width-10" />
        <TextArea name="measure" label="How success will be measured" hint="What you will count or check, and when, to know the change worked. Up to 500 characters." value=values.measure rows=2 />
        <SelectField name="status" label="Status" options={options::<ActionStatus>()} value=values.status />
    }
}

/// The plan's warnings, in plain words, before the lists.
fn warnings_panel(workspace: &Workspace) -> impl IntoView {
    let found = warnings(&workspace.factors, &workspace.actions);
    if found.is_empty() {
        let text = if workspace.factors.is_empty() {
            "No contributory factors yet: add them from the scan's findings, then the actions that address them."
        } else {
            "No warnings: every factor has an action, and every action an owner, a due date and a measure."
        };
        return view! { <p>{text}</p> }.into_any();
    }
    let items = found
        .iter()
        .map(|warning| view! { <li>{describe(warning, &workspace.factors, &workspace.actions)}</li> })
        .collect_view();
    view! {
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label" id="warnings">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>{format!("Check the plan: {}", counted(found.len(), "warning", "warnings"))}</span>
            </h2>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

fn factors_table(workspace: &Workspace, own: bool) -> impl IntoView {
    if workspace.factors.is_empty() {
        return view! { <p>"No contributory factors yet."</p> }.into_any();
    }
    let finding_ids = ids(&workspace.findings, |finding| finding.id);
    let rows = workspace
        .factors
        .iter()
        .enumerate()
        .map(|(index, factor)| {
            let number = index + 1;
            let addressed_by: Vec<i64> = workspace
                .actions
                .iter()
                .filter(|action| action.factors.contains(&factor.id))
                .map(|action| action.id)
                .collect();
            let action_ids = ids(&workspace.actions, |action| action.id);
            view! {
                <tr class="nhsuk-table__row" id=format!("factor-{}", factor.id)>
                    <td class="nhsuk-table__cell">{number.to_string()}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{factor.text.clone()}</td>
                    <td class="nhsuk-table__cell">{labels(&factor.elements)}</td>
                    <td class="nhsuk-table__cell">{numbers(&factor.findings, &finding_ids, "Typed")}</td>
                    <td class="nhsuk-table__cell">{numbers(&addressed_by, &action_ids, "None yet")}</td>
                    {own.then(|| view! {
                        <td class="nhsuk-table__cell">
                            <a href=format!("/workspaces/{}?factor={}", workspace.id, factor.id)>"Change"<span class="nhsuk-u-visually-hidden">{format!(" factor {number}")}</span></a>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    scrolling_table(
        "factors",
        "nhsuk-table",
        "Contributory factors",
        &["No.", "Factor", "Elements", "From findings", "Actions"],
        own,
        rows,
    )
}

fn strength_text(action: &SafetyAction) -> String {
    if action.suggested() {
        format!("{} (as suggested)", action.strength.label())
    } else {
        format!(
            "{} (suggested: {}). {}",
            action.strength.label(),
            suggested_strength(action.intervention)
                .label()
                .to_lowercase(),
            action.strength_reason
        )
    }
}

fn actions_table(workspace: &Workspace, own: bool) -> impl IntoView {
    if workspace.actions.is_empty() {
        return view! { <p>"No safety actions yet."</p> }.into_any();
    }
    let factor_ids = ids(&workspace.factors, |factor| factor.id);
    let rows = workspace
        .actions
        .iter()
        .enumerate()
        .map(|(index, action)| {
            let number = index + 1;
            let or_not_given = |text: &str| if text.is_empty() { "Not given".to_string() } else { text.to_string() };
            view! {
                <tr class="nhsuk-table__row" id=format!("action-{}", action.id)>
                    <td class="nhsuk-table__cell">{number.to_string()}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{action.description.clone()}</td>
                    <td class="nhsuk-table__cell">{action.intervention.label()}</td>
                    <td class="nhsuk-table__cell">{strength_text(action)}</td>
                    <td class="nhsuk-table__cell">{numbers(&action.factors, &factor_ids, "None")}</td>
                    <td class="nhsuk-table__cell">{or_not_given(&action.owner)}</td>
                    <td class="nhsuk-table__cell">{action.due.map(|due| due.format("%-d %b %Y").to_string()).unwrap_or_else(|| "Not given".into())}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{or_not_given(&action.measure)}</td>
                    <td class="nhsuk-table__cell">{action.status.label()}</td>
                    {own.then(|| view! {
                        <td class="nhsuk-table__cell">
                            <a href=format!("/workspaces/{}?action={}", workspace.id, action.id)>"Change"<span class="nhsuk-u-visually-hidden">{format!(" action {number}")}</span></a>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    scrolling_table(
        "actions",
        "nhsuk-table hub-actions",
        "Safety actions",
        &ACTION_COLUMNS,
        own,
        rows,
    )
}

/// The fixed table the builder suggests strengths from.
fn strength_table() -> impl IntoView {
    let groups = Strength::ALL
        .iter()
        .map(|strength| {
            let kinds = Intervention::ALL
                .iter()
                .filter(|kind| suggested_strength(**kind) == *strength)
                .map(|kind| view! { <li>{kind.label()}</li> })
                .collect_view();
            view! {
                <h3 class="nhsuk-heading-s">{strength.label()}</h3>
                <ul>{kinds}</ul>
            }
        })
        .collect_view();
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How the strength is suggested"</span></summary>
            <div class="nhsuk-details__text">
                <p>"From the hierarchy of intervention effectiveness: changes to the system that do not rely on people remembering are stronger than those that do. Blaming or disciplining someone is not a safety action at all."</p>
                {groups}
            </div>
        </details>
    }
}

/// `/workspaces/{id}?tool=plan` or the example's.
pub fn plan_page(workspace: Workspace, viewing: Viewing, state: &FormState) -> RenderedPage {
    let title = format!("Factors and actions: {}", workspace.details.title);
    page(title, state, move || {
        let own = viewing.changes();
        let address = format!("/workspaces/{}", workspace.id);
        let version = workspace.version;
        let add_factor = own.then(|| {
            let fields = factor_fields(FactorInput::default(), &workspace).into_any();
            view! {
                <h3 class="nhsuk-heading-s" id="add-factor">"Add a contributory factor"</h3>
                <PostForm action=address.clone()>
                    <input type="hidden" name="action" value="add-factor" />
                    {version_field(version)}
                    {fields}
                    <SubmitButton label="Add factor" />
                </PostForm>
            }
        });
        let add_action = own.then(|| {
            let fields = action_fields(ActionInput::default(), &workspace).into_any();
            view! {
                <h3 class="nhsuk-heading-s" id="add-action">"Add a safety action"</h3>
                <PostForm action=address.clone()>
                    <input type="hidden" name="action" value="add-action" />
                    {version_field(version)}
                    {fields}
                    <SubmitButton label="Add action" />
                </PostForm>
            }
        });
        let strengths: Vec<String> = Strength::ALL
            .iter()
            .map(|strength| {
                let count = workspace
                    .actions
                    .iter()
                    .filter(|action| action.strength == *strength)
                    .count();
                format!("{} {}", count, strength.label().to_lowercase())
            })
            .collect();
        view! {
            {tool_header(&workspace, &viewing, Tool::Plan, "Contributory factors and safety actions")}
            {warnings_panel(&workspace)}
            <h2 class="nhsuk-heading-m" id="factor-list" tabindex="-1">"Contributory factors"</h2>
            <p>"The conditions in the work system that made the outcome more likely, drawn from the scan's findings."</p>
            {factors_table(&workspace, own)}
            {add_factor}
            <h2 class="nhsuk-heading-m" id="action-list" tabindex="-1">"Safety actions"</h2>
            <p>{format!("{}: {}.", counted(workspace.actions.len(), "action", "actions"), strengths.join(", "))}</p>
            {actions_table(&workspace, own)}
            {strength_table()}
            {add_action}
        }
    })
}

mod items;
pub use items::{action_page, delete_action_page, delete_factor_page, factor_page};
