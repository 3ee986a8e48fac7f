//! Where everything falls in the timeline's chart in lanes (per person or
//! per place): a plain function of the entries (in time order) and their
//! flags, so the server's pages and the browser's tool draw the same chart
//! as the table beside it. The chart only shows: the table is where
//! everything is read and changed.

use super::{lane_of, lanes, Entry, Flag, LaneBy, Moment};

/// The chart's width in SVG units; its height grows with its lanes.
pub const WIDTH: i64 = 760;
/// Where the lanes' names end and the plot begins.
pub const LABEL_WIDTH: i64 = 170;
pub const PLOT_RIGHT: i64 = 740;
/// The top of the first lane (the times of the first and last entries
/// are written above it).
pub const TOP: i64 = 40;
pub const LANE_HEIGHT: i64 = 48;
/// Where a lane's name starts, and the line the first and last times sit on.
pub const LABEL_X: i64 = 8;
pub const AXIS_Y: i64 = 20;
/// An exact time's dot, and a window's bar (its height and rounded corners).
pub const DOT_RADIUS: i64 = 7;
pub const BAR_HEIGHT: i64 = 14;
pub const BAR_CORNER: i64 = 3;
/// The longest lane name shown whole; longer ones end in an ellipsis.
const LANE_NAME_CHARS: usize = 22;

/// The words under the chart, saying how to read it.
pub const KEY: &str = "Numbers match the table. A bar is a window of time; a dashed outline is approximate; a thick outline has a flag; shaded stretches are gaps.";

/// The chart of a timeline: lanes, gaps and one mark for each entry.
#[derive(Debug, PartialEq)]
pub struct Chart {
    pub height: i64,
    pub lanes: Vec<Lane>,
    pub gaps: Vec<Gap>,
    pub marks: Vec<Mark>,
    /// The first entry's start and the latest end, as the table writes them.
    pub from: String,
    pub to: String,
    /// What the chart shows, in words (its accessible name).
    pub description: String,
}

/// One lane: a band across the chart with its name at the left.
#[derive(Debug, PartialEq)]
pub struct Lane {
    /// The top of the band.
    pub y: i64,
    /// The name as shown (cut short when long).
    pub name: String,
    /// Every other band is shaded, to follow a lane across.
    pub alternate: bool,
}

/// A stretch with nothing recorded that the table flags as a gap, from
/// `x` for `width`, down every lane.
#[derive(Debug, PartialEq)]
pub struct Gap {
    pub x: i64,
    pub width: i64,
}

/// One entry: a dot at its time, or a bar across its window, in its lane.
#[derive(Debug, PartialEq)]
pub struct Mark {
    /// As the table numbers it (from 1).
    pub number: usize,
    pub x: i64,
    /// The middle of its lane.
    pub y: i64,
    /// A window's bar width; None for an exact time (a dot).
    pub bar: Option<i64>,
    /// The CSS classes: approximate (dashed), flagged (thick).
    pub class: &'static str,
}

impl Lane {
    /// The baseline of the lane's name, about its middle.
    pub fn label_y(&self) -> i64 {
        self.y + LANE_HEIGHT / 2 + 5
    }
}

impl Mark {
    /// The top of a window's bar, centred on the lane's middle.
    pub fn bar_top(&self) -> i64 {
        self.y - BAR_HEIGHT / 2
    }

    /// The baseline of the entry's number, above its mark.
    pub fn number_y(&self) -> i64 {
        self.y - 12
    }
}

impl Chart {
    /// The height of the gaps' shading (from `TOP` to the last lane).
    pub fn gap_height(&self) -> i64 {
        self.height - TOP - 10
    }
}

/// Where along the plot a time falls, from the first entry's start (at
/// the left) to the latest end (at the right).
struct Scale {
    first: Moment,
    span_minutes: i64,
}

impl Scale {
    fn x(&self, moment: Moment) -> i64 {
        let minutes = self.first.minutes_until(moment).max(0);
        LABEL_WIDTH + (minutes * (PLOT_RIGHT - LABEL_WIDTH)) / self.span_minutes
    }
}

