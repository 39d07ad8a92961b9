//! The modules of `src/ui` and `src/clean` depend on each other in one
//! direction only: no module reaches, through others, back to itself.
//! Read from the sources (every `super::x` and `crate::ui::x` path outside
//! comments), so a new cycle fails here rather than in review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The module a file belongs to: its first path component under `root`.
fn module_of(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "mod").then(|| name.to_string())
}

/// Code without `//` comments (doc comments included) or string contents.
fn code_only(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let mut in_string = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_string && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' && prev != '\'' {
                in_string = !in_string;
            }
            if !in_string {
                kept.push(c);
            }
            prev = c;
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The sibling modules a file names, given how many `super::` reach the
/// parent of the modules (1 for `src/ui/x.rs`, 2 for `src/ui/x/y.rs`).
fn references(code: &str, depth: usize, parent: &str) -> BTreeSet<String> {
    let mut prefixes = vec![format!("crate::{parent}::")];
    prefixes.push("super::".repeat(depth));
    let mut found = BTreeSet::new();
    for prefix in &prefixes {
        let mut rest = code;
        while let Some(at) = rest.find(prefix.as_str()) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            // `super::super::x` seen from a deeper `super::` match.
            if prefix.starts_with("super") && before == Some(':') {
                continue;
            }
            if prefix.starts_with("super") && rest.starts_with("super::") {
                continue;
            }
            let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or("").to_string())
                    .collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                vec![rest[..end].to_string()]
            };
            found.extend(
                names
                    .into_iter()
                    .filter(|n| !n.is_empty() && n.chars().next().is_some_and(char::is_lowercase)),
            );
        }
    }
    found
}

fn graph(parent: &str) -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(parent);
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&root, &file) else {
            continue;
        };
        let rel = file.strip_prefix(&root).expect("under root");
        let nested = rel.components().count();
        // `src/ui/x/mod.rs` sits at the same depth as `src/ui/x.rs`.
        let depth = if file.file_name().is_some_and(|n| n == "mod.rs") {
            nested - 1
        } else {
            nested
        };
        let code = code_only(&std::fs::read_to_string(&file).expect("source"));
        let targets = edges.entry(module.clone()).or_default();
        for target in references(&code, depth, parent) {
            if target != module {
                targets.insert(target);
            }
        }
    }
    edges
}

/// A cycle in the graph, as the modules on it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

#[test]
fn the_reader_modules_form_no_cycle() {
    let edges = graph("ui");
    assert!(edges.len() > 10, "read the ui modules: {edges:?}");
    assert!(
        edges["render"].contains("state"),
        "the reader's render depends on its state"
    );
    assert_eq!(find_cycle(&edges), None, "{edges:#?}");
}

#[test]
fn the_cleaner_modules_form_no_cycle() {
    let edges = graph("clean");
    assert!(edges.len() > 4, "read the clean modules: {edges:?}");
    assert_eq!(find_cycle(&edges), None, "{edges:#?}");
}

#[test]
fn a_cycle_is_found() {
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    edges.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    edges.get_mut("c").expect("c").clear();
    assert_eq!(find_cycle(&edges), None);
    let code = "use super::{state::App, mode};\nuse crate::ui::wrap::Row; // super::fake\n";
    assert_eq!(
        references(&code_only(code), 1, "ui"),
        BTreeSet::from(["mode".into(), "state".into(), "wrap".into()])
    );
}
