//! `?tool=report`: the learning-response report draft, assembled from the
//! workspace (`toolkits::report`) and shown as a page that prints well
//! (save it as a PDF from the browser's print), with the same draft as a
//! Markdown file and the whole workspace as a JSON file to download.

use leptos::prelude::*;

use super::render::{page, tool_header};
use super::timeline::Viewing;
use super::Tool;
use crate::forms::FormState;
use crate::toolkits::report::{assemble, Block};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::Workspace;

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(text) => view! { <p class="hub-preserve-lines">{text}</p> }.into_any(),
        Block::Subheading(text) => view! { <h4 class="nhsuk-heading-xs">{text}</h4> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.into_iter().map(|item| view! { <li class="hub-preserve-lines">{item}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Table {
            caption,
            header,
            rows,
        } => {
            let label = caption.clone();
            view! {
            <div class="hub-table-scroll" tabindex="0" role="region" aria-label=label>
                <table class="nhsuk-table hub-report-table">
                    <caption class="nhsuk-table__caption">{caption}</caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            {header.into_iter().map(|cell| view! { <th class="nhsuk-table__header" scope="col">{cell}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {rows.into_iter().map(|row| view! {
                            <tr class="nhsuk-table__row">
                                {row.into_iter().map(|cell| view! { <td class="nhsuk-table__cell hub-preserve-lines">{cell}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
        }
    }
}

/// `/workspaces/{id}?tool=report` or the example's.
pub fn report_page(workspace: Workspace, viewing: Viewing, state: &FormState) -> RenderedPage {
    let title = format!("Report: {}", workspace.details.title);
    page(title, state, move || {
        let files = viewing.address(workspace.id);
        let report = assemble(&workspace);
        let sections = report
            .sections
            .into_iter()
            .map(|section| {
                view! {
                    <section class="hub-report-section">
                        <h3 class="nhsuk-heading-m">{section.heading}</h3>
                        {section.blocks.into_iter().map(block).collect_view()}
                    </section>
                }
            })
            .collect_view();
        view! {
            <div class="hub-report-page">
            {tool_header(&workspace, &viewing, Tool::Report, "Report draft")}
            <div class="hub-report-files">
                <p>"A draft to edit into your organisation's report: the scope, the chronology, the findings by element, the contributory factors and the safety actions with their strength, as they stand now. To keep it as a PDF, print this page and choose “Save as PDF”: the hub's menus and forms are left out of the print."</p>
                <ul class="nhsuk-list">
                    <li><a href=format!("{files}/report.md") download="">"Download the draft as Markdown"<span class="nhsuk-u-visually-hidden">" (a text file)"</span></a></li>
                    <li><a href=format!("{files}/workspace.json") download="">"Download the whole investigation as a JSON file"</a>" (a complete copy to keep)"</li>
                </ul>
            </div>
            <article class="hub-report">
                <h2 class="nhsuk-heading-l hub-report-title">{report.title}</h2>
                {sections}
            </article>
            </div>
        }
    })
}