/// The chart of `entries` (in time order; `flags` beside them, as `flags`
/// gives them), in lanes `by` who or where. None for no entries.
pub fn chart(entries: &[Entry], flags: &[Vec<Flag>], by: LaneBy) -> Option<Chart> {
    let first = entries.first()?.when.start;
    let latest = entries.iter().map(|entry| entry.when.last()).max()?;
    let scale = Scale {
        first,
        span_minutes: first.minutes_until(latest).max(1),
    };
    let lane_names = lanes(entries, by);
    let height = TOP + LANE_HEIGHT * lane_names.len() as i64 + 10;
    let lane_middle = |name: &str| {
        let index = lane_names.iter().position(|lane| lane == name).unwrap_or(0) as i64;
        TOP + LANE_HEIGHT * index + LANE_HEIGHT / 2
    };
    let no_flags = Vec::new();
    let flags_of = |index: usize| flags.get(index).unwrap_or(&no_flags);
    let gaps = entries
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            flags_of(*index)
                .iter()
                .any(|flag| matches!(flag, Flag::GapBefore { .. }))
        })
        .filter_map(|(index, entry)| {
            let before = entries[..index]
                .iter()
                .map(|earlier| earlier.when.last())
                .max()?;
            let (left, right) = (scale.x(before), scale.x(entry.when.start));
            Some(Gap {
                x: left,
                width: (right - left).max(2),
            })
        })
        .collect();
    let marks = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let x = scale.x(entry.when.start);
            Mark {
                number: index + 1,
                x,
                y: lane_middle(&lane_of(entries, entry, by)),
                bar: entry.when.end.map(|end| (scale.x(end) - x).max(4)),
                class: match (entry.when.approximate, flags_of(index).is_empty()) {
                    (false, true) => "hub-chart-mark",
                    (true, true) => "hub-chart-mark hub-chart-mark--approximate",
                    (false, false) => "hub-chart-mark hub-chart-mark--flagged",
                    (true, false) => {
                        "hub-chart-mark hub-chart-mark--approximate hub-chart-mark--flagged"
                    }
                },
            }
        })
        .collect();
    let lane_word = match by {
        LaneBy::Who => "who",
        LaneBy::Place => "where",
    };
    let plural = |count: usize, one: &'static str, many: &'static str| {
        if count == 1 {
            one
        } else {
            many
        }
    };
    let description = format!(
        "Chart of the {} timeline {} listed in the table, in {} {} by {lane_word}, from {} to {}.",
        entries.len(),
        plural(entries.len(), "entry", "entries"),
        lane_names.len(),
        plural(lane_names.len(), "lane", "lanes"),
        first.shown(),
        latest.shown()
    );
    let lanes = lane_names
        .iter()
        .enumerate()
        .map(|(index, name)| Lane {
            y: TOP + LANE_HEIGHT * index as i64,
            name: shorten(name, LANE_NAME_CHARS),
            alternate: index % 2 == 1,
        })
        .collect();
    Some(Chart {
        height,
        lanes,
        gaps,
        marks,
        from: first.shown(),
        to: latest.shown(),
        description,
    })
}

