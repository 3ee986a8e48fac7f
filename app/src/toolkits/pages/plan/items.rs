//! Each factor's and action's own page (to change it) and the page that
//! asks before one is deleted, saying which actions lose their link.

use leptos::prelude::*;

use super::super::item::{change_page, delete_page, find, losing_link, ItemPage};
use super::{action_fields, factor_fields};
use crate::forms::FormState;
use crate::toolkits::actions::{ActionInput, SafetyAction};
use crate::toolkits::analysis::FactorInput;
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::Workspace;

fn factor_item(workspace: Workspace, factor: i64, number: usize) -> ItemPage {
    ItemPage {
        back: format!("/workspaces/{}?tool=plan#factor-list", workspace.id),
        workspace,
        name: format!("Factor {number}"),
        query: "factor",
        field: "item",
        id: factor,
        change: "change-factor",
        remove: "remove-factor",
        back_label: "Back to factors and actions",
    }
}

fn action_item(workspace: Workspace, action: i64, number: usize) -> ItemPage {
    ItemPage {
        back: format!("/workspaces/{}?tool=plan#action-list", workspace.id),
        workspace,
        name: format!("Action {number}"),
        query: "action",
        field: "item",
        id: action,
        change: "change-action",
        remove: "remove-action",
        back_label: "Back to factors and actions",
    }
}

fn saved_text(text: &str) -> impl IntoView {
    view! { <p class="hub-preserve-lines">{text.to_string()}</p> }
}

/// `/workspaces/{id}?factor={n}` (None: no such factor).
pub fn factor_page(workspace: Workspace, factor: i64, state: &FormState) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.factors, factor, |factor| factor.id)?;
    let fields_from = workspace.clone();
    Some(change_page(
        factor_item(workspace, factor, index + 1),
        state,
        {
            let text = shown.text.clone();
            move || saved_text(&text)
        },
        move || factor_fields(FactorInput::of(&shown, &fields_from.findings), &fields_from),
    ))
}

/// `/workspaces/{id}?factor={n}&delete=yes` (None: no such factor): the
/// actions addressing it lose the link, and any addressing only it are
/// left addressing none.
pub fn delete_factor_page(
    workspace: Workspace,
    factor: i64,
    state: &FormState,
) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.factors, factor, |factor| factor.id)?;
    let addressing: Vec<(usize, &SafetyAction)> = workspace
        .actions
        .iter()
        .enumerate()
        .filter(|(_, action)| action.factors.contains(&factor))
        .map(|(index, action)| (index + 1, action))
        .collect();
    let all: Vec<usize> = addressing.iter().map(|(number, _)| *number).collect();
    let only: Vec<usize> = addressing
        .iter()
        .filter(|(_, action)| action.factors.len() == 1)
        .map(|(number, _)| *number)
        .collect();
    let losing = [
        losing_link(
            ("Action", "Actions"),
            ("addresses", "address"),
            &all,
            "it and will lose that link.",
        ),
        losing_link(
            ("Action", "Actions"),
            ("will", "will"),
            &only,
            "then address no factor: give it another, or delete it.",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(delete_page(
        factor_item(workspace, factor, index + 1),
        state,
        || saved_text(&shown.text),
        losing,
    ))
}

/// `/workspaces/{id}?action={n}` (None: no such action).
pub fn action_page(workspace: Workspace, action: i64, state: &FormState) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.actions, action, |action| action.id)?;
    let fields_from = workspace.clone();
    Some(change_page(
        action_item(workspace, action, index + 1),
        state,
        {
            let text = shown.description.clone();
            move || saved_text(&text)
        },
        move || action_fields(ActionInput::of(&shown), &fields_from),
    ))
}

/// `/workspaces/{id}?action={n}&delete=yes` (None: no such action).
pub fn delete_action_page(
    workspace: Workspace,
    action: i64,
    state: &FormState,
) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.actions, action, |action| action.id)?;
    Some(delete_page(
        action_item(workspace, action, index + 1),
        state,
        || saved_text(&shown.description),
        Vec::new(),
    ))
}
