//! The timeline's chart in lanes, drawn on the server where
//! `timeline::chart` places everything (the browser's tool draws the same
//! from it: `browser::chart`).

use leptos::prelude::*;

use crate::toolkits::timeline::chart::{
    chart, AXIS_Y, BAR_CORNER, BAR_HEIGHT, DOT_RADIUS, KEY, LABEL_WIDTH, LABEL_X, LANE_HEIGHT,
    PLOT_RIGHT, TOP, WIDTH,
};
use crate::toolkits::timeline::{Entry, Flag, LaneBy};

/// The chart of `entries` (in time order; `flags` beside them), numbered
/// as the table numbers them; nothing for no entries.
pub fn timeline_chart(entries: &[Entry], flags: &[Vec<Flag>], by: LaneBy) -> impl IntoView {
    let Some(chart) = chart(entries, flags, by) else {
        return ().into_any();
    };
    let gap_height = chart.gap_height().to_string();
    let lanes = chart
        .lanes
        .into_iter()
        .map(|lane| {
            let label_y = lane.label_y();
            view! {
                <rect class=if lane.alternate { "hub-chart-lane hub-chart-lane--alt" } else { "hub-chart-lane" }
                    x="0" y=lane.y.to_string() width=WIDTH.to_string() height=LANE_HEIGHT.to_string() />
                <text class="hub-chart-label" x=LABEL_X.to_string() y=label_y.to_string()>{lane.name}</text>
            }
        })
        .collect_view();
    let gaps = chart
        .gaps
        .into_iter()
        .map(|gap| {
            view! {
                <rect class="hub-chart-gap" x=gap.x.to_string() y=TOP.to_string()
                    width=gap.width.to_string() height=gap_height.clone() />
            }
        })
        .collect_view();
    let marks = chart
        .marks
        .into_iter()
        .map(|mark| {
            let shape = match mark.bar {
                Some(width) => view! {
                    <rect class=mark.class x=mark.x.to_string() y=mark.bar_top().to_string()
                        width=width.to_string() height=BAR_HEIGHT.to_string() rx=BAR_CORNER.to_string() />
                }
                .into_any(),
                None => view! { <circle class=mark.class cx=mark.x.to_string() cy=mark.y.to_string() r=DOT_RADIUS.to_string() /> }.into_any(),
            };
            view! {
                {shape}
                <text class="hub-chart-number" x=mark.x.to_string() y=mark.number_y().to_string()>{mark.number.to_string()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="hub-chart">
            <svg viewBox=format!("0 0 {WIDTH} {}", chart.height) role="img" aria-label=chart.description focusable="false">
                {lanes}
                {gaps}
                <text class="hub-chart-axis" x=LABEL_WIDTH.to_string() y=AXIS_Y.to_string()>{chart.from}</text>
                <text class="hub-chart-axis" x=PLOT_RIGHT.to_string() y=AXIS_Y.to_string() text-anchor="end">{chart.to}</text>
                {marks}
            </svg>
            <figcaption class="nhsuk-body-s">{KEY}</figcaption>
        </figure>
    }
    .into_any()
}
