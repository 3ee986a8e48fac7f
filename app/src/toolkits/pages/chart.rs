//! The timeline as an SVG chart in lanes (per person or per place), drawn
//! on the server from the same entries, order and flags as the table. The
//! chart only shows: the table is where everything is read and changed.

use leptos::prelude::*;

use crate::toolkits::timeline::{lane_of, lanes, Entry, Flag, LaneBy};

const WIDTH: i64 = 760;
const LABEL_WIDTH: i64 = 170;
const PLOT_RIGHT: i64 = 740;
const TOP: i64 = 40;
const LANE_HEIGHT: i64 = 48;

/// Where along the plot a time falls, from the first entry's start (at
/// the left) to the latest end (at the right).
struct Scale {
    first: crate::toolkits::timeline::Moment,
    span_minutes: i64,
}

impl Scale {
    fn x(&self, moment: crate::toolkits::timeline::Moment) -> i64 {
        let minutes = self.first.minutes_until(moment).max(0);
        LABEL_WIDTH + (minutes * (PLOT_RIGHT - LABEL_WIDTH)) / self.span_minutes
    }
}

/// The chart of `entries` (in time order; `flags` beside them), numbered
/// as the table numbers them.
pub fn timeline_chart(entries: &[Entry], flags: &[Vec<Flag>], by: LaneBy) -> impl IntoView {
    let (Some(first), Some(latest)) = (
        entries.first().map(|entry| entry.when.start),
        entries.iter().map(|entry| entry.when.last()).max(),
    ) else {
        return ().into_any();
    };
    let scale = Scale {
        first,
        span_minutes: first.minutes_until(latest).max(1),
    };
    let lane_names = lanes(entries, by);
    let height = TOP + LANE_HEIGHT * lane_names.len() as i64 + 10;
    let lane_y = |name: &str| {
        let index = lane_names.iter().position(|lane| lane == name).unwrap_or(0) as i64;
        TOP + LANE_HEIGHT * index + LANE_HEIGHT / 2
    };
    let lanes_drawn = lane_names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let y = TOP + LANE_HEIGHT * index as i64;
            view! {
                <rect class=if index % 2 == 0 { "hub-chart-lane" } else { "hub-chart-lane hub-chart-lane--alt" }
                    x="0" y=y.to_string() width=WIDTH.to_string() height=LANE_HEIGHT.to_string() />
                <text class="hub-chart-label" x="8" y=(y + LANE_HEIGHT / 2 + 5).to_string()>{shorten(name, 22)}</text>
            }
        })
        .collect_view();
    // The stretches with nothing recorded that the table flags.
    let gaps = entries
        .iter()
        .zip(flags)
        .enumerate()
        .filter(|(_, (_, flags))| {
            flags
                .iter()
                .any(|flag| matches!(flag, Flag::GapBefore { .. }))
        })
        .filter_map(|(index, (entry, _))| {
            let before = entries[..index].iter().map(|earlier| earlier.when.last()).max()?;
            let (left, right) = (scale.x(before), scale.x(entry.when.start));
            Some(view! {
                <rect class="hub-chart-gap" x=left.to_string() y=TOP.to_string()
                    width=(right - left).max(2).to_string() height=(height - TOP - 10).to_string() />
            })
        })
        .collect_view();
    let marks = entries
        .iter()
        .zip(flags)
        .enumerate()
        .map(|(index, (entry, flags))| {
            let y = lane_y(&lane_of(entries, entry, by));
            let x = scale.x(entry.when.start);
            let class = match (entry.when.approximate, flags.is_empty()) {
                (false, true) => "hub-chart-mark",
                (true, true) => "hub-chart-mark hub-chart-mark--approximate",
                (false, false) => "hub-chart-mark hub-chart-mark--flagged",
                (true, false) => "hub-chart-mark hub-chart-mark--approximate hub-chart-mark--flagged",
            };
            let shape = match entry.when.end {
                Some(end) => view! {
                    <rect class=class x=x.to_string() y=(y - 7).to_string()
                        width=(scale.x(end) - x).max(4).to_string() height="14" rx="3" />
                }
                .into_any(),
                None => view! { <circle class=class cx=x.to_string() cy=y.to_string() r="7" /> }.into_any(),
            };
            view! {
                {shape}
                <text class="hub-chart-number" x=x.to_string() y=(y - 12).to_string()>{(index + 1).to_string()}</text>
            }
        })
        .collect_view();
    let lane_word = match by {
        LaneBy::Who => "who",
        LaneBy::Place => "where",
    };
    let description = format!(
        "Chart of the {} timeline entries listed in the table, in {} lanes by {lane_word}, from {} to {}.",
        entries.len(),
        lane_names.len(),
        first.shown(),
        latest.shown()
    );
    view! {
        <figure class="hub-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=description.clone() focusable="false">
                {lanes_drawn}
                {gaps}
                <text class="hub-chart-axis" x=LABEL_WIDTH.to_string() y="20">{first.shown()}</text>
                <text class="hub-chart-axis" x=PLOT_RIGHT.to_string() y="20" text-anchor="end">{latest.shown()}</text>
                {marks}
            </svg>
            <figcaption class="nhsuk-body-s">
                "Numbers match the table. A bar is a window of time; a dashed outline is approximate; a thick outline has a flag; shaded stretches are gaps."
            </figcaption>
        </figure>
    }
    .into_any()
}

/// `text` cut to `most` characters with an ellipsis.
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        text.chars().take(most - 1).collect::<String>() + "…"
    }
}
