//! Progress of long command-line work: a bar (or, where the amount of work
//! is unknown, a spinner) on a terminal, drawn by `indicatif`; plain lines
//! at most every few seconds otherwise, so a log or CI output shows the
//! work moving without a flood of lines.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How often a plain line is written when not on a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    label: String,
    total: Option<u64>,
    bar: Option<ProgressBar>,
    started: Instant,
    last_line: Mutex<Option<Instant>>,
}

impl Progress {
    /// `total` steps of work, counted with [`Progress::set`].
    pub fn bar(label: &str, total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {human_pos}/{human_len} ({percent}%, {elapsed}, about {eta} left)",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar.set_message(label.to_string());
            bar
        });
        Self::new(label, Some(total), bar)
    }

    /// Work whose size is not known in advance (a database dump).
    pub fn spinner(label: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a valid template"),
            );
            bar.set_message(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        let progress = Self::new(label, None, bar);
        if progress.bar.is_none() {
            eprintln!("{label}…");
        }
        progress
    }

    fn new(label: &str, total: Option<u64>, bar: Option<ProgressBar>) -> Self {
        Progress {
            label: label.to_string(),
            total,
            bar,
            started: Instant::now(),
            last_line: Mutex::new(None),
        }
    }

    /// `done` steps of the total are finished.
    pub fn set(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
            return;
        }
        let mut last = self
            .last_line
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        let due = last.is_none_or(|at| now.duration_since(at) >= LINE_EVERY);
        let finished = self.total == Some(done);
        if due && !finished {
            *last = Some(now);
            match self.total {
                Some(total) if total > 0 => eprintln!(
                    "{}: {done} of {total} ({}%)",
                    self.label,
                    done * 100 / total
                ),
                _ => eprintln!("{}: {done}", self.label),
            }
        }
    }

    /// The work is over; `outcome` says how it went.
    pub fn finish(self, outcome: &str) {
        let elapsed = self.started.elapsed();
        match self.bar {
            Some(bar) => bar.finish_with_message(format!("{}: {outcome}", self.label)),
            None => eprintln!(
                "{}: {outcome} in {:.1} s",
                self.label,
                elapsed.as_secs_f64()
            ),
        }
    }
}
