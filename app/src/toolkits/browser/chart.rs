//! The timeline's chart in lanes, drawn in the page where
//! `timeline::chart` places everything (the server's pages draw the same
//! from it). Its shapes are copies of the page's template
//! (`local-chart-parts`), so the code only places them and writes their
//! text; the chart is hidden while there is nothing to draw.

use web_sys::Element;

use super::page::{by_id, copy, template};
use crate::toolkits::timeline::chart::{chart, LANE_HEIGHT, WIDTH};
use crate::toolkits::timeline::{Entry, Flag, LaneBy};

pub(super) fn show_chart(entries: &[Entry], flags: &[Vec<Flag>], by: LaneBy) {
    let (Some(figure), Some(svg), Some(parts)) = (
        by_id::<Element>("local-chart"),
        by_id::<Element>("local-chart-svg"),
        template("local-chart-parts"),
    ) else {
        return;
    };
    svg.set_text_content(None);
    let Some(chart) = chart(entries, flags, by) else {
        let _ = figure.set_attribute("hidden", "");
        return;
    };
    let _ = svg.set_attribute("viewBox", &format!("0 0 {WIDTH} {}", chart.height));
    let _ = svg.set_attribute("aria-label", &chart.description);
    let draw = |part: &str, places: &[(&str, i64)], class: Option<&str>, text: Option<&str>| {
        let Some(shape) = parts
            .query_selector(&format!("[data-part={part}]"))
            .ok()
            .flatten()
            .and_then(|shape| copy(&shape))
        else {
            return;
        };
        for (name, value) in places {
            let _ = shape.set_attribute(name, &value.to_string());
        }
        if let Some(class) = class {
            let _ = shape.set_attribute("class", class);
        }
        if text.is_some() {
            shape.set_text_content(text);
        }
        let _ = svg.append_child(&shape);
    };
    for lane in &chart.lanes {
        let class = if lane.alternate {
            "hub-chart-lane hub-chart-lane--alt"
        } else {
            "hub-chart-lane"
        };
        draw("lane", &[("y", lane.y)], Some(class), None);
        let label_y = lane.y + LANE_HEIGHT / 2 + 5;
        draw("label", &[("y", label_y)], None, Some(&lane.name));
    }
    let gap_height = chart.gap_height();
    for gap in &chart.gaps {
        let places = [("x", gap.x), ("width", gap.width), ("height", gap_height)];
        draw("gap", &places, None, None);
    }
    draw("from", &[], None, Some(&chart.from));
    draw("to", &[], None, Some(&chart.to));
    for mark in &chart.marks {
        match mark.bar {
            Some(width) => {
                let places = [("x", mark.x), ("y", mark.y - 7), ("width", width)];
                draw("bar", &places, Some(mark.class), None);
            }
            None => draw(
                "dot",
                &[("cx", mark.x), ("cy", mark.y)],
                Some(mark.class),
                None,
            ),
        }
        let number = mark.number.to_string();
        draw(
            "number",
            &[("x", mark.x), ("y", mark.y - 12)],
            None,
            Some(&number),
        );
    }
    let _ = figure.remove_attribute("hidden");
}
