//! The timeline's chart in lanes, drawn in the page where
//! `timeline::chart` places everything (the server's pages draw the same
//! from it). Its shapes are copies of the page's template
//! (`local-chart-parts`), so the code only places them and writes their
//! text; the chart is hidden while there is nothing to draw.

use web_sys::Element;

use super::page::{by_id, copy, template};
use crate::toolkits::timeline::chart::{chart, WIDTH};
use crate::toolkits::timeline::{Entry, Flag, LaneBy};

pub(super) fn show_chart(entries: &[Entry], flags: &[Vec<Flag>], by: LaneBy) {
    let (Some(figure), Some(svg), Some(parts)) = (
        by_id::<Element>("local-chart"),
        by_id::<Element>("local-chart-svg"),
        template("local-chart-parts"),
    ) else {
        return;
    };
    let shape = |part: &str| {
        parts
            .query_selector(&format!("[data-part={part}]"))
            .ok()
            .flatten()
    };
    // Drawn into a group apart from the page, which then replaces the
    // chart shown: the page takes the chart's shapes in one change. With
    // nothing to draw (or no group to draw into) no chart is shown, never
    // an earlier one.
    let (Some(chart), Some(group)) = (
        chart(entries, flags, by),
        shape("group").and_then(|group| copy(&group)),
    ) else {
        svg.set_text_content(None);
        let _ = figure.set_attribute("hidden", "");
        return;
    };
    let draw = |shape: &Option<Element>,
                places: &[(&str, i64)],
                class: Option<&str>,
                text: Option<&str>| {
        let Some(copied) = shape.as_ref().and_then(copy) else {
            return;
        };
        for (name, value) in places {
            let _ = copied.set_attribute(name, &value.to_string());
        }
        if let Some(class) = class {
            let _ = copied.set_attribute("class", class);
        }
        if text.is_some() {
            copied.set_text_content(text);
        }
        let _ = group.append_child(&copied);
    };
    let (lane, label) = (shape("lane"), shape("label"));
    for drawn in &chart.lanes {
        let class = if drawn.alternate {
            "hub-chart-lane hub-chart-lane--alt"
        } else {
            "hub-chart-lane"
        };
        draw(&lane, &[("y", drawn.y)], Some(class), None);
        draw(&label, &[("y", drawn.label_y())], None, Some(&drawn.name));
    }
    let (gap, gap_height) = (shape("gap"), chart.gap_height());
    for drawn in &chart.gaps {
        let places = [
            ("x", drawn.x),
            ("width", drawn.width),
            ("height", gap_height),
        ];
        draw(&gap, &places, None, None);
    }
    draw(&shape("from"), &[], None, Some(&chart.from));
    draw(&shape("to"), &[], None, Some(&chart.to));
    let (dot, bar, number) = (shape("dot"), shape("bar"), shape("number"));
    for mark in &chart.marks {
        match mark.bar {
            Some(width) => {
                let places = [("x", mark.x), ("y", mark.bar_top()), ("width", width)];
                draw(&bar, &places, Some(mark.class), None);
            }
            None => draw(
                &dot,
                &[("cx", mark.x), ("cy", mark.y)],
                Some(mark.class),
                None,
            ),
        }
        let text = mark.number.to_string();
        draw(
            &number,
            &[("x", mark.x), ("y", mark.number_y())],
            None,
            Some(&text),
        );
    }
    let _ = svg.set_attribute("viewBox", &format!("0 0 {WIDTH} {}", chart.height));
    let _ = svg.set_attribute("aria-label", &chart.description);
    svg.set_text_content(None);
    let _ = svg.append_child(&group);
    let _ = figure.remove_attribute("hidden");
}