/// `text` cut to `most` characters with an ellipsis.
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        text.chars().take(most - 1).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkits::timeline::{self, flags};

    fn entry(id: i64, start: &str, end: Option<&str>, who: &str, approximate: bool) -> Entry {
        let mut entry = timeline::tests::entry(id, start, end);
        entry.who = who.to_string();
        entry.when.approximate = approximate;
        entry
    }

    #[test]
    fn no_entries_no_chart() {
        assert_eq!(chart(&[], &[], LaneBy::Who), None);
    }

    #[test]
    fn marks_fall_by_time_across_and_by_lane_down() {
        let entries = vec![
            entry(1, "2026-03-14T02:00", None, "Nurse", false),
            entry(
                2,
                "2026-03-14T03:00",
                Some("2026-03-14T04:00"),
                "Doctor",
                true,
            ),
            entry(3, "2026-03-14T06:00", None, "nurse", false),
            entry(4, "2026-03-14T06:00", None, "", false),
        ];
        let flagged = flags(&entries, 90);
        let chart = chart(&entries, &flagged, LaneBy::Who).unwrap();
        // Nurse (merged with "nurse"), Doctor, then "Not recorded" last.
        let names: Vec<&str> = chart.lanes.iter().map(|lane| lane.name.as_str()).collect();
        assert_eq!(names, ["Nurse", "Doctor", "Not recorded"]);
        assert_eq!(chart.height, TOP + 3 * LANE_HEIGHT + 10);
        assert_eq!(
            chart
                .lanes
                .iter()
                .map(|lane| lane.alternate)
                .collect::<Vec<_>>(),
            [false, true, false]
        );
        let xs: Vec<i64> = chart.marks.iter().map(|mark| mark.x).collect();
        // Four hours from the left edge of the plot to its right edge.
        let at = |minutes: i64| LABEL_WIDTH + minutes * (PLOT_RIGHT - LABEL_WIDTH) / 240;
        assert_eq!(xs, [LABEL_WIDTH, at(60), PLOT_RIGHT, PLOT_RIGHT]);
        let ys: Vec<i64> = chart.marks.iter().map(|mark| mark.y).collect();
        let middle = |lane: i64| TOP + LANE_HEIGHT * lane + LANE_HEIGHT / 2;
        assert_eq!(ys, [middle(0), middle(1), middle(0), middle(2)]);
        assert_eq!(chart.marks[1].bar, Some(at(120) - at(60)));
        assert_eq!(chart.marks[0].bar, None);
        assert_eq!(chart.marks[1].bar_top(), middle(1) - 7);
        assert_eq!(chart.marks[1].number_y(), middle(1) - 12);
        assert_eq!(chart.lanes[1].label_y(), middle(1) + 5);
        assert_eq!(
            chart
                .marks
                .iter()
                .map(|mark| mark.number)
                .collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(chart.marks[0].class, "hub-chart-mark");
        assert_eq!(
            chart.marks[1].class,
            "hub-chart-mark hub-chart-mark--approximate"
        );
        // Two hours with nothing from 04:00 to 06:00 (over 90 minutes).
        assert_eq!(
            chart.marks[2].class,
            "hub-chart-mark hub-chart-mark--flagged"
        );
        assert_eq!(
            chart.gaps,
            [Gap {
                x: at(120),
                width: at(240) - at(120)
            }]
        );
        assert_eq!(chart.gap_height(), 3 * LANE_HEIGHT);
        assert_eq!(chart.from, "14 Mar 2026, 02:00");
        assert_eq!(chart.to, "14 Mar 2026, 06:00");
        assert_eq!(
            chart.description,
            "Chart of the 4 timeline entries listed in the table, in 3 lanes by who, from 14 Mar 2026, 02:00 to 14 Mar 2026, 06:00."
        );
    }

    #[test]
    fn one_moment_long_names_and_missing_flags_still_draw() {
        let long = "Consultant anaesthetist on call for theatres";
        let entries = vec![entry(7, "2026-03-14T02:00", None, long, false)];
        // No flags given (a caller that has none): nothing flagged.
        let chart = chart(&entries, &[], LaneBy::Who).unwrap();
        assert_eq!(chart.lanes[0].name.chars().count(), LANE_NAME_CHARS);
        assert!(chart.lanes[0].name.ends_with('…'));
        assert_eq!(chart.marks[0].x, LABEL_WIDTH);
        assert_eq!(chart.marks[0].class, "hub-chart-mark");
        assert!(chart.gaps.is_empty());
        // By where: nobody recorded a place.
        let by_place = super::chart(&entries, &[], LaneBy::Place).unwrap();
        assert_eq!(by_place.lanes[0].name, "Not recorded");
        assert_eq!(
            by_place.description,
            "Chart of the 1 timeline entry listed in the table, in 1 lane by where, from 14 Mar 2026, 02:00 to 14 Mar 2026, 02:00."
        );
    }
}
