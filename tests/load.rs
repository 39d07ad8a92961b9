//! The loader: which files are articles, what is skipped, what is an error.

use std::fs;
use std::path::{Path, PathBuf};

use onrecord::load::{embedded_seeds, load_paths, LoadError, SkipReason, MAX_FILE_BYTES};

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create dir");
    }
    fs::write(path, text).expect("write file");
}

fn names(paths: impl IntoIterator<Item = PathBuf>) -> Vec<String> {
    paths
        .into_iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn directories_load_recursively_and_count_other_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(&root.join("a.txt"), "A");
    write(&root.join("sub/b.md"), "B");
    write(&root.join("sub/deeper/c.TXT"), "C");
    write(&root.join("sub/notes.json"), "{}");
    write(&root.join("image.png"), "png");
    write(&root.join(".hidden/d.txt"), "hidden");

    let loaded = load_paths(&[root.to_path_buf()]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["a.txt", "b.md", "c.TXT"]
    );
    assert_eq!(loaded.docs[1].bytes, b"B");
    assert_eq!(loaded.not_articles(), 2);
    assert_eq!(loaded.problems().count(), 0);
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.txt");
    match load_paths(std::slice::from_ref(&missing)) {
        Err(LoadError::Missing(path)) => assert_eq!(path, missing),
        other => panic!("expected Missing, got {other:?}"),
    }
}

#[test]
fn a_directory_without_articles_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("data.csv"), "a,b");
    match load_paths(&[dir.path().to_path_buf()]) {
        Err(LoadError::NoArticles(path)) => assert_eq!(path, dir.path()),
        other => panic!("expected NoArticles, got {other:?}"),
    }
}

#[test]
fn a_file_over_the_limit_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("small.txt"), "small");
    let big = dir.path().join("big.txt");
    // Sparse: takes no disk space, and the loader must not read it.
    let file = fs::File::create(&big).expect("create big file");
    file.set_len(MAX_FILE_BYTES + 1024 * 1024)
        .expect("set length");

    let loaded = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["small.txt"]
    );
    let problems: Vec<_> = loaded.problems().collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, big);
    assert!(matches!(problems[0].reason, SkipReason::TooLarge(n) if n > MAX_FILE_BYTES));
    assert!(problems[0].to_string().contains("limit"));

    // Named directly, it is skipped the same way, not an error.
    let loaded = load_paths(std::slice::from_ref(&big)).expect("not an error");
    assert!(loaded.docs.is_empty());
    assert!(matches!(loaded.skipped[0].reason, SkipReason::TooLarge(_)));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_in_a_directory_is_skipped() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("good.txt"), "good");
    let locked = dir.path().join("locked.txt");
    write(&locked, "secret");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, nothing to test.
        return;
    }
    let loaded = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["good.txt"]
    );
    let problems: Vec<_> = loaded.problems().collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, locked);
    assert!(matches!(problems[0].reason, SkipReason::Unreadable(_)));
}

#[test]
fn embedded_seeds_are_the_seed_files_byte_for_byte() {
    let seed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut on_disk: Vec<(String, Vec<u8>)> = fs::read_dir(&seed_dir)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), fs::read(&p).expect("read seed"))
        })
        .collect();
    on_disk.sort();
    let embedded: Vec<(String, Vec<u8>)> = embedded_seeds()
        .into_iter()
        .map(|d| (names([d.path.clone()]).remove(0), d.bytes))
        .collect();
    assert_eq!(embedded.len(), 5);
    assert_eq!(embedded, on_disk);
    for doc in embedded_seeds() {
        assert!(doc.path.starts_with("seeds"));
    }
}

#[test]
fn a_file_named_twice_or_with_its_directory_loads_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(&root.join("a.txt"), "A");
    write(&root.join("b.txt"), "B");
    let a = root.join("a.txt");
    let also_a = root.join(".").join("a.txt");
    let loaded = load_paths(&[a.clone(), root.to_path_buf(), also_a]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["a.txt", "b.txt"]
    );
    // The path kept is the first one it was reached by.
    assert_eq!(loaded.docs[0].path, a);
    assert_eq!(loaded.problems().count(), 0);
    // Naming the directory twice is not "no articles" the second time.
    let loaded = load_paths(&[root.to_path_buf(), root.to_path_buf()]).expect("loads");
    assert_eq!(loaded.docs.len(), 2);
}

#[cfg(unix)]
#[test]
fn links_are_followed_inside_the_named_folders_only() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    write(&root.join("a.txt"), "A");
    write(&root.join("sub/b.txt"), "B");
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere.join("secret.txt"), "outside");
    // A link to a file inside: the same file, loaded once.
    symlink(root.join("a.txt"), root.join("link-to-a.txt")).expect("symlink");
    // A link to the filesystem root and one outside the named folder.
    symlink("/", root.join("slash")).expect("symlink");
    symlink(&elsewhere, root.join("out")).expect("symlink");
    // A loop back to the named folder.
    symlink(&root, root.join("sub/loop")).expect("symlink");

    let loaded = load_paths(std::slice::from_ref(&root)).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["a.txt", "b.txt"]
    );
    let outside: Vec<_> = loaded
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::OutsideRoots)
        .map(|s| s.path.clone())
        .collect();
    assert_eq!(outside, vec![root.join("out"), root.join("slash")]);
    assert!(loaded.skipped.iter().all(|s| !s.path.starts_with("/usr")));

    // Naming the outside folder too brings its files in, through the link.
    let loaded = load_paths(&[root.clone(), elsewhere.clone()]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["a.txt", "secret.txt", "b.txt"]
    );
}

#[cfg(unix)]
#[test]
fn fifos_are_skipped_not_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("a.txt"), "A");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());

    // Inside a folder: skipped with a message.
    let loaded = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(
        names(loaded.docs.iter().map(|d| d.path.clone())),
        vec!["a.txt"]
    );
    let problems: Vec<_> = loaded.problems().collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].reason, SkipReason::NotRegular("a FIFO"));
    assert!(problems[0].to_string().contains("a FIFO, not a file"));

    // Named directly: skipped too, without waiting for a writer.
    let loaded = load_paths(std::slice::from_ref(&fifo)).expect("not an error");
    assert!(loaded.docs.is_empty());
    assert_eq!(loaded.skipped[0].reason, SkipReason::NotRegular("a FIFO"));
    // And a device.
    let loaded = load_paths(&[PathBuf::from("/dev/zero")]).expect("not an error");
    assert_eq!(loaded.skipped[0].reason, SkipReason::NotRegular("a device"));
}
