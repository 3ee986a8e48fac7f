//! The crate's modules depend one way: base (db, vocabulary, markdown…) at
//! the bottom, then `web` (sessions, CSRF, the access rule, forms, rate
//! limits), then UI building blocks, then the domain areas, then the frame
//! and shell that compose them. This test reads every source file, builds
//! the graph of `crate::<module>` references between top-level modules,
//! and fails on any cycle, and on `web` reaching above the base.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Top-level modules `web` may use: the base below it.
const BELOW_WEB: [&str; 5] = ["db", "response", "with_pool", "internal_error", "controls"];

fn identifier_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
        .collect()
}

/// Every top-level module `source` (of module `from`) refers to.
fn references(source: &str, from: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for (index, _) in code.match_indices("crate::") {
        let rest = &code[index + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::x, b, c::{..}}`: the first word of each item.
            let mut depth = 0;
            let mut item_start = true;
            for (offset, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        found.insert(identifier_at(&group[offset..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(identifier_at(rest));
        }
    }
    found.remove(from);
    found.remove("");
    found
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap();
            let first = relative.components().next().unwrap().as_os_str();
            let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
            if module == "lib" {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            graph
                .entry(module.clone())
                .or_default()
                .extend(references(&source, &module));
        }
    }
    graph
}

/// A path from `from` back to itself, if there is one.
fn cycle_through(graph: &Graph, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in graph.get(last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn modules_depend_one_way() {
    let graph = graph();
    assert!(graph.contains_key("web") && graph.contains_key("accounts"));
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_through(&graph, module))
        .map(|cycle| cycle.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules depend on each other in circles:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn web_uses_no_domain_area() {
    let graph = graph();
    let above: Vec<&String> = graph["web"]
        .iter()
        .filter(|module| !BELOW_WEB.contains(&module.as_str()))
        .collect();
    assert!(above.is_empty(), "web reaches up into {above:?}");
}

#[test]
fn the_reader_sees_every_form_of_reference() {
    let found = references(
        "use crate::{a::x, b, c::{d, e}};\nlet y = crate::f::g(); // crate::comment\n",
        "z",
    );
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["a", "b", "c", "f"]);
}
